/**
 * The officers' dashboards on the PC (issue 14), each one table: villages against the target, each
 * criterion, each pillar, households silent for N weeks, the Friday reports' completeness, the trend.
 * The console draws the table as it is and "Tải Excel" writes the same table (dash-xlsx.ts), so the
 * file has the rows, columns, order and headers the officer sees. Read from the kept aggregates and the
 * frozen weeks (a few rows per village), never from the households themselves.
 */
import { PILLARS, PILLAR_LABELS, type EffectiveCatalogue } from "../../shared/criteria";
import {
  percentWords,
  sortDashRows,
  targetWords,
  type DashCell,
  type DashColumn,
  type DashQuery,
  type DashTable,
  type DashTarget,
  type DashView,
  type VillageFigures,
} from "../../shared/contracts";
import { ApiError, forbidden } from "../auth/api-error";
import type { Principal } from "../auth/roles";
import type { Clock } from "../clock";
import type { CommuneConfig } from "../config/commune";
import type { Readable } from "node:stream";
import { dashExportStream } from "./background";
import { DASH_FILE } from "./dash-xlsx";
import { countedPercent, requiredHouseholds } from "./figures";
import { dateInWeek, parseWeekKey } from "./iso-week";
import type { ReportsService } from "./reports-service";
import type { VillageReportsService } from "./village-reports";

/** "30/11–6/12": a week as dates (Monday to Sunday), never its ISO number. */
export function weekDates(key: string): string {
  const w = parseWeekKey(key);
  if (!w) return key;
  const a = dateInWeek(w, 1);
  const b = dateInWeek(w, 7);
  return `${a.day}/${a.month}–${b.day}/${b.month}`;
}

const BASIS_WORDS = { self_declared: "số hộ tự khai đạt", verified: "số hộ trưởng thôn đã xác nhận" } as const;
const STATE_WORDS = { on_time: "Đúng hạn", late: "Nộp muộn", missing: "Chưa nộp" } as const;

const col = (key: string, header: string, kind: DashColumn["kind"], sortable = true, under?: string): DashColumn => ({ key, header, kind, sortable, ...(under ? { under } : {}) });

function target(t: VillageFigures["target"]): DashTarget {
  return { ...t, words: targetWords(t) };
}

/** Households still needed for `percentTarget` of `base`, given `counted`; null when there is no base. */
function needed(base: number, percentTarget: number, counted: number): number | null {
  return base === 0 ? null : Math.max(0, requiredHouseholds(base, percentTarget) - counted);
}

/**
 * Households still needed for the commune: its villages' figures added up (as for the target itself);
 * `own` for a village, or when nothing applies.
 */
function neededSum(villages: readonly VillageFigures[] | undefined, nothing: boolean, own: () => number | null, each: (v: VillageFigures) => number | null): number | null {
  return villages === undefined || nothing ? own() : villages.reduce((n, v) => n + (each(v) ?? 0), 0);
}

const counted = (f: Pick<VillageFigures, "basis" | "fullyMet" | "fullyMetVerified">) => (f.basis === "verified" ? f.fullyMetVerified : f.fullyMet);

export class DashService {
  constructor(
    private readonly d: {
      reports: ReportsService;
      villageReports: VillageReportsService;
      catalogue: EffectiveCatalogue;
      commune: CommuneConfig;
      clock: Clock;
    },
  ) {}

  private get communeName(): string {
    return `${this.d.commune.commune.kind} ${this.d.commune.commune.name}`;
  }

  private villageName(id: string): string {
    const v = this.d.commune.villages.find((x) => x.id === id);
    if (!v) throw new ApiError("not_found", `Không có thôn “${id}”.`);
    return v.name;
  }

  /** One dashboard, in the order asked (a column's key and direction) or its own. */
  table(p: Principal, view: DashView, q: DashQuery): DashTable {
    if (!p.officer && p.headOf.size === 0) throw forbidden("Chỉ cán bộ xã và trưởng thôn xem được các bảng số liệu.");
    const t = this.build(p, view, q);
    if (q.sort === undefined) return t;
    const c = t.columns.find((x) => x.key === q.sort);
    if (!c || !c.sortable) throw new ApiError("bad_request", `Bảng này không sắp xếp được theo cột “${q.sort}”.`);
    const desc = q.desc ?? false;
    return { ...t, rows: sortDashRows(t, t.rows, c.key, desc), sort: { key: c.key, desc } };
  }

  /**
   * The same table as an .xlsx, in the order the screen shows (the same query), written by a worker
   * thread and streamed to the answer.
   */
  excel(p: Principal, view: DashView, q: DashQuery): { filename: string; body: Readable } {
    const t = this.table(p, view, q);
    const now = this.d.clock.now();
    const day = new Date(now).toLocaleDateString("sv-SE", { timeZone: this.d.commune.commune.timezone }); // 2026-11-30
    const c = this.d.commune.commune;
    return {
      filename: `gia-dinh-so-${DASH_FILE[view]}${t.scope.villageId ? `-${t.scope.villageId}` : ""}-${day}.xlsx`,
      body: dashExportStream({
        job: { head: { view: t.view, title: t.title, note: t.note, columns: t.columns, target: t.target }, commune: { kind: c.kind, name: c.name, timezone: c.timezone }, now },
        rows: t.rows.map((r) => r.cells),
        total: t.total,
      }),
    };
  }

  private build(p: Principal, view: DashView, q: DashQuery): DashTable {
    switch (view) {
      case "villages":
        return this.villages(p);
      case "criteria":
        return this.criteria(p, q.village);
      case "pillars":
        return this.pillars(p, q.village);
      case "silent":
        return this.silent(p, q.weeks ?? 4);
      case "completeness":
        return this.completeness(p, q.weeks ?? 8);
      case "trend":
        return this.trend(p, q.village, q.weeks ?? 12);
    }
  }

  /** This week's figures of the commune or of one village (officers: any; a village head: theirs). */
  private live(p: Principal, villageId: string | undefined): { f: VillageFigures; asOf: string; name: string; villages?: VillageFigures[] } {
    if (villageId === undefined) {
      const c = this.d.reports.communeDashboard(p);
      return { f: c.totals, asOf: c.asOf, name: this.communeName, villages: c.villages };
    }
    if (!p.officer && !p.headOf.has(villageId)) throw forbidden("Bác chỉ xem được số liệu của thôn mình.");
    const v = this.d.reports.villageDashboard(p, villageId);
    return { f: v, asOf: v.asOf, name: v.villageName };
  }

  private villages(p: Principal): DashTable {
    const c = this.d.reports.communeDashboard(p);
    const tp = c.totals.target.percent;
    const columns = [
      col("name", "Thôn", "text"),
      col("official", "Số hộ của thôn", "int"),
      col("registered", "Hộ đăng ký", "int"),
      col("completeness", "Đánh giá đủ", "percent"),
      col("fullyMet", "Số hộ đạt", "int"),
      col("counted", "Tỉ lệ hộ đạt", "percent"),
      col("verified", "Trưởng thôn đã xác nhận", "percent"),
      col("needed", `Cần thêm để đạt ${percentWords(tp)}`, "needed"),
    ];
    const cells = (f: VillageFigures, name: string): DashCell[] => [
      name,
      f.officialHouseholds,
      f.registered,
      f.completeness,
      counted(f),
      countedPercent(f),
      f.fullyMetVerifiedPercent,
      f.target.base === 0 ? null : f.target.needed,
    ];
    return {
      view: "villages",
      title: `Các thôn so với mục tiêu ${percentWords(tp)}`,
      note: `“Hộ đạt” tính theo ${BASIS_WORDS[c.totals.basis]}, trên số hộ của thôn (hoặc số hộ đăng ký nếu nhiều hơn). Số liệu lúc ${this.when(c.asOf)}.`,
      asOf: c.asOf,
      scope: { villageId: null, name: this.communeName },
      target: target(c.totals.target),
      columns,
      rows: c.villages.map((v) => ({ id: v.villageId, cells: cells(v, v.villageName) })),
      total: cells(c.totals, "Toàn xã"),
      sort: { key: "counted", desc: true },
    };
  }

  private criteria(p: Principal, villageId: string | undefined): DashTable {
    const { f, asOf, name, villages } = this.live(p, villageId);
    const tp = f.target.percent;
    // The commune's households still needed are its villages' added up (as for the target itself).
    const neededFor = (id: string, applicable: number, met: number) =>
      neededSum(villages, applicable === 0, () => needed(applicable, tp, met), (v) => {
        const c = v.criteria.find((x) => x.criterionId === id);
        return c ? needed(c.applicable, tp, c.met) : null;
      });
    const order = new Map(this.d.catalogue.criteria.map((c, i) => [c.id, i + 1]));
    return {
      view: "criteria",
      title: `Từng tiêu chí - ${name}`,
      note: `Tỉ lệ đạt của mỗi tiêu chí tính trên số hộ tiêu chí đó áp dụng (không tính hộ “không áp dụng”); mục tiêu ${percentWords(tp)} như chỉ tiêu của xã${villageId ? "" : "; số hộ cần thêm của xã là tổng của các thôn"}. Số liệu lúc ${this.when(asOf)}.`,
      asOf,
      scope: { villageId: villageId ?? null, name },
      target: target(f.target),
      columns: [
        col("no", "STT", "int"),
        col("label", "Tiêu chí", "text"),
        col("pillar", "Trụ cột", "text"),
        col("applicable", "Hộ áp dụng", "int"),
        col("met", "Hộ đạt", "int"),
        col("coverage", "Tỉ lệ đạt", "percent"),
        col("verified", "Trưởng thôn đã xác nhận", "int"),
        col("needed", `Cần thêm để đạt ${percentWords(tp)}`, "needed"),
      ],
      rows: f.criteria.map((c) => ({
        id: c.criterionId,
        cells: [order.get(c.criterionId) ?? null, c.label, PILLAR_LABELS[c.pillar], c.applicable, c.met, c.coverage, c.verified, neededFor(c.criterionId, c.applicable, c.met)],
      })),
      total: null,
      sort: { key: "no", desc: false },
    };
  }

  private pillars(p: Principal, villageId: string | undefined): DashTable {
    const { f, asOf, name, villages } = this.live(p, villageId);
    const tp = f.target.percent;
    const base = f.target.base;
    const verified = f.basis === "verified";
    const countedIn = (x: VillageFigures["pillars"][number]) => (verified ? x.fullyMetVerified : x.fullyMet);
    // The commune's: its villages' added up (as for the target itself).
    const neededFor = (pl: string, c: number) =>
      neededSum(villages, base === 0, () => needed(base, tp, c), (v) => {
        const x = v.pillars.find((y) => y.pillar === pl);
        return x ? needed(v.target.base, tp, countedIn(x)) : null;
      });
    return {
      view: "pillars",
      title: `Từng trụ cột - ${name}`,
      note: `Một hộ đạt một trụ cột khi đạt mọi tiêu chí của trụ cột đó áp dụng cho hộ; tỉ lệ tính trên ${base} hộ (số hộ${villageId ? " của thôn" : " của xã"}, hoặc số hộ đăng ký nếu nhiều hơn)${villageId ? "" : "; số hộ cần thêm của xã là tổng của các thôn"}. Số liệu lúc ${this.when(asOf)}.`,
      asOf,
      scope: { villageId: villageId ?? null, name },
      target: target(f.target),
      columns: [
        col("pillar", "Trụ cột", "text"),
        col("criteria", "Số tiêu chí", "int"),
        col("fullyMet", "Hộ đạt cả trụ cột", "int"),
        col("percent", "Tỉ lệ hộ đạt", "percent"),
        col("verified", "Trưởng thôn đã xác nhận", "percent"),
        col("needed", `Cần thêm để đạt ${percentWords(tp)}`, "needed"),
      ],
      rows: PILLARS.map((pl) => {
        const x = f.pillars.find((y) => y.pillar === pl)!;
        const n = this.d.catalogue.criteria.filter((c) => c.pillar === pl).length;
        const c = countedIn(x);
        return { id: pl, cells: [x.label, n, c, verified ? x.fullyMetVerifiedPercent : x.fullyMetPercent, x.fullyMetVerifiedPercent, neededFor(pl, c)] };
      }),
      total: null,
      sort: { key: "pillar", desc: false },
    };
  }

  private silent(p: Principal, weeks: number): DashTable {
    const s = this.d.reports.silentHouseholds(p, weeks);
    const row = (name: string, x: { active: number; silent: number; silentPercent: number | null }): DashCell[] => [name, x.active, x.silent, x.silentPercent];
    const asOf = new Date(this.d.clock.now()).toISOString();
    return {
      view: "silent",
      title: `Hộ không trả lời trong ${weeks} tuần`,
      note: `Hộ đang theo dõi mà không thay đổi câu trả lời nào từ ${this.day(s.since)} đến nay: trưởng thôn hoặc tình nguyện viên nên đến tận nhà. Số liệu lúc ${this.when(asOf)}.`,
      asOf,
      scope: { villageId: null, name: this.communeName },
      target: null,
      // Sorted by count (most silent first); by name only in the villages table above it (one "Thôn" button per page).
      columns: [col("name", "Thôn", "text", false), col("active", "Hộ đang theo dõi", "int"), col("silent", `Không trả lời ${weeks} tuần`, "int"), col("percent", "Tỉ lệ", "percent")],
      rows: s.villages.map((v) => ({ id: v.villageId, cells: row(v.villageName, v) })),
      total: row("Toàn xã", s.total),
      sort: { key: "silent", desc: true },
    };
  }

  private completeness(p: Principal, weeks: number): DashTable {
    const c = this.d.villageReports.completenessFor(p, weeks);
    const asOf = new Date(this.d.clock.now()).toISOString();
    const frac = (a: number, b: number) => `${a}/${b}`;
    return {
      view: "completeness",
      title: `Tình hình nộp báo cáo thứ Sáu ${weeks} tuần qua`,
      note: "“Đúng hạn”: gửi trước hạn thứ Sáu; “Nộp muộn”: gửi sau hạn; “Chưa nộp”: không gửi. Dòng “Toàn xã”: số thôn đã nộp trên số thôn mỗi tuần.",
      asOf,
      scope: { villageId: null, name: this.communeName },
      target: null,
      columns: [
        col("name", "Thôn", "text"),
        col("head", "Trưởng thôn", "text", false, "name"),
        ...c.weeks.map((w) => col(`w:${w.week}`, `Tuần ${weekDates(w.week)}`, "state", false)),
        col("received", "Đã nộp", "text", false),
        col("onTime", "Đúng hạn", "percent"),
      ],
      rows: c.villages.map((v) => ({ id: v.villageId, cells: [v.villageName, v.head, ...v.weeks.map((w) => STATE_WORDS[w.state]), frac(v.received, v.expected), v.onTimePercent] })),
      total: ["Toàn xã", "", ...c.weeks.map((w) => frac(w.received, w.expected)), frac(c.total.received, c.total.expected), c.total.onTimePercent],
      sort: { key: "name", desc: false },
    };
  }

  private trend(p: Principal, villageId: string | undefined, weeks: number): DashTable {
    if (villageId !== undefined) this.villageName(villageId);
    const now = this.live(p, villageId);
    const frozen = this.d.reports.frozenFigures(p, weeks, villageId);
    const cells = (label: string, f: VillageFigures): DashCell[] => [label, f.registered, counted(f), countedPercent(f), f.target.percent, f.target.base === 0 ? null : f.target.needed];
    return {
      view: "trend",
      title: `Tỉ lệ hộ đạt qua các tuần - ${now.name}`,
      note: `Mỗi tuần: số liệu chốt chiều thứ Sáu; dòng cuối: tuần này, tạm tính lúc ${this.when(now.asOf)}. “Hộ đạt” tính theo ${BASIS_WORDS[now.f.basis]}.`,
      asOf: now.asOf,
      scope: { villageId: villageId ?? null, name: now.name },
      target: target(now.f.target),
      columns: [
        col("week", "Tuần", "text", false),
        col("registered", "Hộ đăng ký", "int", false),
        col("fullyMet", "Số hộ đạt", "int", false),
        col("percent", "Tỉ lệ hộ đạt", "percent", false),
        col("target", "Mục tiêu", "percent", false),
        col("needed", `Cần thêm để đạt mục tiêu`, "needed", false),
      ],
      rows: [...frozen.map((w) => ({ id: w.week, cells: cells(weekDates(w.week), w.figures) })), { id: "now", cells: cells("Tuần này", now.f) }],
      total: null,
      sort: { key: "week", desc: false },
    };
  }

  private when(iso: string): string {
    return new Date(iso).toLocaleString("vi-VN", { hour: "2-digit", minute: "2-digit", day: "2-digit", month: "2-digit", year: "numeric", timeZone: this.d.commune.commune.timezone });
  }

  private day(iso: string): string {
    return new Date(iso).toLocaleDateString("vi-VN", { day: "numeric", month: "numeric", year: "numeric", timeZone: this.d.commune.commune.timezone });
  }
}
