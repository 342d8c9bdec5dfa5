import type { FastifyInstance, FastifyRequest, preHandlerHookHandler } from "fastify";
import { z } from "zod";
import { ApiError } from "../auth/api-error";
import type { Clock } from "../clock";
import { validationError } from "../ops/error-handler";
import { audienceSchema } from "./audience";
import type { BroadcastRepo } from "./broadcast-repo";
import type { BroadcastService } from "./broadcast-service";
import { parseCron } from "./cron-match";
import { renderTemplate, type ScheduleContent } from "./schedule-content";

export interface BroadcastRouteDeps {
  requireOfficer: preHandlerHookHandler;
  officerName(req: FastifyRequest): string;
  repo: BroadcastRepo;
  service: BroadcastService;
  content: ScheduleContent;
  clock: Clock;
}

const idParam = z.object({ id: z.coerce.number().int().positive() });
const createBody = z.strictObject({
  title: z.string().trim().min(1).max(200),
  text: z.string().trim().min(1).max(2000),
  audience: audienceSchema,
  sendAt: z.number().int().positive().optional(),
});
const scheduleBody = z
  .strictObject({
    cron: z.string().refine((c) => {
      try {
        parseCron(c);
        return true;
      } catch {
        return false;
      }
    }, "Lịch không hợp lệ (dạng cron 5 trường: phút giờ ngày tháng thứ)."),
    enabled: z.boolean(),
    template: z.string().max(2000).nullable(),
    name: z.string().trim().min(1).max(200),
  })
  .partial();

/** Officers' API: schedules (list, edit, preview), one-off broadcasts (compose, preview, send, report), audit log. */
export async function broadcastRoutes(app: FastifyInstance, d: BroadcastRouteDeps): Promise<void> {
  app.addHook("preHandler", d.requireOfficer);

  app.get("/api/officer/broadcast-schedules", async () => d.repo.schedules().map((s) => ({ ...s, firings: d.repo.firings(s.id, 5) })));

  app.patch("/api/officer/broadcast-schedules/:id", async (req) => {
    const p = idParam.safeParse(req.params);
    const b = scheduleBody.safeParse(req.body);
    if (!p.success) throw new ApiError("bad_request", "Mã lịch không hợp lệ.");
    if (!b.success) throw validationError(b.error, "lịch gửi");
    const s = d.repo.schedule(p.data.id);
    if (!s) throw new ApiError("not_found", "Không tìm thấy lịch.");
    const actor = d.officerName(req);
    d.repo.updateSchedule(s.id, b.data, actor, d.clock.now());
    d.repo.audit(actor, "schedule.update", `schedule:${s.id}`, b.data, d.clock.now());
    return d.repo.schedule(s.id);
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

  app.post("/api/officer/broadcasts", async (req, reply) => {
    const b = createBody.safeParse(req.body);
    if (!b.success) throw validationError(b.error, "thông báo");
    const row = d.service.create(b.data, d.officerName(req));
    return reply.code(201).send({ ...row, preview: d.service.preview(row).counts });
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
    return result;
  });

  app.get("/api/officer/broadcasts/:id/report", async (req) => {
    const p = idParam.safeParse(req.params);
    const row = p.success ? d.repo.broadcast(p.data.id) : undefined;
    if (!row) throw new ApiError("not_found", "Không tìm thấy thông báo.");
    return { broadcast: row, ...d.service.report(row.id) };
  });

  // "Nhắc các thôn chưa nộp báo cáo" on the Friday reports page: one action, sent now, reported like any broadcast.
  app.post("/api/officer/reports/remind-missing", async (req) => {
    const item = d.content.remindNotReported(d.clock.now());
    if (!item) throw new ApiError("conflict", "Các thôn đều đã gửi báo cáo tuần này.");
    const actor = d.officerName(req);
    const b = d.service.create({ title: item.title, text: item.text, audience: item.audience }, actor);
    const queued = d.service.queue(b.id, actor);
    return { broadcastId: b.id, villageIds: item.villageIds, counts: queued.counts };
  });

  app.get("/api/officer/audit", async () => d.repo.auditTrail(500));
}
