import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

/**
 * Households and the "Gia đình số" criteria: identity, answers with history, per-village aggregates
 * kept in the same transaction as each answer, weekly snapshots, village heads' Friday reports.
 * Times are epoch milliseconds; village ids come from the commune config.
 */

/** A household of a village. Labelled by the family ("Hộ ông Nguyễn Văn A, xóm 2"), never by ID numbers. */
export const households = sqliteTable(
  "households",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    villageId: text("village_id").notNull(),
    label: text("label").notNull(),
    isBusiness: integer("is_business", { mode: "boolean" }).notNull().default(false),
    isProducer: integer("is_producer", { mode: "boolean" }).notNull().default(false),
    /** archived households (moved away, merged) leave every count. */
    status: text("status", { enum: ["active", "archived"] }).notNull().default("active"),
    createdAt: integer("created_at").notNull(),
    createdBy: text("created_by").notNull(),
    updatedAt: integer("updated_at").notNull(),
    /**
     * Progress under the active catalogue, kept with the aggregates: criteria that apply, met,
     * answered (đạt or chưa đạt), overall and per pillar (cq = chính quyền số, kt = kinh tế số,
     * xh = xã hội số). Lets an answer change update the village's household counts in O(1).
     */
    applicable: integer("applicable").notNull().default(0),
    met: integer("met").notNull().default(0),
    answered: integer("answered").notNull().default(0),
    cqApplicable: integer("cq_applicable").notNull().default(0),
    cqMet: integer("cq_met").notNull().default(0),
    cqAnswered: integer("cq_answered").notNull().default(0),
    ktApplicable: integer("kt_applicable").notNull().default(0),
    ktMet: integer("kt_met").notNull().default(0),
    ktAnswered: integer("kt_answered").notNull().default(0),
    xhApplicable: integer("xh_applicable").notNull().default(0),
    xhMet: integer("xh_met").notNull().default(0),
    xhAnswered: integer("xh_answered").notNull().default(0),
    /**
     * Someone was a member once. Active, no member now and this set: the household was left (the
     * village head checks it before it counts). Households registered door to door never had one.
     */
    hadMembers: integer("had_members", { mode: "boolean" }).notNull().default(false),
    /**
     * Verified "fully met" (0/1) overall and per pillar: every criterion that applies is met and
     * confirmed by the village head or an officer. Kept by SQLite triggers from the answers and
     * `agg_criterion_rules` (migration verified_counts), in the same transaction as each change.
     */
    vfAll: integer("vf_all").notNull().default(0),
    vfCq: integer("vf_cq").notNull().default(0),
    vfKt: integer("vf_kt").notNull().default(0),
    vfXh: integer("vf_xh").notNull().default(0),
  },
  (t) => [index("households_village_idx").on(t.villageId, t.status, t.id), index("households_silent_idx").on(t.status, t.villageId, t.updatedAt)],
);

/** A Zalo user (mini-app-scoped id) linked to one household; one household at most per user. */
export const householdMembers = sqliteTable(
  "household_members",
  {
    appUserId: text("app_user_id").primaryKey(),
    householdId: integer("household_id")
      .notNull()
      .references(() => households.id),
    /** The same person's OA-scoped id, once linked (user_id_by_app in an OA event, or a 6-digit code). */
    oaUserId: text("oa_user_id"),
    displayName: text("display_name"),
    joinedVia: text("joined_via", { enum: ["register", "invite"] }).notNull(),
    joinedAt: integer("joined_at").notNull(),
  },
  (t) => [index("household_members_household_idx").on(t.householdId), uniqueIndex("household_members_oa_uq").on(t.oaUserId)],
);

/** Invite codes a member or the village head gives to the rest of the family. */
export const householdInvites = sqliteTable(
  "household_invites",
  {
    code: text("code").primaryKey(),
    householdId: integer("household_id")
      .notNull()
      .references(() => households.id),
    createdBy: text("created_by").notNull(),
    createdAt: integer("created_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
    uses: integer("uses").notNull().default(0),
    maxUses: integer("max_uses").notNull(),
  },
  (t) => [index("household_invites_household_idx").on(t.householdId)],
);

/** The current answer of a household to a criterion. */
export const householdAnswers = sqliteTable(
  "household_answers",
  {
    householdId: integer("household_id")
      .notNull()
      .references(() => households.id),
    criterionId: text("criterion_id").notNull(),
    value: text("value", { enum: ["dat", "chua_dat", "khong_ap_dung"] }).notNull(),
    note: text("note"),
    updatedAt: integer("updated_at").notNull(),
    updatedBy: text("updated_by").notNull(),
    /** The village head (or an officer) confirmed it; cleared when the value changes. */
    verifiedAt: integer("verified_at"),
    verifiedBy: text("verified_by"),
  },
  (t) => [primaryKey({ columns: [t.householdId, t.criterionId] })],
);

/** Every change of an answer or of its verification: who, when, from, to. */
export const answerHistory = sqliteTable(
  "answer_history",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    householdId: integer("household_id").notNull(),
    criterionId: text("criterion_id").notNull(),
    kind: text("kind", { enum: ["answer", "verify", "unverify"] }).notNull(),
    fromValue: text("from_value"),
    toValue: text("to_value"),
    note: text("note"),
    actor: text("actor").notNull(),
    actorRole: text("actor_role", { enum: ["household", "village_head", "officer"] }).notNull(),
    at: integer("at").notNull(),
    idempotencyKey: text("idempotency_key").notNull(),
  },
  (t) => [index("answer_history_household_idx").on(t.householdId, t.id)],
);

/** Client idempotency keys per household: a key seen once is answered from here and changes nothing. */
export const answerRequests = sqliteTable(
  "answer_requests",
  {
    householdId: integer("household_id").notNull(),
    idempotencyKey: text("idempotency_key").notNull(),
    /** What the key asked for (kind, criterion, value, note): the same key with other content is refused. */
    fingerprint: text("fingerprint").notNull(),
    outcome: text("outcome", { enum: ["changed", "unchanged"] }).notNull(),
    at: integer("at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.householdId, t.idempotencyKey] })],
);

/** Per village and criterion, over active households: kept in the same transaction as each answer. */
export const aggVillageCriterion = sqliteTable(
  "agg_village_criterion",
  {
    villageId: text("village_id").notNull(),
    criterionId: text("criterion_id").notNull(),
    applicable: integer("applicable").notNull().default(0),
    met: integer("met").notNull().default(0),
    answered: integer("answered").notNull().default(0),
    verified: integer("verified").notNull().default(0),
    /** Households out of the count: by their flags or answering "không áp dụng". */
    notApplicable: integer("not_applicable").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.villageId, t.criterionId] })],
);

/** Per village, overall (`scope` = "all") and per pillar: household counts. */
export const aggVillage = sqliteTable(
  "agg_village",
  {
    villageId: text("village_id").notNull(),
    scope: text("scope").notNull(),
    registered: integer("registered").notNull().default(0),
    /** Households that answered every criterion that applies to them (in the scope). */
    assessed: integer("assessed").notNull().default(0),
    /** Households meeting every criterion that applies to them (in the scope): "đạt Gia đình số". */
    fullyMet: integer("fully_met").notNull().default(0),
    /** Of those, households whose every applicable criterion is confirmed (kept by triggers, see households.vf_*). */
    fullyMetVerified: integer("fully_met_verified").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.villageId, t.scope] })],
);

/**
 * Active households per village and day (UTC, `updated_at / 86,400,000`) of their last change, kept by
 * triggers on `households` (migration 0031): "silent for N weeks" is a sum over a few hundred rows and
 * one day's index range, not a count over every household.
 */
export const aggVillageActivity = sqliteTable(
  "agg_village_activity",
  {
    villageId: text("village_id").notNull(),
    day: integer("day").notNull(),
    households: integer("households").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.villageId, t.day] })],
);

/**
 * The active catalogue's applicability rules, in the form the verified-count triggers read them:
 * which pillar, which household flags make it apply (none: everyone), whether "không áp dụng" may
 * be answered. Replaced with the kept counts when the catalogue changes.
 */
export const aggCriterionRules = sqliteTable("agg_criterion_rules", {
  criterionId: text("criterion_id").primaryKey(),
  pillar: text("pillar").notNull(),
  /** 1: only households with one of the flags below. */
  restricted: integer("restricted").notNull(),
  business: integer("business").notNull(),
  producer: integer("producer").notNull(),
  mayDecline: integer("may_decline").notNull(),
});

/** Each effective catalogue the commune has used (key = family@version#hash), with its definition. */
export const catalogueVersions = sqliteTable("catalogue_versions", {
  key: text("key").primaryKey(),
  definition: text("definition").notNull(),
  firstActiveAt: integer("first_active_at").notNull(),
});

/** Small key/value state of this module (e.g. which catalogue the aggregates were built for). */
export const householdsMeta = sqliteTable("households_meta", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
});

/** A week frozen at the Friday cut-off (ISO week in the commune's timezone). */
export const weeklySnapshots = sqliteTable("weekly_snapshots", {
  /** "2026-W53" */
  week: text("week").primaryKey(),
  isoYear: integer("iso_year").notNull(),
  isoWeek: integer("iso_week").notNull(),
  cutoffAt: integer("cutoff_at").notNull(),
  frozenAt: integer("frozen_at").notNull(),
  trigger: text("trigger", { enum: ["cron", "catch_up", "manual"] }).notNull(),
  catalogueKey: text("catalogue_key").notNull(),
  targetPercent: integer("target_percent").notNull(),
  /** Which count the target and the ranking used that week (commune file `target.basis`). */
  basis: text("basis", { enum: ["self_declared", "verified"] }).notNull().default("self_declared"),
});

export const snapshotVillages = sqliteTable(
  "snapshot_villages",
  {
    week: text("week").notNull(),
    villageId: text("village_id").notNull(),
    scope: text("scope").notNull(),
    registered: integer("registered").notNull(),
    /** The village's household count in the config at the time (target base), if any. */
    official: integer("official"),
    assessed: integer("assessed").notNull(),
    fullyMet: integer("fully_met").notNull(),
    /** null: frozen before verified counts were kept. */
    fullyMetVerified: integer("fully_met_verified"),
  },
  (t) => [primaryKey({ columns: [t.week, t.villageId, t.scope] })],
);

export const snapshotCriteria = sqliteTable(
  "snapshot_criteria",
  {
    week: text("week").notNull(),
    villageId: text("village_id").notNull(),
    criterionId: text("criterion_id").notNull(),
    applicable: integer("applicable").notNull(),
    met: integer("met").notNull(),
    answered: integer("answered").notNull(),
    verified: integer("verified").notNull(),
    notApplicable: integer("not_applicable").notNull(),
  },
  (t) => [primaryKey({ columns: [t.week, t.villageId, t.criterionId] })],
);

/** The village head's weekly report (seed 000): due Friday 16:00 by default. */
export const villageReports = sqliteTable(
  "village_reports",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    villageId: text("village_id").notNull(),
    week: text("week").notNull(),
    smartphoneUsers: integer("smartphone_users").notNull(),
    installed: integer("installed").notNull(),
    activated: integer("activated").notNull(),
    regularUsers: integer("regular_users").notNull(),
    difficulties: text("difficulties").notNull().default(""),
    proposals: text("proposals").notNull().default(""),
    submittedBy: text("submitted_by").notNull(),
    firstSubmittedAt: integer("first_submitted_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
    dueAt: integer("due_at").notNull(),
    revision: integer("revision").notNull().default(1),
  },
  (t) => [uniqueIndex("village_reports_week_uq").on(t.villageId, t.week), index("village_reports_week_idx").on(t.week)],
);

/** 6-digit codes a mini-app user types in the OA chat to link the chat to their household. */
export const oaLinkCodes = sqliteTable(
  "oa_link_codes",
  {
    code: text("code").primaryKey(),
    appUserId: text("app_user_id").notNull(),
    createdAt: integer("created_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
    usedAt: integer("used_at"),
  },
  (t) => [index("oa_link_codes_user_idx").on(t.appUserId)],
);

/** Wrong codes typed in chat, per OA user and window: six digits must not be guessable. */
export const oaLinkFailures = sqliteTable("oa_link_failures", {
  oaUserId: text("oa_user_id").primaryKey(),
  windowStart: integer("window_start").notNull(),
  failures: integer("failures").notNull(),
});

/** Wrong invite codes typed in the mini app, per mini-app user and window. */
export const inviteFailures = sqliteTable("invite_failures", {
  appUserId: text("app_user_id").primaryKey(),
  windowStart: integer("window_start").notNull(),
  failures: integer("failures").notNull(),
});

/**
 * Wrong codes commune-wide, per kind of code and window: a budget new accounts cannot renew. Once it
 * is spent, codes of that kind are refused for everyone until the window passes.
 */
export const codeFailureBudget = sqliteTable("code_failure_budget", {
  kind: text("kind", { enum: ["link", "invite"] }).primaryKey(),
  windowStart: integer("window_start").notNull(),
  failures: integer("failures").notNull(),
});

/** Keys that sign the API's sessions (random, created at first start; newest in use). */
export const authKeys = sqliteTable("auth_keys", {
  kid: text("kid").primaryKey(),
  secret: text("secret").notNull(),
  createdAt: integer("created_at").notNull(),
});

/** Roles given in the database by an admin, on top of the commune config (keyed by mini-app user id). */
export const roleGrants = sqliteTable(
  "role_grants",
  {
    appUserId: text("app_user_id").notNull(),
    role: text("role", { enum: ["officer", "village_head"] }).notNull(),
    /** The village for village_head; "" for officer. */
    villageId: text("village_id").notNull().default(""),
    name: text("name"),
    grantedBy: text("granted_by").notNull(),
    grantedAt: integer("granted_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.appUserId, t.role, t.villageId] })],
);
