CREATE TABLE `session_revocations` (
	`user_key` text PRIMARY KEY NOT NULL,
	`valid_after` integer NOT NULL
);
