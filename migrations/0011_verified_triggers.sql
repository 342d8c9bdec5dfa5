-- Verified "fully met" households (households.vf_*, agg_village.fully_met_verified), kept in the same
-- transaction as every change of an answer, a verification, a household's flags, village or status,
-- whatever code path makes it. A household is verified fully met in a scope when no criterion of the
-- scope applies to it (agg_criterion_rules, written from the catalogue by the recompute) without
-- being answered "đạt" and confirmed. bot/reports/recompute.ts recomputes the same in TypeScript and
-- checks these. The kept counts are rebuilt at the next start (the catalogue marker is cleared).
DELETE FROM households_meta WHERE key = 'aggregates_catalogue';
--> statement-breakpoint
-- Each (household, pillar) with a criterion that applies and is not met-and-confirmed.
CREATE VIEW household_verified_gaps AS
SELECT h.id AS household_id, r.pillar AS pillar
FROM households h
JOIN agg_criterion_rules r
LEFT JOIN household_answers a ON a.household_id = h.id AND a.criterion_id = r.criterion_id
WHERE (r.restricted = 0 OR (r.business = 1 AND h.is_business = 1) OR (r.producer = 1 AND h.is_producer = 1))
  AND NOT (IFNULL(a.value, '') = 'khong_ap_dung' AND r.may_decline = 1)
  AND NOT (IFNULL(a.value, '') = 'dat' AND a.verified_at IS NOT NULL);
--> statement-breakpoint
CREATE TRIGGER vf_answer_insert AFTER INSERT ON household_answers BEGIN
  UPDATE households SET
    vf_all = NOT EXISTS (SELECT 1 FROM household_verified_gaps g WHERE g.household_id = households.id),
    vf_cq = NOT EXISTS (SELECT 1 FROM household_verified_gaps g WHERE g.household_id = households.id AND g.pillar = 'chinh-quyen-so'),
    vf_kt = NOT EXISTS (SELECT 1 FROM household_verified_gaps g WHERE g.household_id = households.id AND g.pillar = 'kinh-te-so'),
    vf_xh = NOT EXISTS (SELECT 1 FROM household_verified_gaps g WHERE g.household_id = households.id AND g.pillar = 'xa-hoi-so')
  WHERE id = NEW.household_id;
END;
--> statement-breakpoint
CREATE TRIGGER vf_answer_update AFTER UPDATE OF value, verified_at ON household_answers BEGIN
  UPDATE households SET
    vf_all = NOT EXISTS (SELECT 1 FROM household_verified_gaps g WHERE g.household_id = households.id),
    vf_cq = NOT EXISTS (SELECT 1 FROM household_verified_gaps g WHERE g.household_id = households.id AND g.pillar = 'chinh-quyen-so'),
    vf_kt = NOT EXISTS (SELECT 1 FROM household_verified_gaps g WHERE g.household_id = households.id AND g.pillar = 'kinh-te-so'),
    vf_xh = NOT EXISTS (SELECT 1 FROM household_verified_gaps g WHERE g.household_id = households.id AND g.pillar = 'xa-hoi-so')
  WHERE id = NEW.household_id;
END;
--> statement-breakpoint
CREATE TRIGGER vf_answer_delete AFTER DELETE ON household_answers BEGIN
  UPDATE households SET
    vf_all = NOT EXISTS (SELECT 1 FROM household_verified_gaps g WHERE g.household_id = households.id),
    vf_cq = NOT EXISTS (SELECT 1 FROM household_verified_gaps g WHERE g.household_id = households.id AND g.pillar = 'chinh-quyen-so'),
    vf_kt = NOT EXISTS (SELECT 1 FROM household_verified_gaps g WHERE g.household_id = households.id AND g.pillar = 'kinh-te-so'),
    vf_xh = NOT EXISTS (SELECT 1 FROM household_verified_gaps g WHERE g.household_id = households.id AND g.pillar = 'xa-hoi-so')
  WHERE id = OLD.household_id;
END;
--> statement-breakpoint
CREATE TRIGGER vf_household_insert AFTER INSERT ON households BEGIN
  UPDATE households SET
    vf_all = NOT EXISTS (SELECT 1 FROM household_verified_gaps g WHERE g.household_id = households.id),
    vf_cq = NOT EXISTS (SELECT 1 FROM household_verified_gaps g WHERE g.household_id = households.id AND g.pillar = 'chinh-quyen-so'),
    vf_kt = NOT EXISTS (SELECT 1 FROM household_verified_gaps g WHERE g.household_id = households.id AND g.pillar = 'kinh-te-so'),
    vf_xh = NOT EXISTS (SELECT 1 FROM household_verified_gaps g WHERE g.household_id = households.id AND g.pillar = 'xa-hoi-so')
  WHERE id = NEW.id;
END;
--> statement-breakpoint
CREATE TRIGGER vf_household_flags AFTER UPDATE OF is_business, is_producer ON households BEGIN
  UPDATE households SET
    vf_all = NOT EXISTS (SELECT 1 FROM household_verified_gaps g WHERE g.household_id = households.id),
    vf_cq = NOT EXISTS (SELECT 1 FROM household_verified_gaps g WHERE g.household_id = households.id AND g.pillar = 'chinh-quyen-so'),
    vf_kt = NOT EXISTS (SELECT 1 FROM household_verified_gaps g WHERE g.household_id = households.id AND g.pillar = 'kinh-te-so'),
    vf_xh = NOT EXISTS (SELECT 1 FROM household_verified_gaps g WHERE g.household_id = households.id AND g.pillar = 'xa-hoi-so')
  WHERE id = NEW.id;
END;
--> statement-breakpoint
CREATE TRIGGER vf_household_counts AFTER UPDATE OF vf_all, vf_cq, vf_kt, vf_xh, status, village_id ON households
WHEN OLD.vf_all IS NOT NEW.vf_all OR OLD.vf_cq IS NOT NEW.vf_cq OR OLD.vf_kt IS NOT NEW.vf_kt OR OLD.vf_xh IS NOT NEW.vf_xh
  OR OLD.status IS NOT NEW.status OR OLD.village_id IS NOT NEW.village_id
BEGIN
  UPDATE agg_village SET fully_met_verified = fully_met_verified - (CASE scope WHEN 'all' THEN OLD.vf_all WHEN 'chinh-quyen-so' THEN OLD.vf_cq WHEN 'kinh-te-so' THEN OLD.vf_kt WHEN 'xa-hoi-so' THEN OLD.vf_xh ELSE 0 END)
  WHERE village_id = OLD.village_id AND OLD.status = 'active';
  INSERT OR IGNORE INTO agg_village (village_id, scope)
  SELECT NEW.village_id, s.column1 FROM (VALUES ('all'), ('chinh-quyen-so'), ('kinh-te-so'), ('xa-hoi-so')) s WHERE NEW.status = 'active';
  UPDATE agg_village SET fully_met_verified = fully_met_verified + (CASE scope WHEN 'all' THEN NEW.vf_all WHEN 'chinh-quyen-so' THEN NEW.vf_cq WHEN 'kinh-te-so' THEN NEW.vf_kt WHEN 'xa-hoi-so' THEN NEW.vf_xh ELSE 0 END)
  WHERE village_id = NEW.village_id AND NEW.status = 'active';
END;
--> statement-breakpoint
CREATE TRIGGER vf_household_delete AFTER DELETE ON households WHEN OLD.status = 'active' BEGIN
  UPDATE agg_village SET fully_met_verified = fully_met_verified - (CASE scope WHEN 'all' THEN OLD.vf_all WHEN 'chinh-quyen-so' THEN OLD.vf_cq WHEN 'kinh-te-so' THEN OLD.vf_kt WHEN 'xa-hoi-so' THEN OLD.vf_xh ELSE 0 END) WHERE village_id = OLD.village_id;
END;
