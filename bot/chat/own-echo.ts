import type { Clock } from "../clock";

/** What the outbox knows of the messages it sent (OutboxRepo satisfies it). */
export interface SentMessages {
  knownMessageIds(recipientId: string): Set<string>;
  /** Rows whose send is in flight: the message may be at Zalo while its id is not recorded yet. */
  inFlight(): { recipientId: string }[];
  listByStatus(status: "uncertain", limit: number): { recipientId: string; claimedAt: number | null }[];
}

export interface OwnEchoOptions {
  /** How long one attempt waits for an in-flight send to record its message id. */
  maxWaitMs?: number;
  pollMs?: number;
  /** A send that ended `uncertain` this recently may still be the echo's message (the reconciler decides). */
  uncertainWithinMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

/** Thrown when the answer is not known yet: the inbox worker tries the echo again after a back-off. */
export class EchoUndecided extends Error {}

/**
 * Whether an `oa_send_*` echo is one of the bot's own sends: its message id is one the outbox recorded.
 *
 * Zalo's page for these echoes shows `sender.admin_id` in its example and the field table says it is set
 * when an officer writes from oa.zalo.me, but it does not say that echoes of API sends never carry it.
 * Both readings are guarded: `admin_id` is never taken as proof of an officer; the outbox decides.
 *
 * The race: Zalo may deliver the echo before the send's HTTP response (with the message id) is recorded.
 * While a send to that person is in flight (or ended `uncertain` moments ago), the echo is not guessed
 * at: this waits for the outbox row, and if it is still unresolved after `maxWaitMs`, throws
 * EchoUndecided so the event is tried again later (the inbox keeps it pending, in order per person).
 */
export class OwnEchoCheck {
  private readonly maxWaitMs: number;
  private readonly pollMs: number;
  private readonly uncertainWithinMs: number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(
    private readonly sent: SentMessages,
    private readonly clock: Clock,
    opts: OwnEchoOptions = {},
  ) {
    this.maxWaitMs = opts.maxWaitMs ?? 15_000;
    this.pollMs = opts.pollMs ?? 100;
    this.uncertainWithinMs = opts.uncertainWithinMs ?? 10 * 60_000;
    this.sleep = opts.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  }

  async isOwn(recipientId: string, messageId: string): Promise<boolean> {
    const started = Date.now();
    for (;;) {
      if (this.sent.knownMessageIds(recipientId).has(messageId)) return true;
      if (!this.unresolvedSendTo(recipientId)) return false;
      if (Date.now() - started >= this.maxWaitMs) {
        throw new EchoUndecided(`echo ${messageId}: a send to ${recipientId} is still unresolved; deciding later`);
      }
      await this.sleep(this.pollMs);
    }
  }

  private unresolvedSendTo(recipientId: string): boolean {
    if (this.sent.inFlight().some((r) => r.recipientId === recipientId)) return true;
    const since = this.clock.now() - this.uncertainWithinMs;
    return this.sent.listByStatus("uncertain", 200).some((r) => r.recipientId === recipientId && (r.claimedAt ?? 0) >= since);
  }
}
