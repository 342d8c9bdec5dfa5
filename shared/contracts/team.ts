/**
 * The mobile public-service team's calendar (issue 15): what officers send to create, edit, move and
 * cancel a session, and what the API answers. The bot parses every request with these schemas.
 */
import { z } from "zod";
import { stripInvisible } from "../text/normalize";
import { VillageId } from "./common";

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

/** A real calendar date YYYY-MM-DD. */
export const TeamDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Ngày phải có dạng năm-tháng-ngày, ví dụ 2026-12-05.")
  .refine((s) => {
    const [y, m, d] = s.split("-").map(Number) as [number, number, number];
    const t = new Date(Date.UTC(y, m - 1, d));
    return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
  }, "Ngày này không có trên lịch.");
export const TeamTime = z.string().regex(HHMM, "Giờ phải có dạng giờ:phút, ví dụ 08:00.");

/** Invisible characters (zero-width, bidi overrides that turn words around) are dropped first: they do not count as writing something. */
const visible = (inner: z.ZodString) => z.string().transform((t) => stripInvisible(t).trim()).pipe(inner);
const item = visible(z.string().min(1, "Mục trong danh sách không được để trống.").max(200, "Mỗi mục dài tối đa 200 ký tự."));
const place = visible(z.string().min(1, "Nơi làm việc còn thiếu.").max(200, "Nơi làm việc dài tối đa 200 ký tự."));
const note = visible(z.string().max(500, "Ghi chú dài tối đa 500 ký tự."));

const endAfterStart = (v: { start?: string; end?: string }) => v.start === undefined || v.end === undefined || v.end > v.start;
const END_MESSAGE = { message: "Giờ kết thúc phải sau giờ bắt đầu.", path: ["end"] };

/** A new session. `allowOverlap`: save even when the village has another session at the same time. */
export const TeamSessionCreate = z
  .strictObject({
    villageId: VillageId,
    date: TeamDate,
    start: TeamTime,
    end: TeamTime,
    place,
    procedures: z.array(item).max(30).default([]),
    /** Papers to bring; the team's usual list when left out. */
    papers: z.array(item).max(30).optional(),
    note: note.nullable().optional(),
    allowOverlap: z.boolean().default(false),
  })
  .refine(endAfterStart, END_MESSAGE);
export type TeamSessionCreate = z.infer<typeof TeamSessionCreate>;

/** A change to a session: a new date or start is a move. */
export const TeamSessionUpdate = z
  .strictObject({
    date: TeamDate.optional(),
    start: TeamTime.optional(),
    end: TeamTime.optional(),
    place: place.optional(),
    procedures: z.array(item).max(30).optional(),
    papers: z.array(item).max(30).optional(),
    note: note.nullable().optional(),
    allowOverlap: z.boolean().default(false),
  })
  .refine(endAfterStart, END_MESSAGE);
export type TeamSessionUpdate = z.infer<typeof TeamSessionUpdate>;

export const TeamSessionCancel = z.strictObject({ reason: visible(z.string().max(300, "Lý do dài tối đa 300 ký tự.")).optional() });

export const TeamSessionIdParam = z.object({ id: z.coerce.number().int().positive("Mã buổi không hợp lệ.") });

export const TeamCalendarQuery = z.object({
  from: TeamDate.optional(),
  to: TeamDate.optional(),
  villageId: VillageId.optional(),
});

/** A session in the commune file's shape (`mobileTeam.sessions`): the import/export round trip. */
export const TeamSessionSeed = z.strictObject({
  villageId: VillageId,
  date: TeamDate,
  start: TeamTime,
  end: TeamTime,
  place,
  procedures: z.array(item).optional(),
  papers: z.array(item).optional(),
  note: z.string().optional(),
  /** A moved session: where it was first planned ("YYYY-MM-DD HH:MM"), so residents still read "đã dời từ …". */
  movedFrom: z.string().regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/, "Ngày giờ cũ phải có dạng 2026-12-05 08:00.").optional(),
});
export type TeamSessionSeed = z.infer<typeof TeamSessionSeed>;

export const TeamSessionView = z
  .object({
    id: z.number().int(),
    villageId: z.string(),
    villageName: z.string(),
    /** YYYY-MM-DD, with the Vietnamese weekday ("Thứ Bảy") and "28/11". */
    date: z.string(),
    weekday: z.string(),
    dateText: z.string(),
    start: z.string(),
    end: z.string(),
    place: z.string(),
    procedures: z.array(z.string()),
    papers: z.array(z.string()),
    note: z.string().nullable(),
    status: z.enum(["scheduled", "cancelled"]),
    cancelledAt: z.string().nullable(),
    cancelReason: z.string().nullable(),
    /** Where it was before its last move, in words ("08:00 Thứ Bảy 28/11"). */
    movedFrom: z.string().nullable(),
    /** Before today (commune time). */
    past: z.boolean(),
  })
  .meta({ id: "TeamSessionView" });
export type TeamSessionView = z.infer<typeof TeamSessionView>;

export const TeamCalendar = z
  .object({
    today: z.string(),
    teamName: z.string(),
    /** Officers edit; a village head reads. */
    canEdit: z.boolean(),
    villages: z.array(z.object({ id: z.string(), name: z.string() })),
    priorityProcedures: z.array(z.string()),
    papers: z.array(z.string()),
    items: z.array(TeamSessionView),
  })
  .meta({ id: "TeamCalendar" });
export type TeamCalendar = z.infer<typeof TeamCalendar>;

/** The answer to a change: the session as it is now, and what the officer should know (a reminder already sent). */
export interface TeamSessionChangeResult {
  session: TeamSessionView;
  warnings: string[];
}
