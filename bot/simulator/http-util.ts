import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { z } from "zod";
import type { CallKind } from "./faults";
import { sleep } from "./faults";
import type { Simulator } from "./simulator";
import { ControlError, ZALO_MESSAGES } from "./zalo-errors";

/**
 * Body parsers for the simulator's own encapsulated contexts. They replace
 * the JSON parser only inside those contexts (the host app keeps its own):
 * an empty JSON body is accepted as "no body", invalid JSON is a 400 that each
 * context's error handler answers in its own style.
 */
export function installJsonParser(app: FastifyInstance): void {
  if (app.hasContentTypeParser("application/json")) app.removeContentTypeParser("application/json");
  app.addContentTypeParser("application/json", { parseAs: "string" }, (_req, body, done) => {
    const text = String(body).trim();
    if (text === "") {
      done(null, undefined);
      return;
    }
    try {
      done(null, JSON.parse(text, (k, v: unknown) => (k === "__proto__" || k === "constructor" ? undefined : v)));
    } catch {
      const err = new Error("body is not valid JSON") as Error & { statusCode: number };
      err.statusCode = 400;
      done(err, undefined);
    }
  });
}

export function installFormParser(app: FastifyInstance): void {
  const type = "application/x-www-form-urlencoded";
  if (app.hasContentTypeParser(type)) app.removeContentTypeParser(type);
  app.addContentTypeParser(type, { parseAs: "string" }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(String(body))));
  });
}

/** Buffers multipart bodies (up to 10 MB, so the 1 MB image rule is Zalo's -201, not a 413). */
export function installMultipartBuffer(app: FastifyInstance): void {
  const type = "multipart/form-data";
  if (app.hasContentTypeParser(type)) app.removeContentTypeParser(type);
  app.addContentTypeParser(type, { parseAs: "buffer", bodyLimit: 10 * 1024 * 1024 }, (_req, body, done) => {
    done(null, body);
  });
}

export function header(req: FastifyRequest, name: string): string | undefined {
  const v = req.headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}

export type FaultStyle = "zalo" | "oauth" | "graph";

/**
 * Applies the next queued fault for this kind of call, if any. Returns true
 * when the fault answered the request (a delay-only fault returns false after
 * waiting, and the call proceeds normally).
 */
export async function applyFault(sim: Simulator, kind: CallKind, style: FaultStyle, reply: FastifyReply): Promise<boolean> {
  const f = sim.ctx.faults.take(kind);
  if (!f) return false;
  sim.ctx.state.stats.faultsInjected += 1;
  if (f.delay_ms) await sleep(f.delay_ms);
  if (f.code === undefined && f.http_status === undefined) return false;
  const code = f.code ?? (style === "oauth" ? -14000 : style === "graph" ? 1 : -200);
  const message = ZALO_MESSAGES[code] ?? "Simulated fault";
  const body =
    style === "oauth"
      ? { error: code, error_name: "Simulated fault", error_reason: message, error_description: message }
      : { error: code, message };
  await reply.code(f.http_status ?? 200).send(body);
  return true;
}

/** zod parse for the control API: a 400 with the issues on failure. */
export function parseControl<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const detail = r.error.issues.map((i) => `${i.path.length ? i.path.join(".") : "(body)"}: ${i.message}`).join("; ");
  throw new ControlError(400, `invalid ${what}: ${detail}`);
}

/** JSON-in-a-query-parameter, as Zalo's `data=` GET endpoints take it. */
export function parseDataParam(raw: unknown): { ok: true; value: unknown } | { ok: false } {
  if (raw === undefined) return { ok: true, value: undefined };
  if (typeof raw !== "string") return { ok: false };
  try {
    return { ok: true, value: JSON.parse(raw) };
  } catch {
    return { ok: false };
  }
}
