import { z } from "zod";
import type { Clock } from "../clock";
import { outgoingMessageSchema, type OutgoingMessage } from "../zalo/messages";
import type { OutboxChannel, OutboxRepo, OutboxRow } from "./outbox-repo";

export const enqueueSchema = z.strictObject({
  /** Same key twice = one message: derive it from what caused the message (event key, schedule + week...). */
  dedupeKey: z.string().min(1).max(300),
  channel: z.enum(["cs", "transaction", "promotion", "group", "anonymous"]),
  recipientId: z.string().min(1),
  message: outgoingMessageSchema,
  origin: z.string().max(200).optional(),
  notBefore: z.number().int().optional(),
});

export type EnqueueRequest = z.input<typeof enqueueSchema>;

/** The front door of every outgoing message: validated, then a row, then the sender's job. */
export class Outbox {
  private listeners: (() => void)[] = [];

  constructor(
    private readonly repo: OutboxRepo,
    private readonly clock: Clock,
  ) {}

  enqueue(...requests: EnqueueRequest[]): { id: number; created: boolean }[] {
    const now = this.clock.now();
    const rows = requests.map((req) => {
      const r = enqueueSchema.parse(req);
      return {
        dedupeKey: r.dedupeKey,
        channel: r.channel,
        recipientId: r.recipientId,
        kind: r.message.kind,
        payload: JSON.stringify(r.message),
        origin: r.origin,
        notBefore: r.notBefore ?? now,
        createdAt: now,
      };
    });
    const result = this.repo.insert(rows);
    if (result.some((r) => r.created)) this.listeners.forEach((l) => l());
    return result;
  }

  /** One message; returns its outbox row id (the existing row's when the dedupe key is known). */
  enqueueOne(request: EnqueueRequest): number {
    return this.enqueue(request)[0]!.id;
  }

  /** The sender subscribes to wake up when rows arrive. */
  onEnqueued(listener: () => void): void {
    this.listeners.push(listener);
  }
}

export function messageOf(row: Pick<OutboxRow, "payload">): OutgoingMessage {
  return outgoingMessageSchema.parse(JSON.parse(row.payload));
}

export type { OutboxChannel };
