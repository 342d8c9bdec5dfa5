-- Hand-off tickets follow their hand-off or question in the same transaction (issue 14).
-- The assignee at first is the hand-off's contact; bot/chat/handoff-service.ts writes its role as
-- "tình nguyện viên…", "trưởng <thôn|bản|…>" or "cán bộ xã".
CREATE TRIGGER `tickets_on_handoff` AFTER INSERT ON `handoffs`
BEGIN
  INSERT INTO `tickets` (`source`, `source_id`, `user_id`, `village_id`, `status`, `assignee_role`, `assignee_name`, `created_at`, `updated_at`)
  VALUES ('handoff', NEW.`id`, NEW.`user_id`, NEW.`village_id`, 'new',
    CASE WHEN NEW.`contact_role` LIKE 'tình nguyện viên%' THEN 'volunteer' WHEN NEW.`contact_role` LIKE 'trưởng %' THEN 'village_head' ELSE 'officer' END,
    NEW.`contact_name`, NEW.`created_at`, NEW.`created_at`)
  ON CONFLICT (`source`, `source_id`) DO NOTHING;
END;
--> statement-breakpoint
CREATE TRIGGER `tickets_on_handoff_answered` AFTER UPDATE OF `answered_at` ON `handoffs`
WHEN NEW.`answered_at` IS NOT NULL AND OLD.`answered_at` IS NULL
BEGIN
  UPDATE `tickets` SET `answered_at` = coalesce(`answered_at`, NEW.`answered_at`),
    `status` = CASE WHEN `status` = 'new' THEN 'in_progress' ELSE `status` END,
    `updated_at` = max(`updated_at`, NEW.`answered_at`)
  WHERE `source` = 'handoff' AND `source_id` = NEW.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `tickets_on_handoff_user` AFTER UPDATE OF `user_id` ON `handoffs`
BEGIN
  UPDATE `tickets` SET `user_id` = NEW.`user_id` WHERE `source` = 'handoff' AND `source_id` = NEW.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `tickets_on_handoff_deleted` AFTER DELETE ON `handoffs`
BEGIN
  DELETE FROM `tickets` WHERE `source` = 'handoff' AND `source_id` = OLD.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `tickets_on_question` AFTER INSERT ON `unmatched_questions`
BEGIN
  INSERT INTO `tickets` (`source`, `source_id`, `user_id`, `village_id`, `status`, `created_at`, `updated_at`)
  VALUES ('question', NEW.`id`, NEW.`user_id`, (SELECT `village_id` FROM `conversations` WHERE `user_id` = NEW.`user_id`), 'new', NEW.`created_at`, NEW.`created_at`)
  ON CONFLICT (`source`, `source_id`) DO NOTHING;
END;
--> statement-breakpoint
CREATE TRIGGER `tickets_on_question_resolved` AFTER UPDATE OF `resolved_at` ON `unmatched_questions`
WHEN NEW.`resolved_at` IS NOT NULL
BEGIN
  UPDATE `tickets` SET `status` = 'done', `closed_at` = coalesce(`closed_at`, NEW.`resolved_at`), `closed_by` = coalesce(`closed_by`, NEW.`resolved_by`),
    `updated_at` = max(`updated_at`, NEW.`resolved_at`)
  WHERE `source` = 'question' AND `source_id` = NEW.`id` AND `status` <> 'done';
END;
--> statement-breakpoint
CREATE TRIGGER `tickets_on_question_user` AFTER UPDATE OF `user_id` ON `unmatched_questions`
BEGIN
  UPDATE `tickets` SET `user_id` = NEW.`user_id` WHERE `source` = 'question' AND `source_id` = NEW.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `tickets_on_question_deleted` AFTER DELETE ON `unmatched_questions`
BEGIN
  DELETE FROM `tickets` WHERE `source` = 'question' AND `source_id` = OLD.`id`;
END;
--> statement-breakpoint
-- What existed before: answered hand-offs and resolved questions are history (done), the rest is new.
INSERT INTO `tickets` (`source`, `source_id`, `user_id`, `village_id`, `status`, `assignee_role`, `assignee_name`, `created_at`, `updated_at`, `answered_at`, `closed_at`)
SELECT 'handoff', `id`, `user_id`, `village_id`, CASE WHEN `answered_at` IS NULL THEN 'new' ELSE 'done' END,
  CASE WHEN `contact_role` LIKE 'tình nguyện viên%' THEN 'volunteer' WHEN `contact_role` LIKE 'trưởng %' THEN 'village_head' ELSE 'officer' END,
  `contact_name`, `created_at`, coalesce(`answered_at`, `created_at`), `answered_at`, `answered_at`
FROM `handoffs` WHERE true
ON CONFLICT (`source`, `source_id`) DO NOTHING;
--> statement-breakpoint
INSERT INTO `tickets` (`source`, `source_id`, `user_id`, `village_id`, `status`, `created_at`, `updated_at`, `closed_at`, `closed_by`)
SELECT 'question', q.`id`, q.`user_id`, c.`village_id`, CASE WHEN q.`resolved_at` IS NULL THEN 'new' ELSE 'done' END, q.`created_at`, coalesce(q.`resolved_at`, q.`created_at`), q.`resolved_at`, q.`resolved_by`
FROM `unmatched_questions` q LEFT JOIN `conversations` c ON c.`user_id` = q.`user_id` WHERE true
ON CONFLICT (`source`, `source_id`) DO NOTHING;
