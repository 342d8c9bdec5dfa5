/** Broadcast throughput through the real outbox and sender against the simulator's rate limit. */
import { newConversation } from "../../bot/chat/conversation-repo";
import { startStack } from "../support/stack";

const LIMIT_PER_MINUTE = Number(process.env.BENCH_SIM_LIMIT ?? 6000);
const RECIPIENTS = Number(process.env.BENCH_BROADCAST_RECIPIENTS ?? 1500);

export async function broadcastBench(report: (name: string, value: number, unit: string) => void): Promise<void> {
  const s = await startStack({
    sim: { rateLimitPerMinute: LIMIT_PER_MINUTE, echoOaSends: false },
    env: { OUTBOX_RATE_PER_MINUTE: String(LIMIT_PER_MINUTE), OUTBOX_CONCURRENCY: "8", ADMIN_TOKEN: "bench" },
  });
  try {
    const now = s.services.config.clock.now();
    const users = Array.from({ length: RECIPIENTS }, (_, i) => `86${String(i).padStart(17, "0")}`);
    s.services.database.db.transaction(() => {
      for (const u of users) {
        s.services.users.touch(u, now - 60_000);
        s.services.chat.conversations.save({ ...newConversation(u, now), villageId: "thon-ha-tien" });
      }
    });
    for (const u of users) s.sim.sim.upsertUser(u, { follower: true, last_interaction_at: s.sim.sim.clock.now() - 60_000 });
    const b = s.services.broadcasts.service.create({ title: "bench", text: "Tin thử tốc độ gửi của xã.", audience: { kind: "residents" } }, "bench");
    const apiCallsBefore = s.sim.sim.stats().apiCalls;
    const started = performance.now();
    s.services.broadcasts.service.queue(b.id, "bench");
    while (s.services.outboxRepo.countByStatus().sent !== RECIPIENTS) {
      const c = s.services.outboxRepo.countByStatus();
      if ((c.failed ?? 0) + (c.outside_window ?? 0) > 0) throw new Error(`broadcast rows failed: ${JSON.stringify(c)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    const seconds = (performance.now() - started) / 1000;
    const perMinute = (RECIPIENTS / seconds) * 60;
    let duplicates = 0;
    for (const u of users) duplicates += Math.max(0, s.sim.sim.inbox(u).length - 1);
    report("broadcast_throughput", perMinute, "msg/min");
    report("broadcast_vs_zalo_rate_limit_ratio", perMinute / LIMIT_PER_MINUTE, "ratio");
    report("broadcast_duplicates", duplicates, "count");
    report("broadcast_rate_limited_calls", s.sim.sim.stats().rateLimited, "count");
    report("broadcast_api_calls_per_message", (s.sim.sim.stats().apiCalls - apiCallsBefore) / RECIPIENTS, "ratio");
  } finally {
    await s.close();
  }
}
