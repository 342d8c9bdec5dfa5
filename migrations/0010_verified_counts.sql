CREATE TABLE `agg_criterion_rules` (
	`criterion_id` text PRIMARY KEY NOT NULL,
	`pillar` text NOT NULL,
	`restricted` integer NOT NULL,
	`business` integer NOT NULL,
	`producer` integer NOT NULL,
	`may_decline` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `agg_village` ADD `fully_met_verified` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `households` ADD `vf_all` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `households` ADD `vf_cq` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `households` ADD `vf_kt` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `households` ADD `vf_xh` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `snapshot_villages` ADD `fully_met_verified` integer;--> statement-breakpoint
ALTER TABLE `weekly_snapshots` ADD `basis` text DEFAULT 'self_declared' NOT NULL;