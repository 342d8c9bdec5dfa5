import type { FastifyInstance, FastifyRequest, preHandlerHookHandler } from "fastify";
import { z } from "zod";
import type { Clock } from "../clock";
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

const bad = (message: string) => ({ error: message });

/** Officers' API: schedules (list, edit, preview), one-off broadcasts (compose, preview, send, report), audit log. */
export async function broadcastRoutes(app: FastifyInstance, d: BroadcastRouteDeps): Promise<void> {
  app.addHook("preHandler", d.requireOfficer);

  app.get("/api/officer/broadcast-schedules", async () => d.repo.schedules().map((s) => ({ ...s, firings: d.repo.firings(s.id, 5) })));

  app.patch("/api/officer/broadcast-schedules/:id", async (req, reply) => {
    const p = idParam.safeParse(req.params);
    const b = scheduleBody.safeParse(req.body);
    if (!p.success) return reply.code(400).send(bad("Mã lịch không hợp lệ."));
    if (!b.success) return reply.code(400).send(bad(b.error.issues.map((i) => i.message).join("; ")));
    const s = d.repo.schedule(p.data.id);
    if (!s) return reply.code(404).send(bad("Không tìm thấy lịch."));
    const actor = d.officerName(req);
    d.repo.updateSchedule(s.id, b.data, actor, d.clock.now());
    d.repo.audit(actor, "schedule.update", `schedule:${s.id}`, b.data, d.clock.now());
    return d.repo.schedule(s.id);
  });

  app.get("/api/officer/broadcast-schedules/:id/preview", async (req, reply) => {
    const p = idParam.safeParse(req.params);
    const s = p.success ? d.repo.schedule(p.data.id) : undefined;
    if (!s) return reply.code(404).send(bad("Không tìm thấy lịch."));
    const items = d.content.build(s, d.clock.now());
    return items.map((i) => ({ ...i, counts: d.service.previewAudience(i.audience).counts }));
  });

  app.post("/api/officer/broadcast-templates/preview", async (req, reply) => {
    const b = z.object({ template: z.string().max(2000), values: z.record(z.string(), z.string()).default({}) }).safeParse(req.body);
    if (!b.success) return reply.code(400).send(bad("Cần nội dung mẫu (template)."));
    return { text: renderTemplate(b.data.template, b.data.values) };
  });

  app.get("/api/officer/broadcasts", async () => d.repo.listBroadcasts());

  app.post("/api/officer/broadcasts", async (req, reply) => {
    const b = createBody.safeParse(req.body);
    if (!b.success) return reply.code(400).send(bad(`Thông báo chưa hợp lệ: ${b.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`));
    const row = d.service.create(b.data, d.officerName(req));
    return reply.code(201).send({ ...row, preview: d.service.preview(row).counts });
  });

  app.get("/api/officer/broadcasts/:id/preview", async (req, reply) => {
    const p = idParam.safeParse(req.params);
    const row = p.success ? d.repo.broadcast(p.data.id) : undefined;
    if (!row) return reply.code(404).send(bad("Không tìm thấy thông báo."));
    return d.service.preview(row);
  });

  app.post("/api/officer/broadcasts/:id/send", async (req, reply) => {
    const p = idParam.safeParse(req.params);
    const row = p.success ? d.repo.broadcast(p.data.id) : undefined;
    if (!row) return reply.code(404).send(bad("Không tìm thấy thông báo."));
    const result = d.service.queue(row.id, d.officerName(req));
    if (!result.queued) return reply.code(409).send(bad("Thông báo này đã được gửi."));
    return result;
  });

  app.get("/api/officer/broadcasts/:id/report", async (req, reply) => {
    const p = idParam.safeParse(req.params);
    const row = p.success ? d.repo.broadcast(p.data.id) : undefined;
    if (!row) return reply.code(404).send(bad("Không tìm thấy thông báo."));
    return { broadcast: row, ...d.service.report(row.id) };
  });

  app.get("/api/officer/audit", async () => d.repo.auditTrail(500));
}
