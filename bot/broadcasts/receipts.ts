import type { HandlerRegistry } from "../inbox/handlers";
import type { BroadcastRepo } from "./broadcast-repo";

/** Zalo's delivery and read receipts (mobile only) feed the broadcasts' delivery reports. */
export function registerReceiptTracking(registry: HandlerRegistry, repo: BroadcastRepo): void {
  registry.on("user_received_message", (e) => repo.receipt(e.message.msg_id, "receivedAt", Number(e.timestamp)));
  registry.on("user_seen_message", (e) => {
    for (const id of e.message.msg_ids) repo.receipt(id, "seenAt", Number(e.timestamp));
  });
}
