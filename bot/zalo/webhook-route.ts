import type { FastifyInstance } from "fastify";
import type { WebhookIntake } from "./webhook-intake";

export interface WebhookRouteDeps {
  /** Largest body accepted (WEBHOOK_BODY_LIMIT_BYTES); Zalo's largest event is far below. */
  bodyLimit?: number;
  intake: WebhookIntake;
  /** Called after a new event is stored, so the inbox worker picks it up at once. */
  onStored(): void;
  /** False while shutting down: Zalo gets 503 and retries later. */
  accepting(): boolean;
}

/**
 * POST /webhooks/zalo: raw body kept for the MAC; verification and storage live in WebhookIntake.
 * Never rate limited: a 429 makes Zalo retry and, repeated, disable the webhook; a forged request
 * costs one HMAC over at most `bodyLimit` bytes and is refused 401.
 */
export async function webhookRoutes(app: FastifyInstance, deps: WebhookRouteDeps): Promise<void> {
  const bodyLimit = deps.bodyLimit ?? 256 * 1024;
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("*", { parseAs: "buffer", bodyLimit }, (_req, body, done) => done(null, body));

  app.post("/webhooks/zalo", { bodyLimit, config: { rateLimit: false } }, async (req, reply) => {
    if (!deps.accepting()) return reply.code(503).send({ ok: false, error: "shutting down" });
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const outcome = await deps.intake.receive(raw, header(req.headers["x-zevent-signature"]), header(req.headers["num_retry"]));
    if (outcome.status === 200 && "stored" in outcome.body && outcome.body.stored) deps.onStored();
    if (outcome.status !== 200) req.log.warn({ status: outcome.status, error: outcome.body }, "webhook refused");
    else if ("warning" in outcome && outcome.warning) req.log.warn({ event: outcome.body }, outcome.warning);
    return reply.code(outcome.status).send(outcome.body);
  });
}

function header(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}
