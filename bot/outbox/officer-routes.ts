import { ApiError } from "../auth/api-error";
import { SECRET_ORIGIN } from "./outbox-repo";

const HIDDEN = "(đường dẫn đăng nhập máy tính: đã ẩn)";
import type { FastifyInstance, FastifyRequest, preHandlerHookHandler } from "fastify";
import { z } from "zod";
import type { Clock } from "../clock";
import type { OutboxRepo } from "./outbox-repo";

const listQuery = z.object({
  status: z.enum(["pending", "sending", "sent", "failed", "outside_window", "uncertain"]).default("failed"),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
const idParam = z.object({ id: z.coerce.number().int().positive() });

/** Officers see what went out and what failed, and can send a failed or uncertain message again. */
export async function outboxOfficerRoutes(
  app: FastifyInstance,
  d: { requireOfficer: preHandlerHookHandler; officerName(req: FastifyRequest): string; repo: OutboxRepo; clock: Clock; audit(actor: string, action: string, target: string): void; wake(): void },
): Promise<void> {
  app.addHook("preHandler", d.requireOfficer);

  app.get("/api/officer/outbox", async (req, reply) => {
    const q = listQuery.safeParse(req.query);
    if (!q.success) throw new ApiError("bad_request", "Trạng thái không hợp lệ (pending, sending, sent, failed, outside_window, uncertain).");
    // A one-time login link is a secret: never shown, even before it is blanked.
    const items = d.repo.listByStatus(q.data.status, q.data.limit).map((r) => (r.origin === SECRET_ORIGIN ? { ...r, payload: JSON.stringify({ kind: "text", text: HIDDEN }) } : r));
    return { counts: d.repo.countByStatus(), items };
  });

  app.post("/api/officer/outbox/:id/resend", async (req, reply) => {
    const p = idParam.safeParse(req.params);
    if (!p.success) throw new ApiError("bad_request", "Mã tin không hợp lệ.");
    const row = d.repo.get(p.data.id);
    if (!row) throw new ApiError("not_found", "Không tìm thấy tin.");
    if (!d.repo.requeue(row.id, d.clock.now())) throw new ApiError("conflict", "Chỉ gửi lại được tin lỗi hoặc chưa rõ đã tới chưa.");
    d.audit(d.officerName(req), "outbox.resend", `outbox:${row.id}`);
    d.wake();
    return { ok: true };
  });
}
