import type { FastifyInstance, FastifyRequest, preHandlerHookHandler } from "fastify";
import { z } from "zod";
import { stripInvisible } from "../../shared/text";
import { ApiError } from "../auth/api-error";
import type { Clock } from "../clock";
import { validationError } from "../ops/error-handler";
import type { OutboxRepo } from "../outbox/outbox-repo";
import { audienceSchema } from "./audience";
import type { BroadcastRepo, ScheduleRow } from "./broadcast-repo";
import type { BroadcastService, ComposeAction } from "./broadcast-service";
import { parseCron } from "./cron-match";
import { cronWords, weeklyCron, weeklyParts } from "./cron-words";
import { failureReasonVi } from "./failure-reasons";
import { renderTemplate, type ScheduleContent } from "./schedule-content";

export interface BroadcastRouteDeps {
  requireOfficer: preHandlerHookHandler;
  officerName(req: FastifyRequest): string;
  repo: BroadcastRepo;
  service: BroadcastService;
  content: ScheduleContent;
  clock: Clock;
  outbox: OutboxRepo;
  /** Wakes the outbox sender after a resend. */
  wake(): void;
}

const MINUTE = 60_000;
const MAX_AHEAD_MS = 90 * 24 * 3600_000;
/** The officers' own weekly schedules: enough for any commune, not thousands fired and listed every minute. */
const MAX_CUSTOM_SCHEDULES = 100;
/** "Nhắc các thôn chưa nộp báo cáo" again only after an hour. */
const REMIND_AGAIN_MS = 60 * MINUTE;
/** The same broadcast again within this time is taken for a second click. */
const REPEAT_WINDOW_MS = 10 * MINUTE;
/** Invisible characters (zero-width, bidi overrides) are dropped first: a title of them alone is no title. */
const visible = (inner: z.ZodString) => z.string().transform((t) => stripInvisible(t).trim()).pipe(inner);
const title = visible(z.string().min(1, "Cần tiêu đề.").max(200, "Tiêu đề dài quá 200 chữ."));
const text = visible(z.string().min(1, "Cần nội dung.").max(1800, "Nội dung dài quá 1800 chữ (Zalo nhận tối đa 2000, còn chỗ cho tiêu đề)."));
const sendAt = z.number().int().positive();
const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Giờ gửi phải có dạng 14:00.");
const weekdays = z.array(z.number().int().min(0).max(6)).min(1, "Chọn ít nhất một ngày trong tuần.").max(7);

const idParam = z.object({ id: z.coerce.number().int().positive() });
const createBody = z.strictObject({
  title,
  text,
  audience: audienceSchema,
  sendAt: sendAt.optional(),
  /** "draft": keep it (Lưu nháp); "now": send after the confirmation; "at": send at `sendAt`. Without it: a draft, or scheduled when `sendAt` is given. */
  action: z.enum(["draft", "now", "at"]).optional(),
  /** A saved draft this replaces (no second row). */
  draftId: z.number().int().positive().optional(),
});
/** The live preview: nothing is created; title and text may still be empty while the officer types. */
const planBody = z.strictObject({
  title: z.string().max(200).default(""),
  text: z.string().max(2000).default(""),
  audience: audienceSchema,
  sendAt: sendAt.optional(),
  /** A weekly schedule being set up: the sentence says when it repeats. */
  repeat: z.strictObject({ time, weekdays }).optional(),
});
const resendBody = z.strictObject({ outboxIds: z.array(z.number().int().positive()).max(500).optional() }).default({});
const newScheduleBody = z.strictObject({ name: title, text, audience: audienceSchema, time, weekdays });
const scheduleBody = z
  .strictObject({
    cron: z
      .string()
      .refine((c) => {
        try {
          parseCron(c);
          return true;
        } catch {
          return false;
        }
      }, "Lịch không hợp lệ (dạng cron 5 trường: phút giờ ngày tháng thứ).")
      // At most once a day (as every shipped schedule): "* * * * *" would message everyone every minute.
      .refine((c) => {
        try {
          const spec = parseCron(c);
          return spec.minutes.size === 1 && spec.hours.size === 1;
        } catch {
          return true; // said by the check above
        }
      }, "Mỗi lịch chỉ gửi một lần trong ngày, vào một giờ (ví dụ 07:00)."),
    enabled: z.boolean(),
    template: z.string().trim().max(1800).nullable(),
    name: z.string().trim().min(1).max(200),
    /** The officer's way to change when: a time and weekdays (replaces `cron`). */
    time,
    weekdays,
  })
  .partial()
  .refine((b) => (b.time === undefined) === (b.weekdays === undefined), "Cần cả giờ gửi và các ngày trong tuần.")
  .refine((b) => b.cron === undefined || b.time === undefined, "Chỉ đổi lịch bằng một cách: giờ và ngày, hoặc cron.");

/** Kinds whose text an officer writes; the others are written from the data at each firing. */
const TEXT_EDITABLE = new Set<ScheduleRow["kind"]>(["report_reminder", "legal_tip", "custom"]);

/** Officers' API: schedules (list, edit, preview), one-off broadcasts (compose, preview, send, report), audit log. */
export async function broadcastRoutes(app: FastifyInstance, d: BroadcastRouteDeps): Promise<void> {
  app.addHook("preHandler", d.requireOfficer);

  const describe = (s: ScheduleRow) => {
    const now = d.clock.now();
    let sample: string | null = null;
    try {
      sample = d.content.build(s, now)[0]?.text ?? null;
    } catch {
      sample = null;
    }
    return {
      ...s,
      words: cronWords(s.cron),
      weekly: weeklyParts(s.cron) ?? null,
      textEditable: TEXT_EDITABLE.has(s.kind),
      /** What the next firing would send now (null: nothing to send with today's data). */
      sample,
      firings: d.repo.firings(s.id, 5),
    };
  };

  app.get("/api/officer/broadcast-schedules", async () => d.repo.schedules().map(describe));

  app.post("/api/officer/broadcast-schedules", async (req, reply) => {
    const b = newScheduleBody.safeParse(req.body);
    if (!b.success) throw validationError(b.error, "lịch gửi");
    const actor = d.officerName(req);
    const now = d.clock.now();
    const custom = d.repo.schedules().filter((s) => s.kind === "custom");
    if (custom.some((s) => s.name === b.data.name)) throw new ApiError("conflict", "Đã có lịch gửi trùng tên này.");
    if (custom.length >= MAX_CUSTOM_SCHEDULES) throw new ApiError("conflict", `Xã đã có ${MAX_CUSTOM_SCHEDULES} lịch gửi tự đặt: hãy sửa một lịch cũ không dùng nữa thay vì thêm lịch mới.`);
    const s = d.repo.createSchedule({ kind: "custom", name: b.data.name, cron: weeklyCron(b.data.time, b.data.weekdays), enabled: true, template: b.data.text, audience: JSON.stringify(b.data.audience), updatedBy: actor, updatedAt: now });
    d.repo.audit(actor, "schedule.create", `schedule:${s.id}`, { name: s.name, cron: s.cron, audience: b.data.audience }, now);
    return reply.code(201).send(describe(s));
  });

  app.patch("/api/officer/broadcast-schedules/:id", async (req) => {
    const p = idParam.safeParse(req.params);
    const b = scheduleBody.safeParse(req.body);
    if (!p.success) throw new ApiError("bad_request", "Mã lịch không hợp lệ.");
    if (!b.success) throw validationError(b.error, "lịch gửi");
    const s = d.repo.schedule(p.data.id);
    if (!s) throw new ApiError("not_found", "Không tìm thấy lịch.");
    const actor = d.officerName(req);
    const { time: t, weekdays: w, ...rest } = b.data;
    if (rest.template !== undefined && !TEXT_EDITABLE.has(s.kind)) throw new ApiError("bad_request", "Nội dung của lịch này được soạn tự động từ số liệu, không sửa tay được.");
    if (rest.template === "" && s.kind === "custom") throw new ApiError("bad_request", "Cần nội dung.");
    const set = { ...rest, ...(rest.template === "" ? { template: null } : {}), ...(t !== undefined && w !== undefined ? { cron: weeklyCron(t, w) } : {}) };
    d.repo.updateSchedule(s.id, set, actor, d.clock.now());
    d.repo.audit(actor, "schedule.update", `schedule:${s.id}`, set, d.clock.now());
    return describe(d.repo.schedule(s.id)!);
  });

  app.get("/api/officer/broadcast-schedules/:id/preview", async (req) => {
    const p = idParam.safeParse(req.params);
    const s = p.success ? d.repo.schedule(p.data.id) : undefined;
    if (!s) throw new ApiError("not_found", "Không tìm thấy lịch.");
    const items = d.content.build(s, d.clock.now());
    return items.map((i) => ({ ...i, counts: d.service.previewAudience(i.audience).counts }));
  });

  app.post("/api/officer/broadcast-templates/preview", async (req) => {
    const b = z.object({ template: z.string().max(2000), values: z.record(z.string(), z.string()).default({}) }).safeParse(req.body);
    if (!b.success) throw new ApiError("bad_request", "Cần nội dung mẫu (template).");
    return { text: renderTemplate(b.data.template, b.data.values) };
  });

  app.get("/api/officer/broadcasts", async () => d.repo.listBroadcasts());

  app.post("/api/officer/broadcasts/plan", async (req) => {
    const b = planBody.safeParse(req.body);
    if (!b.success) throw validationError(b.error, "thông báo");
    const { repeat, ...input } = b.data;
    // A weekly message is sent as the officer's own schedule: its title goes first, like a one-off broadcast.
    return d.service.planDraft({ ...input, ...(repeat ? { repeatWords: cronWords(weeklyCron(repeat.time, repeat.weekdays)) } : {}) });
  });

  app.post("/api/officer/broadcasts", async (req, reply) => {
    const b = createBody.safeParse(req.body);
    if (!b.success) throw validationError(b.error, "thông báo");
    const { action: kind = b.data.sendAt ? "at" : "draft", sendAt: at, draftId, ...input } = b.data;
    const now = d.clock.now();
    let action: ComposeAction;
    if (kind === "at") {
      if (at === undefined) throw new ApiError("bad_request", "Cần chọn giờ gửi.");
      const minute = Math.floor(at / MINUTE) * MINUTE;
      if (minute <= now) throw new ApiError("bad_request", "Giờ hẹn gửi đã qua: chọn một giờ sau bây giờ.");
      if (minute > now + MAX_AHEAD_MS) throw new ApiError("bad_request", "Chỉ hẹn gửi trong vòng 90 ngày tới.");
      action = { kind: "at", sendAt: minute };
    } else action = { kind };
    // The confirmation clicked twice (or two tabs): the same broadcast, sent now or at the same minute, goes once.
    if (action.kind !== "draft") {
      const audience = JSON.stringify(input.audience);
      const at = action.kind === "at" ? action.sendAt : undefined;
      const twin = d.repo
        .listBroadcasts(50)
        .find((r) => r.title === input.title && r.text === input.text && r.audience === audience && r.createdAt > now - REPEAT_WINDOW_MS && (at === undefined ? r.status === "queued" : r.status === "scheduled" && r.sendAt === at));
      if (twin) throw new ApiError("conflict", `Thông báo giống hệt vừa được ${at === undefined ? "gửi" : "hẹn giờ"} cách đây ${Math.max(1, Math.round((now - twin.createdAt) / MINUTE))} phút, nên không gửi lần nữa. Xem trong danh sách thông báo.`);
    }
    let result: ReturnType<BroadcastService["compose"]>;
    try {
      result = d.service.compose({ ...input, draftId }, action, d.officerName(req));
    } catch (err) {
      if (err instanceof ReferenceError) throw new ApiError("conflict", "Bản nháp này đã được gửi hoặc đã xoá.");
      throw err;
    }
    if (action.kind === "now") d.wake();
    return reply.code(201).send({ ...result.broadcast, preview: d.service.preview(result.broadcast).counts, ...(result.counts ? { counts: result.counts } : {}) });
  });

  const broadcastOf = (params: unknown) => {
    const p = idParam.safeParse(params);
    const row = p.success ? d.repo.broadcast(p.data.id) : undefined;
    if (!row) throw new ApiError("not_found", "Không tìm thấy thông báo.");
    return row;
  };

  app.post("/api/officer/broadcasts/:id/cancel", async (req) => {
    const row = broadcastOf(req.params);
    if (!d.repo.cancelScheduled(row.id)) throw new ApiError("conflict", row.status === "queued" ? "Thông báo đã gửi đi, không huỷ được nữa." : "Thông báo này chưa hẹn giờ gửi.");
    d.repo.audit(d.officerName(req), "broadcast.cancel", `broadcast:${row.id}`, { sendAt: row.sendAt }, d.clock.now());
    return d.repo.broadcast(row.id);
  });

  app.delete("/api/officer/broadcasts/:id", async (req) => {
    const row = broadcastOf(req.params);
    if (!d.repo.deleteDraft(row.id)) throw new ApiError("conflict", "Chỉ xoá được bản nháp.");
    d.repo.audit(d.officerName(req), "broadcast.delete", `broadcast:${row.id}`, { title: row.title }, d.clock.now());
    return { ok: true };
  });

  /** "Gửi lại": the broadcast's failed (or uncertain) messages go out again; `outboxIds` picks some of them. */
  app.post("/api/officer/broadcasts/:id/resend", async (req) => {
    const row = broadcastOf(req.params);
    const b = resendBody.safeParse(req.body ?? {});
    if (!b.success) throw validationError(b.error, "gửi lại");
    const mine = new Set(d.repo.report(row.id).flatMap((r) => (r.outboxId !== null && (r.status === "failed" || r.status === "uncertain") ? [r.outboxId] : [])));
    const wanted = b.data.outboxIds ?? [...mine];
    if (wanted.some((id) => !mine.has(id))) throw new ApiError("conflict", "Chỉ gửi lại được tin lỗi hoặc chưa rõ đã tới chưa của thông báo này.");
    const now = d.clock.now();
    const requeued = wanted.filter((id) => d.outbox.requeue(id, now));
    if (requeued.length === 0) throw new ApiError("conflict", "Không có tin lỗi nào để gửi lại.");
    d.repo.audit(d.officerName(req), "broadcast.resend", `broadcast:${row.id}`, { outboxIds: requeued }, now);
    d.wake();
    return { resent: requeued.length };
  });

  app.get("/api/officer/broadcasts/:id/preview", async (req) => {
    const p = idParam.safeParse(req.params);
    const row = p.success ? d.repo.broadcast(p.data.id) : undefined;
    if (!row) throw new ApiError("not_found", "Không tìm thấy thông báo.");
    return d.service.preview(row);
  });

  app.post("/api/officer/broadcasts/:id/send", async (req) => {
    const p = idParam.safeParse(req.params);
    const row = p.success ? d.repo.broadcast(p.data.id) : undefined;
    if (!row) throw new ApiError("not_found", "Không tìm thấy thông báo.");
    const result = d.service.queue(row.id, d.officerName(req));
    if (!result.queued) throw new ApiError("conflict", "Thông báo này đã được gửi.");
    d.wake();
    return result;
  });

  app.get("/api/officer/broadcasts/:id/report", async (req) => {
    const p = idParam.safeParse(req.params);
    const row = p.success ? d.repo.broadcast(p.data.id) : undefined;
    if (!row) throw new ApiError("not_found", "Không tìm thấy thông báo.");
    const r = d.service.report(row.id);
    const deliveries = r.deliveries.map((x) => ({ ...x, failure: failureReasonVi(x) ?? null, canResend: x.outboxId !== null && (x.status === "failed" || x.status === "uncertain") }));
    const done = r.summary.total - r.summary.pending;
    return { broadcast: row, summary: { ...r.summary, done, percent: r.summary.total === 0 ? (row.status === "queued" ? 100 : 0) : Math.floor((100 * done) / r.summary.total) }, deliveries };
  });

  // "Nhắc các thôn chưa nộp báo cáo" on the Friday reports page: one action, sent now, reported like any broadcast.
  app.post("/api/officer/reports/remind-missing", async (req) => {
    const now = d.clock.now();
    const item = d.content.remindNotReported(now);
    if (!item) throw new ApiError("conflict", "Các thôn đều đã gửi báo cáo tuần này.");
    // A double click or two officers at once: the heads are reminded once (checked and created with no await between).
    const recent = d.repo.listBroadcasts(50).find((b) => b.title === item.title && b.createdAt > now - REMIND_AGAIN_MS);
    if (recent) {
      const ago = Math.max(1, Math.round((now - recent.createdAt) / MINUTE));
      throw new ApiError("conflict", `Các thôn vừa được nhắc cách đây ${ago} phút. Mỗi giờ chỉ nhắc một lần, để trưởng thôn không nhận tin trùng.`);
    }
    const actor = d.officerName(req);
    const b = d.service.create({ title: item.title, text: item.text, audience: item.audience }, actor);
    const queued = d.service.queue(b.id, actor);
    return { broadcastId: b.id, villageIds: item.villageIds, counts: queued.counts };
  });

  app.get("/api/officer/audit", async () => d.repo.auditTrail(500));
}
