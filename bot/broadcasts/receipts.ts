import type { HandlerRegistry } from "../inbox/handlers";
import type { BroadcastRepo } from "./broadcast-repo";

/**
 * Zalo's delivery and read receipts (mobile only) feed the broadcasts' delivery reports. The time is
 * when the bot received the receipt, not the event's own `timestamp`: Zalo's documented examples carry
 * 11-, 12- and 13-digit values, which would put a receipt in 1974.
 */
export function registerReceiptTracking(registry: HandlerRegistry, repo: BroadcastRepo): void {
  registry.on("user_received_message", (e, ctx) => repo.receipt(e.message.msg_id, "receivedAt", ctx.receivedAt));
  registry.on("user_seen_message", (e, ctx) => {
    for (const id of e.message.msg_ids) repo.receipt(id, "seenAt", ctx.receivedAt);
  });
}
