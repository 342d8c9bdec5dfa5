ALTER TABLE `zalo_tokens` ADD `app_id` text;--> statement-breakpoint
ALTER TABLE `zalo_tokens` ADD `oa_id` text;