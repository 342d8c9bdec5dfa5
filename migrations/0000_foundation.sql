CREATE TABLE `inbox_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`event_key` text NOT NULL,
	`event_name` text NOT NULL,
	`subject_id` text NOT NULL,
	`app_user_id` text,
	`raw` text NOT NULL,
	`status` text NOT NULL,
	`parse_error` text,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`num_retry` integer,
	`received_at` integer NOT NULL,
	`handled_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `inbox_events_event_key_uq` ON `inbox_events` (`event_key`);--> statement-breakpoint
CREATE INDEX `inbox_events_status_idx` ON `inbox_events` (`status`,`id`);--> statement-breakpoint
CREATE INDEX `inbox_events_subject_idx` ON `inbox_events` (`subject_id`,`status`,`id`);--> statement-breakpoint
CREATE TABLE `oauth_states` (
	`state` text PRIMARY KEY NOT NULL,
	`code_verifier` text NOT NULL,
	`redirect_uri` text NOT NULL,
	`created_at` integer NOT NULL,
	`used_at` integer
);
--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`dedupe_key` text NOT NULL,
	`channel` text NOT NULL,
	`recipient_id` text NOT NULL,
	`kind` text NOT NULL,
	`payload` text NOT NULL,
	`status` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`claimed_at` integer,
	`message_id` text,
	`error_code` integer,
	`error_message` text,
	`origin` text,
	`created_at` integer NOT NULL,
	`sent_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_dedupe_key_uq` ON `outbox` (`dedupe_key`);--> statement-breakpoint
CREATE INDEX `outbox_due_idx` ON `outbox` (`status`,`next_attempt_at`,`id`);--> statement-breakpoint
CREATE INDEX `outbox_recipient_idx` ON `outbox` (`recipient_id`,`status`,`id`);--> statement-breakpoint
CREATE TABLE `zalo_connection` (
	`id` integer PRIMARY KEY NOT NULL,
	`status` text NOT NULL,
	`reason` text,
	`changed_at` integer NOT NULL,
	`retry_at` integer,
	`lease_owner` text,
	`lease_until` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `zalo_tokens` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`access_token` text NOT NULL,
	`refresh_token` text NOT NULL,
	`access_expires_at` integer NOT NULL,
	`refresh_expires_at` integer NOT NULL,
	`source` text NOT NULL,
	`obtained_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `zalo_users` (
	`user_id` text PRIMARY KEY NOT NULL,
	`user_id_by_app` text,
	`is_follower` integer DEFAULT false NOT NULL,
	`last_interaction_at` integer,
	`first_seen_at` integer DEFAULT (unixepoch() * 1000) NOT NULL
);
