import type { FastifyInstance } from "fastify";
import { ClockBody, EmitEventBody, EventNameParams, FaultsBody, TimestampDigitsBody, WebhookBodySchema } from "./control-schemas";
import { documentedEventNames } from "./emit-documented";
import { parseControl } from "./http-util";
import type { Simulator } from "./simulator";
import type { Fault } from "./faults";

/** Control API: tokens, clock, faults, webhook, stats, reset. */
export async function controlSystemRoutes(app: FastifyInstance, opts: { sim: Simulator }): Promise<void> {
  const sim = opts.sim;

  const clockView = () => {
    const now = sim.clock.now();
    return {
      now_ms: now,
      iso: new Date(now).toISOString(),
      vietnam_time: new Date(now + 7 * 3600_000).toISOString().replace("T", " ").slice(0, 19),
      frozen: sim.clock.isFrozen(),
    };
  };

  app.post("/api/oauth/grant", async () => sim.issueGrant());

  app.post("/api/tokens/expire", async () => ({ expired: sim.expireAccessTokens() }));

  app.get("/api/clock", async () => clockView());
  app.post("/api/clock", async (req) => {
    const b = parseControl(ClockBody, req.body ?? {}, "clock body");
    if (b.set_ms !== undefined) sim.clock.set(b.set_ms);
    if (b.advance_ms !== undefined) sim.clock.advance(b.advance_ms);
    if (b.frozen !== undefined) sim.clock.freeze(b.frozen);
    return clockView();
  });

  app.post("/api/events/timestamp-digits", async (req) => {
    const b = parseControl(TimestampDigitsBody, req.body, "timestamp digits");
    sim.setTimestampDigits(b.digits);
    return { digits: b.digits };
  });

  // Any documented event (documented-events.ts, anonymous chats included; group events have their own routes).
  app.get("/api/events", async () => ({ events: documentedEventNames() }));
  app.post("/api/events/:eventName", async (req) => {
    const { eventName } = parseControl(EventNameParams, req.params, "event name");
    const b = parseControl(EmitEventBody, req.body ?? {}, "event body");
    return sim.emitDocumented(eventName, b);
  });

  app.get("/api/faults", async () => sim.pendingFaults());
  app.post("/api/faults", async (req) => {
    const b = parseControl(FaultsBody, req.body, "faults");
    const faults: Fault[] = b.errors.map((e) => ({
      ...(e.code !== undefined ? { code: e.code } : {}),
      ...(e.http_status !== undefined ? { http_status: e.http_status } : {}),
      ...(e.delay_ms !== undefined ? { delay_ms: e.delay_ms } : {}),
    }));
    return { queued: sim.pushFaults(b.endpoint, faults) };
  });
  app.delete("/api/faults", async () => ({ cleared: sim.clearFaults() }));

  app.get("/api/webhook", async () => sim.webhookState());
  app.put("/api/webhook", async (req) => {
    const b = parseControl(WebhookBodySchema, req.body, "webhook");
    sim.setWebhookUrl(b.url, b.enabled ?? true);
    return sim.webhookState();
  });
  app.get("/api/webhook/deliveries", async () => sim.deliveries());

  app.get("/api/stats", async () => sim.stats());

  app.post("/api/reset", async () => {
    sim.reset();
    return { ok: true };
  });
}
