import type { TeamScheduleRepo } from "../chat/team-schedule-repo";
import { dateVi, hhmm, localDate, weekdayVi } from "../chat/dates";
import type { CommuneConfig } from "../config/commune";
import type { Audience } from "./audience";
import type { ScheduleRow } from "./broadcast-repo";
import { legalTipOfWeek, SEED_LEGAL_TIPS, type LegalTipSource } from "./legal-tips";

export interface ContentItem {
  title: string;
  text: string;
  audience: Audience;
  /** Bars for a chart picture sent with the text (the Friday ranking). */
  chart?: { percent: number }[];
}

/** What the households/reports module tells the scheduler (absent until that module is wired). */
export interface ReportSignals {
  /** Villages whose Friday report for the week containing `now` is missing. */
  villagesWithoutReport(now: number): string[];
  /** This week's report: its label ("tuần 30/11–6/12/2026"), deadline, and the villages that have not sent it yet (late or not). */
  thisWeek(now: number): { label: string; dueAt: number; notReported: string[] };
  /**
   * Villages ranked by households meeting all their criteria, best first; equal figures share a rank.
   * `verified`: the commune ranks on what village heads confirmed, not on what households declared.
   */
  ranking(now: number): { villageId: string; name: string; rank: number; percent: number; needed: number; verified: boolean }[];
  /**
   * The commune's household segments now, each against its target (on the same basis as the ranking):
   * `percent` null when no household is in the segment yet. Empty or absent: the commune defines none.
   */
  segments?(now: number): SegmentStanding[];
}

export interface SegmentStanding {
  name: string;
  targetPercent: number;
  members: number;
  percent: number | null;
  needed: number;
  reached: boolean;
  /** The commune counts what village heads confirmed, not what households declared. */
  verified: boolean;
}

/**
 * The longest text a schedule's post may have: Zalo takes 2000 characters, and a village head's relay
 * puts a line in front of the post (the same room the officers' own posts keep, officer-routes.ts).
 */
export const POST_TEXT_MAX = 1800;

/**
 * The Friday ranking's part about household segments, in plain words, as long as it fits in `room`
 * characters (the segments that do not fit are counted in a last line); "" when there is none.
 */
export function segmentsPart(list: readonly SegmentStanding[], room: number, communeKind = "xã"): string {
  if (list.length === 0) return "";
  const head = `\n\n👪 Các nhóm hộ so với chỉ tiêu của ${communeKind}${list[0]!.verified ? " (hộ đạt: trưởng thôn đã xác nhận)" : ""}:`;
  const line = (s: SegmentStanding) =>
    s.members === 0 || s.percent === null
      ? `\n• ${s.name}: chưa có hộ nào trong nhóm (chỉ tiêu ${s.targetPercent}%)`
      : `\n• ${s.name}: ${Math.floor(s.percent)}% hộ đạt, chỉ tiêu ${s.targetPercent}%${s.reached ? " ✅" : s.needed > 0 ? ` (cần thêm ${s.needed} hộ)` : ""}`;
  const rest = (n: number) => `\n• Còn ${n} nhóm nữa: xem trong ứng dụng Gia đình số.`;
  let out = head;
  for (let i = 0; i < list.length; i++) {
    const next = line(list[i]!);
    const left = list.length - i - 1;
    // Room for this line, and for the "còn N nhóm" line if some would still be left out.
    if (out.length + next.length + (left > 0 ? rest(left).length : 0) <= room) {
      out += next;
      continue;
    }
    if (i === 0) return out.length + rest(list.length).length <= room ? out + rest(list.length) : "";
    return out + rest(list.length - i);
  }
  return out;
}

/** Open hand-off tickets, for the officers' daily digest (the tickets module provides it). */
export interface TicketSignals {
  openSummary(now: number): { fresh: number; inProgress: number; oldestFreshMinutes: number | null; byVillage: { name: string; count: number }[] };
}

const WEEKDAY_NAMES = ["Chủ nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy"];

/**
 * Fills `{name}` in an officer's template; unknown names stay visible so the preview shows them. Only
 * own properties of `values` count (`{constructor}` is not a value).
 */
export function renderTemplate(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (Object.hasOwn(values, k) && typeof values[k] === "string" ? values[k] : m));
}

/**
 * The messages a schedule's firing produces, by kind, from the commune's data. Every text is
 * Vietnamese; an officer's template (if set) replaces the built-in text.
 */
export class ScheduleContent {
  constructor(
    private readonly commune: CommuneConfig,
    private readonly team: TeamScheduleRepo,
    private readonly reports: () => ReportSignals | undefined,
    private readonly tickets: () => TicketSignals | undefined = () => undefined,
    /** The tips in use, read at send time (the database's, edited from the console); the seed list until connected. */
    private readonly legalTips: () => LegalTipSource | undefined = () => undefined,
  ) {}

  /**
   * An officer's "Nhắc các thôn chưa nộp báo cáo": one message to the heads of the villages that have
   * not sent this week's report yet; undefined when every village has.
   */
  remindNotReported(now: number): (ContentItem & { villageIds: string[] }) | undefined {
    const w = this.reports()?.thisWeek(now);
    if (!w || w.notReported.length === 0) return undefined;
    const tz = this.commune.commune.timezone;
    const due = `${hhmm(w.dueAt, tz)} ${WEEKDAY_NAMES[this.commune.reporting.weekday % 7]!} ${dateVi(localDate(w.dueAt, tz))}`;
    const late = now > w.dueAt ? " (đã quá hạn, thôn gửi ngay giúp xã nhé)" : "";
    return {
      title: "Nhắc các thôn chưa nộp báo cáo",
      villageIds: w.notReported,
      audience: { kind: "village_heads", villageIds: w.notReported },
      text: `⏰ Thôn mình chưa gửi báo cáo ${w.label}. Hạn gửi: ${due}${late}.\nSố người có điện thoại thông minh, đã cài, đã kích hoạt, đang dùng ứng dụng ${this.commune.provinceApp.name}; khó khăn và đề xuất. Gửi trong ứng dụng Gia đình số, mục “Báo cáo thứ Sáu”.`,
    };
  }

  build(s: ScheduleRow, now: number): ContentItem[] {
    const tz = this.commune.commune.timezone;
    const values = {
      commune: `${this.commune.commune.kind} ${this.commune.commune.name}`,
      dueTime: this.commune.reporting.dueTime,
      dueDay: WEEKDAY_NAMES[this.commune.reporting.weekday % 7]!,
      today: dateVi(localDate(now, tz)),
    };
    const text = (builtIn: string) => (s.template ? renderTemplate(s.template, values) : builtIn);
    switch (s.kind) {
      case "report_reminder":
        return [
          {
            title: s.name,
            audience: { kind: "village_heads" },
            text: text(
              `⏰ Nhắc báo cáo tuần: hạn gửi báo cáo của thôn là ${values.dueTime} ${values.dueDay} hôm nay (${values.today}).\nSố người có điện thoại thông minh, đã cài, đã kích hoạt, đang dùng ứng dụng ${this.commune.provinceApp.name}; khó khăn và đề xuất. Gửi trong ứng dụng Gia đình số, mục “Báo cáo thứ Sáu”.`,
            ),
          },
        ];
      case "report_overdue": {
        const missing = this.reports()?.villagesWithoutReport(now);
        if (!missing || missing.length === 0) return [];
        const names = missing.map((id) => this.commune.villages.find((v) => v.id === id)?.name ?? id);
        return [
          {
            title: s.name,
            audience: { kind: "officers" },
            text: text(`📋 Quá hạn ${values.dueTime} ${values.dueDay} (${values.today}), còn ${names.length} thôn chưa gửi báo cáo tuần:\n${names.map((n) => `• ${n}`).join("\n")}`),
          },
        ];
      }
      case "team_visit":
        return this.teamVisit(now, s);
      case "legal_tip": {
        const tip = legalTipOfWeek(this.legalTips() ?? SEED_LEGAL_TIPS, now);
        if (!tip) return [];
        return [{ title: tip.title, audience: { kind: "village_groups" }, text: text(`⚖️ Pháp luật trong tuần: ${tip.title}\n\n${tip.text}`) }];
      }
      case "ranking": {
        const ranking = this.reports()?.ranking(now);
        if (!ranking || ranking.length === 0) return [];
        const met = ranking[0]!.verified ? "hộ đạt “Gia đình số” (trưởng thôn đã xác nhận)" : "hộ đạt “Gia đình số”";
        const lines = ranking.map((r) => `${r.rank}. ${r.name}: ${r.percent.toFixed(0)}% ${met}${r.needed > 0 ? ` (cần thêm ${r.needed} hộ)` : " ✅"}`);
        const body = `🏆 Xếp hạng “Gia đình số” tuần này (${values.today}):\n${lines.join("\n")}`;
        // Only the built-in text says the segments (an officer's template is their own words).
        const segments = s.template ? "" : segmentsPart(this.reports()?.segments?.(now) ?? [], POST_TEXT_MAX - body.length, this.commune.commune.kind);
        return [
          {
            title: s.name,
            audience: { kind: "village_groups" },
            text: text(body + segments),
            chart: ranking.map((r) => ({ percent: r.percent })),
          },
        ];
      }
      case "custom":
        return s.audience ? [{ title: s.name, audience: JSON.parse(s.audience) as Audience, text: text(s.template ?? s.name) }] : [];
      case "tickets_digest": {
        const t = this.tickets()?.openSummary(now);
        if (!t || t.fresh + t.inProgress === 0) return [];
        const waited = t.oldestFreshMinutes === null ? "" : `, người chờ lâu nhất đã ${waitedText(t.oldestFreshMinutes)}`;
        const villages = t.byVillage.length ? `\n${t.byVillage.map((v) => `• ${v.name}: ${v.count}`).join("\n")}` : "";
        return [
          {
            title: s.name,
            audience: { kind: "officers" },
            text: text(`📨 Yêu cầu hỗ trợ của người dân chưa xong (${values.today}): ${t.fresh} chưa ai trả lời${waited}; ${t.inProgress} đang xử lý.${villages}\nXem và trả lời trong trang quản lý, mục “Yêu cầu hỗ trợ”.`),
          },
        ];
      }
      case "nudges":
        return []; // built per household by the scheduler
    }
  }

  /** The morning of a session: "today"; on Thursdays: the coming weekend's sessions. */
  private teamVisit(now: number, s: ScheduleRow): ContentItem[] {
    const tz = this.commune.commune.timezone;
    const today = localDate(now, tz);
    const teamName = this.commune.mobileTeam?.name ?? "Tổ dịch vụ công lưu động";
    const upcoming = this.team.all(today);
    const isThursday = weekdayVi(today) === "Thứ Năm";
    const horizon = localDate(now + 3 * 24 * 3600 * 1000, tz);
    const items: ContentItem[] = [];
    for (const village of this.commune.villages) {
      const mine = upcoming.filter((x) => x.villageId === village.id);
      const todays = mine.filter((x) => x.date === today);
      const weekend = isThursday ? mine.filter((x) => x.date > today && x.date <= horizon) : [];
      for (const [when, list] of [["Hôm nay", todays], ["Cuối tuần này", weekend]] as const) {
        if (list.length === 0) continue;
        const lines = list.map((x) => `• ${weekdayVi(x.date)} ${dateVi(x.date)}, ${x.startTime}–${x.endTime} tại ${x.place}`);
        const papers = (JSON.parse(list[0]!.papers) as string[]).join("; ");
        items.push({
          title: `${s.name}: ${village.name}`,
          audience: { kind: "village_groups", villageIds: [village.id] },
          text: `📅 ${when}, ${teamName} về ${village.name}:\n${lines.join("\n")}${papers ? `\nMang theo: ${papers}.` : ""}\nBà con cần làm giấy tờ, kích hoạt VNeID mức 2... hãy đến đúng giờ.`,
        });
      }
    }
    return items;
  }
}

/** "3 giờ", "2 ngày", "40 phút". */
function waitedText(minutes: number): string {
  if (minutes >= 48 * 60) return `${Math.floor(minutes / 1440)} ngày`;
  if (minutes >= 60) return `${Math.floor(minutes / 60)} giờ`;
  return `${minutes} phút`;
}

