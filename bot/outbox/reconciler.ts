import type { ConversationItem, ZaloOaClient } from "../zalo/oa-client";
import type { ZaloResult } from "../zalo/errors";
import { messageOf } from "./outbox";
import type { OutboxRepo, OutboxRow } from "./outbox-repo";

export type Reconciliation =
  | { found: true; messageId: string }
  | { found: false }
  /** The history could not be read: try again later. */
  | { found: undefined; reason: string };

/** How far before the claim a message may be stamped (clock skew between us and Zalo). */
const SKEW_MS = 2 * 60_000;
const MAX_PAGES = 5;

/**
 * Finds out whether a row that was in flight (crash, timeout) reached Zalo, by looking for it in the
 * conversation history: a message from the OA, stamped after the claim, with the same text (or image
 * url), whose message id no other row has recorded.
 */
export class OutboxReconciler {
  constructor(
    private readonly client: ZaloOaClient,
    private readonly repo: OutboxRepo,
  ) {}

  async reconcile(row: OutboxRow): Promise<Reconciliation> {
    // Zalo documents no history for anonymous chats: it cannot be checked, and the answer could stay
    // "uncertain" for good. Sending it again is the lesser harm (the person may get it twice, never
    // not at all).
    if (row.channel === "anonymous") return { found: false };
    const message = messageOf(row);
    const since = (row.claimedAt ?? row.createdAt) - SKEW_MS;
    const known = this.repo.knownMessageIds(row.recipientId);
    const wantedText = message.text;
    const wantedUrl = message.kind === "image" ? message.url : undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const res: ZaloResult<ConversationItem[]> =
        row.channel === "group"
          ? await this.client.getGroupConversation(row.recipientId, page * 10, 10)
          : await this.client.getConversation(row.recipientId, page * 10, 10);
      if (!res.ok) return { found: undefined, reason: `${res.kind} ${res.code ?? ""} ${res.message}`.trim() };
      for (const item of res.data) {
        if (!item.fromOa || known.has(item.messageId) || item.time < since) continue;
        const sameText = wantedText !== undefined && item.text === wantedText;
        const sameImage = wantedUrl !== undefined && item.url === wantedUrl;
        if (sameText || sameImage) return { found: true, messageId: item.messageId };
      }
      const oldest = res.data[res.data.length - 1];
      if (res.data.length < 10 || (oldest && oldest.time < since)) break;
    }
    return { found: false };
  }
}
