import cron from "node-cron";
import { afterEach, describe, expect, it } from "vitest";
import { ManualClock } from "../../bot/clock";
import { parseCommuneConfig } from "../../bot/config/commune";
import { RETENTION_CRON } from "../../bot/privacy";
import { BLANK_PAYLOAD } from "../../bot/privacy/privacy-repo";
import { demoCommune } from "../support/env";
import { Resident } from "../support/resident";
import { startStack, type Stack } from "../support/stack";

const DAY = 86_400_000;

/** Raw webhook bodies and chat texts are kept `privacy.retentionDays` (default 90), then purged. */
describe("retention of raw webhook bodies and chat texts", () => {
  let s: Stack | undefined;
  afterEach(async () => {
    await s?.close();
    s = undefined;
  });

  it("purges what is older than 90 days in small batches, keeps what is newer, and never throws out of its run", async () => {
    const clock = new ManualClock(Date.UTC(2026, 5, 1, 2, 0));
    s = await startStack({ clock });
    const st = s;
    const sqlite = st.services.database.sqlite;
    const count = (sql: string) => (sqlite.prepare(sql).get() as { n: number }).n;

    // Day 0: an old conversation (a question the bot does not know, a hand-off) through the real webhook.
    const old = new Resident(st, "8333333333333333301");
    await old.say("qwrt zxpl mnbv Hương 0987 654 321"); // not understood: kept for officers
    if ((await old.say("qwrt zxpl mnbv kkk 0987 654 321")).some((m) => /thôn\/làng nào|phụ trách thôn/.test(m.text))) await old.say("1"); // second miss: a hand-off with the question
    const oldIds = {
      inbox: (sqlite.prepare("SELECT max(id) AS n FROM inbox_events").get() as { n: number }).n,
      outbox: (sqlite.prepare("SELECT max(id) AS n FROM outbox").get() as { n: number }).n,
    };
    expect(count("SELECT count(*) AS n FROM unmatched_questions")).toBeGreaterThan(0);
    expect(count("SELECT count(*) AS n FROM handoffs WHERE question IS NOT NULL")).toBeGreaterThan(0);
    expect(count("SELECT count(*) AS n FROM outbox WHERE status = 'sent'")).toBeGreaterThan(0);

    // Day 89: a newer conversation.
    st.advance(89 * DAY);
    const recent = new Resident(st, "8333333333333333302");
    await recent.say("ploq wert yyy");
    if ((await recent.say("ploq wert yyy zzz")).some((m) => /thôn\/làng nào|phụ trách thôn/.test(m.text))) await recent.say("1");
    const recentCounts = {
      unmatched: count(`SELECT count(*) AS n FROM unmatched_questions WHERE user_id = '8333333333333333302'`),
      inbox: count(`SELECT count(*) AS n FROM inbox_events WHERE id > ${oldIds.inbox} AND raw != '{}'`),
      outbox: count(`SELECT count(*) AS n FROM outbox WHERE id > ${oldIds.outbox} AND payload != '${BLANK_PAYLOAD}'`),
    };
    expect(recentCounts.unmatched).toBeGreaterThan(0);

    // Day 89: nothing is old enough yet.
    expect(await st.services.privacy.service.purgeExpired()).toEqual({});

    // Day 91: the first conversation is past 90 days. Batches of 2 rows, yielding between batches.
    st.advance(2 * DAY);
    let yields = 0;
    const purged = await st.services.privacy.service.purgeExpired({
      batchSize: 2,
      yieldEvery: async () => {
        yields++;
        await new Promise((r) => setImmediate(r));
      },
    });
    expect(purged.inbox_events).toBeGreaterThan(2);
    expect(purged.unmatched_questions).toBeGreaterThan(0);
    expect(purged.handoffs).toBe(1);
    expect(purged.outbox).toBeGreaterThan(0);
    expect(yields).toBeGreaterThan(2);

    // Old: bodies emptied, questions gone, hand-off question cleared, sent texts blanked.
    expect(count(`SELECT count(*) AS n FROM inbox_events WHERE id <= ${oldIds.inbox} AND raw != '{}'`)).toBe(0);
    expect(count(`SELECT count(*) AS n FROM unmatched_questions WHERE user_id = '8333333333333333301'`)).toBe(0);
    expect(count(`SELECT count(*) AS n FROM handoffs WHERE user_id = '8333333333333333301' AND question IS NOT NULL`)).toBe(0);
    expect(count(`SELECT count(*) AS n FROM outbox WHERE id <= ${oldIds.outbox} AND status = 'sent' AND payload != '${BLANK_PAYLOAD}'`)).toBe(0);
    const dump = JSON.stringify(sqlite.prepare("SELECT raw FROM inbox_events").all()) + JSON.stringify(sqlite.prepare("SELECT payload FROM outbox").all());
    expect(dump).not.toContain("0987 654 321");
    // Recent: untouched.
    expect(count(`SELECT count(*) AS n FROM unmatched_questions WHERE user_id = '8333333333333333302'`)).toBe(recentCounts.unmatched);
    expect(count(`SELECT count(*) AS n FROM inbox_events WHERE id > ${oldIds.inbox} AND raw != '{}'`)).toBe(recentCounts.inbox);
    expect(count(`SELECT count(*) AS n FROM outbox WHERE id > ${oldIds.outbox} AND payload != '${BLANK_PAYLOAD}'`)).toBe(recentCounts.outbox);
    expect(count(`SELECT count(*) AS n FROM handoffs WHERE user_id = '8333333333333333302' AND question IS NOT NULL`)).toBe(1);
    // A second run has nothing left to do.
    expect(await st.services.privacy.service.purgeExpired()).toEqual({});

    // The scheduled run catches and logs a failure instead of throwing out of the cron tick.
    sqlite.exec("ALTER TABLE unmatched_questions RENAME TO unmatched_questions_moved");
    try {
      st.advance(90 * DAY);
      await expect(st.services.privacy.runRetention()).resolves.toBeUndefined();
    } finally {
      sqlite.exec("ALTER TABLE unmatched_questions_moved RENAME TO unmatched_questions");
    }
    // And after that, it runs normally again (the recent conversation is now past 90 days too).
    expect(await st.services.privacy.runRetention()).toMatchObject({ unmatched_questions: recentCounts.unmatched });
  }, 60_000);

  it("the retention period comes from the commune file (privacy.retentionDays, default 90) and the job runs daily", () => {
    const raw = JSON.parse(JSON.stringify(demoCommune()));
    delete raw.privacy;
    expect(parseCommuneConfig(raw).privacy.retentionDays).toBe(90);
    expect(parseCommuneConfig({ ...raw, privacy: { retentionDays: 30 } }).privacy.retentionDays).toBe(30);
    expect(() => parseCommuneConfig({ ...raw, privacy: { retentionDays: 0 } })).toThrow(/privacy\.retentionDays/);
    expect(cron.validate(RETENTION_CRON)).toBe(true);
  });
});
