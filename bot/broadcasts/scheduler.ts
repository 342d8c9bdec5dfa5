import type { FastifyBaseLogger } from "fastify";
import type { Clock } from "../clock";
import type { CommuneConfig } from "../config/commune";
import { describeDbError, isDatabaseFault } from "../db/faults";
import { MINUTE_MS, MinuteTicker, minuteOf } from "../db/minute-ticker";
import type { SchedulerCursorRepo } from "../db/scheduler-cursors";
import { weekAt, weekKey, weekLabel } from "../reports/iso-week";
import type { HouseholdGapSource } from "./audience";
import type { BroadcastRepo, ScheduleRow } from "./broadcast-repo";
import type { BroadcastService, PlannedDelivery } from "./broadcast-service";
import type { ChannelPlanner } from "./channel-planner";
import { cronMatches, lastDueAt, localTime, parseCron } from "./cron-match";
import { rankingChartPng } from "./ranking-chart";
import type { ScheduleContent } from "./schedule-content";

const WEEK_MS = 7 * 24 * 3600 * 1000;
const CURSOR = "broadcasts";

type Chart = { broadcastId: number; chart: { percent: number }[] };

/**
 * Fires the officers' schedules. A ticker wakes just after each minute in real time; each tick
 * handles every minute since the last one it handled (persisted in `scheduler_cursors`), so a start
 * inside a due minute fires it, and an event loop blocked while the minute turned only delays the
 * firing. Each due (schedule, minute) is claimed in the database first, so handling a minute twice
 * (a restart within the minute, a tick that failed half-way) sends once. A minute that was missed
 * (the server was down, the loop blocked) is sent late if at most `catchUpHours` old, otherwise
 * recorded as skipped and logged; only the most recent missed firing of each schedule is considered.
 * A tick never throws: a database that refuses writes leaves the cursor where it was, and the next
 * tick tries the same minutes again.
 */
export class BroadcastScheduler {
  private ticker: MinuteTicker | undefined;
  /** Ticks run one at a time (tests call tick() besides the ticker). */
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly d: {
      repo: BroadcastRepo;
      cursors: SchedulerCursorRepo;
      service: BroadcastService;
      content: ScheduleContent;
      planner: ChannelPlanner;
      commune: CommuneConfig;
      clock: Clock;
      logger: FastifyBaseLogger;
      gaps: () => HouseholdGapSource | undefined;
      /** Followers' village tags, kept in step each minute. */
      tagger: { run(): Promise<number> };
      /** Uploads a PNG through Zalo's upload API; undefined when it failed (the text goes alone). */
      uploadImage: (png: Buffer, name: string) => Promise<string | undefined>;
    },
  ) {}

  /**
   * The default schedules of a commune, from its config; officers edit them afterwards. Each is
   * seeded once under a stable key (`default:<kind>`): an officer may rename it, it is never seeded
   * again. A database from before the key adopts its oldest schedule of that kind.
   */
  seedDefaults(at: number): void {
    const c = this.d.commune;
    const [h, m] = c.reporting.dueTime.split(":").map(Number) as [number, number];
    const due = h * 60 + m;
    const remind = due - c.broadcasts.reportReminderLeadMinutes;
    const weekday = c.reporting.weekday % 7;
    const at2 = (mins: number, wd: number) => `${((mins % 60) + 60) % 60} ${Math.floor(mins / 60)} * * ${wd}`;
    const defaults: Omit<ScheduleRow, "id" | "enabled" | "template" | "audience" | "seedKey">[] = [
      { kind: "report_reminder", name: "Nhắc trưởng thôn gửi báo cáo thứ Sáu", cron: at2(Math.max(0, remind), weekday), updatedBy: "cấu hình", updatedAt: at },
      { kind: "report_overdue", name: "Danh sách thôn chưa báo cáo", cron: at2(Math.min(23 * 60 + 59, due + 5), weekday), updatedBy: "cấu hình", updatedAt: at },
      { kind: "team_visit", name: "Thông báo lịch tổ lưu động", cron: "0 7 * * *", updatedBy: "cấu hình", updatedAt: at },
      { kind: "legal_tip", name: "Pháp luật trong tuần", cron: c.broadcasts.legalTipCron, updatedBy: "cấu hình", updatedAt: at },
      { kind: "ranking", name: "Xếp hạng thôn thứ Sáu", cron: c.broadcasts.rankingCron, updatedBy: "cấu hình", updatedAt: at },
      { kind: "nudges", name: "Nhắc hộ còn thiếu tiêu chí", cron: c.broadcasts.nudgeCron, updatedBy: "cấu hình", updatedAt: at },
      // Weekdays at 16:30, before the office closes: what residents still wait for.
      { kind: "tickets_digest", name: "Tóm tắt yêu cầu hỗ trợ chưa xong", cron: "30 16 * * 1-5", updatedBy: "cấu hình", updatedAt: at },
    ];
    for (const s of defaults) this.d.repo.seedSchedule(`default:${s.kind}`, s);
  }

  start(): void {
    this.ticker ??= new MinuteTicker(
      this.d.clock,
      (now) => this.tickAsync(now),
      (err) => this.d.logger.error({ err }, "broadcasts: tick failed"),
    );
    this.ticker.start();
  }

  async stop(): Promise<void> {
    await this.ticker?.stop();
    this.ticker = undefined;
    await this.chain;
  }

  /** Handles every minute up to `now`'s, and after a restart the missed firings (sent late or skipped and logged); fire-and-forget, errors are logged. */
  tick(now: number): void {
    void this.tickAsync(now);
  }

  /**
   * Handles every minute since the last handled one up to `now`'s, then the one-off broadcasts whose
   * time came; resolves when charts were uploaded and their broadcasts queued. Never rejects.
   */
  tickAsync(now: number): Promise<void> {
    const run = this.chain.then(() => this.handle(now));
    this.chain = run;
    return run;
  }

  private async handle(now: number): Promise<void> {
    const charts: Chart[] = [];
    try {
      charts.push(...this.handleMinutes(now));
    } catch (err) {
      this.logFault(err, "broadcasts: schedules not handled; the next tick tries again");
    }
    try {
      for (const b of this.d.repo.dueScheduledBroadcasts(now)) this.d.service.queue(b.id, b.createdBy);
    } catch (err) {
      this.logFault(err, "broadcasts: scheduled broadcasts not queued; the next tick tries again");
    }
    for (const c of charts) await this.attachChartAndQueue(c.broadcastId, c.chart);
    await this.d.tagger.run().catch((err) => this.d.logger.warn({ err }, "village tags: failed"));
  }

  /** The minutes since the cursor: missed ones are caught up, the current one fires. */
  private handleMinutes(now: number): Chart[] {
    const current = minuteOf(now);
    const cursor = this.d.cursors.get(CURSOR);
    const missedFrom = cursor === undefined ? current - WEEK_MS : Math.max(cursor + MINUTE_MS, current - WEEK_MS);
    const charts: Chart[] = [];
    let refused: unknown;
    const t = localTime(current, this.d.commune.commune.timezone);
    for (const s of this.d.repo.schedules()) {
      if (!s.enabled) continue;
      try {
        if (missedFrom < current) charts.push(...this.catchUpSchedule(s, missedFrom, current - MINUTE_MS, now));
        if (cronMatches(parseCron(s.cron), t)) charts.push(...(this.fire(s, current, "sent") || []));
      } catch (err) {
        if (isDatabaseFault(err)) refused ??= err;
        else this.d.logger.error({ err, scheduleId: s.id }, "broadcasts: schedule failed");
      }
    }
    // Only a fully handled minute moves the cursor: refused minutes are tried again next tick.
    if (refused !== undefined) throw refused;
    if (cursor === undefined || current > cursor) this.d.cursors.set(CURSOR, current, this.d.clock.now());
    return charts;
  }

  /** The latest due minute of `s` in [from, to]: sent late if recent enough, else recorded as skipped. */
  private catchUpSchedule(s: ScheduleRow, from: number, to: number, now: number): Chart[] {
    const last = lastDueAt(parseCron(s.cron), to, to - from, this.d.commune.commune.timezone);
    if (last === undefined || last < from || last <= s.updatedAt) return [];
    const window = this.d.commune.broadcasts.catchUpHours * 3600 * 1000;
    if (now - last <= window) {
      const fired = this.fire(s, last, "late");
      if (fired) this.d.logger.warn({ schedule: s.name, slot: new Date(last).toISOString() }, "broadcasts: missed firing sent late");
      return fired || [];
    }
    if (this.d.repo.claimFiring(s.id, last, now, "skipped_missed") !== undefined) {
      this.d.logger.warn({ schedule: s.name, slot: new Date(last).toISOString() }, "broadcasts: missed firing skipped (too late)");
    }
    return [];
  }

  /**
   * A broadcast with a chart is created as a draft; the PNG is uploaded (Zalo's upload API, ≤ 1 MB),
   * then the broadcast is queued with it. If the process stops in between, the draft stays for an
   * officer to send from the list; if the upload fails, the text goes alone. Never rejects.
   */
  private async attachChartAndQueue(broadcastId: number, chart: { percent: number }[]): Promise<void> {
    try {
      const png = rankingChartPng(chart, this.d.commune.target.percent);
      const attachmentId = await this.d.uploadImage(png, `xep-hang-${broadcastId}.png`).catch(() => undefined);
      if (attachmentId) this.d.repo.setBroadcastImage(broadcastId, attachmentId);
      else this.d.logger.warn({ broadcastId }, "broadcasts: chart upload failed; the ranking goes as text");
      this.d.service.queue(broadcastId, "lịch: xếp hạng");
    } catch (err) {
      this.logFault(err, "broadcasts: ranking with chart not queued; it stays a draft for an officer to send", { broadcastId });
    }
  }

  private logFault(err: unknown, message: string, extra: Record<string, unknown> = {}): void {
    this.d.logger.error({ ...extra, err: isDatabaseFault(err) ? describeDbError(err) : err }, message);
  }

  /**
   * Claims (schedule, slot) and queues what it produces, in one transaction. False if already fired;
   * otherwise the broadcasts still waiting for a chart picture.
   */
  fire(s: ScheduleRow, slot: number, outcome: "sent" | "late"): false | { broadcastId: number; chart: { percent: number }[] }[] {
    return this.d.repo.db.transaction(() => {
      const now = this.d.clock.now();
      const firingId = this.d.repo.claimFiring(s.id, slot, now, outcome);
      if (firingId === undefined) return false;
      const actor = `lịch: ${s.name}`;
      if (s.kind === "nudges") {
        const b = this.nudges(now, actor);
        this.d.repo.setFiringResult(firingId, b ? outcome : "nothing_to_send", b?.id ?? null);
        return [];
      }
      const items = this.d.content.build(s, now);
      const charts: { broadcastId: number; chart: { percent: number }[] }[] = [];
      let lastId: number | null = null;
      for (const item of items) {
        const b = this.d.service.create({ title: item.title, text: item.text, audience: item.audience, scheduleId: s.id }, actor);
        if (item.chart) charts.push({ broadcastId: b.id, chart: item.chart });
        else this.d.service.queue(b.id, actor);
        lastId = b.id;
      }
      this.d.repo.setFiringResult(firingId, items.length > 0 ? outcome : "nothing_to_send", lastId);
      return charts;
    });
  }

  /** Each household missing something gets one message about its first missing criterion, once a week. */
  private nudges(now: number, actor: string) {
    const gaps = this.d.gaps();
    if (!gaps) return undefined;
    const week = weekKey(weekAt(now, this.d.commune.commune.timezone));
    const deliveries: PlannedDelivery[] = [];
    for (const h of gaps.missing(undefined, undefined)) {
      // Nudges go only where Zalo allows a 1:1 message; no relays for them.
      const userId = h.userIds.find((u) => ["cs", "promotion"].includes(this.d.planner.planUser(u, now).channel));
      if (!userId) continue;
      const plan = this.d.planner.planUser(userId, now);
      const ask = h.criterion.guideId ? ` Nhắn “${h.criterion.label}” để được hướng dẫn từng bước.` : "";
      deliveries.push({
        targetKind: "resident",
        targetId: h.householdId,
        villageId: h.villageId,
        plan,
        criterionId: h.criterion.id,
        text: `🌾 Gia đình mình còn thiếu tiêu chí “${h.criterion.label}” của “Gia đình số”.${ask}\n(Nhắn “dừng nhận tin” nếu không muốn nhận nhắc nữa.)`,
      });
    }
    return this.d.service.queueNudges(`Nhắc hộ còn thiếu tiêu chí ${weekLabel(week)}`, deliveries, week, actor);
  }
}
