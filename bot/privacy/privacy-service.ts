import { isDatabaseFault } from "../db/faults";
import { randomBytes } from "node:crypto";
import type { FastifyBaseLogger } from "fastify";
import type { EffectiveCatalogue } from "../../shared/criteria";
import type { ErasurePreview, ErasureResult, MyDataExport } from "../../shared/contracts/privacy";
import { ApiError } from "../auth/api-error";
import type { Clock } from "../clock";
import type { CommuneConfig } from "../config/commune";
import type { HouseholdsRepo } from "../households/households-repo";
import { SCOPES, householdContribution, scopeCounts } from "../households/progress";
import type { AggregatesRepo } from "../reports/aggregates-repo";
import { RETENTION_KINDS, type Counts, type PrivacyRepo, type Subject } from "./privacy-repo";

/**
 * How erasure treats every column of every table that could hold a person's id, name or words.
 * `erase` = the person's rows are deleted; `anonymise` = the row stays (counts, staff accountability)
 * with the person's id replaced by a random erasure pseudonym and their words removed; `scan` = free
 * text searched for the person's ids, names and typed texts; `none` = cannot hold personal data
 * (with the reason). test/security/erasure.test.ts compares this list with the live schema: a table
 * or text column added later fails the test until it is declared here.
 */
export const ERASURE_PLAN: Record<string, Record<string, string>> = {
  households: {
    village_id: "none: village id",
    label: "erase with the household when the person was its last member; else anonymise when it holds their name",
    status: "none: enum",
    created_by: "anonymise",
  },
  household_members: { app_user_id: "erase", oa_user_id: "erase", display_name: "erase", joined_via: "none: enum" },
  household_invites: { code: "erase (invites the person created, and all of a deleted household)", created_by: "erase" },
  household_answers: {
    criterion_id: "none: catalogue id",
    value: "none: enum",
    note: "erase with the household; else cleared where the person wrote it",
    updated_by: "anonymise",
    verified_by: "anonymise",
  },
  answer_history: {
    criterion_id: "none: catalogue id",
    kind: "none: enum",
    from_value: "none: enum",
    to_value: "none: enum",
    note: "erase with the household; else cleared where the person wrote it",
    actor: "anonymise",
    actor_role: "none: enum",
    idempotency_key: "none: random client key",
  },
  answer_requests: { idempotency_key: "erase (the person's requests)", fingerprint: "erase (holds the note)", outcome: "none: enum" },
  segments: { id: "none: the commune's segment id", name: "none: the commune's segment name", status: "none: enum" },
  household_segments: {
    segment_id: "none: segment id",
    declared_by: "erase with the household (as its answers); else anonymise",
    decision: "none: enum",
    decided_by: "erase with the household; else anonymise",
  },
  agg_segment_village: { segment_id: "none: aggregate", village_id: "none: aggregate" },
  agg_village_criterion: { village_id: "none: aggregate", criterion_id: "none: aggregate" },
  agg_village: { village_id: "none: aggregate", scope: "none: aggregate" },
  agg_criterion_rules: { criterion_id: "none: catalogue", pillar: "none: catalogue" },
  agg_village_activity: { village_id: "none: a count per village and day" },
  catalogue_versions: { key: "none: catalogue", definition: "none: catalogue" },
  households_meta: { key: "none: module state", value: "none: module state" },
  weekly_snapshots: { week: "none", trigger: "none: enum", catalogue_key: "none", basis: "none: enum" },
  snapshot_villages: { week: "none", village_id: "none: aggregate", scope: "none: aggregate" },
  snapshot_criteria: { week: "none", village_id: "none: aggregate", criterion_id: "none: aggregate" },
  snapshot_segments: { week: "none", segment_id: "none: segment id", name: "none: the commune's segment name as it was that week" },
  snapshot_segment_villages: { week: "none", segment_id: "none: aggregate", village_id: "none: aggregate" },
  village_reports: {
    village_id: "none",
    week: "none",
    difficulties: "none: the village head's report about the village",
    proposals: "none: the village head's report about the village",
    submitted_by: "anonymise",
  },
  oa_link_codes: { code: "erase", app_user_id: "erase" },
  oa_link_failures: { oa_user_id: "erase" },
  invite_failures: { app_user_id: "erase" },
  code_failure_budget: { kind: "none: enum (commune-wide counter)" },
  auth_keys: { kid: "none: server key", secret: "none: server key" },
  role_grants: { app_user_id: "erase", role: "none: enum", village_id: "none", name: "erase", granted_by: "anonymise" },
  session_revocations: { user_key: "none: keyed hash, written by erasure to end the person's sessions" },
  outbox_pauses: {
    source: "none: enum",
    message: "none: Zalo's error message or the officer's reason for pausing (about the account, not a person)",
    paused_by: "anonymise",
    resumed_by: "anonymise",
  },
  zalo_groups: {
    group_id: "none: Zalo group id",
    name: "none: the village group's name",
    village_id: "none",
    status: "none: enum",
    status_reason: "none: why the group cannot be used",
    zalo_status: "none: Zalo's group status",
    last_event: "none: event name",
  },
  tickets: {
    source: "none: enum",
    user_id: "anonymise (follows handoffs.user_id by trigger; deleted with its question)",
    village_id: "none",
    status: "none: enum",
    assignee_role: "none: enum",
    assignee_name: "none: staff name from the commune file",
    closed_by: "anonymise",
  },
  console_logins: {
    id_hash: "none: hash of a random secret",
    kind: "none: enum",
    poll_hash: "none: hash of a random secret",
    device: "erase (the asking PC's browser name, with the person's rows; requests nobody approved are deleted on expiry)",
    app_user_id: "erase",
    name: "erase",
  },
  console_sessions: {
    sid: "none: random id",
    app_user_id: "erase",
    name: "erase",
    via: "none: enum",
    device: "erase (the browser's name, with the person's PC sessions; purged 30 days after the session ends)",
    revoked_by: "anonymise",
  },

  inbox_events: {
    event_key: "none: Zalo message id or body hash (dedupe)",
    event_name: "none",
    subject_id: "anonymise",
    app_user_id: "anonymise (cleared)",
    raw: "scan: the person's events and any body naming them are emptied (retention empties all after N days)",
    status: "none: enum",
    parse_error: "anonymise (cleared)",
    last_error: "anonymise (cleared)",
  },
  outbox: {
    dedupe_key: "anonymise (ids replaced)",
    channel: "none: enum",
    recipient_id: "anonymise",
    kind: "none: enum",
    payload: "scan: messages to or about the person: unsent ones cancelled, sent ones blanked (retention blanks all after N days)",
    status: "none: enum",
    message_id: "none: Zalo message id (its receipts are erased)",
    error_message: "anonymise (cleared)",
    origin: "none: internal reference (hand-off notices found through it)",
  },
  zalo_users: { user_id: "erase", user_id_by_app: "erase", village_tag: "erase" },
  zalo_tokens: { access_token: "none: OA credential", refresh_token: "none: OA credential", source: "none: enum", app_id: "none: the OA's app", oa_id: "none: the OA" },
  zalo_connection: { status: "none: enum", reason: "none: OA connection state", lease_owner: "none: process id" },
  oauth_states: { state: "none: OA connect flow", code_verifier: "none: OA connect flow", redirect_uri: "none: OA connect flow" },
  process_lease: { owner: "none: process id", host: "none: server host name" },
  scheduler_cursors: { name: "none: job name" },

  conversations: { user_id: "erase", mode: "erase", guide_id: "erase", pending: "erase", village_id: "erase", last_event_key: "erase" },
  guide_sessions: { user_id: "anonymise (the funnel counts stay)", guide_id: "none: guide id", left_reason: "none: enum" },
  unmatched_questions: { user_id: "erase", text: "erase (retention deletes all after N days)", mapped_guide_id: "erase", resolved_by: "anonymise" },
  guide_phrasings: { guide_id: "none: guide id", text: "erase where it is a question the person typed", created_by: "anonymise" },
  guides: { id: "none: guide id", shipped_hash: "none: content hash" },
  guide_versions: { guide_id: "none: guide id", doc: "none: the commune's guide text", hash: "none: content hash", source: "none: enum", actor: "anonymise (officer's audit name)", note: "none: the officer's note on the guide" },
  legal_tips: { title: "none: legal tip", text: "none: legal tip", created_by: "anonymise (officer's audit name)", updated_by: "anonymise (officer's audit name)" },
  handoffs: {
    user_id: "anonymise (the counts stay)",
    village_id: "none",
    reason: "none: enum",
    question: "anonymise (cleared; retention clears all after N days)",
    contact_name: "none: staff contact from the commune file",
    contact_role: "none: staff role",
    contact_phone: "none: staff phone from the commune file",
    answered_by: "anonymise",
  },
  team_sessions: {
    village_id: "none",
    date: "none",
    start_time: "none",
    end_time: "none",
    place: "none",
    procedures: "none",
    papers: "none",
    note: "none: the team's schedule",
    status: "none: enum",
    cancel_reason: "none: the officer's reason for the commune's calendar (who cancelled is in the audit log)",
    moved_from: "none: a date and time",
  },
  team_schedule_seed: { source: "none: enum" },
  ratings: { user_id: "anonymise (the village's scores stay)", village_id: "none", subject: "none: enum" },

  broadcast_schedules: {
    kind: "none: enum",
    name: "none: schedule name",
    cron: "none",
    template: "none: officers' message template",
    audience: "none: villages and roles, never persons",
    updated_by: "anonymise",
    seed_key: "none",
  },
  broadcast_firings: { outcome: "none: enum" },
  broadcasts: {
    title: "none: officers' announcement",
    text: "none: officers' announcement",
    image_attachment_id: "none",
    audience: "none: villages and roles",
    status: "none: enum",
    created_by: "anonymise",
  },
  broadcast_deliveries: { target_kind: "none: enum", target_id: "anonymise (the delivery counts stay)", village_id: "none", channel: "none: enum", reason: "none: planner's reason" },
  message_receipts: { message_id: "erase (receipts of messages to or about the person)" },
  nudge_log: { target_id: "erase", week: "erase", criterion_id: "erase" },
  opt_outs: { user_id: "erase" },
  audit_log: { actor: "scan (ids replaced)", action: "none: action name", target: "scan (ids replaced)", details: "scan (ids and the person's words replaced)" },
  commune_versions: {
    actor: "scan (an erased staff member's name replaced; kept: last 200 versions, at most a year)",
    section: "none: enum",
    summary: "scan (an erased staff member's name replaced)",
    doc: "scan: staff entries with the person's ids lose ids, phone and name in every version but the live one (the admin removes them there)",
  },
  staff_link_codes: { person_key: "none: random key of a staff entry", salt: "none: random", code_hash: "none: salted hash of a one-time code", created_by: "anonymise (officer's audit name; codes deleted when used, replaced or the person removed)" },
  staff_code_failures: { subject: "erase (OA or mini-app id; one row per account, reset after 15 minutes)" },
};

export type ErasureRequester = { kind: "self" } | { kind: "zalo_withdraw" } | { kind: "officer"; officerId: string; reference?: string | undefined };

const iso = (ms: number | null | undefined) => (ms === null || ms === undefined ? null : new Date(ms).toISOString());

export interface PrivacyServiceDeps {
  repo: PrivacyRepo;
  householdsRepo: HouseholdsRepo;
  aggregates: AggregatesRepo;
  catalogue: EffectiveCatalogue;
  commune: CommuneConfig;
  clock: Clock;
  logger: FastifyBaseLogger;
  /** Ends the person's sessions (bot/auth). Runs inside the erasure's transaction. */
  revokeSessions(appUserId: string): void;
  /** Throws "try again later" while the counts are rebuilt for a new catalogue (bot/households/live-catalogue.ts). */
  countsWritable?(): void;
}

/**
 * The one erasure (Decree 13/2023/NĐ-CP: withdrawal of consent → deletion), used by Zalo's
 * `user_withdraw`, the resident's own request in the mini app and an officer acting on a written
 * request; the resident's download of what the commune holds about them; and the retention purge.
 */
export class PrivacyService {
  /** A log checkpoint that found readers in the way, tried again a minute later. */
  private scrubRetry: NodeJS.Timeout | undefined;

  constructor(private readonly d: PrivacyServiceDeps) {}

  /**
   * Erased rows leave nothing readable on disk: deleted content is zeroed (secure_delete) and the
   * write-ahead log, which still holds the old pages, is emptied. Readers in the way (a long export)
   * put it off by a minute, never blocking the event loop for more than a moment.
   */
  scrubLog(): void {
    if (this.scrubRetry) return;
    if (this.d.repo.checkpointLog()) return;
    this.scrubRetry = setTimeout(() => {
      this.scrubRetry = undefined;
      this.scrubLog();
    }, 60_000);
    this.scrubRetry.unref();
  }

  /** Stops a pending retry (the bot is stopping; the next start's erasures or purge empty the log). */
  stop(): void {
    clearTimeout(this.scrubRetry);
    this.scrubRetry = undefined;
  }

  /** Who the person is in the database, from any one of their ids. */
  subject(ids: { appUserId?: string | undefined; oaUserId?: string | undefined }): Subject {
    return this.d.repo.resolve(ids);
  }

  /** What an erasure of this person would remove (shown before the resident confirms). */
  preview(appUserId: string): Omit<ErasurePreview, "confirmationToken" | "expiresAt"> {
    const s = this.subject({ appUserId });
    const m = this.d.repo.memberships(s)[0];
    const h = m ? this.d.householdsRepo.get(m.householdId) : undefined;
    const facts = {
      household: h && m ? { label: h.label, deleted: m.otherMembers === 0, otherMembers: m.otherMembers } : null,
      chatLinked: s.oaIds.length > 0,
    };
    return { ...facts, explanation: explain(facts) };
  }

  /**
   * Deletes or anonymises every row keyed by the person (see ERASURE_PLAN), keeps the aggregates
   * right, ends their sessions, and leaves one audit entry with no personal data. One transaction.
   */
  erase(ids: { appUserId?: string | undefined; oaUserId?: string | undefined }, by: ErasureRequester): ErasureResult {
    const erasureId = randomBytes(8).toString("hex");
    const pseudonym = `erased:${erasureId}`;
    const now = this.d.clock.now();
    const { repo } = this.d;
    this.d.countsWritable?.();
    const counts = repo.sqlite
      .transaction((): Counts => {
        const s = repo.resolve(ids);
        const needles = repo.needles(s);
        const counts: Counts = {};
        for (const m of repo.memberships(s)) {
          if (m.otherMembers === 0) this.deleteHousehold(m.householdId, counts);
        }
        repo.anonymiseInKeptHouseholds(s, needles, pseudonym, counts);
        repo.eraseKeyed(s, needles, pseudonym, now, counts);
        for (const a of s.appIds) this.d.revokeSessions(a);
        repo.audit(now, by.kind === "officer" ? by.officerId : by.kind, "privacy.erase", `erasure:${erasureId}`, {
          requestedBy: by.kind,
          ...(by.kind === "officer" && by.reference ? { reference: by.reference } : {}),
          counts,
        });
        return counts;
      })
      .immediate();
    this.d.logger.info({ erasureId, requestedBy: by.kind, counts }, "privacy: personal data erased");
    this.scrubLog();
    return { erasureId, at: new Date(now).toISOString(), counts };
  }

  /** The household leaves every count exactly as archiving does, then its rows are deleted. */
  private deleteHousehold(householdId: number, counts: Counts): void {
    const h = this.d.householdsRepo.get(householdId);
    if (!h) return;
    if (h.status === "active") {
      const answers = new Map(this.d.householdsRepo.answers(h.id).map((a) => [a.criterionId, { value: a.value, verified: a.verifiedAt !== null }]));
      this.d.householdsRepo.update({ id: h.id, villageId: h.villageId, label: h.label, flags: h.flags, status: "archived", at: this.d.clock.now() });
      const c = householdContribution(this.d.catalogue, h.flags, answers);
      for (const [criterionId, k] of c.criteria) {
        this.d.aggregates.addCriterion(h.villageId, criterionId, {
          applicable: -k.applicable,
          met: -k.met,
          answered: -k.answered,
          verified: -k.verified,
          notApplicable: -k.notApplicable,
        });
      }
      const sc = scopeCounts(c.tallies);
      for (const sc0 of SCOPES) this.d.aggregates.addScope(h.villageId, sc0, -sc[sc0].registered, -sc[sc0].assessed, -sc[sc0].fullyMet);
    }
    this.d.repo.deleteHousehold(h.id, counts);
  }

  /** Everything the commune holds about the signed-in resident, as JSON. */
  export(appUserId: string): MyDataExport {
    const s = this.subject({ appUserId });
    const rows = this.d.repo.exportRows(s);
    const member = rows.members[0];
    const h = member ? this.d.householdsRepo.get(member.household_id) : undefined;
    const village = h ? this.d.commune.villages.find((v) => v.id === h.villageId) : undefined;
    const ids = new Set([...s.appIds, ...s.oaIds]);
    const label = (id: string) => this.d.catalogue.byId.get(id)?.label ?? id;
    const messageText = (raw: string): string | null => {
      try {
        const b = JSON.parse(raw) as { message?: { text?: unknown } };
        return typeof b.message?.text === "string" ? b.message.text : null;
      } catch {
        return null;
      }
    };
    const payloadText = (payload: string): string | null => {
      try {
        const p = JSON.parse(payload) as { text?: unknown };
        return typeof p.text === "string" ? p.text : null;
      } catch {
        return null;
      }
    };
    return {
      generatedAt: new Date(this.d.clock.now()).toISOString(),
      commune: `${this.d.commune.commune.kind} ${this.d.commune.commune.name}, ${this.d.commune.commune.province}`,
      you: {
        appUserId,
        oaUserIds: s.oaIds,
        name: member?.display_name ?? null,
        roles: rows.roleGrants.map((g) => ({ role: g.role, villageId: g.village_id || null, grantedAt: iso(g.granted_at)! })),
      },
      household: h
        ? {
            id: h.id,
            label: h.label,
            village: village?.name ?? h.villageId,
            status: h.status,
            createdAt: iso(h.createdAt)!,
            joinedVia: member!.joined_via,
            joinedAt: iso(member!.joined_at)!,
            otherMembers: this.d.repo.otherMemberCount(h.id, s.appIds),
            answers: this.d.householdsRepo.answers(h.id).map((a) => ({
              criterionId: a.criterionId,
              criterion: label(a.criterionId),
              value: a.value,
              note: a.note,
              updatedAt: iso(a.updatedAt)!,
              byYou: ids.has(a.updatedBy),
              verifiedAt: iso(a.verifiedAt),
            })),
            segments: this.d.repo.householdSegments(h.id).map((m) => ({
              segment: m.name,
              declared: m.declared === 1,
              declaredAt: iso(m.declared_at),
              decision: m.decision,
              decidedAt: iso(m.decided_at),
            })),
            history: this.d.householdsRepo.history(h.id, Number.MAX_SAFE_INTEGER, 10_000).map((r) => ({
              criterionId: r.criterionId,
              kind: r.kind,
              from: r.fromValue,
              to: r.toValue,
              note: r.note,
              byRole: r.actorRole,
              byYou: ids.has(r.actor),
              at: iso(r.at)!,
            })),
          }
        : null,
      chatLink: {
        linked: s.oaIds.length > 0,
        codes: rows.linkCodes.map((c) => ({ createdAt: iso(c.created_at)!, expiresAt: iso(c.expires_at)!, usedAt: iso(c.used_at) })),
      },
      chat: {
        zalo: rows.zaloUsers.map((u) => ({ follower: !!u.is_follower, lastInteractionAt: iso(u.last_interaction_at), firstSeenAt: iso(u.first_seen_at)!, villageTag: u.village_tag })),
        conversation: rows.conversations.map((c) => ({ mode: c.mode, guideId: c.guide_id, step: c.step, villageId: c.village_id, updatedAt: iso(c.updated_at)! })),
        guidesRead: rows.guideSessions.map((g) => ({ guideId: g.guide_id, furthestStep: g.max_step, steps: g.step_count, startedAt: iso(g.started_at)!, finishedAt: iso(g.finished_at), leftReason: g.left_reason })),
        questions: rows.questions.map((q) => ({ text: q.text, at: iso(q.created_at)!, mappedGuideId: q.mapped_guide_id })),
        handoffs: rows.handoffs.map((x) => ({
          reason: x.reason,
          question: x.question,
          contact: `${x.contact_name} (${x.contact_role})`,
          contactPhone: x.contact_phone,
          at: iso(x.created_at)!,
          answeredAt: iso(x.answered_at),
        })),
        ratings: rows.ratings.map((r) => ({ subject: r.subject, score: r.score, at: iso(r.created_at)! })),
        optedOutAt: iso(rows.optOuts[0]?.at),
        messagesYouSent: rows.messagesIn.map((m) => ({ event: m.event_name, text: messageText(m.raw), at: iso(m.received_at)! })),
        messagesToYou: rows.messagesOut.map((m) => ({ text: payloadText(m.payload), status: m.status, at: iso(m.sent_at ?? m.created_at)! })),
      },
      retentionDays: this.retentionDays,
    };
  }

  get retentionDays(): number {
    return this.d.commune.privacy?.retentionDays ?? 90;
  }

  /**
   * The retention purge: raw webhook bodies, unmatched question texts, hand-off questions and sent
   * payloads older than `privacy.retentionDays`. Small batches, each its own transaction, yielding to
   * the event loop between batches.
   */
  async purgeExpired(opts: { batchSize?: number; yieldEvery?: () => Promise<void> } = {}): Promise<Counts> {
    const limit = opts.batchSize ?? 500;
    const pause = opts.yieldEvery ?? (() => new Promise<void>((r) => setImmediate(r)));
    const cutoff = this.d.clock.now() - this.retentionDays * 86_400_000;
    const totals: Counts = {};
    for (const kind of RETENTION_KINDS) {
      let after = 0;
      for (;;) {
        const r = this.d.repo.sqlite.transaction(() => this.d.repo.purgeBatch(kind, after, cutoff, limit)).immediate();
        if (r.changed > 0) totals[kind] = (totals[kind] ?? 0) + r.changed;
        if (r.lastId === null) break;
        after = r.lastId;
        await pause();
      }
    }
    if (Object.keys(totals).length > 0) this.scrubLog();
    return totals;
  }
}

/** What the resident reads before confirming, in plain words. */
function explain(p: { household: { label: string; deleted: boolean; otherMembers: number } | null; chatLinked: boolean }): string[] {
  const lines: string[] = [];
  if (p.household?.deleted) {
    lines.push(`Hộ “${p.household.label}” và các câu trả lời của hộ sẽ bị xoá, vì bác là người duy nhất trong hộ.`);
  } else if (p.household) {
    lines.push(`Tên của bác sẽ được xoá khỏi hộ “${p.household.label}”. Hộ vẫn còn ${p.household.otherMembers} người khác nên các câu trả lời của hộ được giữ lại.`);
  }
  lines.push(
    p.chatLinked
      ? "Các tin nhắn bác đã gửi cho trang Zalo của xã, câu hỏi, yêu cầu gặp cán bộ và đánh giá sẽ bị xoá."
      : "Mọi thông tin về bác trong ứng dụng (tên của bác trong hộ) sẽ bị xoá.",
  );
  lines.push("Bác sẽ phải đăng nhập lại. Đã xoá thì không lấy lại được; nếu muốn dùng tiếp, bác đăng ký lại từ đầu.");
  return lines;
}

/** A confirmation the resident must send back to erase (short-lived, single use, bound to them). */
export class ErasureConfirmations {
  private readonly pending = new Map<string, { appUserId: string; expiresAt: number }>();
  constructor(
    private readonly clock: Clock,
    private readonly ttlMs = 10 * 60_000,
  ) {}

  create(appUserId: string): { token: string; expiresAt: number } {
    const now = this.clock.now();
    // One live token per person (asking again replaces it); expired ones are dropped.
    for (const [k, v] of this.pending) if (v.expiresAt <= now || v.appUserId === appUserId) this.pending.delete(k);
    const token = randomBytes(16).toString("base64url");
    const expiresAt = now + this.ttlMs;
    this.pending.set(token, { appUserId, expiresAt });
    return { token, expiresAt };
  }

  consume(appUserId: string, token: string): void {
    const p = this.pending.get(token);
    if (!p || p.appUserId !== appUserId) throw new ApiError("conflict", "Mã xác nhận không đúng. Hãy bấm “Xoá dữ liệu của tôi” lại từ đầu.");
    this.pending.delete(token);
    if (p.expiresAt <= this.clock.now()) throw new ApiError("conflict", "Mã xác nhận đã hết hạn (10 phút). Hãy bấm “Xoá dữ liệu của tôi” lại từ đầu.");
  }

  /**
   * Spends the confirmation and runs the erasure; when the erasure is refused as "try again later"
   * (the database busy, the counts being rebuilt), the confirmation stays usable until it expires.
   */
  consumeFor<R>(appUserId: string, token: string, erase: () => R): R {
    const p = this.pending.get(token);
    this.consume(appUserId, token);
    try {
      return erase();
    } catch (err) {
      if (p && isDatabaseFault(err)) this.pending.set(token, p);
      throw err;
    }
  }
}
