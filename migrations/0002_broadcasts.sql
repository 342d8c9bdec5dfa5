CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`actor` text NOT NULL,
	`action` text NOT NULL,
	`target` text,
	`details` text
);
--> statement-breakpoint
CREATE INDEX `audit_log_at_idx` ON `audit_log` (`at`);--> statement-breakpoint
CREATE TABLE `broadcast_deliveries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`broadcast_id` integer NOT NULL,
	`target_kind` text NOT NULL,
	`target_id` text NOT NULL,
	`village_id` text,
	`channel` text NOT NULL,
	`reason` text NOT NULL,
	`outbox_id` integer,
	FOREIGN KEY (`broadcast_id`) REFERENCES `broadcasts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `broadcast_deliveries_uq` ON `broadcast_deliveries` (`broadcast_id`,`target_kind`,`target_id`);--> statement-breakpoint
CREATE INDEX `broadcast_deliveries_outbox_idx` ON `broadcast_deliveries` (`outbox_id`);--> statement-breakpoint
CREATE TABLE `broadcast_firings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`schedule_id` integer NOT NULL,
	`slot` integer NOT NULL,
	`fired_at` integer NOT NULL,
	`outcome` text NOT NULL,
	`broadcast_id` integer,
	FOREIGN KEY (`schedule_id`) REFERENCES `broadcast_schedules`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `broadcast_firings_uq` ON `broadcast_firings` (`schedule_id`,`slot`);--> statement-breakpoint
CREATE TABLE `broadcast_schedules` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`cron` text NOT NULL,
	`enabled` integer DEFAULT true NOT NULL,
	`template` text,
	`audience` text,
	`updated_by` text NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `broadcast_schedules_kind_name_uq` ON `broadcast_schedules` (`kind`,`name`);--> statement-breakpoint
CREATE TABLE `broadcasts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`title` text NOT NULL,
	`text` text NOT NULL,
	`image_attachment_id` text,
	`audience` text NOT NULL,
	`status` text NOT NULL,
	`send_at` integer,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`queued_at` integer,
	`schedule_id` integer
);
--> statement-breakpoint
CREATE TABLE `message_receipts` (
	`message_id` text PRIMARY KEY NOT NULL,
	`received_at` integer,
	`seen_at` integer
);
--> statement-breakpoint
CREATE TABLE `nudge_log` (
	`target_id` text NOT NULL,
	`week` text NOT NULL,
	`criterion_id` text NOT NULL,
	`sent_at` integer NOT NULL,
	PRIMARY KEY(`target_id`, `week`)
);
--> statement-breakpoint
CREATE TABLE `opt_outs` (
	`user_id` text PRIMARY KEY NOT NULL,
	`at` integer NOT NULL
);
