import type Database from "better-sqlite3";
import type { ReportingCompleteness, VillageReportRequest, VillageReportStatus, VillageReportView, VillageReportsOverview } from "../../shared/contracts";
import { ApiError, forbidden } from "../auth/api-error";
import { access, type Principal } from "../auth/roles";
import type { Clock } from "../clock";
import type { CommuneConfig } from "../config/commune";
import type { Db } from "../db/connection";
import { cutoffAt, lastClosedWeek, parseWeekKey, previousWeek, weekAt, weekKey, weekLabel, type Cutoff, type WeekId } from "./iso-week";

interface RawReport {
  village_id: string;
  week: string;
  smartphone_users: number;
  installed: number;
  activated: number;
  regular_users: number;
  difficulties: string;
  proposals: string;
  submitted_by: string;
  first_submitted_at: number;
  updated_at: number;
  due_at: number;
  revision: number;
}

const iso = (ms: number) => new Date(ms).toISOString();

function view(r: RawReport): VillageReportView {
  return {
    villageId: r.village_id,
    week: r.week,
    smartphoneUsers: r.smartphone_users,
    installed: r.installed,
    activated: r.activated,
    regularUsers: r.regular_users,
    difficulties: r.difficulties,
    proposals: r.proposals,
    firstSubmittedAt: iso(r.first_submitted_at),
    updatedAt: iso(r.updated_at),
    dueAt: iso(r.due_at),
    late: r.first_submitted_at > r.due_at,
    revision: r.revision,
  };
}

/**
 * The village head's weekly report of seed 000: people with smartphones, people who installed,
 * activated and regularly use the province app, difficulties, proposals; due at the cut-off (Friday
 * 16:00 by default). A report sent after the deadline stays marked late even when corrected later.
 */
export class VillageReportsService {
  private readonly sqlite: Database.Database;
  private readonly cutoff: Cutoff;

  constructor(
    db: Db,
    private readonly commune: CommuneConfig,
    private readonly clock: Clock,
  ) {
    this.sqlite = db.$client;
    this.cutoff = { weekday: commune.reporting.weekday, time: commune.reporting.dueTime, timeZone: commune.commune.timezone };
  }

  /** The week a key names, or the current week; never a future week. */
  resolveWeek(key: string | undefined): WeekId {
    const current = weekAt(this.clock.now(), this.cutoff.timeZone);
    if (key === undefined || key === "current") return current;
    const w = parseWeekKey(key);
    if (!w) throw new ApiError("bad_request", `Tuần “${key}” không hợp lệ. Hãy ghi như ${weekKey(current)}.`);
    if (w.isoYear > current.isoYear || (w.isoYear === current.isoYear && w.isoWeek > current.isoWeek)) {
      throw new ApiError("unprocessable", `Chưa tới ${weekLabel(key)}.`);
    }
    return w;
  }

  dueAt(w: WeekId): number {
    return cutoffAt(w, this.cutoff);
  }

  submit(p: Principal, villageId: string, weekParam: string | undefined, body: VillageReportRequest): VillageReportView {
    this.village(villageId);
    if (!access.villageDetail(p, villageId)) throw forbidden("Chỉ trưởng thôn của thôn này (hoặc cán bộ xã) gửi được báo cáo của thôn.");
    const w = this.resolveWeek(weekParam);
    const week = weekKey(w);
    const now = this.clock.now();
    this.sqlite
      .prepare(
        `INSERT INTO village_reports (village_id, week, smartphone_users, installed, activated, regular_users, difficulties, proposals,
           submitted_by, first_submitted_at, updated_at, due_at, revision)
         VALUES (@villageId, @week, @smartphoneUsers, @installed, @activated, @regularUsers, @difficulties, @proposals, @by, @now, @now, @due, 1)
         ON CONFLICT (village_id, week) DO UPDATE SET smartphone_users = excluded.smartphone_users, installed = excluded.installed,
           activated = excluded.activated, regular_users = excluded.regular_users, difficulties = excluded.difficulties,
           proposals = excluded.proposals, submitted_by = excluded.submitted_by, updated_at = excluded.updated_at, revision = revision + 1`,
      )
      .run({ villageId, week, ...body, by: p.appUserId, now, due: this.dueAt(w) });
    return this.find(villageId, week)!;
  }

  get(p: Principal, villageId: string, weekParam: string | undefined): VillageReportView {
    this.village(villageId);
    if (!access.villageDetail(p, villageId)) throw forbidden("Chỉ trưởng thôn của thôn này hoặc cán bộ xã xem được báo cáo của thôn.");
    const week = weekKey(this.resolveWeek(weekParam));
    const r = this.find(villageId, week);
    if (!r) throw new ApiError("not_found", `Thôn chưa gửi báo cáo ${weekLabel(week)}.`);
    return r;
  }

  find(villageId: string, week: string): VillageReportView | undefined {
    const r = this.sqlite.prepare<[string, string], RawReport>("SELECT * FROM village_reports WHERE village_id = ? AND week = ?").get(villageId, week);
    return r ? view(r) : undefined;
  }

  /** Every village's report state for a week: on time, late, missing (deadline passed) or not due yet. */
  overview(w: WeekId, villageIds?: ReadonlySet<string>): VillageReportsOverview {
    const week = weekKey(w);
    const due = this.dueAt(w);
    const now = this.clock.now();
    const byVillage = new Map(
      this.sqlite
        .prepare<[string], RawReport>("SELECT * FROM village_reports WHERE week = ?")
        .all(week)
        .map((r) => [r.village_id, view(r)]),
    );
    const items: VillageReportStatus[] = this.commune.villages
      .filter((v) => !villageIds || villageIds.has(v.id))
      .map((v) => {
        const report = byVillage.get(v.id) ?? null;
        const state: VillageReportStatus["state"] = report ? (report.late ? "late" : "on_time") : now > due ? "missing" : "pending";
        return { villageId: v.id, villageName: v.name, head: v.head.name, dueAt: iso(due), state, report };
      });
    return { week, dueAt: iso(due), provinceApp: this.commune.provinceApp.name, items };
  }

  /**
   * Reporting completeness, like DHIS2's reporting rates: for the last `weeks` weeks whose deadline has
   * passed, per village and per week, how many reports were expected, received, and received on time.
   */
  completeness(weeks: number, villageIds?: ReadonlySet<string>): ReportingCompleteness {
    const now = this.clock.now();
    let w = lastClosedWeek(now, this.cutoff);
    const keys: string[] = [];
    for (let i = 0; i < weeks; i++) {
      keys.push(weekKey(w));
      w = previousWeek(w);
    }
    keys.reverse();
    const villages = this.commune.villages.filter((v) => !villageIds || villageIds.has(v.id));
    const rows = this.sqlite
      .prepare(`SELECT village_id, week, first_submitted_at, due_at FROM village_reports WHERE week IN (${keys.map(() => "?").join(",")})`)
      .all(...keys) as { village_id: string; week: string; first_submitted_at: number; due_at: number }[];
    const got = new Map(rows.map((r) => [`${r.village_id}|${r.week}`, r.first_submitted_at <= r.due_at]));
    const rate = (part: number, whole: number) => (whole === 0 ? null : Math.round((1000 * part) / whole) / 10);
    const byVillage = villages.map((v) => {
      const cells = keys.map((k) => {
        const onTime = got.get(`${v.id}|${k}`);
        return { week: k, state: onTime === undefined ? ("missing" as const) : onTime ? ("on_time" as const) : ("late" as const) };
      });
      const received = cells.filter((c) => c.state !== "missing").length;
      const onTime = cells.filter((c) => c.state === "on_time").length;
      return { villageId: v.id, villageName: v.name, head: v.head.name, expected: keys.length, received, onTime, receivedPercent: rate(received, keys.length), onTimePercent: rate(onTime, keys.length), weeks: cells };
    });
    const byWeek = keys.map((k, i) => {
      const received = byVillage.filter((v) => v.weeks[i]!.state !== "missing").length;
      const onTime = byVillage.filter((v) => v.weeks[i]!.state === "on_time").length;
      return { week: k, label: weekLabel(k), expected: villages.length, received, onTime, receivedPercent: rate(received, villages.length), onTimePercent: rate(onTime, villages.length) };
    });
    const expected = keys.length * villages.length;
    const received = byVillage.reduce((n, v) => n + v.received, 0);
    const onTime = byVillage.reduce((n, v) => n + v.onTime, 0);
    return { weeks: byWeek, villages: byVillage, total: { expected, received, onTime, receivedPercent: rate(received, expected), onTimePercent: rate(onTime, expected) } };
  }

  completenessFor(p: Principal, weeks: number): ReportingCompleteness {
    if (!p.officer && p.headOf.size === 0) throw forbidden("Chỉ cán bộ xã và trưởng thôn xem được tình hình báo cáo.");
    return this.completeness(weeks, p.officer ? undefined : p.headOf);
  }

  overviewFor(p: Principal, weekParam: string | undefined): VillageReportsOverview {
    if (!p.officer && p.headOf.size === 0) throw forbidden("Chỉ cán bộ xã và trưởng thôn xem được tình hình báo cáo.");
    return this.overview(this.resolveWeek(weekParam), p.officer ? undefined : p.headOf);
  }

  private village(villageId: string): void {
    if (!this.commune.villages.some((v) => v.id === villageId)) throw new ApiError("not_found", `Không có thôn “${villageId}”.`);
  }
}
