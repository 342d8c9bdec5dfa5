CREATE TABLE `team_schedule_seed` (
	`id` integer PRIMARY KEY NOT NULL,
	`at` integer NOT NULL,
	`source` text NOT NULL
);
--> statement-breakpoint
DROP INDEX `team_sessions_uq`;--> statement-breakpoint
ALTER TABLE `team_sessions` ADD `status` text DEFAULT 'scheduled' NOT NULL;--> statement-breakpoint
ALTER TABLE `team_sessions` ADD `cancelled_at` integer;--> statement-breakpoint
ALTER TABLE `team_sessions` ADD `cancel_reason` text;--> statement-breakpoint
ALTER TABLE `team_sessions` ADD `moved_from` text;--> statement-breakpoint
ALTER TABLE `team_sessions` ADD `updated_at` integer;--> statement-breakpoint
CREATE UNIQUE INDEX `team_sessions_uq` ON `team_sessions` (`village_id`,`date`,`start_time`) WHERE "team_sessions"."status" = 'scheduled';