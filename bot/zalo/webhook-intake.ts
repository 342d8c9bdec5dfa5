import type { Clock } from "../clock";
import type { CommitQueue } from "../db/commit-queue";
import { isDatabaseFault } from "../db/faults";
import type { InboxRepo, NewInboxEvent } from "../inbox/inbox-repo";
import { parseZaloEvent, timestampIsPlausible } from "./events";
import { verifyEventSignature } from "./signature";

export interface WebhookCredentials {
  appId: string;
  oaSecretKey: string;
  /** This commune's OA: one Zalo app may serve several OAs and signs all their events alike. */
  oaId?: string;
}

/**
 * What the webhook answers, decided once here:
 * - unsigned `{}`: Zalo's probe when the URL is saved → 200, nothing stored;
 * - body that is not JSON → 400, nothing stored;
 * - missing, malformed or wrong signature (always checked with the configured app id), or a body
 *   whose app_id is present and not ours → 401, nothing stored; a body without app_id is ours;
 * - signed but about another OA of the same app (`oa_id` not ours) → 200, stored as `rejected`;
 * - signed but not a known or valid event → 200 (a 4xx would make Zalo retry and finally disable
 *   the webhook), stored as `rejected` with the reason so an engineer can see it; never handled;
 * - signed and valid → stored once (duplicates answered 200 and ignored), handled after the ack;
 * - the database cannot take the write now (lock held by another process past the short busy
 *   timeout, full disk, I/O error) → 503 at once, nothing acknowledged: Zalo sends the event again.
 */
export type IntakeOutcome =
  | { status: 200; body: { ok: true; probe: true } }
  /** `warning`: for the log only (never sent to Zalo), e.g. an implausible event timestamp. */
  | { status: 200; body: { ok: true; stored: boolean; event: string }; warning?: string }
  | { status: 200; body: { ok: true; rejected: string } }
  | { status: 400 | 401 | 503; body: { ok: false; error: string } };

export class WebhookIntake {
  constructor(
    private readonly creds: WebhookCredentials,
    private readonly inbox: InboxRepo,
    private readonly commits: CommitQueue,
    private readonly clock: Clock,
  ) {}

  private store(e: NewInboxEvent): Promise<boolean> {
    return this.commits.run(() => this.inbox.insert(e));
  }

  /** Verifies, parses and stores (group commit); resolves once the event is on disk, or 503 if it cannot be. */
  async receive(raw: Buffer, signature: string | undefined, numRetryHeader: string | undefined): Promise<IntakeOutcome> {
    try {
      return await this.receiveOrThrow(raw, signature, numRetryHeader);
    } catch (err) {
      if (!isDatabaseFault(err)) throw err;
      return { status: 503, body: { ok: false, error: "database busy: event not stored, send it again" } };
    }
  }

  private async receiveOrThrow(raw: Buffer, signature: string | undefined, numRetryHeader: string | undefined): Promise<IntakeOutcome> {
    let body: unknown;
    try {
      body = JSON.parse(raw.toString("utf8"));
    } catch {
      return { status: 400, body: { ok: false, error: "body is not JSON" } };
    }
    if (signature === undefined || signature === "") {
      if (isEmptyObject(body)) return { status: 200, body: { ok: true, probe: true } };
      return { status: 401, body: { ok: false, error: "missing X-ZEvent-Signature" } };
    }
    const fields = typeof body === "object" && body !== null ? (body as Record<string, unknown>) : {};
    // The MAC is always computed with the configured app id: at least one documented event (the
    // extension purchase) carries no app_id at all, and refusing it would make Zalo retry and finally
    // disable the webhook. A body that names an app id names its own app: if that is not ours, it is
    // another app's event (401), whatever its MAC.
    if (fields.app_id !== undefined && fields.app_id !== this.creds.appId) {
      return { status: 401, body: { ok: false, error: "event of another app" } };
    }
    const timestamp = macTimestamp(fields.timestamp);
    if (timestamp === undefined) {
      return { status: 401, body: { ok: false, error: "cannot verify: timestamp missing" } };
    }
    if (!verifyEventSignature(signature, this.creds.appId, raw, timestamp, this.creds.oaSecretKey)) {
      return { status: 401, body: { ok: false, error: "bad signature" } };
    }

    const parsed0 = parseZaloEvent(body, raw);
    // Signed by our app but about another OA of the same app (group events carry `oa_id`): kept as
    // rejected, never handled, answered 200 (a 4xx would make Zalo retry and disable the app's webhook).
    const otherOa = typeof fields.oa_id === "string" && this.creds.oaId !== undefined && fields.oa_id !== this.creds.oaId;
    const parsed = otherOa
      ? { ok: false as const, key: parsed0.ok ? parsed0.routing.key : parsed0.key, eventName: parsed0.ok ? parsed0.event.event_name : parsed0.eventName, subjectId: parsed0.ok ? parsed0.routing.subjectId : parsed0.subjectId, reason: `event of another OA (${String(fields.oa_id).slice(0, 40)})` }
      : parsed0;
    const numRetry = numRetryHeader !== undefined && /^\d+$/.test(numRetryHeader) ? Number(numRetryHeader) : undefined;
    const receivedAt = this.clock.now();
    if (!parsed.ok) {
      await this.store({
        eventKey: parsed.key,
        eventName: parsed.eventName,
        subjectId: parsed.subjectId,
        appUserId: undefined,
        raw: raw.toString("utf8"),
        status: "rejected",
        parseError: parsed.reason,
        numRetry,
        receivedAt,
      });
      return { status: 200, body: { ok: true, rejected: parsed.reason } };
    }
    const stored = await this.store({
      eventKey: parsed.routing.key,
      eventName: parsed.event.event_name,
      subjectId: parsed.routing.subjectId,
      appUserId: parsed.routing.appUserId,
      raw: raw.toString("utf8"),
      status: "pending",
      numRetry,
      receivedAt,
    });
    const outcome: IntakeOutcome = { status: 200, body: { ok: true, stored, event: parsed.event.event_name } };
    const ts = parsed.event.timestamp;
    if (!timestampIsPlausible(ts, receivedAt)) {
      outcome.warning = `event timestamp "${ts}" is not plausible (received at ${receivedAt}): kept as received, receive time used`;
    }
    return outcome;
  }
}

/**
 * The timestamp as it enters the MAC. Zalo documents it as a string; should a body carry it as a JSON
 * number, its decimal digits are what Zalo would have hashed (both readings are accepted).
 */
function macTimestamp(v: unknown): string | undefined {
  if (typeof v === "string" && v !== "") return v;
  if (typeof v === "number" && Number.isSafeInteger(v) && v >= 0) return String(v);
  return undefined;
}

function isEmptyObject(v: unknown): boolean {
  return typeof v === "object" && v !== null && !Array.isArray(v) && Object.keys(v).length === 0;
}
