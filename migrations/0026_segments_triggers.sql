-- Segment progress kept per segment and village (agg_segment_village) in the same transaction as every
-- change of a membership (household_segments) or of a household's "đạt" (met = applicable), verified
-- "đạt" (vf_all), status or village, whatever code path makes it. A member: declared and not rejected
-- by the head, or confirmed by the head (bot/segments/segments-repo.ts MEMBER_SQL, the same rule).
-- SegmentsRepo.recount() is the grouped query over the raw rows that checks these counts.
-- Inside a trigger the outer statement's conflict policy wins over OR IGNORE (see 0012): rows are
-- created with NOT EXISTS instead.
INSERT INTO agg_segment_village (segment_id, village_id, members, awaiting, fully_met, fully_met_verified)
SELECT hs.segment_id, h.village_id, count(*),
  sum(hs.declared = 1 AND hs.decision IS NULL), sum(h.met = h.applicable), sum(h.vf_all = 1)
FROM household_segments hs JOIN households h ON h.id = hs.household_id
WHERE h.status = 'active' AND ((hs.declared = 1 AND IFNULL(hs.decision, '') <> 'rejected') OR IFNULL(hs.decision, '') = 'confirmed')
GROUP BY hs.segment_id, h.village_id;
--> statement-breakpoint
CREATE TRIGGER seg_member_insert AFTER INSERT ON household_segments BEGIN
  INSERT INTO agg_segment_village (segment_id, village_id)
  SELECT NEW.segment_id, h.village_id FROM households h
  WHERE h.id = NEW.household_id AND h.status = 'active'
    AND NOT EXISTS (SELECT 1 FROM agg_segment_village a WHERE a.segment_id = NEW.segment_id AND a.village_id = h.village_id);
  UPDATE agg_segment_village SET
    members = agg_segment_village.members + m.member,
    awaiting = agg_segment_village.awaiting + m.awaiting,
    fully_met = agg_segment_village.fully_met + m.fm,
    fully_met_verified = agg_segment_village.fully_met_verified + m.vf
  FROM (SELECT h.village_id AS village_id, ((NEW.declared = 1 AND IFNULL(NEW.decision, '') <> 'rejected') OR IFNULL(NEW.decision, '') = 'confirmed') AS member, (NEW.declared = 1 AND NEW.decision IS NULL) AS awaiting,
          (((NEW.declared = 1 AND IFNULL(NEW.decision, '') <> 'rejected') OR IFNULL(NEW.decision, '') = 'confirmed') AND h.met = h.applicable) AS fm, (((NEW.declared = 1 AND IFNULL(NEW.decision, '') <> 'rejected') OR IFNULL(NEW.decision, '') = 'confirmed') AND h.vf_all = 1) AS vf
        FROM households h WHERE h.id = NEW.household_id AND h.status = 'active') AS m
  WHERE agg_segment_village.segment_id = NEW.segment_id AND agg_segment_village.village_id = m.village_id;
END;
--> statement-breakpoint
CREATE TRIGGER seg_member_delete AFTER DELETE ON household_segments BEGIN
  UPDATE agg_segment_village SET
    members = agg_segment_village.members - m.member,
    awaiting = agg_segment_village.awaiting - m.awaiting,
    fully_met = agg_segment_village.fully_met - m.fm,
    fully_met_verified = agg_segment_village.fully_met_verified - m.vf
  FROM (SELECT h.village_id AS village_id, ((OLD.declared = 1 AND IFNULL(OLD.decision, '') <> 'rejected') OR IFNULL(OLD.decision, '') = 'confirmed') AS member, (OLD.declared = 1 AND OLD.decision IS NULL) AS awaiting,
          (((OLD.declared = 1 AND IFNULL(OLD.decision, '') <> 'rejected') OR IFNULL(OLD.decision, '') = 'confirmed') AND h.met = h.applicable) AS fm, (((OLD.declared = 1 AND IFNULL(OLD.decision, '') <> 'rejected') OR IFNULL(OLD.decision, '') = 'confirmed') AND h.vf_all = 1) AS vf
        FROM households h WHERE h.id = OLD.household_id AND h.status = 'active') AS m
  WHERE agg_segment_village.segment_id = OLD.segment_id AND agg_segment_village.village_id = m.village_id;
END;
--> statement-breakpoint
CREATE TRIGGER seg_member_update AFTER UPDATE OF declared, decision ON household_segments
WHEN OLD.declared IS NOT NEW.declared OR OLD.decision IS NOT NEW.decision
BEGIN
  UPDATE agg_segment_village SET
    members = agg_segment_village.members - m.member,
    awaiting = agg_segment_village.awaiting - m.awaiting,
    fully_met = agg_segment_village.fully_met - m.fm,
    fully_met_verified = agg_segment_village.fully_met_verified - m.vf
  FROM (SELECT h.village_id AS village_id, ((OLD.declared = 1 AND IFNULL(OLD.decision, '') <> 'rejected') OR IFNULL(OLD.decision, '') = 'confirmed') AS member, (OLD.declared = 1 AND OLD.decision IS NULL) AS awaiting,
          (((OLD.declared = 1 AND IFNULL(OLD.decision, '') <> 'rejected') OR IFNULL(OLD.decision, '') = 'confirmed') AND h.met = h.applicable) AS fm, (((OLD.declared = 1 AND IFNULL(OLD.decision, '') <> 'rejected') OR IFNULL(OLD.decision, '') = 'confirmed') AND h.vf_all = 1) AS vf
        FROM households h WHERE h.id = OLD.household_id AND h.status = 'active') AS m
  WHERE agg_segment_village.segment_id = OLD.segment_id AND agg_segment_village.village_id = m.village_id;
  INSERT INTO agg_segment_village (segment_id, village_id)
  SELECT NEW.segment_id, h.village_id FROM households h
  WHERE h.id = NEW.household_id AND h.status = 'active'
    AND NOT EXISTS (SELECT 1 FROM agg_segment_village a WHERE a.segment_id = NEW.segment_id AND a.village_id = h.village_id);
  UPDATE agg_segment_village SET
    members = agg_segment_village.members + m.member,
    awaiting = agg_segment_village.awaiting + m.awaiting,
    fully_met = agg_segment_village.fully_met + m.fm,
    fully_met_verified = agg_segment_village.fully_met_verified + m.vf
  FROM (SELECT h.village_id AS village_id, ((NEW.declared = 1 AND IFNULL(NEW.decision, '') <> 'rejected') OR IFNULL(NEW.decision, '') = 'confirmed') AS member, (NEW.declared = 1 AND NEW.decision IS NULL) AS awaiting,
          (((NEW.declared = 1 AND IFNULL(NEW.decision, '') <> 'rejected') OR IFNULL(NEW.decision, '') = 'confirmed') AND h.met = h.applicable) AS fm, (((NEW.declared = 1 AND IFNULL(NEW.decision, '') <> 'rejected') OR IFNULL(NEW.decision, '') = 'confirmed') AND h.vf_all = 1) AS vf
        FROM households h WHERE h.id = NEW.household_id AND h.status = 'active') AS m
  WHERE agg_segment_village.segment_id = NEW.segment_id AND agg_segment_village.village_id = m.village_id;
END;
--> statement-breakpoint
CREATE TRIGGER seg_household_update AFTER UPDATE OF met, applicable, vf_all, status, village_id ON households
WHEN ((OLD.met = OLD.applicable) IS NOT (NEW.met = NEW.applicable) OR OLD.vf_all IS NOT NEW.vf_all OR OLD.status IS NOT NEW.status OR OLD.village_id IS NOT NEW.village_id)
  AND EXISTS (SELECT 1 FROM household_segments x WHERE x.household_id = NEW.id)
BEGIN
  UPDATE agg_segment_village SET
    members = agg_segment_village.members - m.member,
    awaiting = agg_segment_village.awaiting - m.awaiting,
    fully_met = agg_segment_village.fully_met - (m.member AND OLD.met = OLD.applicable),
    fully_met_verified = agg_segment_village.fully_met_verified - (m.member AND OLD.vf_all = 1)
  FROM (SELECT hs.segment_id AS segment_id, ((hs.declared = 1 AND IFNULL(hs.decision, '') <> 'rejected') OR IFNULL(hs.decision, '') = 'confirmed') AS member, (hs.declared = 1 AND hs.decision IS NULL) AS awaiting
        FROM household_segments hs WHERE hs.household_id = OLD.id) AS m
  WHERE OLD.status = 'active' AND agg_segment_village.village_id = OLD.village_id AND agg_segment_village.segment_id = m.segment_id;
  INSERT INTO agg_segment_village (segment_id, village_id)
  SELECT hs.segment_id, NEW.village_id FROM household_segments hs
  WHERE hs.household_id = NEW.id AND NEW.status = 'active'
    AND NOT EXISTS (SELECT 1 FROM agg_segment_village a WHERE a.segment_id = hs.segment_id AND a.village_id = NEW.village_id);
  UPDATE agg_segment_village SET
    members = agg_segment_village.members + m.member,
    awaiting = agg_segment_village.awaiting + m.awaiting,
    fully_met = agg_segment_village.fully_met + (m.member AND NEW.met = NEW.applicable),
    fully_met_verified = agg_segment_village.fully_met_verified + (m.member AND NEW.vf_all = 1)
  FROM (SELECT hs.segment_id AS segment_id, ((hs.declared = 1 AND IFNULL(hs.decision, '') <> 'rejected') OR IFNULL(hs.decision, '') = 'confirmed') AS member, (hs.declared = 1 AND hs.decision IS NULL) AS awaiting
        FROM household_segments hs WHERE hs.household_id = NEW.id) AS m
  WHERE NEW.status = 'active' AND agg_segment_village.village_id = NEW.village_id AND agg_segment_village.segment_id = m.segment_id;
END;
