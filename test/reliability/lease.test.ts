import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../../bot/db/connection";
import { LeaseHeldError, ProcessLease } from "../../bot/db/process-lease";
import { tempDir, testLogger } from "../support/env";

describe("one bot per database", () => {
  it("a live lease held on another machine refuses the start with who holds it; an expired one is taken; a lost lease stops the work", () => {
    const tmp = tempDir();
    const path = join(tmp.dir, "lease.sqlite");
    const handle = openDatabase(path);
    const now = Date.now();
    handle.sqlite
      .prepare("INSERT INTO process_lease (id, owner, pid, host, acquired_at, expires_at) VALUES (1, 'other', 4242, 'may-chu-xa', ?, ?)")
      .run(now - 60_000, now + 20_000);
    let lost = 0;
    const lease = new ProcessLease(handle.sqlite, { dbPath: path, ttlMs: 30_000, logger: testLogger(), onLost: () => lost++ });
    expect(() => lease.acquire()).toThrow(LeaseHeldError);
    expect(() => lease.acquire()).toThrow(/process 4242 on may-chu-xa/);
    // The other bot died 30 s ago: its lease ran out.
    handle.sqlite.prepare("UPDATE process_lease SET expires_at = ? WHERE id = 1").run(now - 1);
    lease.acquire();
    expect(handle.sqlite.prepare("SELECT pid FROM process_lease").get()).toEqual({ pid: process.pid });
    lease.renew();
    expect(lost).toBe(0);
    // Ours lapsed (the machine slept) and another bot took it: this one stops its background work.
    handle.sqlite.prepare("UPDATE process_lease SET owner = 'other' WHERE id = 1").run();
    lease.renew();
    expect(lost).toBe(1);
    lease.release();
    expect(handle.sqlite.prepare("SELECT owner FROM process_lease").get()).toEqual({ owner: "other" });
    handle.close();
    tmp.cleanup();
  });
});
