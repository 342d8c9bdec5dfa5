CREATE TABLE `outbox_pauses` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`source` text NOT NULL,
	`code` integer,
	`message` text NOT NULL,
	`since` integer NOT NULL,
	`paused_by` text,
	`notified_at` integer,
	`resumed_at` integer,
	`resumed_by` text
);
--> statement-breakpoint
CREATE INDEX `outbox_pauses_resumed_idx` ON `outbox_pauses` (`resumed_at`);