CREATE TABLE `agg_village_activity` (
	`village_id` text NOT NULL,
	`day` integer NOT NULL,
	`households` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`village_id`, `day`)
);
