CREATE TABLE `guide_versions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`guide_id` text NOT NULL,
	`version` integer NOT NULL,
	`doc` text NOT NULL,
	`hash` text NOT NULL,
	`source` text NOT NULL,
	`actor` text NOT NULL,
	`at` integer NOT NULL,
	`note` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `guide_versions_uq` ON `guide_versions` (`guide_id`,`version`);--> statement-breakpoint
CREATE TABLE `guides` (
	`id` text PRIMARY KEY NOT NULL,
	`current_version` integer NOT NULL,
	`shipped_hash` text NOT NULL,
	`pending_version` integer,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `legal_tips` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`title` text NOT NULL,
	`text` text NOT NULL,
	`position` integer NOT NULL,
	`retired_at` integer,
	`created_at` integer NOT NULL,
	`created_by` text NOT NULL,
	`updated_at` integer NOT NULL,
	`updated_by` text NOT NULL
);
