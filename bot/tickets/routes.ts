import type { FastifyInstance, FastifyRequest, preHandlerHookHandler } from "fastify";
import { z } from "zod";
import { stripInvisible } from "../../shared/text";
import type { TicketsService } from "./tickets-service";

export interface TicketRouteDeps {
  requireOfficer: preHandlerHookHandler;
  officerName(req: FastifyRequest): string;
  tickets: TicketsService;
}

const STATUSES = ["new", "in_progress", "done"] as const;
const listQuery = z.object({
  /** Comma-separated: "new,in_progress". */
  status: z
    .string()
    .optional()
    .transform((s) => (s ? s.split(",").filter(Boolean) : undefined))
    .pipe(z.array(z.enum(STATUSES, { error: "Trạng thái là new, in_progress hoặc done." })).optional()),
  village: z.string().max(60).optional(),
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
const idParam = z.object({ id: z.coerce.number().int().positive() });
const answerBody = z.strictObject({
  // Invisible characters do not count as writing something (and are not sent).
  text: z
    .string({ error: "Hãy viết câu trả lời." })
    .transform((t) => stripInvisible(t).trim())
    .pipe(z.string().min(2, "Câu trả lời ngắn quá.").max(2000, "Câu trả lời dài quá (tối đa 2000 chữ).")),
  /** The console's own id for this answer: sending twice (a double click, a retry) sends once. */
  idempotencyKey: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/).optional(),
});
const assignBody = z.strictObject({ role: z.enum(["volunteer", "village_head", "officer"]), name: z.string().trim().min(1).max(120) });
const statusBody = z.strictObject({ status: z.enum(STATUSES) });

/** Officers' tickets: list, detail with the conversation, answer, assign, status. Thin. */
export async function ticketRoutes(app: FastifyInstance, d: TicketRouteDeps): Promise<void> {
  await app.register(async (api) => {
    api.addHook("preHandler", d.requireOfficer);
    api.addHook("onSend", async (_req, reply) => {
      reply.header("cache-control", "no-store");
    });
    api.get("/api/officer/tickets", async (req) => {
      const q = listQuery.parse(req.query);
      return d.tickets.list({ ...(q.status ? { status: q.status } : {}), ...(q.village ? { villageIds: [q.village] } : {}), ...(q.before ? { before: q.before } : {}), limit: q.limit });
    });
    api.get("/api/officer/tickets/:id", async (req) => d.tickets.detail(idParam.parse(req.params).id));
    api.post("/api/officer/tickets/:id/answer", async (req) => {
      const b = answerBody.parse(req.body ?? {});
      return d.tickets.answer(idParam.parse(req.params).id, b.text, d.officerName(req), b.idempotencyKey);
    });
    api.post("/api/officer/tickets/:id/assign", async (req) => {
      const b = assignBody.parse(req.body ?? {});
      return d.tickets.assign(idParam.parse(req.params).id, b.role, b.name);
    });
    api.post("/api/officer/tickets/:id/status", async (req) => d.tickets.setStatus(idParam.parse(req.params).id, statusBody.parse(req.body ?? {}).status, d.officerName(req)));
  });
}
