CREATE TABLE `agg_segment_village` (
	`segment_id` text NOT NULL,
	`village_id` text NOT NULL,
	`members` integer DEFAULT 0 NOT NULL,
	`awaiting` integer DEFAULT 0 NOT NULL,
	`fully_met` integer DEFAULT 0 NOT NULL,
	`fully_met_verified` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`segment_id`, `village_id`)
);
