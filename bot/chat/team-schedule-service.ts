import type { AuditLog } from "../audit/audit-log";
import { ApiError } from "../auth/api-error";
import { systemClock, type Clock } from "../clock";
import type { CommuneConfig, Village } from "../config/commune";
import { TeamSessionSeed, type TeamSessionCreate, type TeamSessionUpdate, type TeamSessionView } from "../../shared/contracts/team";
import { dateVi, localDate, weekdayVi } from "./dates";
import { fill } from "./templates";
import type { NewTeamSession, TeamScheduleRepo, TeamSessionChange, TeamSessionRow } from "./team-schedule-repo";

/** A team-visit reminder already sent to village groups (from the broadcasts' record). */
export interface SentReminder {
  at: number;
  villageIds: string[];
  text: string;
}

export interface TeamScheduleOptions {
  clock?: Clock;
  /** Every change is recorded here (who, when, before/after). */
  audit?: AuditLog;
  /** The commune's villages now (the commune store may change them without a restart). */
  villages?: () => readonly Pick<Village, "id" | "name">[];
  /** Team-visit reminders sent since `since`: a change to a session they announced is said to the officer. */
  sentReminders?: (since: number) => SentReminder[];
}

/** What an audit entry keeps of a session (the row as the officer sees it). */
type AuditedSession = Omit<TeamSessionRow, "procedures" | "papers"> & { procedures: string[]; papers: string[] };

const DAY = 24 * 3600 * 1000;

/** What happened to a session, in the warning to the officer. */
const CHANGE_WORDS = { huỷ: "đã huỷ", dời: "đã dời", "đổi nơi": "đã đổi nơi làm việc" } as const;

/**
 * The mobile public-service team (seed 004): the calendar seeded once from the commune file, edited by
 * officers (create, edit, move, cancel: each change audited with before/after), read at once by the
 * chat and the reminders (they read the table on every question and every firing, nothing cached).
 */
export class TeamScheduleService {
  private readonly clock: Clock;
  private sentReminders: TeamScheduleOptions["sentReminders"];

  constructor(
    private readonly repo: TeamScheduleRepo,
    private readonly commune: CommuneConfig,
    private readonly opts: TeamScheduleOptions = {},
  ) {
    this.clock = opts.clock ?? systemClock;
    this.sentReminders = opts.sentReminders;
  }

  /** The broadcasts (built after the chat) tell which team reminders went out. */
  useSentReminders(fn: (since: number) => SentReminder[]): void {
    this.sentReminders = fn;
  }

  get teamName(): string {
    return this.commune.mobileTeam?.name ?? "Tổ dịch vụ công lưu động";
  }

  get priorityProcedures(): string[] {
    return this.commune.mobileTeam?.priorityProcedures ?? [];
  }

  get defaultPapers(): string[] {
    return this.commune.mobileTeam?.papers ?? [];
  }

  villages(): readonly Pick<Village, "id" | "name">[] {
    return this.opts.villages?.() ?? this.commune.villages;
  }

  private villageName(id: string): string {
    return this.villages().find((v) => v.id === id)?.name ?? id;
  }

  today(now = this.clock.now()): string {
    return localDate(now, this.commune.commune.timezone);
  }

  /**
   * Copies the commune file's sessions into the database on the first start only (recorded in the
   * database): later starts add nothing, so a moved or cancelled session never comes back from the file.
   */
  seedFromConfig(): number {
    const team = this.commune.mobileTeam;
    return this.repo.seedOnce((team?.sessions ?? []).map((s) => this.seedRow(s)), this.clock.now());
  }

  private seedRow(s: TeamSessionSeed): NewTeamSession {
    return {
      villageId: s.villageId,
      date: s.date,
      startTime: s.start,
      endTime: s.end,
      place: s.place,
      procedures: JSON.stringify(s.procedures ?? this.priorityProcedures),
      papers: JSON.stringify(s.papers ?? this.defaultPapers),
      note: s.note ?? null,
      ...(s.movedFrom ? { movedFrom: s.movedFrom } : {}),
    };
  }

  /** The answer to "lịch lưu động" for a village: the next sessions, what is handled, what to bring. */
  describeUpcoming(village: Village, now: number): string {
    const today = localDate(now, this.commune.commune.timezone);
    const sessions = this.repo.upcoming(village.id, today, 3);
    if (sessions.length === 0) return fill("scheduleNone", { teamName: this.teamName, village: village.name });
    const lines = [fill("scheduleHeader", { teamName: this.teamName, village: village.name })];
    for (const s of sessions) {
      const notes = [s.note, s.movedFrom ? `đã dời từ ${movedWords(s.movedFrom)}` : null].filter((x): x is string => !!x);
      lines.push(
        fill("scheduleItem", {
          weekday: weekdayVi(s.date),
          date: dateVi(s.date),
          start: s.startTime,
          end: s.endTime,
          place: s.place,
          note: notes.length ? ` (${notes.join("; ")})` : "",
        }),
      );
    }
    const first = sessions[0]!;
    const procedures = parseList(first.procedures);
    const papers = parseList(first.papers);
    if (procedures.length > 0) lines.push("", fill("scheduleProcedures", { procedures: procedures.join("; ") }));
    if (papers.length > 0) lines.push(fill("schedulePapers", { papers: papers.join("; ") }));
    return lines.join("\n");
  }

  /** The village's latest session up to today, the one a resident can rate. */
  lastSession(villageId: string, now: number): TeamSessionRow | undefined {
    const tomorrow = localDate(now + DAY, this.commune.commune.timezone);
    return this.repo.lastBefore(villageId, tomorrow);
  }

  get(id: number): TeamSessionRow | undefined {
    return this.repo.get(id);
  }

  // ---- the officers' calendar

  /** Sessions between two dates, cancelled ones too, as the console shows them. */
  calendar(q: { from?: string; to?: string; villageId?: string }): TeamSessionView[] {
    const today = this.today();
    return this.repo.range(q).map((r) => this.view(r, today));
  }

  view(r: TeamSessionRow, today = this.today()): TeamSessionView {
    return {
      id: r.id,
      villageId: r.villageId,
      villageName: this.villageName(r.villageId),
      date: r.date,
      weekday: weekdayVi(r.date),
      dateText: dateVi(r.date).slice(0, 5),
      start: r.startTime,
      end: r.endTime,
      place: r.place,
      procedures: parseList(r.procedures),
      papers: parseList(r.papers),
      note: r.note,
      status: r.status,
      cancelledAt: r.cancelledAt === null ? null : new Date(r.cancelledAt).toISOString(),
      cancelReason: r.cancelReason,
      movedFrom: r.movedFrom ? movedWords(r.movedFrom) : null,
      past: r.date < today,
    };
  }

  create(input: TeamSessionCreate, actor: string): { session: TeamSessionView; warnings: string[] } {
    const now = this.clock.now();
    this.checkVillage(input.villageId);
    if (input.date < this.today(now)) throw new ApiError("bad_request", `Ngày ${dateVi(input.date)} đã qua: buổi mới phải từ hôm nay trở đi.`);
    this.checkOverlap(input.villageId, input.date, input.start, input.end, undefined, input.allowOverlap);
    const row = this.repo.transaction(() => {
      const created = this.repo.insert({
        villageId: input.villageId,
        date: input.date,
        startTime: input.start,
        endTime: input.end,
        place: input.place,
        procedures: JSON.stringify(input.procedures),
        papers: JSON.stringify(input.papers ?? this.defaultPapers),
        note: input.note || null,
        updatedAt: now,
      });
      this.audit(actor, "team_session.create", created, undefined, created);
      return created;
    });
    return { session: this.view(row), warnings: [] };
  }

  update(id: number, input: TeamSessionUpdate, actor: string): { session: TeamSessionView; warnings: string[] } {
    const now = this.clock.now();
    const before = this.existing(id);
    if (before.status === "cancelled") throw new ApiError("conflict", "Buổi này đã huỷ, không sửa được. Hãy thêm một buổi mới.");
    const date = input.date ?? before.date;
    const start = input.start ?? before.startTime;
    const end = input.end ?? before.endTime;
    if (end <= start) throw new ApiError("bad_request", "Giờ kết thúc phải sau giờ bắt đầu.", { issues: [{ path: ["end"], message: "Giờ kết thúc phải sau giờ bắt đầu." }] });
    const moved = date !== before.date || start !== before.startTime;
    if (date !== before.date && date < this.today(now)) throw new ApiError("bad_request", `Ngày ${dateVi(date)} đã qua: chỉ dời buổi sang hôm nay hoặc ngày sau.`);
    if (moved || end !== before.endTime) this.checkOverlap(before.villageId, date, start, end, id, input.allowOverlap);
    const set: TeamSessionChange = { date, startTime: start, endTime: end, updatedAt: now };
    if (input.place !== undefined) set.place = input.place;
    if (input.procedures !== undefined) set.procedures = JSON.stringify(input.procedures);
    if (input.papers !== undefined) set.papers = JSON.stringify(input.papers);
    if (input.note !== undefined) set.note = input.note || null;
    if (moved) set.movedFrom = `${before.date} ${before.startTime}`;
    const after = this.repo.transaction(() => {
      const row = this.repo.update(id, set)!;
      this.audit(actor, moved ? "team_session.move" : "team_session.edit", row, before, row);
      return row;
    });
    const placeChanged = input.place !== undefined && input.place !== before.place;
    return { session: this.view(after), warnings: moved ? this.announcedWarnings(before, "dời") : placeChanged ? this.announcedWarnings(before, "đổi nơi") : [] };
  }

  cancel(id: number, reason: string | undefined, actor: string): { session: TeamSessionView; warnings: string[] } {
    const now = this.clock.now();
    const before = this.existing(id);
    if (before.status === "cancelled") return { session: this.view(before), warnings: [] };
    const after = this.repo.transaction(() => {
      const row = this.repo.update(id, { status: "cancelled", cancelledAt: now, cancelReason: reason || null, updatedAt: now })!;
      this.audit(actor, "team_session.cancel", row, before, row);
      return row;
    });
    return { session: this.view(after), warnings: this.announcedWarnings(before, "huỷ") };
  }

  // ---- the commune file's round trip (import/export)

  /**
   * The scheduled sessions in the commune file's `mobileTeam.sessions` shape (cancelled ones are left
   * out). A session's papers are written only when they differ from the team's usual list
   * (`mobileTeam.papers`), which an imported session without papers gets.
   */
  exportSessions(): TeamSessionSeed[] {
    const usual = JSON.stringify(this.defaultPapers);
    return this.repo
      .range({})
      .filter((r) => r.status === "scheduled")
      .map((r) => {
        const s: TeamSessionSeed = { villageId: r.villageId, date: r.date, start: r.startTime, end: r.endTime, place: r.place, procedures: parseList(r.procedures) };
        const papers = parseList(r.papers);
        if (JSON.stringify(papers) !== usual) s.papers = papers;
        if (r.note) s.note = r.note;
        if (r.movedFrom) s.movedFrom = r.movedFrom;
        return s;
      });
  }

  /**
   * The whole calendar becomes `list` (an import), in one transaction, audited with the calendar before
   * and after; the database is then recorded as seeded (a restart does not add the file's sessions).
   */
  replaceSessions(list: readonly unknown[], actor: string): number {
    const parsed = this.checkSessions(list);
    return this.repo.transaction(() => {
      const before = this.exportSessions();
      // Cancelled sessions stay cancelled (with their reason), and stay listed: a file exported before a
      // cancellation (the export leaves cancelled ones out) would otherwise bring the session back to be announced.
      const cancelled = this.repo.range({}).filter((r) => r.status === "cancelled");
      const key = (villageId: string, date: string, start: string) => `${villageId} ${date} ${start}`;
      const byKey = new Map(cancelled.map((r) => [key(r.villageId, r.date, r.startTime), r]));
      const rows = parsed.map((s): NewTeamSession => {
        const c = byKey.get(key(s.villageId, s.date, s.start));
        if (!c) return this.seedRow(s);
        byKey.delete(key(s.villageId, s.date, s.start));
        return { ...this.seedRow(s), status: "cancelled", cancelledAt: c.cancelledAt, cancelReason: c.cancelReason };
      });
      const kept = [...byKey.values()].map(({ id: _id, ...r }): NewTeamSession => r);
      const n = this.repo.replaceAll([...rows, ...kept], this.clock.now()) - kept.length;
      this.opts.audit?.record({ actor, action: "team_sessions.replace", target: "team_sessions", before, after: this.exportSessions() });
      return n;
    });
  }

  /**
   * Checks a list of sessions as `replaceSessions` would, without changing anything (an import can check
   * before it changes the rest of the commune): the file's shape, known villages, end after start, no
   * two sessions of a village with the same date and start. Throws a Vietnamese ApiError.
   */
  checkSessions(list: readonly unknown[]): TeamSessionSeed[] {
    const parsed = list.map((x, i) => {
      const r = TeamSessionSeed.safeParse(x);
      if (!r.success) throw new ApiError("bad_request", `Buổi thứ ${i + 1} của lịch tổ lưu động chưa đúng: ${r.error.issues.map((e) => `${e.path.join(".")} ${e.message}`).join("; ")}`);
      if (r.data.end <= r.data.start) throw new ApiError("bad_request", `Buổi thứ ${i + 1} của lịch tổ lưu động: giờ kết thúc phải sau giờ bắt đầu.`);
      this.checkVillage(r.data.villageId, `Buổi thứ ${i + 1} của lịch tổ lưu động: `);
      return r.data;
    });
    const seen = new Set<string>();
    parsed.forEach((s, i) => {
      const key = `${s.villageId} ${s.date} ${s.start}`;
      if (seen.has(key)) throw new ApiError("bad_request", `Buổi thứ ${i + 1} của lịch tổ lưu động trùng với một buổi khác (cùng thôn, cùng ngày, cùng giờ bắt đầu).`);
      seen.add(key);
    });
    return parsed;
  }

  // ---- checks

  private existing(id: number): TeamSessionRow {
    const row = this.repo.get(id);
    if (!row) throw new ApiError("not_found", "Không tìm thấy buổi làm việc này của tổ lưu động.");
    return row;
  }

  private checkVillage(villageId: string, prefix = ""): void {
    if (!this.villages().some((v) => v.id === villageId)) throw new ApiError("bad_request", `${prefix}Xã không có thôn “${villageId}”. Hãy chọn thôn trong danh sách.`, { issues: [{ path: ["villageId"], message: "Thôn không có trong xã." }] });
  }

  /** Same village, same date, times that cross: refused unless the officer says to save anyway; the same start is never allowed. */
  private checkOverlap(villageId: string, date: string, start: string, end: string, exceptId: number | undefined, allow: boolean): void {
    const crossing = this.repo.sameDay(villageId, date, exceptId).filter((o) => start < o.endTime && o.startTime < end);
    if (crossing.length === 0) return;
    const words = crossing.map((o) => `${o.startTime}–${o.endTime} tại ${o.place}`).join("; ");
    const where = `${this.villageName(villageId)} đã có buổi ${words} ngày ${dateVi(date)}`;
    if (crossing.some((o) => o.startTime === start)) throw new ApiError("conflict", `${where}, cùng giờ bắt đầu. Hãy sửa buổi đó thay vì thêm buổi mới.`, { overlaps: crossing.map((o) => o.id), allowOverlap: false });
    if (!allow) throw new ApiError("conflict", `${where}, trùng giờ với buổi này. Nếu vẫn muốn lưu, bấm “Vẫn lưu”.`, { overlaps: crossing.map((o) => o.id), allowOverlap: true });
  }

  /** When a team reminder already told the village about this session: what the officer should do. */
  private announcedWarnings(before: TeamSessionRow, what: keyof typeof CHANGE_WORDS): string[] {
    if (!this.sentReminders || before.date < this.today()) return [];
    const since = this.clock.now() - 4 * DAY;
    const slot = `${dateVi(before.date)}, ${before.startTime}`;
    const sent = this.sentReminders(since).filter((r) => r.villageIds.includes(before.villageId) && r.text.includes(slot));
    if (sent.length === 0) return [];
    const last = sent.reduce((a, b) => (b.at > a.at ? b : a));
    const when = `${new Intl.DateTimeFormat("vi-VN", { timeZone: this.commune.commune.timezone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(last.at)} ngày ${dateVi(localDate(last.at, this.commune.commune.timezone)).slice(0, 5)}`;
    return [
      `Tin nhắc lịch tổ lưu động đã gửi cho ${this.villageName(before.villageId)} lúc ${when}, báo buổi ${before.startTime} ${weekdayVi(before.date)} ${dateVi(before.date).slice(0, 5)}. Bà con có thể vẫn đến theo lịch cũ: hãy báo cho thôn biết buổi này ${CHANGE_WORDS[what]} (mục Thông báo, hoặc nhờ trưởng thôn).`,
    ];
  }

  private audit(actor: string, action: string, row: TeamSessionRow, before: TeamSessionRow | undefined, after: TeamSessionRow): void {
    this.opts.audit?.record({ actor, action, target: `team_session:${row.id}`, ...(before ? { before: audited(before) } : {}), after: audited(after) });
  }
}

function audited(r: TeamSessionRow): AuditedSession {
  return { ...r, procedures: parseList(r.procedures), papers: parseList(r.papers) };
}

/** "2026-11-28 08:00" → "08:00 Thứ Bảy 28/11" */
function movedWords(s: string): string {
  const [date, time] = s.split(" ") as [string, string | undefined];
  return `${time ? `${time} ` : ""}${weekdayVi(date)} ${dateVi(date).slice(0, 5)}`;
}

function parseList(json: string): string[] {
  try {
    const v = JSON.parse(json) as unknown;
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
  } catch {
    return [];
  }
}
