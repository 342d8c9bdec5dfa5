import type Database from "better-sqlite3";
import { ERASED, scrubPersonFromDoc } from "../commune/scrub";
import type { Db } from "../db/connection";

/** The ids that identify one person: mini-app-scoped ids and OA-scoped ids (usually one of each). */
export interface Subject {
  appIds: string[];
  oaIds: string[];
}

/** What the person typed or was called, searched for in free-text columns (bodies, payloads, logs). */
export interface Needles {
  /** Ids: matched anywhere, also inside JSON. */
  ids: string[];
  /** Names and texts the person gave (display names, questions, phone numbers they typed). */
  texts: string[];
}

export type Counts = Record<string, number>;

/** A sent message whose text was removed (erasure or retention): still a valid outgoing message. */
export const BLANK_PAYLOAD = JSON.stringify({ kind: "text", text: "(đã xoá)" });

const marks = (n: number) => Array.from({ length: n }, () => "?").join(",");
/** A needle as it appears inside a JSON string (quotes, backslashes, control characters escaped). */
const inJson = (s: string) => JSON.stringify(s).slice(1, -1);

export interface HouseholdOfMember {
  householdId: number;
  otherMembers: number;
}

/**
 * Every SQL statement of erasure, download and retention. Called inside the service's transaction;
 * the service decides what happens to whom. Id lists are short (one person), so IN lists are built
 * per call; the text scans (inbox bodies, outbox payloads, audit details) are full scans, acceptable
 * for a rare, explicit request (retention keeps those tables bounded).
 */
export class PrivacyRepo {
  readonly sqlite: Database.Database;
  constructor(db: Db) {
    this.sqlite = db.$client;
  }

  private all<T>(sql: string, ...params: unknown[]): T[] {
    return this.sqlite.prepare(sql).all(...params) as T[];
  }
  private run(sql: string, ...params: unknown[]): number {
    return this.sqlite.prepare(sql).run(...params).changes;
  }

  /**
   * After an erasure or a purge: the log's frames still hold the old pages (secure_delete zeroes the
   * new ones), so the log is copied into the file and emptied. Waits at most `waitMs` for readers (a
   * long export): false when it could not finish now (the caller tries again later).
   */
  checkpointLog(waitMs = 200): boolean {
    const previous = this.sqlite.pragma("busy_timeout", { simple: true }) as number;
    this.sqlite.pragma(`busy_timeout = ${waitMs}`);
    try {
      const [r] = this.sqlite.pragma("wal_checkpoint(TRUNCATE)") as { busy: number; log: number; checkpointed: number }[];
      return !!r && r.busy === 0;
    } catch {
      return false;
    } finally {
      this.sqlite.pragma(`busy_timeout = ${previous}`);
    }
  }

  // ------------------------------------------------------------------ identity

  /** Grows the known ids through the links the database holds (membership ↔ OA chat, zalo_users). */
  resolve(start: { appUserId?: string | undefined; oaUserId?: string | undefined }): Subject {
    const app = new Set(start.appUserId ? [start.appUserId] : []);
    const oa = new Set(start.oaUserId ? [start.oaUserId] : []);
    for (let round = 0; round < 2; round++) {
      const a = [...app];
      const o = [...oa];
      if (a.length > 0) {
        for (const r of this.all<{ v: string | null }>(`SELECT oa_user_id AS v FROM household_members WHERE app_user_id IN (${marks(a.length)})`, ...a)) if (r.v) oa.add(r.v);
        for (const r of this.all<{ v: string }>(`SELECT user_id AS v FROM zalo_users WHERE user_id_by_app IN (${marks(a.length)})`, ...a)) oa.add(r.v);
      }
      if (o.length > 0) {
        for (const r of this.all<{ v: string }>(`SELECT app_user_id AS v FROM household_members WHERE oa_user_id IN (${marks(o.length)})`, ...o)) app.add(r.v);
        for (const r of this.all<{ v: string | null }>(`SELECT user_id_by_app AS v FROM zalo_users WHERE user_id IN (${marks(o.length)})`, ...o)) if (r.v) app.add(r.v);
      }
    }
    return { appIds: [...app], oaIds: [...oa] };
  }

  /** Names and typed texts of the person, before they are deleted (to find copies elsewhere). */
  needles(s: Subject): Needles {
    const texts = new Set<string>();
    if (s.appIds.length > 0) {
      const q = marks(s.appIds.length);
      for (const r of this.all<{ v: string | null }>(`SELECT display_name AS v FROM household_members WHERE app_user_id IN (${q})`, ...s.appIds)) if (r.v) texts.add(r.v);
      for (const r of this.all<{ v: string | null }>(`SELECT name AS v FROM role_grants WHERE app_user_id IN (${q})`, ...s.appIds)) if (r.v) texts.add(r.v);
    }
    if (s.oaIds.length > 0) {
      const q = marks(s.oaIds.length);
      const typed = [
        ...this.all<{ v: string }>(`SELECT text AS v FROM unmatched_questions WHERE user_id IN (${q})`, ...s.oaIds),
        ...this.all<{ v: string | null }>(`SELECT question AS v FROM handoffs WHERE user_id IN (${q})`, ...s.oaIds),
      ];
      for (const r of typed) {
        if (!r.v) continue;
        texts.add(r.v);
        // Phone numbers (and other long digit runs) the person typed, however they were spaced.
        for (const m of r.v.matchAll(/\d[\d .-]{7,}\d/g)) {
          texts.add(m[0]);
          texts.add(m[0].replace(/\D/g, ""));
        }
      }
    }
    return {
      ids: [...s.appIds, ...s.oaIds].filter((x) => x.length >= 6),
      texts: [...texts].map((t) => t.trim()).filter((t) => t.length >= 4),
    };
  }

  private matchAny(column: string, needles: readonly string[]): { where: string; params: string[] } {
    if (needles.length === 0) return { where: "0", params: [] };
    const variants = [...new Set(needles.flatMap((n) => [n, inJson(n)]))];
    return { where: `(${variants.map(() => `instr(${column}, ?) > 0`).join(" OR ")})`, params: variants };
  }

  // ------------------------------------------------------------------ households

  /** The person's household memberships and how many other members each has. */
  memberships(s: Subject): HouseholdOfMember[] {
    if (s.appIds.length === 0) return [];
    return this.all<{ household_id: number; others: number }>(
      `SELECT m.household_id, (SELECT count(*) FROM household_members o WHERE o.household_id = m.household_id AND o.app_user_id NOT IN (${marks(s.appIds.length)})) AS others
       FROM household_members m WHERE m.app_user_id IN (${marks(s.appIds.length)})`,
      ...s.appIds,
      ...s.appIds,
    ).map((r) => ({ householdId: r.household_id, otherMembers: r.others }));
  }

  /** Deletes a household that no one else belongs to, and everything keyed by it. Aggregates are the caller's. */
  deleteHousehold(id: number, counts: Counts): void {
    add(counts, "answer_requests", this.run("DELETE FROM answer_requests WHERE household_id = ?", id));
    add(counts, "answer_history", this.run("DELETE FROM answer_history WHERE household_id = ?", id));
    add(counts, "household_answers", this.run("DELETE FROM household_answers WHERE household_id = ?", id));
    add(counts, "household_segments", this.run("DELETE FROM household_segments WHERE household_id = ?", id));
    add(counts, "household_invites", this.run("DELETE FROM household_invites WHERE household_id = ?", id));
    add(counts, "household_members", this.run("DELETE FROM household_members WHERE household_id = ?", id));
    add(counts, "households", this.run("DELETE FROM households WHERE id = ?", id));
  }

  /** In households that stay: the person's membership goes, their name leaves the label, their notes and ids leave the answers. */
  anonymiseInKeptHouseholds(s: Subject, needles: Needles, pseudonym: string, counts: Counts): void {
    const ids = [...s.appIds, ...s.oaIds];
    if (ids.length === 0) return;
    const q = marks(ids.length);
    // Their households: the ones they belong to or registered (only these may carry their name in the label).
    const own = this.all<{ id: number }>(
      `SELECT id FROM households WHERE created_by IN (${q}) OR id IN (SELECT household_id FROM household_members WHERE app_user_id IN (${q}))`,
      ...ids,
      ...ids,
    ).map((r) => r.id);
    // Answer requests the person made (their fingerprints hold the notes they wrote).
    add(
      counts,
      "answer_requests",
      this.run(
        `DELETE FROM answer_requests WHERE EXISTS (SELECT 1 FROM answer_history h WHERE h.household_id = answer_requests.household_id
           AND h.idempotency_key = answer_requests.idempotency_key AND h.actor IN (${q}))`,
        ...ids,
      ),
    );
    add(counts, "answer_history", this.run(`UPDATE answer_history SET actor = ?, note = NULL WHERE actor IN (${q})`, pseudonym, ...ids));
    add(counts, "household_answers", this.run(`UPDATE household_answers SET updated_by = ?, note = NULL WHERE updated_by IN (${q})`, pseudonym, ...ids));
    add(counts, "household_answers", this.run(`UPDATE household_answers SET verified_by = ? WHERE verified_by IN (${q})`, pseudonym, ...ids));
    add(counts, "household_segments", this.run(`UPDATE household_segments SET declared_by = ? WHERE declared_by IN (${q})`, pseudonym, ...ids));
    add(counts, "household_segments", this.run(`UPDATE household_segments SET decided_by = ? WHERE decided_by IN (${q})`, pseudonym, ...ids));
    add(counts, "household_invites", this.run(`DELETE FROM household_invites WHERE created_by IN (${q})`, ...ids));
    add(counts, "households", this.run(`UPDATE households SET created_by = ? WHERE created_by IN (${q})`, pseudonym, ...ids));
    const names = this.matchAny("label", needles.texts);
    if (own.length > 0) {
      add(counts, "households", this.run(`UPDATE households SET label = ? WHERE id IN (${marks(own.length)}) AND ${names.where}`, ANONYMOUS_LABEL, ...own, ...names.params));
    }
    if (s.appIds.length > 0) add(counts, "household_members", this.run(`DELETE FROM household_members WHERE app_user_id IN (${marks(s.appIds.length)})`, ...s.appIds));
    if (s.oaIds.length > 0) add(counts, "household_members", this.run(`DELETE FROM household_members WHERE oa_user_id IN (${marks(s.oaIds.length)})`, ...s.oaIds));
  }

  // ------------------------------------------------------------------ everything keyed by the person

  eraseKeyed(s: Subject, needles: Needles, pseudonym: string, now: number, counts: Counts): void {
    const app = s.appIds;
    const oa = s.oaIds;
    const ids = [...app, ...oa];
    const qa = marks(app.length);
    const qo = marks(oa.length);
    const qi = marks(ids.length);
    const has = (xs: readonly string[]) => xs.length > 0;

    // Identity, links, roles.
    if (has(oa)) add(counts, "zalo_users", this.run(`DELETE FROM zalo_users WHERE user_id IN (${qo})`, ...oa));
    if (has(app)) add(counts, "zalo_users", this.run(`DELETE FROM zalo_users WHERE user_id_by_app IN (${qa})`, ...app));
    if (has(app)) add(counts, "oa_link_codes", this.run(`DELETE FROM oa_link_codes WHERE app_user_id IN (${qa})`, ...app));
    if (has(oa)) add(counts, "oa_link_failures", this.run(`DELETE FROM oa_link_failures WHERE oa_user_id IN (${qo})`, ...oa));
    if (has(app)) add(counts, "invite_failures", this.run(`DELETE FROM invite_failures WHERE app_user_id IN (${qa})`, ...app));
    if (has(app)) add(counts, "role_grants", this.run(`DELETE FROM role_grants WHERE app_user_id IN (${qa})`, ...app));
    if (has(ids)) add(counts, "role_grants", this.run(`UPDATE role_grants SET granted_by = ? WHERE granted_by IN (${qi})`, pseudonym, ...ids));
    // Logins to the officers' console on a PC: the person's requests, links and PC sessions.
    if (has(app)) add(counts, "console_logins", this.run(`DELETE FROM console_logins WHERE app_user_id IN (${qa})`, ...app));
    if (has(app)) add(counts, "console_sessions", this.run(`DELETE FROM console_sessions WHERE app_user_id IN (${qa})`, ...app));
    if (has(ids)) add(counts, "console_sessions", this.run(`UPDATE console_sessions SET revoked_by = ? WHERE revoked_by IN (${qi})`, pseudonym, ...ids));

    // Conversation with the OA.
    let handoffIds: number[] = [];
    if (has(oa)) {
      handoffIds = this.all<{ id: number }>(`SELECT id FROM handoffs WHERE user_id IN (${qo})`, ...oa).map((r) => r.id);
      add(counts, "conversations", this.run(`DELETE FROM conversations WHERE user_id IN (${qo})`, ...oa));
      add(counts, "guide_sessions", this.run(`UPDATE guide_sessions SET user_id = ? WHERE user_id IN (${qo})`, pseudonym, ...oa));
      const typed = this.all<{ text: string }>(`SELECT text FROM unmatched_questions WHERE user_id IN (${qo})`, ...oa).map((r) => r.text);
      if (typed.length > 0) add(counts, "guide_phrasings", this.run(`DELETE FROM guide_phrasings WHERE text IN (${marks(typed.length)})`, ...typed));
      add(counts, "unmatched_questions", this.run(`DELETE FROM unmatched_questions WHERE user_id IN (${qo})`, ...oa));
      add(counts, "handoffs", this.run(`UPDATE handoffs SET user_id = ?, question = NULL WHERE user_id IN (${qo})`, pseudonym, ...oa));
      // Tickets follow their hand-off by trigger; this also covers any left behind.
      add(counts, "tickets", this.run(`UPDATE tickets SET user_id = ? WHERE user_id IN (${qo})`, pseudonym, ...oa));
      add(counts, "ratings", this.run(`UPDATE ratings SET user_id = ? WHERE user_id IN (${qo})`, pseudonym, ...oa));
      add(counts, "opt_outs", this.run(`DELETE FROM opt_outs WHERE user_id IN (${qo})`, ...oa));
    }
    if (has(ids)) {
      add(counts, "unmatched_questions", this.run(`UPDATE unmatched_questions SET resolved_by = ? WHERE resolved_by IN (${qi})`, pseudonym, ...ids));
      add(counts, "guide_phrasings", this.run(`UPDATE guide_phrasings SET created_by = ? WHERE created_by IN (${qi})`, pseudonym, ...ids));
      add(counts, "handoffs", this.run(`UPDATE handoffs SET answered_by = ? WHERE answered_by IN (${qi})`, pseudonym, ...ids));
      // Audit names: "Name (id)" or the id alone.
      for (const id of ids) {
        add(counts, "tickets", this.run(`UPDATE tickets SET closed_by = ? WHERE closed_by = ? OR closed_by LIKE ?`, pseudonym, id, `% (${id})`));
        add(counts, "outbox_pauses", this.run(`UPDATE outbox_pauses SET paused_by = ? WHERE paused_by = ? OR paused_by LIKE ?`, pseudonym, id, `% (${id})`));
        add(counts, "outbox_pauses", this.run(`UPDATE outbox_pauses SET resumed_by = ? WHERE resumed_by = ? OR resumed_by LIKE ?`, pseudonym, id, `% (${id})`));
        add(counts, "guide_versions", this.run(`UPDATE guide_versions SET actor = ? WHERE actor = ? OR actor LIKE ?`, pseudonym, id, `% (${id})`));
        add(counts, "legal_tips", this.run(`UPDATE legal_tips SET created_by = ? WHERE created_by = ? OR created_by LIKE ?`, pseudonym, id, `% (${id})`));
        add(counts, "legal_tips", this.run(`UPDATE legal_tips SET updated_by = ? WHERE updated_by = ? OR updated_by LIKE ?`, pseudonym, id, `% (${id})`));
      }
      add(counts, "nudge_log", this.run(`DELETE FROM nudge_log WHERE target_id IN (${qi})`, ...ids));
      add(counts, "broadcast_deliveries", this.run(`UPDATE broadcast_deliveries SET target_id = ? WHERE target_id IN (${qi})`, pseudonym, ...ids));
      add(counts, "broadcasts", this.run(`UPDATE broadcasts SET created_by = ? WHERE created_by IN (${qi})`, pseudonym, ...ids));
      add(counts, "broadcast_schedules", this.run(`UPDATE broadcast_schedules SET updated_by = ? WHERE updated_by IN (${qi})`, pseudonym, ...ids));
      add(counts, "village_reports", this.run(`UPDATE village_reports SET submitted_by = ? WHERE submitted_by IN (${qi})`, pseudonym, ...ids));
    }

    // Messages out: to the person, about the person (hand-off notices), or carrying what they typed.
    const origins = handoffIds.map((id) => `handoff:${id}`);
    const idMatch = this.matchAny("dedupe_key", needles.ids);
    const payloadMatch = this.matchAny("payload", [...needles.ids, ...needles.texts]);
    const outboxWhere = `(${has(oa) ? `recipient_id IN (${qo}) OR ` : ""}${origins.length > 0 ? `origin IN (${marks(origins.length)}) OR ` : ""}${idMatch.where} OR ${payloadMatch.where})`;
    const outboxParams = [...oa, ...origins, ...idMatch.params, ...payloadMatch.params];
    add(
      counts,
      "message_receipts",
      this.run(`DELETE FROM message_receipts WHERE message_id IN (SELECT message_id FROM outbox WHERE message_id IS NOT NULL AND ${outboxWhere})`, ...outboxParams),
    );
    // Not delivered yet: cancelled (never sent). Sent or in flight: the text is blanked, the row kept for the counts.
    add(counts, "outbox", this.run(`DELETE FROM outbox WHERE status IN ('pending', 'failed', 'outside_window', 'uncertain') AND ${outboxWhere}`, ...outboxParams));
    const rows = this.all<{ id: number; dedupe_key: string; recipient_id: string }>(`SELECT id, dedupe_key, recipient_id FROM outbox WHERE ${outboxWhere}`, ...outboxParams);
    const blank = this.sqlite.prepare("UPDATE outbox SET payload = ?, recipient_id = ?, dedupe_key = ?, error_message = NULL WHERE id = ?");
    for (const r of rows) {
      let key = r.dedupe_key;
      for (const id of needles.ids) key = key.split(id).join(pseudonym);
      blank.run(BLANK_PAYLOAD, oa.includes(r.recipient_id) ? pseudonym : r.recipient_id, key, r.id);
    }
    add(counts, "outbox", rows.length);

    // Webhook bodies: the person's own events (incl. this withdraw event) and any event naming them.
    const subjects = [...oa, ...app.map((a) => `app:${a}`)];
    const rawMatch = this.matchAny("raw", [...needles.ids, ...needles.texts]);
    const inboxWhere = `(${subjects.length > 0 ? `subject_id IN (${marks(subjects.length)}) OR ` : ""}${has(app) ? `app_user_id IN (${qa}) OR ` : ""}${rawMatch.where})`;
    const inboxParams = [...subjects, ...app, ...rawMatch.params];
    add(
      counts,
      "inbox_events",
      this.run(
        `UPDATE inbox_events SET raw = '{}', app_user_id = NULL, parse_error = NULL, last_error = NULL,
           status = CASE WHEN status = 'pending' THEN 'done' ELSE status END,
           handled_at = coalesce(handled_at, ?),
           subject_id = CASE WHEN subject_id IN (${subjects.length > 0 ? marks(subjects.length) : "NULL"}) THEN ? ELSE subject_id END
         WHERE ${inboxWhere}`,
        now,
        ...subjects,
        pseudonym,
        ...inboxParams,
      ),
    );

    // Kept versions of the commune document (staff): the person's entries lose ids, phone and name in
    // every version but the live one (the admin removes them from that one in the console).
    if (needles.ids.length > 0) {
      const versions = this.all<{ id: number; actor: string; summary: string; doc: string }>(
        "SELECT id, actor, summary, doc FROM commune_versions WHERE id < (SELECT max(id) FROM commune_versions)",
      ).filter((r) => needles.ids.some((id) => r.doc.includes(id)));
      const setVersion = this.sqlite.prepare("UPDATE commune_versions SET actor = ?, summary = ?, doc = ? WHERE id = ?");
      const staffNames = new Set<string>();
      const staffIds = new Set<string>();
      for (const r of versions) {
        const out = scrubPersonFromDoc(r.doc, needles.ids);
        out.names.forEach((n) => staffNames.add(n));
        out.otherIds.forEach((id) => staffIds.add(id));
        for (const ph of out.phones) if (!needles.texts.includes(ph)) needles.texts.push(ph);
        setVersion.run(r.actor, r.summary, out.doc, r.id);
      }
      // The same person's other id (OA or mini app) and name, phone: scrubbed from the audit log below too.
      for (const id of staffIds) if (id.length >= 6 && !needles.ids.includes(id)) needles.ids.push(id);
      for (const n of staffNames) if (n.length >= 4 && !needles.texts.includes(n)) needles.texts.push(n);
      if (staffNames.size > 0) {
        const setText = this.sqlite.prepare("UPDATE commune_versions SET actor = replace(actor, ?, ?), summary = replace(summary, ?, ?)");
        for (const n of staffNames) setText.run(n, ERASED, n, ERASED);
      }
      add(counts, "commune_versions", versions.length);
      const subjects = [...s.oaIds.map((id) => `oa:${id}`), ...s.appIds.map((id) => `app:${id}`)];
      if (subjects.length > 0) add(counts, "staff_code_failures", this.run(`DELETE FROM staff_code_failures WHERE subject IN (${marks(subjects.length)})`, ...subjects));
      const codeBy = this.matchAny("created_by", needles.ids);
      add(counts, "staff_link_codes", this.run(`UPDATE staff_link_codes SET created_by = ? WHERE ${codeBy.where}`, pseudonym, ...codeBy.params));
    }

    // Who did what (staff actions): the person's ids and words are replaced, the entry stays.
    const auditMatch = [this.matchAny("actor", needles.ids), this.matchAny("coalesce(target, '')", needles.ids), this.matchAny("coalesce(details, '')", [...needles.ids, ...needles.texts])];
    const auditRows = this.all<{ id: number; actor: string; target: string | null; details: string | null }>(
      `SELECT id, actor, target, details FROM audit_log WHERE ${auditMatch.map((m) => m.where).join(" OR ")}`,
      ...auditMatch.flatMap((m) => m.params),
    );
    const scrub = (v: string | null) => {
      if (v === null) return null;
      let out = v;
      for (const id of needles.ids) out = out.split(id).join(pseudonym);
      for (const t of needles.texts) out = out.split(t).join("[đã xoá]").split(inJson(t)).join("[đã xoá]");
      return out;
    };
    const setAudit = this.sqlite.prepare("UPDATE audit_log SET actor = ?, target = ?, details = ? WHERE id = ?");
    for (const r of auditRows) setAudit.run(scrub(r.actor), scrub(r.target), scrub(r.details), r.id);
    add(counts, "audit_log", auditRows.length);
  }

  audit(at: number, actor: string, action: string, target: string, details: unknown): void {
    this.run("INSERT INTO audit_log (at, actor, action, target, details) VALUES (?, ?, ?, ?, ?)", at, actor, action, target, JSON.stringify(details));
  }

  // ------------------------------------------------------------------ download

  /** The household's segment memberships with the segments' names (the resident's data download). */
  householdSegments(householdId: number): { name: string; declared: number; declared_at: number | null; decision: "confirmed" | "rejected" | null; decided_at: number | null }[] {
    return this.all(
      "SELECT s.name, hs.declared, hs.declared_at, hs.decision, hs.decided_at FROM household_segments hs JOIN segments s ON s.id = hs.segment_id WHERE hs.household_id = ? ORDER BY s.position, s.id",
      householdId,
    );
  }

  exportRows(s: Subject) {
    const app = s.appIds;
    const oa = s.oaIds;
    const qa = marks(app.length);
    const qo = marks(oa.length);
    const byApp = <T>(sql: (q: string) => string): T[] => (app.length > 0 ? this.all<T>(sql(qa), ...app) : []);
    const byOa = <T>(sql: (q: string) => string): T[] => (oa.length > 0 ? this.all<T>(sql(qo), ...oa) : []);
    return {
      members: byApp<{ app_user_id: string; household_id: number; oa_user_id: string | null; display_name: string | null; joined_via: string; joined_at: number }>(
        (q) => `SELECT * FROM household_members WHERE app_user_id IN (${q})`,
      ),
      linkCodes: byApp<{ code: string; created_at: number; expires_at: number; used_at: number | null }>((q) => `SELECT code, created_at, expires_at, used_at FROM oa_link_codes WHERE app_user_id IN (${q})`),
      roleGrants: byApp<{ role: string; village_id: string; name: string | null; granted_at: number }>((q) => `SELECT role, village_id, name, granted_at FROM role_grants WHERE app_user_id IN (${q})`),
      zaloUsers: byOa<{ user_id: string; is_follower: number; last_interaction_at: number | null; village_tag: string | null; first_seen_at: number }>(
        (q) => `SELECT user_id, is_follower, last_interaction_at, village_tag, first_seen_at FROM zalo_users WHERE user_id IN (${q})`,
      ),
      conversations: byOa<{ user_id: string; mode: string; guide_id: string | null; step: number | null; village_id: string | null; updated_at: number }>(
        (q) => `SELECT user_id, mode, guide_id, step, village_id, updated_at FROM conversations WHERE user_id IN (${q})`,
      ),
      guideSessions: byOa<{ guide_id: string; step_count: number; max_step: number; started_at: number; finished_at: number | null; left_reason: string | null }>(
        (q) => `SELECT guide_id, step_count, max_step, started_at, finished_at, left_reason FROM guide_sessions WHERE user_id IN (${q}) ORDER BY id`,
      ),
      questions: byOa<{ text: string; created_at: number; mapped_guide_id: string | null }>((q) => `SELECT text, created_at, mapped_guide_id FROM unmatched_questions WHERE user_id IN (${q}) ORDER BY id`),
      handoffs: byOa<{ reason: string; question: string | null; contact_name: string; contact_role: string; contact_phone: string | null; created_at: number; answered_at: number | null }>(
        (q) => `SELECT reason, question, contact_name, contact_role, contact_phone, created_at, answered_at FROM handoffs WHERE user_id IN (${q}) ORDER BY id`,
      ),
      ratings: byOa<{ subject: string; score: number; created_at: number }>((q) => `SELECT subject, score, created_at FROM ratings WHERE user_id IN (${q}) ORDER BY id`),
      optOuts: byOa<{ at: number }>((q) => `SELECT at FROM opt_outs WHERE user_id IN (${q})`),
      messagesIn: byOa<{ event_name: string; raw: string; received_at: number }>(
        (q) => `SELECT event_name, raw, received_at FROM inbox_events WHERE subject_id IN (${q}) AND status != 'rejected' ORDER BY id DESC LIMIT 1000`,
      ),
      messagesOut: byOa<{ payload: string; status: string; created_at: number; sent_at: number | null }>(
        (q) => `SELECT payload, status, created_at, sent_at FROM outbox WHERE recipient_id IN (${q}) ORDER BY id DESC LIMIT 1000`,
      ),
    };
  }

  otherMemberCount(householdId: number, appIds: readonly string[]): number {
    return (
      this.sqlite
        .prepare(`SELECT count(*) AS n FROM household_members WHERE household_id = ? AND app_user_id NOT IN (${marks(appIds.length) || "NULL"})`)
        .get(householdId, ...appIds) as { n: number }
    ).n;
  }

  // ------------------------------------------------------------------ retention

  /**
   * One batch of one purge: rows after `afterId` (id order is time order) older than `cutoff`.
   * Returns the last id looked at (null when nothing older remains) and how many rows changed.
   */
  purgeBatch(kind: RetentionKind, afterId: number, cutoff: number, limit: number): { lastId: number | null; changed: number } {
    const p = PURGES[kind];
    const ids = this.all<{ id: number }>(`SELECT id FROM ${p.table} WHERE id > ? AND ${p.olderThan} < ? ORDER BY id LIMIT ?`, afterId, cutoff, limit).map((r) => r.id);
    if (ids.length === 0) return { lastId: null, changed: 0 };
    const changed = this.run(`${p.change} WHERE id IN (${marks(ids.length)}) AND ${p.needed}`, ...p.params, ...ids, ...("neededParams" in p ? p.neededParams : []));
    return { lastId: ids.length < limit ? null : ids[ids.length - 1]!, changed };
  }
}

/** What retention removes: raw webhook bodies, unmatched question texts, hand-off questions, sent payloads. */
const PURGES = {
  inbox_events: {
    table: "inbox_events",
    olderThan: "received_at",
    change: "UPDATE inbox_events SET raw = '{}', parse_error = NULL, last_error = NULL",
    needed: "status != 'pending' AND raw != '{}'",
    params: [] as unknown[],
  },
  unmatched_questions: { table: "unmatched_questions", olderThan: "created_at", change: "DELETE FROM unmatched_questions", needed: "1", params: [] as unknown[] },
  handoffs: { table: "handoffs", olderThan: "created_at", change: "UPDATE handoffs SET question = NULL", needed: "question IS NOT NULL", params: [] as unknown[] },
  outbox: {
    table: "outbox",
    olderThan: "coalesce(sent_at, created_at)",
    change: "UPDATE outbox SET payload = ?, error_message = NULL",
    needed: "status IN ('sent', 'failed', 'outside_window') AND payload != ?",
    params: [BLANK_PAYLOAD] as unknown[],
    neededParams: [BLANK_PAYLOAD] as unknown[],
  },
} as const;
export type RetentionKind = keyof typeof PURGES;
export const RETENTION_KINDS = Object.keys(PURGES) as RetentionKind[];

export const ANONYMOUS_LABEL = "Hộ gia đình (tên đã được xoá theo yêu cầu)";

function add(counts: Counts, table: string, n: number): void {
  if (n > 0) counts[table] = (counts[table] ?? 0) + n;
}
