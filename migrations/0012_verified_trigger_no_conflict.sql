-- The village rows the verified count needs are created without INSERT OR IGNORE: inside a trigger,
-- the outer statement's conflict policy (an upsert's ABORT) overrides the trigger's OR IGNORE.
DROP TRIGGER vf_household_counts;
--> statement-breakpoint
CREATE TRIGGER vf_household_counts AFTER UPDATE OF vf_all, vf_cq, vf_kt, vf_xh, status, village_id ON households
WHEN OLD.vf_all IS NOT NEW.vf_all OR OLD.vf_cq IS NOT NEW.vf_cq OR OLD.vf_kt IS NOT NEW.vf_kt OR OLD.vf_xh IS NOT NEW.vf_xh
  OR OLD.status IS NOT NEW.status OR OLD.village_id IS NOT NEW.village_id
BEGIN
  UPDATE agg_village SET fully_met_verified = fully_met_verified - (CASE scope WHEN 'all' THEN OLD.vf_all WHEN 'chinh-quyen-so' THEN OLD.vf_cq WHEN 'kinh-te-so' THEN OLD.vf_kt WHEN 'xa-hoi-so' THEN OLD.vf_xh ELSE 0 END)
  WHERE village_id = OLD.village_id AND OLD.status = 'active';
  INSERT INTO agg_village (village_id, scope)
  SELECT NEW.village_id, s.column1 FROM (VALUES ('all'), ('chinh-quyen-so'), ('kinh-te-so'), ('xa-hoi-so')) s
  WHERE NEW.status = 'active' AND NOT EXISTS (SELECT 1 FROM agg_village x WHERE x.village_id = NEW.village_id AND x.scope = s.column1);
  UPDATE agg_village SET fully_met_verified = fully_met_verified + (CASE scope WHEN 'all' THEN NEW.vf_all WHEN 'chinh-quyen-so' THEN NEW.vf_cq WHEN 'kinh-te-so' THEN NEW.vf_kt WHEN 'xa-hoi-so' THEN NEW.vf_xh ELSE 0 END)
  WHERE village_id = NEW.village_id AND NEW.status = 'active';
END;
