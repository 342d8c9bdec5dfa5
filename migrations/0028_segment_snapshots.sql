CREATE TABLE `snapshot_segment_villages` (
	`week` text NOT NULL,
	`segment_id` text NOT NULL,
	`village_id` text NOT NULL,
	`members` integer NOT NULL,
	`awaiting` integer NOT NULL,
	`fully_met` integer NOT NULL,
	`fully_met_verified` integer NOT NULL,
	PRIMARY KEY(`week`, `segment_id`, `village_id`)
);
--> statement-breakpoint
CREATE TABLE `snapshot_segments` (
	`week` text NOT NULL,
	`segment_id` text NOT NULL,
	`name` text NOT NULL,
	`target_percent` integer NOT NULL,
	`position` integer NOT NULL,
	PRIMARY KEY(`week`, `segment_id`)
);
