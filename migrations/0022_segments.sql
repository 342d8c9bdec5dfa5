CREATE TABLE `household_segments` (
	`household_id` integer NOT NULL,
	`segment_id` text NOT NULL,
	`declared` integer DEFAULT 0 NOT NULL,
	`declared_at` integer,
	`declared_by` text,
	`decision` text,
	`decided_at` integer,
	`decided_by` text,
	PRIMARY KEY(`household_id`, `segment_id`),
	FOREIGN KEY (`household_id`) REFERENCES `households`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`segment_id`) REFERENCES `segments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `household_segments_segment_idx` ON `household_segments` (`segment_id`,`household_id`,`declared`,`decision`);--> statement-breakpoint
CREATE TABLE `segments` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`target_percent` integer NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
