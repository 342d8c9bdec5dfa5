import { percent } from "../../shared/contracts/common";
import type {
  DeclareSegmentsRequest,
  HouseholdSegments,
  SegmentAdminView,
  SegmentCheckResponse,
  SegmentCreateRequest,
  SegmentDecisionRequest,
  SegmentFigures,
  SegmentList,
  SegmentProgress,
  SegmentUpdateRequest,
  SegmentView,
} from "../../shared/contracts/segments";
import type { AuditLog } from "../audit/audit-log";
import { ApiError, forbidden } from "../auth/api-error";
import { access, householdForbidden, type Principal } from "../auth/roles";
import type { Clock } from "../clock";
import type { CommuneConfig } from "../config/commune";
import type { HouseholdsRepo } from "../households/households-repo";
import { readCountsInWorker } from "./recount-worker";
import { KEPT_SQL, RECOUNT_SQL, compareCounts, countFromRaw, type CountDifference, type SegmentCountRow, type SegmentRow, type SegmentsRepo } from "./segments-repo";

/** The audit action of every segment edit (audit_log.action); target `segment:<id>`. */
export const SEGMENT_AUDIT_ACTION = "segments.edit";
/** Who seeded the segments from the commune file (audit_log.actor). */
export const SEED_ACTOR = "commune-file";

const view = (s: SegmentRow): SegmentView => ({ id: s.id, name: s.name, targetPercent: s.targetPercent, position: s.position, status: s.status });

/** "Gia đình có đảng viên" → "gia-dinh-co-dang-vien" (đ → d, marks dropped). */
export function segmentSlug(name: string): string {
  const s = name
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
  return s || "nhom";
}

/** Figures of a segment over some member households, against its target (the commune's basis decides what counts). */
export function segmentFigures(c: Pick<SegmentCountRow, "members" | "awaiting" | "fullyMet" | "fullyMetVerified">, targetPercent: number, basis: "self_declared" | "verified"): SegmentFigures {
  const counted = basis === "verified" ? c.fullyMetVerified : c.fullyMet;
  const required = Math.max(0, Math.ceil((c.members * targetPercent) / 100 - 1e-9));
  const needed = Math.max(0, required - counted);
  return {
    members: c.members,
    awaiting: c.awaiting,
    fullyMet: c.fullyMet,
    fullyMetPercent: percent(c.fullyMet, c.members),
    fullyMetVerified: c.fullyMetVerified,
    fullyMetVerifiedPercent: percent(c.fullyMetVerified, c.members),
    counted,
    countedPercent: percent(counted, c.members),
    targetPercent,
    required,
    needed,
    reached: c.members > 0 && needed === 0,
  };
}

export interface SegmentsServiceDeps {
  repo: SegmentsRepo;
  households: HouseholdsRepo;
  audit: AuditLog;
  commune: CommuneConfig;
  /** The criteria catalogue the kept "đạt" counts are built for. */
  catalogueKey: () => string;
  clock: Clock;
}

/**
 * Segments (defined by the admin officer, audited), memberships (declared by the household,
 * confirmed by the village head, kept apart) and progress per segment against its target.
 */
export class SegmentsService {
  constructor(private readonly d: SegmentsServiceDeps) {}

  /** First start: the commune file's segments, when the database has none yet (later edits live in the database). */
  seed(): number {
    const list = this.d.commune.segments ?? [];
    if (list.length === 0) return 0;
    return this.d.repo.tx(() => {
      if (this.d.repo.count() > 0) return 0;
      const now = this.d.clock.now();
      list.forEach((s, i) => {
        const row: SegmentRow = { id: s.id, name: s.name, targetPercent: s.targetPercent, position: i, status: "active", createdAt: now, updatedAt: now };
        this.d.repo.insert(row);
        this.d.audit.record({ actor: SEED_ACTOR, action: SEGMENT_AUDIT_ACTION, target: `segment:${s.id}`, before: null, after: view(row), note: { kind: "seed" } });
      });
      return list.length;
    });
  }

  /** The commune file's `segments` part (bot/commune/store.ts `connectPart`): exported from and imported into this database. */
  filePart(): { export(): unknown; replace(value: unknown, actor: string): number } {
    return {
      export: () => this.exportForFile(),
      replace: (value, actor) => this.importFromFile(value as { id: string; name: string; targetPercent: number }[], actor),
    };
  }

  /** The commune file's `segments` as the database holds them now (active ones, in order): for the commune export. */
  exportForFile(): { id: string; name: string; targetPercent: number }[] {
    return this.d.repo
      .all()
      .filter((x) => x.status === "active")
      .map((x) => ({ id: x.id, name: x.name, targetPercent: x.targetPercent }));
  }

  /**
   * A commune file's `segments` imported into this database (the commune import): listed ones are
   * created or updated in the file's order, the others archived (their memberships stay). Each change
   * audited like an edit in the console. Returns how many segments changed.
   */
  importFromFile(list: readonly { id: string; name: string; targetPercent: number }[], actor: string): number {
    const now = this.d.clock.now();
    return this.d.repo.tx(() => {
      let changed = 0;
      const record = (before: SegmentView | null, after: SegmentView, kind: "create" | "update") => {
        this.d.audit.record({ actor, action: SEGMENT_AUDIT_ACTION, target: `segment:${after.id}`, before, after, note: { kind, via: "import" } });
        changed++;
      };
      const listed = new Set(list.map((x) => x.id));
      list.forEach((x, position) => {
        const cur = this.d.repo.get(x.id);
        const next: SegmentRow = { id: x.id, name: x.name, targetPercent: x.targetPercent, position, status: "active", createdAt: cur?.createdAt ?? now, updatedAt: now };
        if (!cur) {
          this.d.repo.insert(next);
          record(null, view(next), "create");
        } else if (JSON.stringify(view(cur)) !== JSON.stringify(view(next))) {
          this.d.repo.update({ id: x.id, name: next.name, targetPercent: next.targetPercent, position, status: "active", at: now });
          record(view(cur), view(next), "update");
        }
      });
      for (const cur of this.d.repo.all()) {
        if (listed.has(cur.id) || cur.status === "archived") continue;
        this.d.repo.update({ id: cur.id, name: cur.name, targetPercent: cur.targetPercent, position: cur.position, status: "archived", at: now });
        record(view(cur), { ...view(cur), status: "archived" }, "update");
      }
      return changed;
    });
  }

  list(): SegmentList {
    return { items: this.d.repo.all().filter((s) => s.status === "active").map(view) };
  }

  // ---------------------------------------------------------------- admin

  assertAdmin(p: Principal): void {
    if (!p.admin) throw forbidden("Chỉ quản trị viên của xã sửa được các nhóm hộ và chỉ tiêu.");
  }

  adminView(p: Principal): SegmentAdminView {
    this.assertAdmin(p);
    const names = new Map(this.d.commune.officers.flatMap((o) => (o.appUserId ? [[o.appUserId, o.name] as const] : [])));
    const history = this.d.audit.list({ action: SEGMENT_AUDIT_ACTION, limit: 100 }).flatMap((e): SegmentAdminView["history"] => {
      const after = e.after as SegmentView | undefined;
      if (!after || typeof after !== "object") return [];
      const kind = (e.note as { kind?: string } | undefined)?.kind;
      return [
        {
          at: new Date(e.at).toISOString(),
          segmentId: after.id,
          by: e.actor,
          byName: names.get(e.actor) ?? null,
          kind: kind === "seed" || kind === "create" ? kind : "update",
          before: (e.before as SegmentView | null | undefined) ?? null,
          after,
        },
      ];
    });
    return { items: this.d.repo.all().map(view), history };
  }

  create(p: Principal, req: SegmentCreateRequest): SegmentView {
    this.assertAdmin(p);
    const id = req.id ?? segmentSlug(req.name);
    const now = this.d.clock.now();
    return this.d.repo.tx(() => {
      if (this.d.repo.get(id)) throw new ApiError("conflict", `Đã có nhóm mã “${id}”. Hãy đặt mã khác hoặc sửa nhóm đó.`);
      const same = this.d.repo.all().find((s) => s.name.toLocaleLowerCase("vi") === req.name.toLocaleLowerCase("vi"));
      if (same) throw new ApiError("conflict", `Đã có nhóm “${same.name}”.`);
      const row: SegmentRow = { id, name: req.name, targetPercent: req.targetPercent, position: this.d.repo.nextPosition(), status: "active", createdAt: now, updatedAt: now };
      this.d.repo.insert(row);
      this.d.audit.record({ actor: p.appUserId, action: SEGMENT_AUDIT_ACTION, target: `segment:${id}`, before: null, after: view(row), note: { kind: "create" } });
      return view(row);
    });
  }

  update(p: Principal, id: string, patch: SegmentUpdateRequest): SegmentView {
    this.assertAdmin(p);
    const now = this.d.clock.now();
    return this.d.repo.tx(() => {
      const cur = this.d.repo.get(id);
      if (!cur) throw new ApiError("not_found", `Không có nhóm hộ “${id}”.`);
      if (patch.name !== undefined) {
        const same = this.d.repo.all().find((s) => s.id !== id && s.name.toLocaleLowerCase("vi") === patch.name!.toLocaleLowerCase("vi"));
        if (same) throw new ApiError("conflict", `Đã có nhóm “${same.name}”.`);
      }
      const next: SegmentRow = {
        ...cur,
        name: patch.name ?? cur.name,
        targetPercent: patch.targetPercent ?? cur.targetPercent,
        position: patch.position ?? cur.position,
        status: patch.status ?? cur.status,
        updatedAt: now,
      };
      const before = view(cur);
      const after = view(next);
      if (JSON.stringify(before) === JSON.stringify(after)) return before;
      this.d.repo.update({ id, name: next.name, targetPercent: next.targetPercent, position: next.position, status: next.status, at: now });
      this.d.audit.record({ actor: p.appUserId, action: SEGMENT_AUDIT_ACTION, target: `segment:${id}`, before, after, note: { kind: "update" } });
      return after;
    });
  }

  /**
   * The kept counts against a recount from the raw rows (admin). The reading runs in a worker thread
   * (one snapshot, its own connection: 1-3 s at 500,000 households never block the webhooks); a fix,
   * when there is something to fix, recounts again under the write lock and replaces the kept rows.
   */
  async check(p: Principal, fix: boolean): Promise<SegmentCheckResponse> {
    this.assertAdmin(p);
    const path = this.d.repo.path;
    let diffs: CountDifference[];
    if (path) {
      const r = await readCountsInWorker({ dbPath: path, keptSql: KEPT_SQL, recountSql: RECOUNT_SQL });
      diffs = compareCounts(r.kept.map(countFromRaw), r.recount.map(countFromRaw));
      if (fix && diffs.length > 0) diffs = this.d.repo.check(true);
    } else {
      diffs = this.d.repo.check(fix);
    }
    return { differences: diffs.length, samples: diffs.slice(0, 20), fixed: fix && diffs.length > 0 };
  }

  // ---------------------------------------------------------------- memberships

  /** The household, if the caller may see it (the same answer for someone else's and a missing one). */
  household(p: Principal, householdId: number) {
    const h = this.d.households.get(householdId);
    if (!h || !access.household(p, h)) throw householdForbidden();
    return h;
  }

  householdSegments(p: Principal, householdId: number): HouseholdSegments {
    const h = this.household(p, householdId);
    return this.membershipView(p, h);
  }

  private membershipView(p: Principal, h: { id: number; villageId: string }): HouseholdSegments {
    const rows = new Map(this.d.repo.memberships(h.id).map((m) => [m.segmentId, m]));
    return {
      householdId: h.id,
      canDecide: access.verify(p, h),
      items: this.d.repo
        .all()
        .filter((s) => s.status === "active")
        .map((s) => {
          const m = rows.get(s.id);
          const declared = m?.declared ?? false;
          const decision = m?.decision ?? null;
          return { segmentId: s.id, name: s.name, declared, decision, member: (declared && decision !== "rejected") || decision === "confirmed" };
        }),
    };
  }

  /** The household's whole declaration: listed segments declared, the other active ones not. */
  declare(p: Principal, householdId: number, req: DeclareSegmentsRequest): HouseholdSegments {
    const h = this.household(p, householdId);
    if (h.status !== "active") throw new ApiError("conflict", "Hộ này đã được lưu trữ, không sửa nhóm được.");
    const now = this.d.clock.now();
    this.d.repo.tx(() => {
      const active = new Map(this.d.repo.all().filter((s) => s.status === "active").map((s) => [s.id, s]));
      const unknown = req.declared.filter((id) => !active.has(id));
      if (unknown.length > 0) throw new ApiError("unprocessable", `Xã không có nhóm “${unknown.join("”, “")}”. Bác mở lại ứng dụng để thấy các nhóm mới nhất.`);
      const want = new Set(req.declared);
      const current = new Map(this.d.repo.memberships(h.id).map((m) => [m.segmentId, m.declared]));
      for (const id of active.keys()) {
        const on = want.has(id);
        if ((current.get(id) ?? false) !== on) this.d.repo.setDeclared(h.id, id, on, now, p.appUserId);
      }
    });
    return this.membershipView(p, h);
  }

  assertMayDecide(p: Principal, h: { villageId: string }): void {
    if (!access.verify(p, h)) throw forbidden("Chỉ trưởng thôn của thôn này hoặc cán bộ xã mới xác nhận được nhóm của hộ.");
  }

  decide(p: Principal, householdId: number, req: SegmentDecisionRequest): HouseholdSegments {
    const h = this.household(p, householdId);
    this.assertMayDecide(p, h);
    if (h.status !== "active") throw new ApiError("conflict", "Hộ này đã được lưu trữ, không sửa nhóm được.");
    const s = this.d.repo.get(req.segmentId);
    if (!s || s.status !== "active") throw new ApiError("unprocessable", `Xã không có nhóm “${req.segmentId}”.`);
    const now = this.d.clock.now();
    this.d.repo.tx(() => {
      const cur = this.d.repo.membership(h.id, s.id);
      if ((cur?.decision ?? null) !== req.decision) this.d.repo.setDecision(h.id, s.id, req.decision, now, p.appUserId);
    });
    return this.membershipView(p, h);
  }

  // ---------------------------------------------------------------- progress

  /** Per segment, commune-wide (or the head's villages) and per village: member households "đạt" against the target. */
  progress(p: Principal): SegmentProgress {
    if (!p.officer && p.headOf.size === 0) throw forbidden("Chỉ cán bộ xã và trưởng thôn xem được tiến độ các nhóm hộ.");
    const basis = this.d.commune.target.basis;
    const configured = this.d.commune.villages.map((v) => ({ id: v.id, name: v.name }));
    const counts = this.d.repo.counts();
    // Officers: every village of the file, then any other a household still points to; heads: theirs.
    const villages = p.officer
      ? [...configured, ...[...new Set(counts.map((c) => c.villageId))].filter((id) => !configured.some((v) => v.id === id)).map((id) => ({ id, name: id }))]
      : configured.filter((v) => p.headOf.has(v.id));
    const shown = new Set(villages.map((v) => v.id));
    const byKey = new Map(counts.map((c) => [`${c.segmentId}\u0000${c.villageId}`, c]));
    const zero = { members: 0, awaiting: 0, fullyMet: 0, fullyMetVerified: 0 };
    return {
      asOf: new Date(this.d.clock.now()).toISOString(),
      basis,
      catalogueKey: this.d.catalogueKey(),
      villages,
      segments: this.d.repo
        .all()
        .filter((s) => s.status === "active")
        .map((s) => {
          const total = { ...zero };
          for (const c of counts) {
            if (c.segmentId !== s.id || !shown.has(c.villageId)) continue;
            total.members += c.members;
            total.awaiting += c.awaiting;
            total.fullyMet += c.fullyMet;
            total.fullyMetVerified += c.fullyMetVerified;
          }
          return {
            segmentId: s.id,
            name: s.name,
            targetPercent: s.targetPercent,
            totals: segmentFigures(total, s.targetPercent, basis),
            villages: villages.map((v) => ({ villageId: v.id, villageName: v.name, ...segmentFigures(byKey.get(`${s.id}\u0000${v.id}`) ?? zero, s.targetPercent, basis) })),
          };
        }),
    };
  }
}
