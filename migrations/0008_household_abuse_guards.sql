CREATE TABLE `code_failure_budget` (
	`kind` text PRIMARY KEY NOT NULL,
	`window_start` integer NOT NULL,
	`failures` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `invite_failures` (
	`app_user_id` text PRIMARY KEY NOT NULL,
	`window_start` integer NOT NULL,
	`failures` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `households` ADD `had_members` integer DEFAULT false NOT NULL;--> statement-breakpoint
UPDATE `households` SET `had_members` = 1 WHERE `id` IN (SELECT `household_id` FROM `household_members`) OR `id` IN (SELECT `household_id` FROM `answer_history` WHERE `actor_role` = 'household');
