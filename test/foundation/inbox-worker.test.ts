import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { systemClock } from "../../bot/clock";
import { HandlerRegistry } from "../../bot/inbox/handlers";
import { InboxWorker } from "../../bot/inbox/worker";
import { createTestApp, type TestApp } from "../support/app";
import { testLogger } from "../support/env";
import { signedRequest, textEvent } from "../support/zalo-events";

describe("inbox worker", () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp({ env: { INBOX_CONCURRENCY: "4", INBOX_MAX_ATTEMPTS: "3" } });
  });
  afterEach(async () => t.close());

  it("handles each resident's events in arrival order while residents run in parallel", async () => {
    const seen: Record<string, string[]> = {};
    let concurrent = 0;
    let maxConcurrent = 0;
    t.services.registry.on("user_send_text", async (e) => {
      concurrent++;
      maxConcurrent = Math.max(maxConcurrent, concurrent);
      await new Promise((r) => setTimeout(r, Math.random() * 8));
      (seen[e.sender.id] ??= []).push(e.message.text!);
      concurrent--;
    });
    const users = ["8000000000000000011", "8000000000000000012", "8000000000000000013", "8000000000000000014"];
    for (let i = 0; i < 10; i++) {
      for (const u of users) await t.app.inject(signedRequest(textEvent(u, `tin ${i}`)));
    }
    t.services.worker.start();
    await t.services.worker.drain();
    for (const u of users) expect(seen[u]).toEqual(Array.from({ length: 10 }, (_, i) => `tin ${i}`));
    expect(maxConcurrent).toBeGreaterThan(1);
    expect(maxConcurrent).toBeLessThanOrEqual(4);
  });

  it("an event whose handling never finished (the process died) is handled by the next run", async () => {
    await t.app.inject(signedRequest(textEvent("8000000000000000021", "một")));
    await t.app.inject(signedRequest(textEvent("8000000000000000021", "hai")));
    // First run: the handler never returns, as if the process died in the middle of it.
    const stuck = new HandlerRegistry().on("user_send_text", () => new Promise<void>(() => {}));
    const dead = new InboxWorker({ repo: t.services.inboxRepo, commits: t.services.database.commits, registry: stuck, logger: testLogger(), clock: systemClock, concurrency: 4, maxAttempts: 3 });
    dead.start();
    await new Promise((r) => setTimeout(r, 50));
    expect(t.services.inboxRepo.countByStatus()).toEqual({ pending: 2 });
    void dead.stop(); // the "dead" process polls no more (its stuck handler never settles)
    // Next run, same database.
    const texts: string[] = [];
    t.services.registry.on("user_send_text", (e) => {
      texts.push(e.message.text!);
    });
    t.services.worker.start();
    await t.services.worker.drain();
    expect(texts).toEqual(["một", "hai"]);
    expect(t.services.inboxRepo.countByStatus()).toEqual({ done: 2 });
  });

  it("retries a failing handler, then marks the event failed and moves on to the next", async () => {
    let calls = 0;
    const texts: string[] = [];
    t.services.registry.on("user_send_text", (e) => {
      if (e.message.text === "hỏng") {
        calls++;
        throw new Error("handler bug");
      }
      texts.push(e.message.text!);
    });
    await t.app.inject(signedRequest(textEvent("8000000000000000031", "hỏng")));
    await t.app.inject(signedRequest(textEvent("8000000000000000031", "sau đó")));
    t.services.worker.start();
    await t.services.worker.drain();
    expect(calls).toBe(3);
    expect(texts).toEqual(["sau đó"]);
    expect(t.services.inboxRepo.countByStatus()).toEqual({ done: 1, failed: 1 });
  });

  it("records the resident's last interaction and forgets them on user_withdraw", async () => {
    t.services.worker.start();
    // The interaction time is when the bot received the event (its own clock), not the event's timestamp.
    const ts = String(Date.now() - 60_000);
    const before = Date.now();
    await t.app.inject(signedRequest(textEvent("8000000000000000041", "xin chào", "w-1", ts)));
    await t.services.worker.drain();
    expect(t.services.users.get("8000000000000000041")).toMatchObject({ userIdByApp: "app-8000000000000000041" });
    expect(t.services.users.get("8000000000000000041")?.lastInteractionAt).toBeGreaterThanOrEqual(before);
    await t.app.inject(
      signedRequest({ app_id: "4400000000000000001", timestamp: String(Date.now()), event_name: "user_withdraw", oa_id: "5500000000000000001", user_id: "8000000000000000041", user_id_by_app: "app-8000000000000000041" }),
    );
    await t.services.worker.drain();
    expect(t.services.users.get("8000000000000000041")).toBeUndefined();
    // The row stays (dedupe key) with the body emptied and the id replaced (bot/privacy erasure).
    const row = t.services.database.sqlite.prepare("SELECT raw, subject_id FROM inbox_events WHERE event_name = 'user_send_text'").get() as { raw: string; subject_id: string };
    expect(row.raw).toBe("{}");
    expect(row.subject_id).toMatch(/^erased:/);
  });
});
