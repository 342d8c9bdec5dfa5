CREATE TABLE `console_logins` (
	`id_hash` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`poll_hash` text,
	`app_user_id` text,
	`name` text,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`approved_at` integer,
	`consumed_at` integer
);
--> statement-breakpoint
CREATE INDEX `console_logins_expires_idx` ON `console_logins` (`expires_at`);--> statement-breakpoint
CREATE TABLE `console_sessions` (
	`sid` text PRIMARY KEY NOT NULL,
	`app_user_id` text NOT NULL,
	`name` text,
	`via` text NOT NULL,
	`device` text,
	`created_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	`last_seen_at` integer NOT NULL,
	`revoked_at` integer,
	`revoked_by` text
);
--> statement-breakpoint
CREATE INDEX `console_sessions_user_idx` ON `console_sessions` (`app_user_id`);--> statement-breakpoint
CREATE INDEX `console_sessions_ends_idx` ON `console_sessions` (`ends_at`);