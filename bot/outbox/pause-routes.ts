import type { FastifyInstance, FastifyRequest, preHandlerHookHandler } from "fastify";
import type { AccountPause } from "./sender";

export interface PausableSender {
  paused(): AccountPause | undefined;
  resume(): boolean;
}

/** What an officer reads in the banner while sending is paused (plain words; the code for the engineer). */
export function pauseNotice(p: AccountPause): string {
  return `Zalo đang từ chối mọi tin của Zalo OA (mã lỗi ${p.code ?? "không rõ"}: ${p.message}). Việc gửi tin đã tạm dừng, không tin nào bị mất. Hãy kiểm tra tài khoản Zalo OA rồi bấm “Gửi tiếp”.`;
}

/** Readiness entry `sending`: still ready (webhooks must keep being answered), degraded while paused. */
export function sendingCheck(sender: PausableSender) {
  return {
    name: "sending",
    check: () => {
      const p = sender.paused();
      if (!p) return { ok: true, detail: { state: "sending" } };
      return { ok: true, degraded: true, detail: { state: "paused", code: p.code, reason: p.message, since: new Date(p.since).toISOString() } };
    },
  };
}

/** Officers see why sending is paused and resume it once the account is fixed. */
export async function outboxPauseRoutes(
  app: FastifyInstance,
  d: { requireOfficer: preHandlerHookHandler; officerName(req: FastifyRequest): string; sender: PausableSender },
): Promise<void> {
  app.addHook("preHandler", d.requireOfficer);

  app.get("/api/officer/outbox/pause", async () => {
    const p = d.sender.paused();
    return p ? { paused: true, code: p.code ?? null, since: new Date(p.since).toISOString(), notice: pauseNotice(p) } : { paused: false };
  });

  app.post("/api/officer/outbox/resume", async (req, reply) => {
    if (!d.sender.resume()) return reply.code(409).send({ error: "Việc gửi tin không bị tạm dừng." });
    req.log.info({ officer: d.officerName(req) }, "outbox: sending resumed by an officer");
    return { ok: true };
  });
}
