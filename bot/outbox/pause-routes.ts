import { ApiError } from "../auth/api-error";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { stripInvisible } from "../../shared/text";
import { pauseAdvice, pauseDetail, pauseNotice, pauseReason } from "./pause-notice";
import type { OutboxPauseRow } from "./pause-repo";
import type { AccountPause } from "./sender";

export { pauseNotice } from "./pause-notice";

export interface PausableSender {
  paused(): AccountPause | undefined;
  pause(by: string, reason: string): boolean;
  resume(by: string): (AccountPause & { resumedAt: number; resumedBy: string }) | undefined;
}

/** Readiness entry `sending`: still ready (webhooks must keep being answered), degraded while paused. */
export function sendingCheck(sender: Pick<PausableSender, "paused">) {
  return {
    name: "sending",
    check: () => {
      const p = sender.paused();
      if (!p) return { ok: true, detail: { state: "sending" } };
      return {
        ok: true,
        degraded: true,
        detail: { state: "paused", source: p.source, code: p.code, reason: p.message, since: new Date(p.since).toISOString(), notice: pauseNotice(p) },
      };
    },
  };
}

/** Who may read the banner besides officers: village heads (they send relays). */
interface Viewer {
  officer: boolean;
  headOf: ReadonlySet<string>;
}

const PauseBody = z.object({
  reason: z
    .string({ error: "Hãy ghi lý do tạm dừng." })
    .transform((t) => stripInvisible(t).trim())
    .pipe(z.string().min(3, "Hãy ghi lý do tạm dừng (ít nhất 3 chữ).").max(300, "Lý do tạm dừng dài quá (tối đa 300 chữ).")),
});

const iso = (ms: number | null | undefined) => (ms === null || ms === undefined ? null : new Date(ms).toISOString());

function historyRow(r: OutboxPauseRow) {
  return {
    id: r.id,
    source: r.source,
    code: r.code,
    message: r.message,
    since: iso(r.since),
    pausedBy: r.pausedBy,
    notifiedAt: iso(r.notifiedAt),
    resumedAt: iso(r.resumedAt),
    resumedBy: r.resumedBy,
  };
}

/**
 * Officers (and village heads, read only) see why sending is paused; an officer pauses by hand or
 * resumes once the account is fixed. Every pause and resume is kept (who, when, which pause).
 */
export async function outboxPauseRoutes(
  app: FastifyInstance,
  d: {
    requireOfficer: (req: FastifyRequest, reply: FastifyReply) => Promise<unknown>;
    officerName(req: FastifyRequest): string;
    sender: PausableSender;
    /** The latest pauses, newest first (audit); none when pauses are not stored. */
    history?: (limit: number) => OutboxPauseRow[];
    /** The signed-in person behind a mini app session, if any (village heads read the banner too). */
    viewer?: (authorization: string | undefined) => Viewer | undefined;
    /** The Zalo connection as officers should read it (a broken token stops every message too). */
    connection?: () => { connected: boolean; notice?: string | undefined };
  },
): Promise<void> {
  const heads = new WeakSet<FastifyRequest>();
  const officerOrHead = async (req: FastifyRequest, reply: FastifyReply) => {
    let v: Viewer | undefined;
    try {
      v = d.viewer?.(req.headers.authorization);
    } catch {
      v = undefined;
    }
    if (v && !v.officer && v.headOf.size > 0) {
      heads.add(req);
      return;
    }
    return d.requireOfficer(req, reply);
  };

  app.get("/api/officer/outbox/pause", { preHandler: officerOrHead }, async (req) => {
    const p = d.sender.paused();
    const officer = !heads.has(req);
    const zalo = d.connection?.();
    return {
      paused: p !== undefined,
      ...(p
        ? {
            code: p.code ?? null,
            since: new Date(p.since).toISOString(),
            notice: pauseNotice(p),
            current: {
              source: p.source,
              code: p.code ?? null,
              since: new Date(p.since).toISOString(),
              pausedBy: p.pausedBy ?? null,
              reason: pauseReason(p),
              advice: pauseAdvice(p),
              detail: pauseDetail(p),
            },
          }
        : { current: null }),
      canResume: officer,
      ...(zalo ? { zalo: { connected: zalo.connected, notice: zalo.notice ?? null } } : {}),
      history: officer && d.history ? d.history(20).map(historyRow) : [],
    };
  });

  app.post("/api/officer/outbox/pause", { preHandler: d.requireOfficer }, async (req, reply) => {
    const body = PauseBody.safeParse(req.body ?? {});
    if (!body.success) throw new ApiError("bad_request", body.error.issues[0]?.message ?? "Dữ liệu không hợp lệ.");
    const by = d.officerName(req);
    if (!d.sender.pause(by, body.data.reason)) throw new ApiError("conflict", "Việc gửi tin đang tạm dừng rồi.");
    req.log.warn({ officer: by }, "outbox: sending paused by an officer");
    return { ok: true };
  });

  app.post("/api/officer/outbox/resume", { preHandler: d.requireOfficer }, async (req, reply) => {
    const by = d.officerName(req);
    const resumed = d.sender.resume(by);
    if (!resumed) throw new ApiError("conflict", "Việc gửi tin không bị tạm dừng.");
    req.log.info({ officer: by, code: resumed.code, since: new Date(resumed.since).toISOString() }, "outbox: sending resumed by an officer");
    return {
      ok: true,
      resumed: { source: resumed.source, code: resumed.code ?? null, message: resumed.message, since: iso(resumed.since), resumedAt: iso(resumed.resumedAt), resumedBy: resumed.resumedBy },
    };
  });
}
