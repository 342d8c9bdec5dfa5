import { randomInt } from "node:crypto";
import {
  ANSWER_LABELS,
  PILLARS,
  PILLAR_LABELS,
  answerAllowed,
  appliesByFlags,
  criterionStatus,
  type EffectiveCatalogue,
  type HouseholdFlags,
} from "../../shared/criteria";
import type {
  AnswerChange,
  AnswersResponse,
  ChangeOutcome,
  HistoryResponse,
  HouseholdView,
  InviteResponse,
  RegisterHouseholdRequest,
  UpdateHouseholdRequest,
  VerifyRequest,
  VillageHouseholdsResponse,
} from "../../shared/contracts";
import { ApiError, forbidden } from "../auth/api-error";
import { access, actorRole, householdForbidden, type Principal, type StaffOaAccount } from "../auth/roles";
import type { Clock } from "../clock";
import { derived, type CommuneConfig, type Village } from "../config/commune";
import type { AggregatesRepo } from "../reports/aggregates-repo";
import type { AnswerRow, HouseholdRow, HouseholdsRepo } from "./households-repo";
import type { CodeFailures, LinkCodesRepo } from "./link-codes";
import {
  SCOPES,
  criterionCounts,
  householdContribution,
  isZeroCounts,
  scopeCounts,
  standing,
  subtractCounts,
  type AnswerState,
  type Contribution,
  type Tally,
} from "./progress";

export const INVITE_TTL_MS = 7 * 24 * 3600_000;
export const INVITE_MAX_USES = 10;
const INVITE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

const iso = (ms: number) => new Date(ms).toISOString();

/** What the chat answers to a 6-digit code: never the household's name (a right guess learns nothing). */
export type OaLinkResult =
  | { ok: true; householdId: number; villageId: string; message: string }
  | { ok: false; reason: "invalid" | "expired" | "locked" | "busy" | "staff_account" | "not_member"; message: string };

export interface HouseholdGuards {
  /** The OA account belongs to staff (and who is proven to be the same person): see RoleResolver. */
  staffOaAccount(oaUserId: string): StaffOaAccount | undefined;
  /** Wrong invite codes per user and commune-wide. */
  inviteFailures: CodeFailures;
  /** Throws while the counts are rebuilt for a new catalogue (LiveCatalogue.assertCountsWritable). */
  countsWritable?(): void;
}

const minutesUntil = (until: number, now: number) => Math.max(1, Math.ceil((until - now) / 60_000));

export interface OaHousehold {
  householdId: number;
  villageId: string;
  label: string;
  fullyMet: boolean;
  /** Criteria that apply and are not met yet, in catalogue order (with the guide that helps). */
  missing: { id: string; label: string; guideId?: string }[];
}

/**
 * Households, members and answers. Every change to an answer, a household's flags, village or status
 * updates the kept aggregates in the same transaction.
 */
export class HouseholdsService {
  /** Rebuilt when the admin edits the villages (the commune document is live). */
  private readonly villages: () => ReadonlyMap<string, Village>;

  constructor(
    private readonly repo: HouseholdsRepo,
    private readonly aggregates: AggregatesRepo,
    private readonly links: LinkCodesRepo,
    readonly catalogue: EffectiveCatalogue,
    private readonly commune: CommuneConfig,
    private readonly clock: Clock,
    private readonly guards: HouseholdGuards,
  ) {
    this.villages = derived(commune, (c) => new Map(c.villages.map((v) => [v.id, v])));
  }

  /**
   * A criterion the commune's set does not have: one it used before (an answer queued offline before the
   * admin adopted a new set) is named as the household knew it; residents never read a criterion's code.
   */
  private unknownCriterion(criterionId: string, details?: unknown): ApiError {
    const kind = this.commune.commune.kind;
    const former = this.repo.formerCriterionLabel(criterionId);
    return new ApiError(
      "unprocessable",
      former
        ? `${kind[0]!.toUpperCase()}${kind.slice(1)} không còn dùng tiêu chí “${former}” nên câu trả lời này không cần gửi nữa.`
        : `Tiêu chí này không có trong bộ tiêu chí “Gia đình số” của ${kind}. Hãy mở lại ứng dụng để xem danh sách mới.`,
      details,
    );
  }

  village(villageId: string): Village {
    const v = this.villages().get(villageId);
    if (!v) throw new ApiError("not_found", `Không có thôn “${villageId}” trong danh sách của ${this.commune.commune.kind}.`);
    return v;
  }

  // ---------------------------------------------------------------- households

  register(p: Principal, input: RegisterHouseholdRequest): HouseholdView {
    const village = this.village(input.villageId);
    const staff = p.officer || p.headOf.has(village.id);
    const join = input.joinAsMember ?? !staff;
    if (!join && !staff) throw forbidden("Chỉ trưởng thôn hoặc cán bộ xã mới đăng ký được hộ khác. Hãy đăng ký hộ của mình.");
    const flags: HouseholdFlags = { business: input.flags.business ?? false, producer: input.flags.producer ?? false };
    const now = this.clock.now();
    this.guards.countsWritable?.();
    const id = this.repo.tx(() => {
      if (join) this.assertNotMember(p.appUserId);
      if (!staff) this.assertNoLeftHousehold(p.appUserId);
      const hid = this.repo.insert({ villageId: village.id, label: input.label, flags, at: now, by: p.appUserId });
      if (join) this.repo.addMember({ appUserId: p.appUserId, householdId: hid, name: input.memberName ?? p.name ?? null, via: "register", at: now });
      const after = householdContribution(this.catalogue, flags, new Map());
      this.repo.setTallies(hid, after.tallies);
      this.applyContribution(null, { villageId: village.id, c: after });
      return hid;
    });
    return this.viewFor(p, id);
  }

  get(p: Principal, householdId: number): HouseholdView {
    this.authorizedHousehold(p, householdId);
    return this.viewFor(p, householdId);
  }

  update(p: Principal, householdId: number, patch: UpdateHouseholdRequest): HouseholdView {
    const h = this.authorizedHousehold(p, householdId);
    if (patch.villageId !== undefined && patch.villageId !== h.villageId) {
      if (!p.officer) throw forbidden("Chỉ cán bộ xã chuyển được hộ sang thôn khác.");
      this.village(patch.villageId);
    }
    if (patch.status !== undefined && patch.status !== h.status && !access.verify(p, h)) {
      throw forbidden("Chỉ trưởng thôn hoặc cán bộ xã mới lưu trữ hoặc khôi phục được hộ.");
    }
    const now = this.clock.now();
    this.guards.countsWritable?.();
    this.repo.tx(() => {
      const cur = this.repo.get(householdId)!;
      const flags: HouseholdFlags = { business: patch.flags?.business ?? cur.flags.business, producer: patch.flags?.producer ?? cur.flags.producer };
      const next = { villageId: patch.villageId ?? cur.villageId, label: patch.label ?? cur.label, flags, status: patch.status ?? cur.status };
      const countsChange =
        next.villageId !== cur.villageId || next.status !== cur.status || flags.business !== cur.flags.business || flags.producer !== cur.flags.producer;
      this.repo.update({ id: cur.id, ...next, at: now });
      if (countsChange) {
        const answers = this.answerStates(this.repo.answers(cur.id));
        const before = householdContribution(this.catalogue, cur.flags, answers);
        const after = householdContribution(this.catalogue, flags, answers);
        this.repo.setTallies(cur.id, after.tallies);
        this.applyContribution(
          cur.status === "active" ? { villageId: cur.villageId, c: before } : null,
          next.status === "active" ? { villageId: next.villageId, c: after } : null,
        );
      }
    });
    return this.viewFor(p, householdId);
  }

  createInvite(p: Principal, householdId: number): InviteResponse {
    const h = this.authorizedHousehold(p, householdId);
    if (h.status !== "active") throw new ApiError("conflict", "Hộ này đã được lưu trữ, không mời thêm thành viên được.");
    const now = this.clock.now();
    for (let attempt = 0; attempt < 10; attempt++) {
      const code = Array.from({ length: 8 }, () => INVITE_ALPHABET[randomInt(INVITE_ALPHABET.length)]).join("");
      if (this.repo.invite(code)) continue;
      this.repo.addInvite(code, h.id, p.appUserId, now, now + INVITE_TTL_MS, INVITE_MAX_USES);
      return {
        code,
        expiresAt: iso(now + INVITE_TTL_MS),
        maxUses: INVITE_MAX_USES,
        instructions: `Người trong hộ mở ứng dụng “Gia đình số”, chọn “Tham gia hộ” và nhập mã ${code}. Mã dùng được trong 7 ngày.`,
      };
    }
    throw new Error("no free invite code after 10 tries");
  }

  join(p: Principal, code: string, memberName?: string): HouseholdView {
    const now = this.clock.now();
    const failures = this.guards.inviteFailures;
    const lock = failures.locked(p.appUserId, now);
    if (lock) {
      const wait = minutesUntil(lock.until, now);
      throw new ApiError(
        "rate_limited",
        lock.scope === "global"
          ? `Gần đây có quá nhiều mã mời bị nhập sai, nên tạm thời chưa nhận mã mời. Vui lòng thử lại sau ${wait} phút.`
          : `Bác đã nhập sai mã mời ${failures.limits.perSubject} lần. Vui lòng thử lại sau ${wait} phút.`,
      );
    }
    const householdId = this.repo.tx(() => {
      const inv = this.repo.invite(code);
      const h = inv ? this.repo.get(inv.householdId) : undefined;
      if (!inv || !h || h.status !== "active") return undefined;
      const existing = this.repo.member(p.appUserId);
      if (existing?.householdId === h.id) return h.id;
      if (now >= inv.expiresAt) throw new ApiError("conflict", "Mã mời đã hết hạn. Hãy xin người trong hộ tạo mã mới.");
      if (inv.uses >= inv.maxUses) throw new ApiError("conflict", "Mã mời đã dùng hết lượt. Hãy xin người trong hộ tạo mã mới.");
      this.assertNotMember(p.appUserId);
      this.repo.useInvite(code);
      this.repo.addMember({ appUserId: p.appUserId, householdId: h.id, name: memberName ?? p.name ?? null, via: "invite", at: now });
      return h.id;
    });
    if (householdId === undefined) {
      failures.record(p.appUserId, now);
      throw new ApiError("not_found", "Mã mời không đúng. Hãy kiểm tra lại với người đã gửi mã.");
    }
    failures.clear(p.appUserId);
    return this.viewFor(p, householdId);
  }

  /** The caller leaves their household (the household and its answers stay). */
  leave(p: Principal): void {
    if (!this.repo.removeMember(p.appUserId)) throw new ApiError("not_found", "Bác chưa thuộc hộ nào.");
  }

  // ---------------------------------------------------------------- answers

  applyAnswers(p: Principal, householdId: number, changes: readonly AnswerChange[]): AnswersResponse {
    const h0 = this.authorizedHousehold(p, householdId);
    const role = actorRole(p, h0);
    const now = this.clock.now();
    this.guards.countsWritable?.();
    const results = this.repo.tx(() => {
      const h = this.repo.get(householdId)!;
      if (h.status !== "active") throw new ApiError("conflict", "Hộ này đã được lưu trữ, không sửa câu trả lời được.");
      return changes.map((ch, index) => {
        const note = ch.note === undefined || ch.note === "" ? null : ch.note;
        const fingerprint = JSON.stringify(["answer", ch.criterionId, ch.value, note]);
        const seen = this.repo.request(h.id, ch.idempotencyKey);
        if (seen) {
          if (seen.fingerprint !== fingerprint) throw keyReused(index);
          return { criterionId: ch.criterionId, idempotencyKey: ch.idempotencyKey, outcome: "replayed" as ChangeOutcome };
        }
        const c = this.catalogue.byId.get(ch.criterionId);
        if (!c) throw this.unknownCriterion(ch.criterionId, { index });
        const allowed = answerAllowed(c, h.flags, ch.value);
        if (!allowed.ok) throw new ApiError("unprocessable", allowed.reason, { index });
        const old = this.repo.answer(h.id, c.id);
        if (old && old.value === ch.value && old.note === note) {
          this.repo.recordRequest(h.id, ch.idempotencyKey, fingerprint, "unchanged", now);
          return { criterionId: c.id, idempotencyKey: ch.idempotencyKey, outcome: "unchanged" as ChangeOutcome };
        }
        const keepVerified = old !== undefined && old.value === ch.value && old.verifiedAt !== null;
        this.repo.upsertAnswer({
          householdId: h.id,
          criterionId: c.id,
          value: ch.value,
          note,
          at: now,
          by: p.appUserId,
          verifiedAt: keepVerified ? old!.verifiedAt : null,
          verifiedBy: keepVerified ? old!.verifiedBy : null,
        });
        this.repo.addHistory({
          householdId: h.id,
          criterionId: c.id,
          kind: "answer",
          fromValue: old?.value ?? null,
          toValue: ch.value,
          note,
          actor: p.appUserId,
          actorRole: role,
          at: now,
          idempotencyKey: ch.idempotencyKey,
        });
        this.applyCriterionChange(h, c.id, old ? { value: old.value, verified: old.verifiedAt !== null } : undefined, { value: ch.value, verified: keepVerified });
        this.repo.recordRequest(h.id, ch.idempotencyKey, fingerprint, "changed", now);
        return { criterionId: c.id, idempotencyKey: ch.idempotencyKey, outcome: "changed" as ChangeOutcome };
      });
    });
    if (results.some((r) => r.outcome === "changed")) this.repo.touch(householdId, now);
    return { results, household: this.viewFor(p, householdId) };
  }

  /** The village head (or an officer) confirms, or withdraws confirmation of, a criterion a household meets. */
  setVerified(p: Principal, householdId: number, req: VerifyRequest): { outcome: ChangeOutcome; household: HouseholdView } {
    const h0 = this.authorizedHousehold(p, householdId);
    if (!access.verify(p, h0)) throw forbidden("Chỉ trưởng thôn của thôn này hoặc cán bộ xã mới xác minh được tiêu chí.");
    const now = this.clock.now();
    this.guards.countsWritable?.();
    const outcome = this.repo.tx((): ChangeOutcome => {
      const h = this.repo.get(householdId)!;
      const fingerprint = JSON.stringify(["verify", req.criterionId, req.verified]);
      const seen = this.repo.request(h.id, req.idempotencyKey);
      if (seen) {
        if (seen.fingerprint !== fingerprint) throw keyReused(0);
        return "replayed";
      }
      const c = this.catalogue.byId.get(req.criterionId);
      if (!c) throw this.unknownCriterion(req.criterionId);
      const a = this.repo.answer(h.id, c.id);
      const isVerified = a?.verifiedAt != null;
      if (req.verified && (!a || criterionStatus(c, h.flags, a.value) !== "met")) {
        throw new ApiError("conflict", `Chỉ xác minh được tiêu chí hộ đã trả lời “${ANSWER_LABELS.dat}”. Hãy cập nhật câu trả lời trước.`);
      }
      if (!a || isVerified === req.verified) {
        this.repo.recordRequest(h.id, req.idempotencyKey, fingerprint, "unchanged", now);
        return "unchanged";
      }
      this.repo.setVerified(h.id, c.id, req.verified ? now : null, req.verified ? p.appUserId : null);
      this.repo.addHistory({
        householdId: h.id,
        criterionId: c.id,
        kind: req.verified ? "verify" : "unverify",
        fromValue: a.value,
        toValue: a.value,
        note: null,
        actor: p.appUserId,
        actorRole: actorRole(p, h),
        at: now,
        idempotencyKey: req.idempotencyKey,
      });
      this.applyCriterionChange(h, c.id, { value: a.value, verified: isVerified }, { value: a.value, verified: req.verified });
      this.repo.recordRequest(h.id, req.idempotencyKey, fingerprint, "changed", now);
      return "changed";
    });
    return { outcome, household: this.viewFor(p, householdId) };
  }

  history(p: Principal, householdId: number, q: { before?: number | undefined; limit: number }): HistoryResponse {
    this.authorizedHousehold(p, householdId);
    const rows = this.repo.history(householdId, q.before ?? Number.MAX_SAFE_INTEGER, q.limit + 1);
    const page = rows.slice(0, q.limit);
    return {
      items: page.map((r) => ({
        id: r.id,
        criterionId: r.criterionId,
        kind: r.kind,
        from: r.fromValue,
        to: r.toValue,
        note: r.note,
        by: { role: r.actorRole, you: r.actor === p.appUserId },
        at: iso(r.at),
      })),
      nextBefore: rows.length > q.limit ? page[page.length - 1]!.id : null,
    };
  }

  /** Households of a village with what each still misses: for the village head's door-to-door work. */
  villageHouseholds(
    p: Principal,
    villageId: string,
    q: { missing?: string | undefined; incomplete?: "true" | "false" | undefined; left?: "true" | "false" | undefined; after: number; limit: number },
  ): VillageHouseholdsResponse {
    this.village(villageId);
    if (!access.villageDetail(p, villageId)) throw forbidden("Chỉ trưởng thôn của thôn này hoặc cán bộ xã mới xem được danh sách hộ.");
    const missing = q.missing === undefined ? undefined : this.catalogue.byId.get(q.missing);
    if (q.missing !== undefined && !missing) throw new ApiError("unprocessable", `Không có tiêu chí “${q.missing}”.`);
    const items: VillageHouseholdsResponse["items"] = [];
    let after = q.after;
    let exhausted = false;
    // Pages over the village's households by id and filters in memory: the filters need the answers.
    while (items.length < q.limit && !exhausted) {
      const batch = this.repo.villagePage(villageId, after, 500);
      exhausted = batch.length < 500;
      const answers = this.repo.answersFor(batch.map((h) => h.id));
      const memberCounts = this.repo.memberCounts(batch.map((h) => h.id));
      for (const h of batch) {
        after = h.id;
        const byId = new Map((answers.get(h.id) ?? []).map((a) => [a.criterionId, a]));
        const unmet: string[] = [];
        const unanswered: string[] = [];
        for (const c of this.catalogue.criteria) {
          const st = criterionStatus(c, h.flags, byId.get(c.id)?.value);
          if (st === "unmet") unmet.push(c.id);
          else if (st === "unanswered") unanswered.push(c.id);
        }
        const st = standing(h.tallies.all);
        if (q.incomplete === "true" && st.fullyMet) continue;
        if (q.incomplete === "false" && !st.fullyMet) continue;
        if (missing && !unmet.includes(missing.id) && !unanswered.includes(missing.id)) continue;
        const members = memberCounts.get(h.id) ?? 0;
        const left = members === 0 && h.hadMembers;
        if (q.left !== undefined && left !== (q.left === "true")) continue;
        items.push({ id: h.id, label: h.label, flags: { ...h.flags }, ...h.tallies.all, assessed: st.assessed, fullyMet: st.fullyMet, unmet, unanswered, members, left });
        if (items.length === q.limit) break;
      }
    }
    const more = items.length === q.limit && (!exhausted || this.repo.villagePage(villageId, after, 1).length > 0);
    return { items, nextAfter: more ? after : null };
  }

  // ---------------------------------------------------------------- chat link (used by bot/chat)

  /** Links the OA-scoped id of a person to their household membership (user_id_by_app seen in an OA event). */
  linkOaUser(appUserId: string, oaUserId: string): { linked: boolean; householdId?: number } {
    return this.repo.tx(() => {
      const m = this.repo.member(appUserId);
      if (!m) return { linked: false };
      if (m.oaUserId !== oaUserId) this.repo.linkOa(appUserId, oaUserId);
      return { linked: true, householdId: m.householdId };
    });
  }

  /** A 6-digit code the member types in the OA chat when Zalo did not give user_id_by_app. */
  createOaLinkCode(p: Principal): { code: string; expiresAt: string; instructions: string } {
    if (!p.household) throw new ApiError("conflict", "Bác cần đăng ký hộ hoặc vào một hộ trước đã.");
    const { code, expiresAt } = this.links.create(p.appUserId, this.clock.now());
    return {
      code,
      expiresAt: iso(expiresAt),
      instructions: `Trong Zalo, mở trang “${this.commune.oa.name}”, bấm “Nhắn tin” và gửi mã ${code}. Mã dùng được trong 15 phút.`,
    };
  }

  /**
   * The bot calls this when a resident types a 6-digit code in the OA chat. A staff OA account (an
   * officer helping a family door to door) is never linked to someone else's household: the link
   * would make the household's chat the officer's. Wrong codes spend a budget per OA account and one
   * for the whole commune; replies never name the household.
   */
  linkOaUserByCode(oaUserId: string, rawCode: string): OaLinkResult {
    const now = this.clock.now();
    const code = rawCode.replace(/\D/g, "");
    const failures = this.links.failures;
    const lock = failures.locked(oaUserId, now);
    if (lock) {
      const wait = minutesUntil(lock.until, now);
      return lock.scope === "global"
        ? { ok: false, reason: "busy", message: `Gần đây có quá nhiều mã liên kết bị nhập sai, nên tạm thời chưa nhận mã. Bác vui lòng gửi lại mã sau ${wait} phút.` }
        : { ok: false, reason: "locked", message: `Bác đã nhập sai mã ${failures.limits.perSubject} lần. Vui lòng thử lại sau ${wait} phút.` };
    }
    const found = code.length === 6 ? this.links.peek(code, now) : undefined;
    if (!found || "expired" in found) {
      failures.record(oaUserId, now);
      return found
        ? { ok: false, reason: "expired", message: "Mã liên kết đã hết hạn. Hãy mở ứng dụng “Gia đình số” để lấy mã mới." }
        : { ok: false, reason: "invalid", message: "Mã liên kết không đúng. Hãy kiểm tra lại 6 chữ số trong ứng dụng “Gia đình số”." };
    }
    const staff = this.guards.staffOaAccount(oaUserId);
    if (staff && !staff.sameAs.has(found.appUserId)) {
      return {
        ok: false,
        reason: "staff_account",
        message:
          "Tài khoản Zalo này là tài khoản cán bộ của xã, nên không liên kết được với hộ của người khác. Chưa có gì thay đổi. Hãy để người trong hộ tự gửi mã này từ Zalo của mình.",
      };
    }
    const r = this.repo.tx(() => {
      this.links.use(code, now);
      return this.linkOaUser(found.appUserId, oaUserId);
    });
    const h = r.householdId !== undefined ? this.repo.get(r.householdId) : undefined;
    if (!r.linked || !h) return { ok: false, reason: "not_member", message: "Tài khoản này chưa thuộc hộ nào. Hãy đăng ký hộ trong ứng dụng “Gia đình số” trước." };
    failures.clear(oaUserId);
    return { ok: true, householdId: h.id, villageId: h.villageId, message: "Đã liên kết khung chat này với hộ của bác trong ứng dụng “Gia đình số”." };
  }

  /** The household behind an OA chat user, with what it still misses (for the bot's nudges and answers). */
  householdForOaUser(oaUserId: string): OaHousehold | undefined {
    const m = this.repo.memberByOaUser(oaUserId);
    const h = m ? this.repo.get(m.householdId) : undefined;
    if (!h || h.status !== "active") return undefined;
    const byId = new Map(this.repo.answers(h.id).map((a) => [a.criterionId, a]));
    const missing = this.catalogue.criteria
      .filter((c) => {
        const st = criterionStatus(c, h.flags, byId.get(c.id)?.value);
        return st === "unmet" || st === "unanswered";
      })
      .map((c) => ({ id: c.id, label: c.label, ...(c.guideId ? { guideId: c.guideId } : {}) }));
    return { householdId: h.id, villageId: h.villageId, label: h.label, fullyMet: missing.length === 0, missing };
  }

  // ---------------------------------------------------------------- internals

  /**
   * One household per Zalo account: a resident who registered a household and left it with nobody in
   * it registers no other (or one account could register a whole village). Staff register door to door.
   */
  private assertNoLeftHousehold(appUserId: string): void {
    const left = this.repo.leftRegisteredBy(appUserId);
    if (!left) return;
    throw new ApiError(
      "conflict",
      `Tài khoản Zalo của bác đã đăng ký “${left.label}” và hộ đó hiện không còn ai. Mỗi tài khoản chỉ đăng ký một hộ: hãy nhờ trưởng thôn gửi mã mời để vào lại hộ đó, hoặc nhờ trưởng thôn lưu trữ hộ cũ rồi đăng ký lại.`,
    );
  }

  private assertNotMember(appUserId: string): void {
    const m = this.repo.member(appUserId);
    if (!m) return;
    const h = this.repo.get(m.householdId);
    throw new ApiError("conflict", `Tài khoản Zalo của bác đã thuộc “${h?.label ?? "một hộ khác"}”. Mỗi người chỉ thuộc một hộ; hãy rời hộ cũ trước.`);
  }

  /** The household if the principal may see it; the same 403 whether it exists or not. */
  private authorizedHousehold(p: Principal, householdId: number): HouseholdRow {
    const h = this.repo.get(householdId);
    if (!h || !access.household(p, h)) throw householdForbidden();
    return h;
  }

  private answerStates(rows: readonly AnswerRow[]): Map<string, AnswerState> {
    return new Map(rows.map((a) => [a.criterionId, { value: a.value, verified: a.verifiedAt !== null }]));
  }

  /** One criterion of one household changed: O(1) updates of its tallies and its village's rows. */
  private applyCriterionChange(h: HouseholdRow, criterionId: string, before: AnswerState | undefined, after: AnswerState): void {
    const c = this.catalogue.byId.get(criterionId)!;
    const d = subtractCounts(
      criterionCounts(criterionStatus(c, h.flags, after.value), after.verified),
      criterionCounts(criterionStatus(c, h.flags, before?.value), before?.verified ?? false),
    );
    if (isZeroCounts(d)) return;
    const dt: Tally = { applicable: d.applicable, met: d.met, answered: d.answered };
    if (dt.applicable !== 0 || dt.met !== 0 || dt.answered !== 0) this.repo.addTally(h.id, c.pillar, dt);
    const counted = h.status === "active";
    if (counted) this.aggregates.addCriterion(h.villageId, c.id, d);
    for (const scope of ["all", c.pillar] as const) {
      const t0 = h.tallies[scope];
      const t1 = { applicable: t0.applicable + dt.applicable, met: t0.met + dt.met, answered: t0.answered + dt.answered };
      const s0 = standing(t0);
      const s1 = standing(t1);
      if (counted) this.aggregates.addScope(h.villageId, scope, 0, +s1.assessed - +s0.assessed, +s1.fullyMet - +s0.fullyMet);
      h.tallies[scope] = t1;
    }
  }

  /** A household's whole contribution moves (created, flags changed, moved, archived, restored). */
  private applyContribution(before: { villageId: string; c: Contribution } | null, after: { villageId: string; c: Contribution } | null): void {
    for (const [sign, side] of [
      [-1, before],
      [1, after],
    ] as const) {
      if (!side) continue;
      for (const [criterionId, k] of side.c.criteria) {
        this.aggregates.addCriterion(side.villageId, criterionId, {
          applicable: sign * k.applicable,
          met: sign * k.met,
          answered: sign * k.answered,
          verified: sign * k.verified,
          notApplicable: sign * k.notApplicable,
        });
      }
      const sc = scopeCounts(side.c.tallies);
      for (const s of SCOPES) this.aggregates.addScope(side.villageId, s, sign * sc[s].registered, sign * sc[s].assessed, sign * sc[s].fullyMet);
    }
  }

  viewFor(p: Principal, householdId: number): HouseholdView {
    const h = this.repo.get(householdId)!;
    const answers = new Map(this.repo.answers(h.id).map((a) => [a.criterionId, a]));
    const members = this.repo.members(h.id);
    const village = this.villages().get(h.villageId);
    const prog = (t: Tally) => ({ ...t, ...standing(t) });
    return {
      id: h.id,
      villageId: h.villageId,
      villageName: village?.name ?? h.villageId,
      label: h.label,
      flags: { ...h.flags },
      status: h.status,
      createdAt: iso(h.createdAt),
      updatedAt: iso(h.updatedAt),
      progress: { ...prog(h.tallies.all), pillars: PILLARS.map((pl) => ({ pillar: pl, label: PILLAR_LABELS[pl], ...prog(h.tallies[pl]) })) },
      criteria: this.catalogue.criteria.map((c) => {
        const a = answers.get(c.id);
        return {
          id: c.id,
          label: c.label,
          pillar: c.pillar,
          status: criterionStatus(c, h.flags, a?.value),
          appliesByFlags: appliesByFlags(c, h.flags),
          mayDecline: c.relevance.mayDecline || !appliesByFlags(c, h.flags),
          answer: a
            ? { value: a.value, note: a.note, updatedAt: iso(a.updatedAt), verified: a.verifiedAt !== null, verifiedAt: a.verifiedAt === null ? null : iso(a.verifiedAt) }
            : null,
        };
      }),
      members: members.map((m) => ({
        name: m.displayName,
        joinedAt: iso(m.joinedAt),
        you: m.appUserId === p.appUserId,
        chatLinked: m.oaUserId !== null,
      })),
    };
  }
}

function keyReused(index: number): ApiError {
  return new ApiError("conflict", "Mã chống gửi trùng (idempotencyKey) này đã dùng cho một thay đổi khác. Hãy tạo mã mới cho mỗi thay đổi.", { index });
}
