import type { Stack } from "./stack";
import { waitFor } from "./stack";

export interface InboxItem {
  message_id: string;
  text: string;
  buttons: { title: string; type: string; payload: unknown }[];
  image?: unknown;
  from_admin?: string;
}

/** Drives the app the way a resident does: through the simulator's control API only. */
export class Resident {
  constructor(
    private readonly s: Stack,
    readonly userId: string,
  ) {}

  private async control(path: string, body?: unknown): Promise<unknown> {
    const res = await fetch(`${this.s.sim.url}/simulator/api${path}`, {
      method: body === undefined ? "GET" : "POST",
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return res.json();
  }

  async inbox(): Promise<InboxItem[]> {
    return (await this.control(`/users/${this.userId}/inbox`)) as InboxItem[];
  }

  /** Sends a text and returns what the OA answered to it. */
  async say(text: string): Promise<InboxItem[]> {
    const before = (await this.inbox()).length;
    const r = (await this.control(`/users/${this.userId}/text`, { text })) as { delivered: boolean };
    if (!r.delivered) throw new Error("the webhook did not take the message");
    await settle(this.s);
    return (await this.inbox()).slice(before);
  }

  /** Taps button `index` of the latest message with buttons; returns what the OA answered. */
  async tap(index: number): Promise<InboxItem[]> {
    const before = (await this.inbox()).length;
    await this.control(`/users/${this.userId}/tap`, { index });
    await settle(this.s);
    return (await this.inbox()).slice(before);
  }

  async follow(): Promise<InboxItem[]> {
    const before = (await this.inbox()).length;
    await this.control(`/users/${this.userId}/follow`, {});
    await settle(this.s);
    return (await this.inbox()).slice(before);
  }
}

/** Waits until every stored event is handled and every due outbox row is sent. */
export async function settle(s: Stack): Promise<void> {
  await s.services.worker.drain();
  const state = () => JSON.stringify({ counts: s.services.outboxRepo.countByStatus(), nextDueAt: s.services.outboxRepo.nextDueAt(), now: s.services.config.clock.now() });
  await waitFor(
    () => {
      const c = s.services.outboxRepo.countByStatus();
      const next = s.services.outboxRepo.nextDueAt();
      const due = next !== undefined && next <= s.services.config.clock.now();
      return !c.sending && !due;
    },
    // Generous: on a loaded two-core machine (a full run, workers recounting) sending can take seconds.
    30_000,
    "outbox settled",
  ).catch((err: Error) => {
    throw new Error(`${err.message}: ${state()}`);
  });
}
