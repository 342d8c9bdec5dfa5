import type { FastifyBaseLogger } from "fastify";
import type { Clock } from "../clock";
import { describeDbError, isDatabaseFault, type WriteHealth } from "../db/faults";
import { oaCanStillMessage, type ZaloFailure, type ZaloResult } from "../zalo/errors";
import type { SentMessage, ZaloOaClient } from "../zalo/oa-client";
import { backoffDelay } from "./backoff";
import { messageOf } from "./outbox";
import type { OutboxRepo, OutboxRow } from "./outbox-repo";
import { pauseNotice } from "./pause-notice";
import type { OutboxPauseRepo, OutboxPauseRow } from "./pause-repo";
import { RateLimiter } from "./rate-limiter";
import type { OutboxReconciler } from "./reconciler";

export interface SenderOptions {
  repo: OutboxRepo;
  client: ZaloOaClient;
  reconciler: OutboxReconciler;
  clock: Clock;
  logger: FastifyBaseLogger;
  ratePerMinute: number;
  concurrency: number;
  maxAttempts: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  /**
   * When to look for a send that may have reached Zalo (timeout, reset, gateway 502/504) in the
   * conversation history, counted from the moment it failed (or, after a crash, from its claim).
   * Zalo may show a late delivery only after a while: the row is resent only if none of these
   * checks finds it.
   */
  reconcileDelaysMs?: readonly number[];
  /** After this many unreadable histories a row becomes `uncertain` for an officer to decide. */
  maxReconcileTries?: number;
  /** The longest pause after Zalo's rate-limit answer (-32): its limits are per minute. */
  rateLimitPauseMaxMs?: number;
  /** Outcome of the last write, for readiness. */
  health?: WriteHealth;
  /** Where a pause is kept, so it survives a restart, with the audit of who resumed (none: memory only). */
  pauses?: OutboxPauseRepo;
  /** OA user ids of the admin officers, told by a Zalo message when an account-wide error pauses sending (if the OA can still send). */
  adminRecipients?: () => readonly string[];
  random?: () => number;
}

export const DEFAULT_RECONCILE_DELAYS_MS = [3_000, 15_000, 45_000, 120_000] as const;
const DB_RETRY_BASE_MS = 250;
const DB_RETRY_MAX_MS = 5_000;

export interface AccountPause {
  /** `zalo`: an account-wide error answer; `officer`: paused by hand. */
  source: "zalo" | "officer";
  code: number | undefined;
  /** Zalo's message, or the officer's reason. */
  message: string;
  since: number;
  /** Who paused by hand. */
  pausedBy?: string | undefined;
}

function pauseOf(row: OutboxPauseRow): AccountPause {
  return { source: row.source, code: row.code ?? undefined, message: row.message, since: row.since, pausedBy: row.pausedBy ?? undefined };
}

const HOUR = 3600_000;
const DAY = 24 * HOUR;
/** Zalo's night rule and quota days follow Vietnam time (UTC+7, no daylight saving). */
const VN_OFFSET = 7 * HOUR;

/** The next 06:00 Vietnam time after `now` (the end of Zalo's night block, -234). */
export function nextVnSixAm(now: number): number {
  const local = now + VN_OFFSET;
  const six = Math.floor(local / DAY) * DAY + 6 * HOUR;
  return (six > local ? six : six + DAY) - VN_OFFSET;
}

/** The next midnight Vietnam time (when a daily quota is taken to reset: Zalo does not say when). */
export function nextVnMidnight(now: number): number {
  const local = now + VN_OFFSET;
  return Math.floor(local / DAY) * DAY + DAY - VN_OFFSET;
}

interface PendingCheck {
  row: OutboxRow;
  /** When the send failed (or was claimed, for a row left by a previous run). */
  since: number;
  /** Index of the next delay in reconcileDelaysMs. */
  step: number;
  dueAt: number;
  unreadable: number;
}

/**
 * Drains the outbox: one sender per database. Guarantee: a row is claimed (`sending`, committed)
 * before its request leaves, and a row found in `sending` is resent only after the conversation
 * history, read several times over a couple of minutes, shows Zalo does not have it. Where it could
 * still double: Zalo shows the message in its history more than `reconcileDelaysMs` late, or the
 * history cannot tell two identical messages sent within the same minutes apart. Where it could be
 * lost: never; a row whose history cannot be read is marked `uncertain` for an officer.
 *
 * Faults never stop it: a database that refuses writes (lock held elsewhere, full disk, I/O error)
 * makes the pump back off and try again; an outcome that could not be written is kept in memory and
 * written when the database takes writes again (after a crash meanwhile, the row is still `sending`
 * and the next start reconciles it through the history).
 */
export class OutboxSender {
  private running = false;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly limiter: RateLimiter;
  private timer: NodeJS.Timeout | undefined;
  private wakeScheduled = false;
  /** Zalo's rate limit (-32): nobody sends before this time. */
  private pausedUntil = 0;
  /** The current burst of -32 answers: how many pauses it caused; 0 after a success. */
  private rateLimitLevel = 0;
  /** End of the latest rate-limit pause: a -32 for a request started before it is the same burst. */
  private lastPauseEnd = 0;
  private readonly checks = new Map<number, PendingCheck>();
  /** Outcomes the database refused to record yet; retried before any new claim. */
  private unwritten: { what: string; write: () => void }[] = [];
  private dbRetryAt = 0;
  private dbFailures = 0;
  private idleWaiters: (() => void)[] = [];
  /** An account-wide error (or an officer) paused the whole queue until an officer resumes it. */
  private accountPause: AccountPause | undefined;
  /** Whether the stored pause was read: nothing is claimed before (a pause may be waiting there). */
  private pauseLoaded = false;

  constructor(private readonly o: SenderOptions) {
    this.limiter = new RateLimiter(o.ratePerMinute);
    this.loadPause();
  }

  /** A pause kept in the database (from before a restart) holds the queue again. */
  private loadPause(): void {
    try {
      this.readPause();
    } catch (err) {
      // Not readable now: the pump reads it before it claims anything.
      this.dbFault(err, "reading the pause");
    }
  }

  private readPause(): void {
    const row = this.o.pauses?.current();
    this.accountPause = row ? pauseOf(row) : undefined;
    this.pauseLoaded = true;
  }

  private get delays(): readonly number[] {
    return this.o.reconcileDelaysMs ?? DEFAULT_RECONCILE_DELAYS_MS;
  }

  /** Reconciles rows a previous run left in flight, then starts draining. */
  async start(): Promise<void> {
    if (this.running) return;
    this.pauseLoaded = false;
    this.loadPause();
    if (this.accountPause) {
      const p = this.accountPause;
      this.o.logger.warn({ code: p.code, source: p.source, since: new Date(p.since).toISOString() }, "outbox: sending is still paused (kept from before the restart) until an officer resumes it");
    }
    this.running = true;
    let stale: OutboxRow[] = [];
    try {
      stale = this.o.repo.inFlight();
    } catch (err) {
      // Cannot read now: the pump retries; these rows stay `sending` until a later start reads them.
      this.dbFault(err, "reading rows left in flight");
    }
    if (stale.length > 0) this.o.logger.warn({ rows: stale.length }, "outbox: rows left in flight by a previous run; reconciling");
    const now = this.o.clock.now();
    // A row claimed long ago needs one look; a recent one gets the checks it has not had yet.
    for (const row of stale) this.scheduleCheck(row, row.claimedAt ?? row.createdAt, now);
    await Promise.all(stale.map((row) => this.runCheckIfDue(row.id, now)));
    this.wake();
  }

  wake(): void {
    if (!this.running || this.wakeScheduled) return;
    this.wakeScheduled = true;
    setImmediate(() => {
      this.wakeScheduled = false;
      this.pump();
    });
  }

  private sleepUntil(at: number): void {
    if (!this.running) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        this.pump();
      },
      Math.max(5, at - this.o.clock.now()),
    );
  }

  /** Timer-driven: must never throw (an exception here would escape to the process). */
  private pump(): void {
    if (!this.running) return;
    try {
      this.pumpOnce();
    } catch (err) {
      if (!this.dbFault(err, "sending")) this.o.logger.error({ err }, "outbox: sender error; trying again shortly");
      this.dbRetryAt = this.o.clock.now() + this.dbDelay();
      this.sleepUntil(this.dbRetryAt);
    }
  }

  private pumpOnce(): void {
    const now = this.o.clock.now();
    if (this.dbRetryAt > now) return this.sleepUntil(this.dbRetryAt);
    this.flushUnwritten();
    if (!this.pauseLoaded) this.readPause(); // throws while the database cannot be read: backs off
    this.startDueChecks(now);
    if (this.accountPause) {
      const next = this.nextCheckAt();
      if (next !== undefined) this.sleepUntil(next);
      return this.checkIdle();
    }
    if (this.pausedUntil > now) return this.sleepUntil(Math.min(this.pausedUntil, this.nextCheckAt() ?? Infinity));
    while (this.inFlight.size < this.o.concurrency) {
      const wait = this.limiter.tryTake();
      if (wait > 0) return this.sleepUntil(this.o.clock.now() + wait);
      let row: OutboxRow | undefined;
      try {
        [row] = this.o.repo.claimDue(this.o.clock.now(), 1);
      } catch (err) {
        this.limiter.refund();
        throw err;
      }
      if (!row) {
        this.limiter.refund();
        break;
      }
      this.track(this.send(row));
    }
    this.dbFailures = 0;
    // Finished sends wake the pump; otherwise sleep until the next row in backoff (or history check)
    // is due, and poll once a second for rows written by another process.
    const now2 = this.o.clock.now();
    const next = Math.min(this.o.repo.nextDueAt() ?? Infinity, this.nextCheckAt() ?? Infinity, now2 + 1_000);
    this.sleepUntil(next > now2 ? next : now2 + 1_000);
    this.checkIdle();
  }

  private track(p: Promise<void>): Promise<void> {
    const tracked = p
      .catch((err) => {
        if (!this.dbFault(err, "sending")) this.o.logger.error({ err }, "outbox: unexpected sender error");
      })
      .finally(() => {
        this.inFlight.delete(tracked);
        this.wake();
        this.checkIdle();
      });
    this.inFlight.add(tracked);
    return tracked;
  }

  private async send(row: OutboxRow): Promise<void> {
    let message;
    try {
      message = messageOf(row);
    } catch (err) {
      return this.record("a bad payload", () => this.o.repo.markFinal(row.id, "failed", undefined, `payload cannot be read: ${(err as Error).message}`));
    }
    const startedAt = this.o.clock.now();
    const result: ZaloResult<SentMessage> =
      row.channel === "group"
        ? await this.o.client.sendGroupMessage(row.recipientId, message)
        : await this.o.client.sendMessage(row.channel, row.recipientId, message);
    const now = this.o.clock.now();
    if (result.ok) {
      this.rateLimitLevel = 0;
      return this.record("a delivery", () => this.o.repo.markSent(row.id, result.data.messageId, now));
    }
    this.onFailure(row, result, now, startedAt);
  }

  private onFailure(row: OutboxRow, f: ZaloFailure, now: number, startedAt: number): void {
    const log = { outboxId: row.id, recipient: row.recipientId, code: f.code, kind: f.kind, attempt: row.attempts };
    // A gateway's 502/504 (no Zalo error code) may come after Zalo accepted the message.
    const gateway = f.code === undefined && (f.httpStatus === 502 || f.httpStatus === 504);
    if (f.maybeDelivered || gateway) {
      this.o.logger.warn(log, `outbox: send may have reached Zalo (${f.message}); checking the history before any retry`);
      this.scheduleCheck(row, now, now);
      return this.wake();
    }
    switch (f.kind) {
      case "night": {
        // Not an attempt: the message waits for 06:00 and goes out then, in order.
        const at = nextVnSixAm(now);
        this.o.logger.info({ ...log, notBefore: new Date(at).toISOString() }, "outbox: night block (-234); waiting for 06:00");
        return this.waitUncounted(row, at, f);
      }
      case "quota": {
        // The quota resets: try again after the reset; counted, so a quota that never comes back ends
        // as a failure whose message says "out of quota" (not a generic error).
        if (row.attempts >= this.o.maxAttempts) {
          return this.finish(row, "failed", f.code, `out of quota (${f.code}) after ${row.attempts} attempts: ${f.message}`);
        }
        const at = nextVnMidnight(now);
        this.o.logger.warn({ ...log, notBefore: new Date(at).toISOString() }, `outbox: out of quota (${f.code}); trying again after the reset`);
        return this.record("a reschedule", () => this.o.repo.reschedule(row.id, at, f.code, `out of quota: ${f.message}`));
      }
      case "account":
        // Every row would fail the same way: pause everything (this row keeps its attempt) until an officer resumes.
        if (!this.accountPause) this.enterPause({ source: "zalo", code: f.code, message: f.message, since: now }, log);
        return this.waitUncounted(row, now, f);
      case "outside_window":
        this.o.logger.info(log, `outbox: outside the messaging window: ${f.message}`);
        return this.finish(row, "outside_window", f.code, f.message);
      case "disconnected":
        // Nothing left: the attempt does not count; everyone waits for the OA to be reconnected.
        this.pausedUntil = Math.max(this.pausedUntil, now + 5_000);
        return this.waitUncounted(row, now, f);
      case "retryable":
      case "token": {
        if (f.code === -32) {
          this.rateLimited(now, startedAt);
          // Zalo refused before doing anything: not an attempt; the row waits for the pause, in order.
          return this.waitUncounted(row, now, f);
        }
        return this.retryOrFail(row, f.code, f.message, now);
      }
      case "permanent":
        this.o.logger.warn(log, `outbox: permanent failure: ${f.message}`);
        return this.finish(row, "failed", f.code, f.message);
    }
  }

  /**
   * One pause per burst: the requests that were already in flight when the pause began answer -32
   * too, and do not lengthen it. Only a -32 for a request sent after the pause ended does (doubling,
   * up to about a minute: Zalo counts its limits per minute).
   */
  private rateLimited(now: number, startedAt: number): void {
    if (startedAt < this.lastPauseEnd) return;
    this.rateLimitLevel++;
    const delay = backoffDelay(this.rateLimitLevel, this.o.backoffBaseMs, this.o.rateLimitPauseMaxMs ?? 60_000, this.o.random);
    this.pausedUntil = Math.max(this.pausedUntil, now + delay);
    this.lastPauseEnd = this.pausedUntil;
    this.o.logger.warn({ pauseMs: delay, level: this.rateLimitLevel }, "outbox: Zalo rate limit (-32); pausing all sends");
  }

  /** Puts the row back in line until `at` without counting this as an attempt (night, pauses, -32). */
  private waitUncounted(row: OutboxRow, at: number, f: ZaloFailure): void {
    this.record("a reschedule", () => this.o.repo.reschedule(row.id, at, f.code, f.message, true));
  }

  /** Records the row's final status (failed, outside_window, uncertain). */
  private finish(row: OutboxRow, status: "failed" | "outside_window" | "uncertain", code: number | undefined, message: string): void {
    this.record("an outcome", () => this.o.repo.markFinal(row.id, status, code, message));
  }

  private retryOrFail(row: OutboxRow, code: number | undefined, message: string, now: number): void {
    if (row.attempts >= this.o.maxAttempts) {
      this.o.logger.warn({ outboxId: row.id, code }, `outbox: giving up after ${row.attempts} attempts: ${message}`);
      return this.finish(row, "failed", code, `after ${row.attempts} attempts: ${message}`);
    }
    const delay = backoffDelay(row.attempts, this.o.backoffBaseMs, this.o.backoffMaxMs, this.o.random);
    this.record("a reschedule", () => this.o.repo.reschedule(row.id, now + delay, code, message));
  }

  // ---- history checks for sends that may have reached Zalo

  private scheduleCheck(row: OutboxRow, since: number, now: number): void {
    const delays = this.delays;
    let step = 0;
    // Checks whose time already passed (a row left by a previous run) collapse into one look now.
    while (step < delays.length - 1 && since + delays[step]! <= now && since + delays[step + 1]! <= now) step++;
    this.checks.set(row.id, { row, since, step, dueAt: since + delays[step]!, unreadable: 0 });
  }

  private nextCheckAt(): number | undefined {
    let min: number | undefined;
    for (const c of this.checks.values()) if (min === undefined || c.dueAt < min) min = c.dueAt;
    return min;
  }

  private startDueChecks(now: number): void {
    for (const c of this.checks.values()) if (c.dueAt <= now) void this.runCheckIfDue(c.row.id, now);
  }

  private runCheckIfDue(id: number, now: number): Promise<void> {
    const c = this.checks.get(id);
    if (!c || c.dueAt > now || c.dueAt === Infinity) return Promise.resolve();
    c.dueAt = Infinity; // running
    return this.track(this.check(c));
  }

  /** The row stays `sending` (its recipient waits) until the history says what happened. */
  private async check(c: PendingCheck): Promise<void> {
    const { row } = c;
    let outcome;
    try {
      outcome = await this.o.reconciler.reconcile(row);
    } catch (err) {
      this.dbFault(err, "reading a history check");
      outcome = { found: undefined, reason: describeDbError(err) } as const;
    }
    const now = this.o.clock.now();
    const last = c.step >= this.delays.length - 1;
    if (outcome.found === true) {
      this.checks.delete(row.id);
      this.o.logger.info({ outboxId: row.id, messageId: outcome.messageId }, "outbox: the send reached Zalo; recorded");
      return this.record("a delivery", () => this.o.repo.markSent(row.id, outcome.messageId, now));
    }
    if (outcome.found === false) {
      if (!last) return this.nextCheck(c);
      this.checks.delete(row.id);
      return this.retryOrFail(row, undefined, "not delivered: not in the conversation history after several checks", now);
    }
    c.unreadable++;
    if (!last) return this.nextCheck(c);
    if (c.unreadable >= this.delays.length + (this.o.maxReconcileTries ?? 5) - 1) {
      this.checks.delete(row.id);
      this.o.logger.error({ outboxId: row.id }, `outbox: cannot tell whether the row was delivered: ${outcome.reason}`);
      return this.finish(row, "uncertain", undefined, `delivery unknown: ${outcome.reason}`);
    }
    // The history cannot be read yet: keep looking a while with backoff before giving it to an officer.
    c.dueAt = now + backoffDelay(c.unreadable, 1_000, 60_000, this.o.random);
  }

  private nextCheck(c: PendingCheck): void {
    c.step++;
    c.dueAt = c.since + this.delays[c.step]!;
  }

  // ---- database faults

  /** Writes an outcome; if the database refuses, keeps it and writes it later (never throws). */
  private record(what: string, write: () => void): void {
    if (this.unwritten.length === 0) {
      try {
        write();
        return;
      } catch (err) {
        if (!isDatabaseFault(err)) {
          this.o.logger.error({ err }, `outbox: could not record ${what}`);
          return;
        }
        this.dbFault(err, `recording ${what}`);
      }
    }
    // Behind earlier unwritten outcomes, or refused: written by the pump once the database takes writes.
    this.unwritten.push({ what, write });
    this.dbRetryAt = Math.max(this.dbRetryAt, this.o.clock.now() + this.dbDelay());
    this.sleepUntil(this.dbRetryAt);
  }

  /** Writes the outcomes the database refused earlier, oldest first; throws if it still refuses. */
  private flushUnwritten(): void {
    while (this.unwritten.length > 0) {
      this.unwritten[0]!.write();
      this.unwritten.shift();
    }
  }

  private dbDelay(): number {
    this.dbFailures++;
    return Math.min(DB_RETRY_MAX_MS, DB_RETRY_BASE_MS * 2 ** Math.min(this.dbFailures - 1, 10));
  }

  /** Logs a database fault (once per run of failures) and reports it to readiness. */
  private dbFault(err: unknown, doing: string): boolean {
    if (!isDatabaseFault(err)) return false;
    this.o.health?.failed(err);
    if (this.dbFailures <= 1) this.o.logger.error({ err: describeDbError(err) }, `outbox: database refused a write while ${doing}; backing off and trying again`);
    return true;
  }

  private checkIdle(): void {
    if (this.inFlight.size > 0 || this.idleWaiters.length === 0) return;
    try {
      const counts = this.o.repo.countByStatus();
      const next = this.o.repo.nextDueAt();
      // While paused for an account-wide error nothing is due: the rows wait for an officer.
      const dueNow = !this.accountPause && next !== undefined && next <= this.o.clock.now();
      if (!counts.sending && !dueNow && this.unwritten.length === 0) {
        const waiters = this.idleWaiters;
        this.idleWaiters = [];
        waiters.forEach((w) => w());
      }
    } catch {
      // Not readable now: idle() callers wait for the next turn.
    }
  }

  // ---- pauses of the whole queue

  /**
   * Holds every row (in memory at once, in the database so a restart keeps it) and says so once: an
   * error log, and a message to the admin officer where the OA can still send one.
   */
  private enterPause(p: AccountPause, log: Record<string, unknown>): void {
    this.accountPause = p;
    this.o.logger.error(log, `outbox: account-wide error (${p.code}: ${p.message}); all sending paused until an officer resumes it`);
    const pauses = this.o.pauses;
    if (pauses) this.record("a pause", () => void pauses.open({ source: p.source, code: p.code ?? null, message: p.message, since: p.since, pausedBy: null }));
    this.tellAdmins(p);
  }

  /**
   * Decision (issue 11 item 6): after an account-wide error that leaves the OA able to message (-320/-321
   * Zalo Cloud Account, a feature or package missing: see oaCanStillMessage), one consultation message
   * per pause goes to each admin officer configured with an OA user id, straight through the client
   * (the queue is paused, and this must not wait behind it). After -204/-205/-219 the OA cannot send
   * anything: no attempt; the banner in the officers' screens and /readyz are the channel. Either way the
   * error log above is written once per pause, never per row.
   */
  private tellAdmins(p: AccountPause): void {
    const admins = [...(this.o.adminRecipients?.() ?? [])];
    if (p.source !== "zalo") return;
    if (!oaCanStillMessage(p.code) || admins.length === 0) {
      const why = admins.length === 0 ? "no admin officer has an OA user id in the commune config" : `the OA cannot send anything after ${p.code}`;
      this.o.logger.error({ code: p.code }, `outbox: the admin officer cannot be told through Zalo (${why}); the officers' screens and /readyz show the pause`);
      return;
    }
    const text = `Gia Đình Số: ${pauseNotice(p)}`;
    const notify = async () => {
      let told = 0;
      for (const id of admins) {
        const r = await this.o.client.sendMessage("cs", id, { kind: "text", text });
        if (r.ok) told++;
        else this.o.logger.warn({ recipient: id, code: r.code }, `outbox: the pause notice to an admin officer did not go out: ${r.message}`);
      }
      if (told === 0) {
        this.o.logger.error({ code: p.code }, "outbox: no admin officer could be told through Zalo; the officers' screens and /readyz show the pause");
        return;
      }
      const pauses = this.o.pauses;
      const at = this.o.clock.now();
      if (pauses) this.record("a notice", () => pauses.markNotified(at));
    };
    void this.track(notify());
  }

  /** The pause holding all sending, if any (for /readyz and the officers' screens). */
  paused(): AccountPause | undefined {
    return this.accountPause;
  }

  /** An officer holds all sending by hand (audited like a Zalo pause); false when already paused. */
  pause(by: string, reason: string): boolean {
    if (this.accountPause) return false;
    const p: AccountPause = { source: "officer", code: undefined, message: reason, since: this.o.clock.now(), pausedBy: by };
    // Written first: a pause the database refused would vanish at the next restart without anyone knowing.
    this.o.pauses?.open({ source: "officer", code: null, message: reason, since: p.since, pausedBy: by });
    this.accountPause = p;
    this.o.logger.warn({ officer: by }, `outbox: all sending paused by an officer: ${reason}`);
    return true;
  }

  /**
   * An officer resumes sending after fixing the account; the rows kept their place and go out in order.
   * Returns the pause it ended (with who and when, as recorded), undefined when nothing was paused.
   */
  resume(by: string): (AccountPause & { resumedAt: number; resumedBy: string }) | undefined {
    const p = this.accountPause;
    if (!p) return undefined;
    const at = this.o.clock.now();
    // Audit first (after the pause itself, if its write is still pending): if the database refuses,
    // the queue stays paused and the officer is told to try again.
    this.flushUnwritten();
    this.o.pauses?.close(by, at);
    this.accountPause = undefined;
    this.o.logger.info({ code: p.code, officer: by }, "outbox: sending resumed by an officer");
    this.wake();
    return { ...p, resumedAt: at, resumedBy: by };
  }

  /** Resolves when nothing is in flight and nothing is due now (rows in backoff may remain). */
  idle(): Promise<void> {
    return new Promise((resolve) => {
      this.idleWaiters.push(resolve);
      this.wake();
      setImmediate(() => this.checkIdle());
    });
  }

  /** Stops claiming, lets the sends in flight finish (their outcome is recorded). */
  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    // Rows waiting for a history check stay `sending`: the next start reconciles them.
    this.checks.clear();
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
    // Last chance for outcomes the database refused; otherwise the rows stay `sending` and the next
    // start finds them in the history.
    try {
      this.flushUnwritten();
    } catch (err) {
      this.o.logger.error({ err: describeDbError(err), rows: this.unwritten.length }, "outbox: outcomes not recorded at stop; the next start reconciles them");
    }
  }
}
