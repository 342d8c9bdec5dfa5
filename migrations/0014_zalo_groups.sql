CREATE TABLE `zalo_groups` (
	`group_id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`village_id` text,
	`status` text NOT NULL,
	`status_reason` text,
	`status_changed_at` integer,
	`zalo_status` text,
	`member_count` integer,
	`max_members` integer,
	`last_sync_at` integer,
	`last_event` text,
	`last_event_at` integer,
	`updated_at` integer NOT NULL
);
