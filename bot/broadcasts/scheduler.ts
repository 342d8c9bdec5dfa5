import cron, { type ScheduledTask } from "node-cron";
import type { FastifyBaseLogger } from "fastify";
import type { Clock } from "../clock";
import type { CommuneConfig } from "../config/commune";
import { weekAt, weekKey } from "../reports/iso-week";
import type { HouseholdGapSource } from "./audience";
import type { BroadcastRepo, ScheduleRow } from "./broadcast-repo";
import type { BroadcastService, PlannedDelivery } from "./broadcast-service";
import type { ChannelPlanner } from "./channel-planner";
import { cronMatches, lastDueAt, localTime, parseCron } from "./cron-match";
import { rankingChartPng } from "./ranking-chart";
import type { ScheduleContent } from "./schedule-content";

const WEEK_MS = 7 * 24 * 3600 * 1000;

/**
 * Fires the officers' schedules. node-cron ticks every minute in the commune's time zone; each due
 * (schedule, minute) is claimed in the database first, so a tick that runs twice (a restart within the
 * minute, two processes) sends once. At start, a firing missed while the server was down is sent late
 * if it is at most `catchUpHours` old, otherwise recorded as skipped and logged.
 */
export class BroadcastScheduler {
  private task: ScheduledTask | undefined;

  constructor(
    private readonly d: {
      repo: BroadcastRepo;
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

  /** The default schedules of a commune, from its config; officers edit them afterwards. */
  seedDefaults(at: number): void {
    const c = this.d.commune;
    const [h, m] = c.reporting.dueTime.split(":").map(Number) as [number, number];
    const due = h * 60 + m;
    const remind = due - c.broadcasts.reportReminderLeadMinutes;
    const weekday = c.reporting.weekday % 7;
    const at2 = (mins: number, wd: number) => `${((mins % 60) + 60) % 60} ${Math.floor(mins / 60)} * * ${wd}`;
    const defaults: Omit<ScheduleRow, "id" | "enabled" | "template" | "audience">[] = [
      { kind: "report_reminder", name: "Nhắc trưởng thôn gửi báo cáo thứ Sáu", cron: at2(Math.max(0, remind), weekday), updatedBy: "cấu hình", updatedAt: at },
      { kind: "report_overdue", name: "Danh sách thôn chưa báo cáo", cron: at2(Math.min(23 * 60 + 59, due + 5), weekday), updatedBy: "cấu hình", updatedAt: at },
      { kind: "team_visit", name: "Thông báo lịch tổ lưu động", cron: "0 7 * * *", updatedBy: "cấu hình", updatedAt: at },
      { kind: "legal_tip", name: "Pháp luật trong tuần", cron: c.broadcasts.legalTipCron, updatedBy: "cấu hình", updatedAt: at },
      { kind: "ranking", name: "Xếp hạng thôn thứ Sáu", cron: c.broadcasts.rankingCron, updatedBy: "cấu hình", updatedAt: at },
      { kind: "nudges", name: "Nhắc hộ còn thiếu tiêu chí", cron: c.broadcasts.nudgeCron, updatedBy: "cấu hình", updatedAt: at },
    ];
    for (const s of defaults) this.d.repo.ensureSchedule(s);
  }

  start(): void {
    this.catchUp(this.d.clock.now());
    this.task = cron.schedule("* * * * *", () => this.tick(this.d.clock.now()), { timezone: this.d.commune.commune.timezone, name: "broadcasts" });
  }

  async stop(): Promise<void> {
    await this.task?.stop();
  }

  /** Fires every enabled schedule due at `now`'s minute, and the one-off broadcasts whose time came. */
  tick(now: number): void {
    void this.tickAsync(now);
  }

  /** The tick; resolves when charts were uploaded and their broadcasts queued (tests await it). */
  async tickAsync(now: number): Promise<void> {
    const withCharts: { broadcastId: number; chart: { percent: number }[] }[] = [];
    const slot = Math.floor(now / 60_000) * 60_000;
    const t = localTime(slot, this.d.commune.commune.timezone);
    for (const s of this.d.repo.schedules()) {
      if (!s.enabled) continue;
      try {
        if (cronMatches(parseCron(s.cron), t)) withCharts.push(...(this.fire(s, slot, "sent") || []));
      } catch (err) {
        this.d.logger.error({ err, scheduleId: s.id }, "broadcasts: schedule failed");
      }
    }
    for (const b of this.d.repo.dueScheduledBroadcasts(now)) this.d.service.queue(b.id, b.createdBy);
    for (const c of withCharts) await this.attachChartAndQueue(c.broadcastId, c.chart);
    await this.d.tagger.run().catch((err) => this.d.logger.warn({ err }, "village tags: failed"));
  }

  /**
   * A broadcast with a chart is created as a draft; the PNG is uploaded (Zalo's upload API, ≤ 1 MB),
   * then the broadcast is queued with it. If the process stops in between, the draft stays for an
   * officer to send from the list; if the upload fails, the text goes alone.
   */
  private async attachChartAndQueue(broadcastId: number, chart: { percent: number }[]): Promise<void> {
    const png = rankingChartPng(chart, this.d.commune.target.percent);
    const attachmentId = await this.d.uploadImage(png, `xep-hang-${broadcastId}.png`).catch(() => undefined);
    if (attachmentId) this.d.repo.setBroadcastImage(broadcastId, attachmentId);
    else this.d.logger.warn({ broadcastId }, "broadcasts: chart upload failed; the ranking goes as text");
    this.d.service.queue(broadcastId, "lịch: xếp hạng");
  }

  /** After a restart: the last missed firing of each schedule is sent late or skipped (and logged). */
  catchUp(now: number): void {
    const tz = this.d.commune.commune.timezone;
    const window = this.d.commune.broadcasts.catchUpHours * 3600 * 1000;
    for (const s of this.d.repo.schedules()) {
      if (!s.enabled) continue;
      const last = lastDueAt(parseCron(s.cron), now - 60_000, WEEK_MS, tz);
      if (last === undefined || last <= s.updatedAt) continue;
      if (now - last <= window) {
        const fired = this.fire(s, last, "late");
        if (fired) fired.forEach((c) => void this.attachChartAndQueue(c.broadcastId, c.chart));
        if (fired) this.d.logger.warn({ schedule: s.name, slot: new Date(last).toISOString() }, "broadcasts: missed firing sent late");
      } else if (this.d.repo.claimFiring(s.id, last, now, "skipped_missed") !== undefined) {
        this.d.logger.warn({ schedule: s.name, slot: new Date(last).toISOString() }, "broadcasts: missed firing skipped (too late)");
      }
    }
  }

  /** Claims (schedule, slot) and queues what it produces, in one transaction. False if already fired. */
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
    return this.d.service.queueNudges(`Nhắc hộ còn thiếu tiêu chí tuần ${week}`, deliveries, week, actor);
  }
}
