import type { CommuneConfig, Village } from "../config/commune";
import { dateVi, localDate, weekdayVi } from "./dates";
import { fill } from "./templates";
import type { TeamScheduleRepo, TeamSessionRow } from "./team-schedule-repo";

/** The mobile public-service team (seed 004): schedule seeded from config, answers per village. */
export class TeamScheduleService {
  constructor(
    private readonly repo: TeamScheduleRepo,
    private readonly commune: CommuneConfig,
  ) {}

  get teamName(): string {
    return this.commune.mobileTeam?.name ?? "Tổ dịch vụ công lưu động";
  }

  /** Copies the config's sessions into the database (new ones only); returns how many were added. */
  seedFromConfig(): number {
    const team = this.commune.mobileTeam;
    if (!team) return 0;
    return this.repo.upsertMany(
      team.sessions.map((s) => ({
        villageId: s.villageId,
        date: s.date,
        startTime: s.start,
        endTime: s.end,
        place: s.place,
        procedures: JSON.stringify(s.procedures ?? team.priorityProcedures),
        papers: JSON.stringify(team.papers),
        note: s.note ?? null,
      })),
    );
  }

  /** The answer to "lịch lưu động" for a village: the next sessions, what is handled, what to bring. */
  describeUpcoming(village: Village, now: number): string {
    const today = localDate(now, this.commune.commune.timezone);
    const sessions = this.repo.upcoming(village.id, today, 3);
    if (sessions.length === 0) return fill("scheduleNone", { teamName: this.teamName, village: village.name });
    const lines = [fill("scheduleHeader", { teamName: this.teamName, village: village.name })];
    for (const s of sessions) {
      lines.push(
        fill("scheduleItem", {
          weekday: weekdayVi(s.date),
          date: dateVi(s.date),
          start: s.startTime,
          end: s.endTime,
          place: s.place,
          note: s.note ? ` (${s.note})` : "",
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
    const tomorrow = localDate(now + 24 * 3600 * 1000, this.commune.commune.timezone);
    return this.repo.lastBefore(villageId, tomorrow);
  }

  get(id: number): TeamSessionRow | undefined {
    return this.repo.get(id);
  }
}

function parseList(json: string): string[] {
  try {
    const v = JSON.parse(json) as unknown;
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
  } catch {
    return [];
  }
}
