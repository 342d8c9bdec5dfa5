CREATE TABLE `commune_versions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`actor` text NOT NULL,
	`section` text NOT NULL,
	`summary` text NOT NULL,
	`doc` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `commune_versions_at_idx` ON `commune_versions` (`at`);--> statement-breakpoint
CREATE TABLE `staff_code_failures` (
	`subject` text PRIMARY KEY NOT NULL,
	`window_start` integer NOT NULL,
	`failures` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `staff_link_codes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`person_key` text NOT NULL,
	`salt` text NOT NULL,
	`code_hash` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer
);
--> statement-breakpoint
CREATE INDEX `staff_link_codes_person_idx` ON `staff_link_codes` (`person_key`);--> statement-breakpoint
CREATE INDEX `staff_link_codes_expires_idx` ON `staff_link_codes` (`expires_at`);