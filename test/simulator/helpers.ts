import { createHash } from "node:crypto";
import Fastify from "fastify";
import type { FastifyInstance } from "fastify";
import { startSimulator } from "../../bot/simulator/server";
import type { SimulatorOptions } from "../../bot/simulator/options";

export const APP_ID = "1111111111111111111";
export const APP_SECRET = "app-secret-for-tests";
export const OA_ID = "2222222222222222222";
export const OA_SECRET = "oa-secret-key-for-tests";

export const baseOptions: SimulatorOptions = {
  appId: APP_ID,
  appSecret: APP_SECRET,
  oaId: OA_ID,
  oaSecretKey: OA_SECRET,
};

export type Started = Awaited<ReturnType<typeof startSimulator>>;

export async function startSim(extra: Partial<SimulatorOptions> = {}): Promise<Started> {
  return startSimulator({ ...baseOptions, ...extra, port: 0 });
}

/** Independent computation of Zalo's webhook MAC (not the simulator's code). */
export function expectedMac(rawBody: string, timestamp: string): string {
  return createHash("sha256").update(`${APP_ID}${rawBody}${timestamp}${OA_SECRET}`).digest("hex");
}

export interface Received {
  headers: Record<string, string | string[] | undefined>;
  raw: string;
  body: Record<string, any>;
  at: number;
}

export type ReceiverMode = "ok" | "fail" | { delayMs: number };

/** A webhook target that records raw bodies; its answer is set per call by `mode`. */
export class Receiver {
  readonly received: Received[] = [];
  mode: ReceiverMode | ((n: number) => ReceiverMode) = "ok";
  private app: FastifyInstance = Fastify();
  url = "";

  async start(): Promise<this> {
    this.app.addContentTypeParser("application/json", { parseAs: "string" }, (_req, body, done) => done(null, body));
    this.app.post("/webhooks/zalo", async (req, reply) => {
      const raw = String(req.body);
      this.received.push({ headers: req.headers, raw, body: JSON.parse(raw), at: Date.now() });
      const mode = typeof this.mode === "function" ? this.mode(this.received.length) : this.mode;
      if (mode === "fail") return reply.code(500).send({ ok: false });
      if (typeof mode === "object") await new Promise((r) => setTimeout(r, mode.delayMs));
      return { ok: true };
    });
    await this.app.listen({ port: 0, host: "127.0.0.1" });
    const addr = this.app.server.address();
    this.url = `http://127.0.0.1:${typeof addr === "object" && addr ? addr.port : 0}/webhooks/zalo`;
    return this;
  }

  events(name: string): Received[] {
    return this.received.filter((r) => r.body.event_name === name);
  }

  async close(): Promise<void> {
    await this.app.close();
  }
}

/** Polls until `fn` returns a truthy value (or throws after timeoutMs). */
export async function waitFor<T>(fn: () => T | Promise<T>, timeoutMs = 5000, what = "condition"): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Minimal HTTP client for tests: JSON in, JSON + headers out. */
export async function call(
  base: string,
  method: string,
  path: string,
  opts: { body?: unknown; headers?: Record<string, string>; form?: Record<string, string> } = {},
): Promise<{ status: number; headers: Headers; json: any }> {
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  let body: string | undefined;
  if (opts.form) {
    headers["content-type"] = "application/x-www-form-urlencoded";
    body = new URLSearchParams(opts.form).toString();
  } else if (opts.body !== undefined) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(opts.body);
  }
  const res = await fetch(base + path, { method, headers, ...(body !== undefined ? { body } : {}), redirect: "manual" });
  const text = await res.text();
  let json: unknown = text;
  try {
    json = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: res.status, headers: res.headers, json };
}

/** Helpers bound to one started simulator. */
export function client(s: Started) {
  const ctl = (method: string, path: string, body?: unknown) =>
    call(s.url, method, `/simulator/api${path}`, body === undefined ? {} : { body });
  const grant = async (): Promise<string> => (await ctl("POST", "/oauth/grant")).json.access_token;
  const api = (method: string, path: string, token: string, body?: unknown) =>
    call(s.url, method, path, { headers: { access_token: token }, ...(body === undefined ? {} : { body }) });
  const getData = (path: string, token: string, data: unknown) =>
    call(s.url, "GET", `${path}?data=${encodeURIComponent(JSON.stringify(data))}`, { headers: { access_token: token } });
  const sendCs = (token: string, userId: string, message: unknown, channel = "cs") =>
    api("POST", `/v3.0/oa/message/${channel}`, token, { recipient: { user_id: userId }, message });
  return { ctl, grant, api, getData, sendCs };
}
