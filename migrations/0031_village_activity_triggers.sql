-- Active households per village and day of their last change (agg_village_activity), kept in the same
-- transaction as every insert, status or village change, touch (updated_at) and deletion of a household,
-- whatever code path makes it. HouseholdsRepo.silentCounts reads it; the aggregates' check
-- (bot/reports/recompute.ts) recounts it from the households. Rows are created with NOT EXISTS (inside a
-- trigger the outer statement's conflict policy wins over OR IGNORE, see 0012).
INSERT INTO agg_village_activity (village_id, day, households)
SELECT village_id, updated_at / 86400000, count(*) FROM households WHERE status = 'active' GROUP BY village_id, updated_at / 86400000;
--> statement-breakpoint
CREATE TRIGGER activity_household_insert AFTER INSERT ON households WHEN NEW.status = 'active' BEGIN
  INSERT INTO agg_village_activity (village_id, day, households)
  SELECT NEW.village_id, NEW.updated_at / 86400000, 0
  WHERE NOT EXISTS (SELECT 1 FROM agg_village_activity WHERE village_id = NEW.village_id AND day = NEW.updated_at / 86400000);
  UPDATE agg_village_activity SET households = households + 1 WHERE village_id = NEW.village_id AND day = NEW.updated_at / 86400000;
END;
--> statement-breakpoint
CREATE TRIGGER activity_household_update AFTER UPDATE OF status, village_id, updated_at ON households
WHEN (OLD.status = 'active' OR NEW.status = 'active')
  AND (OLD.status IS NOT NEW.status OR OLD.village_id IS NOT NEW.village_id OR OLD.updated_at / 86400000 IS NOT NEW.updated_at / 86400000)
BEGIN
  UPDATE agg_village_activity SET households = households - 1 WHERE OLD.status = 'active' AND village_id = OLD.village_id AND day = OLD.updated_at / 86400000;
  INSERT INTO agg_village_activity (village_id, day, households)
  SELECT NEW.village_id, NEW.updated_at / 86400000, 0
  WHERE NEW.status = 'active' AND NOT EXISTS (SELECT 1 FROM agg_village_activity WHERE village_id = NEW.village_id AND day = NEW.updated_at / 86400000);
  UPDATE agg_village_activity SET households = households + 1 WHERE NEW.status = 'active' AND village_id = NEW.village_id AND day = NEW.updated_at / 86400000;
END;
--> statement-breakpoint
CREATE TRIGGER activity_household_delete AFTER DELETE ON households WHEN OLD.status = 'active' BEGIN
  UPDATE agg_village_activity SET households = households - 1 WHERE village_id = OLD.village_id AND day = OLD.updated_at / 86400000;
END;
