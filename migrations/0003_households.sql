CREATE TABLE `agg_village` (
	`village_id` text NOT NULL,
	`scope` text NOT NULL,
	`registered` integer DEFAULT 0 NOT NULL,
	`assessed` integer DEFAULT 0 NOT NULL,
	`fully_met` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`village_id`, `scope`)
);
--> statement-breakpoint
CREATE TABLE `agg_village_criterion` (
	`village_id` text NOT NULL,
	`criterion_id` text NOT NULL,
	`applicable` integer DEFAULT 0 NOT NULL,
	`met` integer DEFAULT 0 NOT NULL,
	`answered` integer DEFAULT 0 NOT NULL,
	`verified` integer DEFAULT 0 NOT NULL,
	`not_applicable` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`village_id`, `criterion_id`)
);
--> statement-breakpoint
CREATE TABLE `answer_history` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`household_id` integer NOT NULL,
	`criterion_id` text NOT NULL,
	`kind` text NOT NULL,
	`from_value` text,
	`to_value` text,
	`note` text,
	`actor` text NOT NULL,
	`actor_role` text NOT NULL,
	`at` integer NOT NULL,
	`idempotency_key` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `answer_history_household_idx` ON `answer_history` (`household_id`,`id`);--> statement-breakpoint
CREATE TABLE `answer_requests` (
	`household_id` integer NOT NULL,
	`idempotency_key` text NOT NULL,
	`fingerprint` text NOT NULL,
	`outcome` text NOT NULL,
	`at` integer NOT NULL,
	PRIMARY KEY(`household_id`, `idempotency_key`)
);
--> statement-breakpoint
CREATE TABLE `auth_keys` (
	`kid` text PRIMARY KEY NOT NULL,
	`secret` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `catalogue_versions` (
	`key` text PRIMARY KEY NOT NULL,
	`definition` text NOT NULL,
	`first_active_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `household_answers` (
	`household_id` integer NOT NULL,
	`criterion_id` text NOT NULL,
	`value` text NOT NULL,
	`note` text,
	`updated_at` integer NOT NULL,
	`updated_by` text NOT NULL,
	`verified_at` integer,
	`verified_by` text,
	PRIMARY KEY(`household_id`, `criterion_id`),
	FOREIGN KEY (`household_id`) REFERENCES `households`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `household_invites` (
	`code` text PRIMARY KEY NOT NULL,
	`household_id` integer NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`uses` integer DEFAULT 0 NOT NULL,
	`max_uses` integer NOT NULL,
	FOREIGN KEY (`household_id`) REFERENCES `households`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `household_invites_household_idx` ON `household_invites` (`household_id`);--> statement-breakpoint
CREATE TABLE `household_members` (
	`app_user_id` text PRIMARY KEY NOT NULL,
	`household_id` integer NOT NULL,
	`oa_user_id` text,
	`display_name` text,
	`joined_via` text NOT NULL,
	`joined_at` integer NOT NULL,
	FOREIGN KEY (`household_id`) REFERENCES `households`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `household_members_household_idx` ON `household_members` (`household_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `household_members_oa_uq` ON `household_members` (`oa_user_id`);--> statement-breakpoint
CREATE TABLE `households` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`village_id` text NOT NULL,
	`label` text NOT NULL,
	`is_business` integer DEFAULT false NOT NULL,
	`is_producer` integer DEFAULT false NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`created_at` integer NOT NULL,
	`created_by` text NOT NULL,
	`updated_at` integer NOT NULL,
	`applicable` integer DEFAULT 0 NOT NULL,
	`met` integer DEFAULT 0 NOT NULL,
	`answered` integer DEFAULT 0 NOT NULL,
	`cq_applicable` integer DEFAULT 0 NOT NULL,
	`cq_met` integer DEFAULT 0 NOT NULL,
	`cq_answered` integer DEFAULT 0 NOT NULL,
	`kt_applicable` integer DEFAULT 0 NOT NULL,
	`kt_met` integer DEFAULT 0 NOT NULL,
	`kt_answered` integer DEFAULT 0 NOT NULL,
	`xh_applicable` integer DEFAULT 0 NOT NULL,
	`xh_met` integer DEFAULT 0 NOT NULL,
	`xh_answered` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE INDEX `households_village_idx` ON `households` (`village_id`,`status`,`id`);--> statement-breakpoint
CREATE TABLE `households_meta` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `oa_link_codes` (
	`code` text PRIMARY KEY NOT NULL,
	`app_user_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer
);
--> statement-breakpoint
CREATE INDEX `oa_link_codes_user_idx` ON `oa_link_codes` (`app_user_id`);--> statement-breakpoint
CREATE TABLE `oa_link_failures` (
	`oa_user_id` text PRIMARY KEY NOT NULL,
	`window_start` integer NOT NULL,
	`failures` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `role_grants` (
	`app_user_id` text NOT NULL,
	`role` text NOT NULL,
	`village_id` text DEFAULT '' NOT NULL,
	`name` text,
	`granted_by` text NOT NULL,
	`granted_at` integer NOT NULL,
	PRIMARY KEY(`app_user_id`, `role`, `village_id`)
);
--> statement-breakpoint
CREATE TABLE `snapshot_criteria` (
	`week` text NOT NULL,
	`village_id` text NOT NULL,
	`criterion_id` text NOT NULL,
	`applicable` integer NOT NULL,
	`met` integer NOT NULL,
	`answered` integer NOT NULL,
	`verified` integer NOT NULL,
	`not_applicable` integer NOT NULL,
	PRIMARY KEY(`week`, `village_id`, `criterion_id`)
);
--> statement-breakpoint
CREATE TABLE `snapshot_villages` (
	`week` text NOT NULL,
	`village_id` text NOT NULL,
	`scope` text NOT NULL,
	`registered` integer NOT NULL,
	`official` integer,
	`assessed` integer NOT NULL,
	`fully_met` integer NOT NULL,
	PRIMARY KEY(`week`, `village_id`, `scope`)
);
--> statement-breakpoint
CREATE TABLE `village_reports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`village_id` text NOT NULL,
	`week` text NOT NULL,
	`smartphone_users` integer NOT NULL,
	`installed` integer NOT NULL,
	`activated` integer NOT NULL,
	`regular_users` integer NOT NULL,
	`difficulties` text DEFAULT '' NOT NULL,
	`proposals` text DEFAULT '' NOT NULL,
	`submitted_by` text NOT NULL,
	`first_submitted_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`due_at` integer NOT NULL,
	`revision` integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `village_reports_week_uq` ON `village_reports` (`village_id`,`week`);--> statement-breakpoint
CREATE INDEX `village_reports_week_idx` ON `village_reports` (`week`);--> statement-breakpoint
CREATE TABLE `weekly_snapshots` (
	`week` text PRIMARY KEY NOT NULL,
	`iso_year` integer NOT NULL,
	`iso_week` integer NOT NULL,
	`cutoff_at` integer NOT NULL,
	`frozen_at` integer NOT NULL,
	`trigger` text NOT NULL,
	`catalogue_key` text NOT NULL,
	`target_percent` integer NOT NULL
);
