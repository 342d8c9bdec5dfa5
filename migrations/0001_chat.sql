CREATE TABLE `conversations` (
	`user_id` text PRIMARY KEY NOT NULL,
	`mode` text DEFAULT 'idle' NOT NULL,
	`guide_id` text,
	`step` integer,
	`guide_session_id` integer,
	`pending` text,
	`misses` integer DEFAULT 0 NOT NULL,
	`village_id` text,
	`silenced_until` integer,
	`welcomed_at` integer,
	`last_event_key` text,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `guide_phrasings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`guide_id` text NOT NULL,
	`text` text NOT NULL,
	`created_at` integer NOT NULL,
	`created_by` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `guide_phrasings_uq` ON `guide_phrasings` (`guide_id`,`text`);--> statement-breakpoint
CREATE TABLE `guide_sessions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` text NOT NULL,
	`guide_id` text NOT NULL,
	`step_count` integer NOT NULL,
	`max_step` integer NOT NULL,
	`started_at` integer NOT NULL,
	`last_step_at` integer NOT NULL,
	`finished_at` integer,
	`left_reason` text
);
--> statement-breakpoint
CREATE INDEX `guide_sessions_guide_idx` ON `guide_sessions` (`guide_id`,`started_at`);--> statement-breakpoint
CREATE INDEX `guide_sessions_user_idx` ON `guide_sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `handoffs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` text NOT NULL,
	`village_id` text,
	`reason` text NOT NULL,
	`question` text,
	`contact_name` text NOT NULL,
	`contact_role` text NOT NULL,
	`contact_phone` text,
	`created_at` integer NOT NULL,
	`answered_at` integer,
	`answered_by` text
);
--> statement-breakpoint
CREATE INDEX `handoffs_user_idx` ON `handoffs` (`user_id`,`id`);--> statement-breakpoint
CREATE TABLE `ratings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` text NOT NULL,
	`village_id` text,
	`subject` text NOT NULL,
	`subject_id` integer NOT NULL,
	`score` integer NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ratings_once_uq` ON `ratings` (`user_id`,`subject`,`subject_id`);--> statement-breakpoint
CREATE INDEX `ratings_village_idx` ON `ratings` (`village_id`);--> statement-breakpoint
CREATE TABLE `team_sessions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`village_id` text NOT NULL,
	`date` text NOT NULL,
	`start_time` text NOT NULL,
	`end_time` text NOT NULL,
	`place` text NOT NULL,
	`procedures` text NOT NULL,
	`papers` text NOT NULL,
	`note` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `team_sessions_uq` ON `team_sessions` (`village_id`,`date`,`start_time`);--> statement-breakpoint
CREATE INDEX `team_sessions_date_idx` ON `team_sessions` (`date`);--> statement-breakpoint
CREATE TABLE `unmatched_questions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` text NOT NULL,
	`text` text NOT NULL,
	`created_at` integer NOT NULL,
	`mapped_guide_id` text,
	`dismissed` integer DEFAULT false NOT NULL,
	`resolved_at` integer,
	`resolved_by` text
);
--> statement-breakpoint
CREATE INDEX `unmatched_open_idx` ON `unmatched_questions` (`resolved_at`,`id`);