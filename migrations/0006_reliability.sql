CREATE TABLE `process_lease` (
	`id` integer PRIMARY KEY NOT NULL,
	`owner` text NOT NULL,
	`pid` integer NOT NULL,
	`host` text NOT NULL,
	`acquired_at` integer NOT NULL,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `scheduler_cursors` (
	`name` text PRIMARY KEY NOT NULL,
	`last_slot` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `broadcast_schedules` ADD `seed_key` text;--> statement-breakpoint
CREATE UNIQUE INDEX `broadcast_schedules_seed_key_uq` ON `broadcast_schedules` (`seed_key`);