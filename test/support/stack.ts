import { ManualClock, type Clock } from "../../bot/clock";
import type { SimulatorOptions } from "../../bot/simulator/options";
import { startSimulator, type StartedSimulator } from "../../bot/simulator/server";
import { createTestApp, type TestApp } from "./app";
import { TEST_CREDENTIALS } from "./env";

export interface Stack extends TestApp {
  sim: StartedSimulator;
  appUrl: string;
  /** With a ManualClock: moves the bot's and the simulator's time together. */
  advance(ms: number): void;
  setTime(ms: number): void;
  close(): Promise<void>;
}

/**
 * The real app on a port, wired to a real simulator on another port: the simulator posts signed
 * webhooks to the app, the app's client calls the simulator's Zalo endpoints.
 */
export async function startStack(
  opts: { env?: Record<string, string>; sim?: Partial<SimulatorOptions>; connect?: boolean; startWorkers?: boolean; clock?: Clock } = {},
): Promise<Stack> {
  const sim = await startSimulator({ ...TEST_CREDENTIALS, retryTimeScale: 0.001, ...opts.sim });
  const manual = opts.clock instanceof ManualClock ? opts.clock : undefined;
  if (manual) sim.sim.clock.set(manual.now()); // one time for both parties
  const t = await createTestApp({
    env: {
      ZALO_OPENAPI_BASE_URL: sim.url,
      ZALO_OAUTH_BASE_URL: sim.url,
      ZALO_GRAPH_BASE_URL: sim.url,
      OUTBOX_BACKOFF_BASE_MS: "50",
      OUTBOX_BACKOFF_MAX_MS: "400",
      ...opts.env,
    },
    endpoints: { openapi: sim.url, oauth: sim.url, graph: sim.url },
    ...(opts.clock ? { clock: opts.clock } : {}),
  });
  await t.app.listen({ port: 0, host: "127.0.0.1" });
  const addr = t.app.server.address();
  const appUrl = `http://127.0.0.1:${typeof addr === "object" && addr ? addr.port : 0}`;
  sim.sim.setWebhookUrl(`${appUrl}/webhooks/zalo`);
  if (opts.connect !== false) await t.services.tokens.connectWithRefreshToken(sim.sim.issueGrant().refresh_token);
  if (opts.startWorkers !== false) await t.services.startWorkers();
  return {
    ...t,
    sim,
    appUrl,
    setTime(ms: number) {
      if (!manual) throw new Error("setTime needs a ManualClock");
      manual.set(ms);
      sim.sim.clock.set(ms);
      t.services.sender.wake(); // rows waiting for this time are due now
    },
    advance(ms: number) {
      if (!manual) throw new Error("advance needs a ManualClock");
      manual.advance(ms);
      sim.sim.clock.advance(ms);
      t.services.sender.wake();
    },
    async close() {
      await t.close();
      await sim.close();
    },
  };
}

/** Polls until `check` is true or the timeout passes. */
export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 10_000, what = "condition"): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
