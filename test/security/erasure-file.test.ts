/**
 * Issue 9, item 4 as the disk sees it: after an erasure, the person's words must not remain in the
 * database file or its write-ahead log either (freed pages and old log frames kept the typed phone
 * number as raw bytes: 4 copies in the file, 86 in the -wal, found by reading them).
 */
import { existsSync, readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { startStack, type Stack } from "../support/stack";

const PHONE = "0978 771 552";
const NAME = "Lò Thị Quỳnh Nhung";

function copiesOnDisk(path: string, needle: string): number {
  let n = 0;
  for (const file of [path, `${path}-wal`]) {
    if (!existsSync(file)) continue;
    const bytes = readFileSync(file);
    const pattern = Buffer.from(needle, "utf8");
    for (let at = bytes.indexOf(pattern); at !== -1; at = bytes.indexOf(pattern, at + 1)) n++;
  }
  return n;
}

describe("an erasure leaves nothing readable on disk", () => {
  let s: Stack | undefined;
  afterEach(async () => {
    await s?.close();
    s = undefined;
  });

  it("the typed phone and name are gone from the database file and its log", async () => {
    s = await startStack();
    const dbPath = s.services.config.env.DATABASE_PATH;
    const user = "8555555555555555501";
    const questions = s.services.chat.questions;
    // Several rows, and an unrelated resident's rows written after them on the same pages.
    for (let i = 0; i < 20; i++) questions.addUnmatched(user, `em là ${NAME}, số ${PHONE} lần ${i}`, Date.now());
    for (let i = 0; i < 20; i++) questions.addUnmatched("8555555555555555502", `hỏi về tiền điện lần ${i}`, Date.now());
    expect(copiesOnDisk(dbPath, PHONE)).toBeGreaterThan(0);

    s.services.privacy.service.erase({ oaUserId: user }, { kind: "zalo_withdraw" });

    const rows = s.services.database.sqlite.prepare("SELECT count(*) AS n FROM unmatched_questions WHERE text LIKE ?").get(`%${PHONE}%`) as { n: number };
    expect(rows.n).toBe(0);
    expect(copiesOnDisk(dbPath, PHONE)).toBe(0);
    expect(copiesOnDisk(dbPath, NAME)).toBe(0);
    // The other resident's rows are untouched.
    expect(copiesOnDisk(dbPath, "hỏi về tiền điện lần 19")).toBeGreaterThan(0);
  }, 60_000);
});
