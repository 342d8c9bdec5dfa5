/**
 * Races around the live criteria adoption (issue 15, brief F), through the real app over a real SQLite
 * file and the real recount worker thread: two admins adopting at once, the admin's "fix" during a
 * recount, a household answering meanwhile, the weekly freeze at its cut-off, an import of the commune
 * file, Zalo's user_withdraw and the privacy download, the bot stopping mid-recount; then what a
 * resident and the reports see of a removed or renamed criterion. After each: 0 differences.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { CatalogueView, HouseholdView } from "../../shared/contracts";
import type { CriteriaAdminView, CriteriaAdoptResponse } from "../../shared/contracts/criteria";
import { isDatabaseFault } from "../../bot/db/faults";
import { cutoffAt, lastClosedWeek } from "../../bot/reports/iso-week";
import { recomputeAggregates } from "../../bot/reports/recompute";
import { join } from "node:path";
import Database from "better-sqlite3";
import { generate } from "../bench/households";
import { createGdsApp, DEMO, key, type GdsTestApp } from "../households/support";
import { tempDir } from "../support/env";

let t: GdsTestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const LEFT = "ung-dung-nong-nghiep";
const RENAMED = "vneid-muc-2";
const NEW_NAME = "Người lớn trong hộ có tài khoản định danh điện tử mức 2 đã kích hoạt";
const ADDED = "binh-dan-hoc-vu-so";
const CHOICE = { exclude: [LEFT], include: [ADDED], relabel: { [RENAMED]: { label: NEW_NAME } }, extra: [] };

async function app(dbPath?: string, clock?: GdsTestApp["clock"]): Promise<GdsTestApp> {
  t = await createGdsApp({ env: { DB_SYNCHRONOUS: "NORMAL", RATE_LIMIT_PER_MINUTE: "1000000" }, ...(dbPath ? { dbPath } : {}), ...(clock ? { clock } : {}) });
  return t;
}

async function household(g: GdsTestApp, user: string, villageId: string, label: string): Promise<HouseholdView> {
  const r = await g.call<HouseholdView>(user, "POST", "/api/households", { villageId, label, flags: {} });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  const cat = (await g.call<CatalogueView>(user, "GET", "/api/catalogue")).body;
  const changes = cat.criteria.filter((c) => !c.relevance.flags).map((c, i) => ({ criterionId: c.id, value: i % 3 === 2 ? "chua_dat" : "dat", idempotencyKey: key() }));
  expect((await g.call(user, "POST", `/api/households/${r.body.id}/answers`, { changes })).status).toBe(200);
  return r.body;
}

async function seed(g: GdsTestApp): Promise<HouseholdView[]> {
  const v = g.services.config.commune.villages.map((x) => x.id);
  return [await household(g, "7401", v[0]!, "Hộ ông Nguyễn Văn Một"), await household(g, "7402", v[0]!, "Hộ bà Trần Thị Hai"), await household(g, "7403", v[1]!, "Hộ ông Lê Văn Ba")];
}

async function view(g: GdsTestApp): Promise<CriteriaAdminView> {
  const v = await g.call<CriteriaAdminView>(DEMO.admin, "GET", "/api/admin/criteria");
  expect(v.status).toBe(200);
  return v.body;
}

async function adopt(g: GdsTestApp, choice: object = CHOICE, baseVersion?: number) {
  const r = await g.call<CriteriaAdoptResponse>(DEMO.admin, "POST", "/api/admin/criteria", { baseVersion: baseVersion ?? (await view(g)).version, choice });
  expect(r.status, JSON.stringify(r.body)).toBe(202);
  expect(g.services.gds.liveCatalogue.running()).toBe(true);
  return r.body;
}

async function numbersRight(g: GdsTestApp): Promise<void> {
  const c = await g.call(DEMO.admin, "POST", "/api/admin/aggregates/check", { fix: false });
  expect(c.status, JSON.stringify(c.body)).toBe(200);
  expect(c.body.differences, JSON.stringify(c.body.samples)).toBe(0);
  expect(g.services.segments.repo.check(false)).toEqual([]);
}

describe("races with the criteria recount", () => {
  it("two admins adopting at once: one is taken, the other is told to reload; the counts follow the one taken", async () => {
    const g = await app();
    await seed(g);
    const v = await view(g);
    const other = { exclude: [], include: ["phong-chong-lua-dao"], relabel: {}, extra: [] };
    const [a, b] = await Promise.all([
      g.call(DEMO.admin, "POST", "/api/admin/criteria", { baseVersion: v.version, choice: CHOICE }),
      g.call(DEMO.admin, "POST", "/api/admin/criteria", { baseVersion: v.version, choice: other }),
    ]);
    expect([a.status, b.status].sort()).toEqual([202, 409]);
    const won = a.status === 202 ? a.body : b.body;
    await g.services.criteria.service.settled();
    expect(g.services.gds.catalogue.key).toBe(won.key);
    expect((await view(g)).active.key).toBe(won.key);
    await numbersRight(g);
  });

  /** 20,000 households: the recount takes a few seconds, long enough to act while it runs. */
  async function big(during: (g: GdsTestApp, h: HouseholdView) => Promise<void>): Promise<void> {
    const tmp = tempDir();
    try {
      const dbPath = join(tmp.dir, "big.sqlite");
      generate(dbPath, 20_000);
      const g = await app(dbPath);
      const h = await household(g, "7451", "thon-dong-xuan", "Hộ ông Mai Văn Bảy");
      await adopt(g);
      await during(g, h);
      await g.services.criteria.service.settled();
      expect(g.services.gds.liveCatalogue.state().state).toBe("idle");
      await numbersRight(g);
    } finally {
      await t?.close();
      t = undefined;
      tmp.cleanup();
    }
  }

  it("the admin's 'fix' during a recount (20,000 households) does not break the counts", async () => {
    await big(async (g) => {
      const fix = await g.call(DEMO.admin, "POST", "/api/admin/aggregates/check", { fix: true });
      expect([200, 503], JSON.stringify(fix.body).slice(0, 300)).toContain(fix.status);
      expect(g.services.gds.liveCatalogue.running()).toBe(true);
    });
  }, 120_000);

  it("segments declared and confirmed during a recount (20,000 households) are counted right", async () => {
    await big(async (g, h) => {
      const d = await g.call("7451", "PUT", `/api/households/${h.id}/segments`, { declared: ["dang-vien", "hoi-phu-nu"] });
      const c = await g.call(DEMO.headDongXuan, "POST", `/api/households/${h.id}/segments/decisions`, { segmentId: "dang-vien", decision: "confirmed" });
      const r = await g.call(DEMO.headDongXuan, "POST", `/api/households/${h.id}/segments/decisions`, { segmentId: "hoi-phu-nu", decision: "rejected" });
      expect(g.services.gds.liveCatalogue.running()).toBe(true);
      for (const x of [d, c, r]) expect([200, 503], JSON.stringify(x.body)).toContain(x.status);
    });
  }, 120_000);

  it("the admin's check during a recount (20,000 households) says 'wait', not thousands of differences to fix", async () => {
    // WRONG TODAY: POST /api/admin/aggregates/check is not behind the recount's gate
    // (bot/households/routes.ts calls reports.checkAggregates directly; the freeze route beside it
    // calls s.liveCatalogue.assertCountsWritable() first). During a recount the check resolves the
    // catalogue from the commune document, which already names the new set, while the kept counts are
    // still (partly) the old set's: it answers e.g. 18,574 "differences" (criterion rules 23 vs 22,
    // every household's applicable count), and invites the admin to press "fix". The fix itself ends
    // consistent (test above), but the figures are a false alarm. Small fix, outside this brief's files:
    // `s.liveCatalogue.assertCountsWritable();` at the top of that route (503 "đang được tính lại").
    await big(async (g) => {
      const check = await g.call(DEMO.admin, "POST", "/api/admin/aggregates/check", { fix: false });
      expect(g.services.gds.liveCatalogue.running()).toBe(true);
      expect(check.status === 503 || check.body.differences === 0, JSON.stringify(check.body).slice(0, 300)).toBe(true);
    });
  }, 120_000);

  it("a household answering during the recount waits (503, nothing written), then its queued answer counts", async () => {
    const g = await app();
    const [h1] = await seed(g);
    await adopt(g);
    const change = { criterionId: ADDED, value: "dat", idempotencyKey: key() };
    const during = await g.call("7401", "POST", `/api/households/${h1!.id}/answers`, { changes: [change] });
    expect(during.status).toBe(503);
    expect(during.body.error.message).toContain("thử lại");
    await g.services.criteria.service.settled();
    const again = await g.call("7401", "POST", `/api/households/${h1!.id}/answers`, { changes: [change] });
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    expect(again.body.results[0].outcome).toBe("changed");
    await numbersRight(g);
  });

  it("the weekly freeze at its cut-off during a recount waits, then freezes the week once with the new set", async () => {
    const g = await app();
    await seed(g);
    const sched = g.services.gds.snapshotScheduler;
    const cutoff = g.services.gds.snapshots.cutoff;
    // Handle everything up to now (freezes last week under the old set).
    sched.tickAt(g.clock.now());
    const oldKey = g.services.gds.catalogue.key;
    // Next cut-off: a week later.
    g.clock.advance(7 * 24 * 3600_000);
    const at = cutoffAt(lastClosedWeek(g.clock.now(), cutoff), cutoff);
    const next = await adopt(g);
    sched.tickAt(at + 1_000); // the cut-off minute, during the recount: refused for now
    const trendDuring = (await g.call(DEMO.officer, "GET", "/api/reports/trend?weeks=4")).body as { weeks: { week: string; catalogueKey: string }[] };
    await g.services.criteria.service.settled();
    sched.tickAt(at + 61_000); // the next minute
    const trend = (await g.call(DEMO.officer, "GET", "/api/reports/trend?weeks=4")).body as { weeks: { week: string; catalogueKey: string }[] };
    expect(trend.weeks.length).toBe(trendDuring.weeks.length + 1);
    expect(trend.weeks[0]!.catalogueKey).toBe(next.key);
    expect(trend.weeks[1]!.catalogueKey).toBe(oldKey);
    await numbersRight(g);
  });

  it("an import of the commune file during a recount (other criteria, a new village) is followed once the recount ends", async () => {
    const g = await app();
    await seed(g);
    await adopt(g);
    const exported = JSON.parse((await g.app.inject({ method: "GET", url: "/api/admin/commune/export", headers: g.as(DEMO.admin) })).body);
    const doc = {
      ...exported,
      criteria: { ...exported.criteria, exclude: [], include: ["phong-chong-lua-dao"], relabel: undefined, extra: [] },
      villages: [...exported.villages, { id: "thon-moi", name: "Thôn Mới", kind: "thôn", households: 40, head: { name: "Phạm Văn Mười", phone: "0912 000 199" } }],
    };
    const imp = await g.call(DEMO.admin, "POST", "/api/admin/commune/import", { doc, apply: true, baseVersion: (await view(g)).version });
    expect(imp.status, JSON.stringify(imp.body)).toBe(200);
    // Let the first recount end, then the second one (for the imported set).
    await g.services.criteria.service.settled();
    await new Promise((r) => setImmediate(r));
    await g.services.criteria.service.settled();
    const after = await view(g);
    expect(after.choice.include).toEqual(["phong-chong-lua-dao"]);
    expect(after.active.criteria.map((c) => c.id)).toContain(LEFT);
    expect(after.active.criteria.map((c) => c.id)).not.toContain(ADDED);
    // A household in the new village counts.
    await household(g, "7409", "thon-moi", "Hộ ông Vũ Văn Chín");
    await numbersRight(g);
  });

  it("Zalo's user_withdraw during a recount is refused as 'try again later' (the inbox retries it), then erases; the download still works", async () => {
    const g = await app();
    const [h1] = await seed(g);
    await adopt(g);
    const download = await g.app.inject({ method: "GET", url: "/api/me/data", headers: g.as("7401") });
    expect(download.statusCode, download.body.slice(0, 200)).toBe(200);
    const event = { app_id: "app", timestamp: String(g.clock.now()), event_name: "user_withdraw", oa_id: "oa", user_id: "", user_id_by_app: "7401" };
    const handlers = g.services.registry.handlersFor("user_withdraw");
    expect(handlers.length).toBeGreaterThan(0);
    let refused: unknown;
    try {
      for (const h of handlers) await h(event as never, { inboxId: 1, eventKey: "w-1", receivedAt: g.clock.now() });
    } catch (err) {
      refused = err;
    }
    expect(refused, "the erasure must not happen half-way during a recount").toBeDefined();
    expect(isDatabaseFault(refused), "the inbox worker must retry it, not count it as a failed attempt").toBe(true);
    expect((await g.call("7401", "GET", `/api/households/${h1!.id}`)).status).toBe(200);
    await g.services.criteria.service.settled();
    for (const h of handlers) await h(event as never, { inboxId: 1, eventKey: "w-1", receivedAt: g.clock.now() });
    expect(g.services.gds.householdsRepo.get(h1!.id)).toBeUndefined();
    await numbersRight(g);
  });

  it("an import that only adds a village during a recount: the counts end right for the file's villages", async () => {
    const g = await app();
    await seed(g);
    await adopt(g);
    const exported = JSON.parse((await g.app.inject({ method: "GET", url: "/api/admin/commune/export", headers: g.as(DEMO.admin) })).body);
    const doc = { ...exported, villages: [...exported.villages, { id: "thon-moi", name: "Thôn Mới", kind: "thôn", households: 40, head: { name: "Phạm Văn Mười", phone: "0912 000 199" } }] };
    const imp = await g.call(DEMO.admin, "POST", "/api/admin/commune/import", { doc, apply: true, baseVersion: (await view(g)).version });
    expect(imp.status, JSON.stringify(imp.body).slice(0, 300)).toBe(200);
    expect(g.services.gds.liveCatalogue.running()).toBe(true);
    await g.services.criteria.service.settled();
    await new Promise((r) => setImmediate(r));
    await g.services.criteria.service.settled();
    await household(g, "7408", "thon-moi", "Hộ bà Đinh Thị Tám");
    await numbersRight(g);
    const dash = await g.call(DEMO.officer, "GET", "/api/commune/dashboard");
    expect(dash.status).toBe(200);
    expect(JSON.stringify(dash.body)).toContain("Thôn Mới");
  });

  it("a resident's own erasure refused during a recount can be confirmed again with the same confirmation", async () => {
    // WRONG TODAY: POST /api/me/data/erase (bot/privacy/routes.ts) spends the single-use confirmation
    // (confirmations.consume) before privacy.erase refuses with the recount's 503 "thử lại sau ít
    // phút". Trying again as told, the resident gets a refusal of the confirmation itself and must start
    // the erasure over (read the explanation, confirm again), with nothing erased meanwhile. Fix (outside
    // this brief's files): check the gate (or erase) before spending the token, or give the token back
    // when the erasure is refused as "try again later" (isDatabaseFault).
    const g = await app();
    await seed(g);
    const pre = await g.call("7402", "POST", "/api/me/data/erasure-request", {});
    expect(pre.status, JSON.stringify(pre.body)).toBe(200);
    await adopt(g);
    const during = await g.call("7402", "POST", "/api/me/data/erase", { confirmationToken: pre.body.confirmationToken });
    expect(during.status).toBe(503);
    await g.services.criteria.service.settled();
    const again = await g.call("7402", "POST", "/api/me/data/erase", { confirmationToken: pre.body.confirmationToken });
    expect(again.status, JSON.stringify(again.body)).toBe(200);
  });

  it("the bot stopping during a recount ends cleanly, and the next start serves the adopted set with right numbers", async () => {
    const g = await app();
    await seed(g);
    const next = await adopt(g);
    const { dbPath, clock } = g;
    await g.app.close();
    await g.services.stop();
    t = undefined;
    const g2 = await app(dbPath, clock);
    await g2.services.criteria.service.settled();
    expect(g2.services.gds.catalogue.key).toBe(next.key);
    await numbersRight(g2);
  });
});

describe("a removed or renamed criterion, as residents and reports see it", () => {
  it("a queued answer for a removed criterion is refused in plain words; the others in its batch still count", async () => {
    const g = await app();
    const [h1] = await seed(g);
    await adopt(g);
    await g.services.criteria.service.settled();
    const batch = [
      { criterionId: LEFT, value: "dat", idempotencyKey: key() },
      { criterionId: ADDED, value: "dat", idempotencyKey: key() },
    ];
    const r = await g.call("7401", "POST", `/api/households/${h1!.id}/answers`, { changes: batch });
    expect(r.status).toBe(422);
    expect(r.body.error.details.index).toBe(0);
    // The mini app's queue then sends them one by one (miniapp/src/state/sync.ts): the other one counts.
    expect((await g.call("7401", "POST", `/api/households/${h1!.id}/answers`, { changes: [batch[1]] })).status).toBe(200);
    await numbersRight(g);
  });

  it("the refusal of a removed criterion's queued answer names it as the resident knew it, not by its code", async () => {
    // WRONG TODAY: bot/households/households-service.ts applyAnswers answers `Không có tiêu chí
    // “ung-dung-nong-nghiep” trong bộ tiêu chí của xã.`: the mini app shows this line to the resident
    // (sync.ts `refused`), an elderly person who never saw the code. It should name the criterion by
    // the label the household answered (the removed set's label is in the snapshots/history) and say
    // the commune no longer uses it, e.g. `Xã không còn dùng tiêu chí “Ứng dụng nông nghiệp…” nên câu
    // trả lời này không cần gửi nữa.` Not in the files this brief may change.
    const g = await app();
    const [h1] = await seed(g);
    const label = (await g.call<CatalogueView>("7401", "GET", "/api/catalogue")).body.criteria.find((c) => c.id === LEFT)!.label;
    await adopt(g);
    await g.services.criteria.service.settled();
    const r = await g.call("7401", "POST", `/api/households/${h1!.id}/answers`, { changes: [{ criterionId: LEFT, value: "dat", idempotencyKey: key() }] });
    expect(r.status).toBe(422);
    expect(r.body.error.message).not.toContain(LEFT);
    expect(r.body.error.message).toContain(label);
  });

  it("the nudges' gaps and the household's view follow a removal and a rename; a week frozen under the old set keeps it", async () => {
    const g = await app();
    const [h1] = await seed(g);
    const oldCat = (await g.call<CatalogueView>("7401", "GET", "/api/catalogue")).body;
    const oldLabel = oldCat.criteria.find((c) => c.id === LEFT)!.label;
    const frozen = await g.call(DEMO.admin, "POST", "/api/admin/snapshots/freeze");
    expect(frozen.body.frozen).toBe(true);
    const week = frozen.body.week as string;
    await adopt(g);
    await g.services.criteria.service.settled();

    const villages = g.services.config.commune.villages.map((v) => v.id);
    expect(g.services.gds.reports.householdGaps(villages, LEFT)).toEqual([]);
    const gaps = g.services.gds.reports.householdGaps(villages, undefined);
    expect(JSON.stringify(gaps)).not.toContain(LEFT);
    const hv = (await g.call("7401", "GET", `/api/households/${h1!.id}`)).body as { criteria: { id: string; label: string }[] };
    expect(hv.criteria.some((c) => c.id === LEFT)).toBe(false);
    expect(hv.criteria.find((c) => c.id === RENAMED)!.label).toBe(NEW_NAME);

    // The past week: its report and its workbook still show the criterion it was frozen with.
    const rep = await g.call(DEMO.officer, "GET", `/api/reports/weeks/${week}`);
    expect(rep.status, JSON.stringify(rep.body).slice(0, 300)).toBe(200);
    expect(JSON.stringify(rep.body)).toContain(oldLabel);
    const csv = await g.app.inject({ method: "GET", url: `/api/exports/${week}.csv?table=criteria`, headers: g.as(DEMO.officer) });
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain(oldLabel);
    const xlsx = await g.app.inject({ method: "GET", url: `/api/exports/${week}.xlsx`, headers: g.as(DEMO.officer) });
    expect(xlsx.statusCode).toBe(200);
    await numbersRight(g);
  });
});

describe("the commune file's criteria, imported", () => {
  async function importCriteria(g: GdsTestApp, criteria: object) {
    const exported = JSON.parse((await g.app.inject({ method: "GET", url: "/api/admin/commune/export", headers: g.as(DEMO.admin) })).body);
    return g.call(DEMO.admin, "POST", "/api/admin/commune/import", { doc: { ...exported, criteria: { ...exported.criteria, ...criteria } }, apply: true, baseVersion: (await view(g)).version });
  }

  const UNRESOLVED = [
    { relabel: { "khong-co-tieu-chi-nay": { label: "Tên mới cho tiêu chí không có" } } },
    { exclude: ["khong-co-tieu-chi-nay"] },
    { include: ["khong-co-tieu-chi-nay"] },
    { extra: [{ id: "rieng-1", pillar: "xa-hoi-so", label: "Biết dùng {{khong.co}} của xã", help: "Đạt khi biết dùng ứng dụng của xã." }] },
    { extra: [{ id: RENAMED, pillar: "xa-hoi-so", label: "Trùng mã với tiêu chí có sẵn", help: "Đạt khi biết dùng ứng dụng của xã." }] },
  ];

  it("a file with prototype keys in its criteria is refused and pollutes nothing", async () => {
    const g = await app();
    const exported = JSON.parse((await g.app.inject({ method: "GET", url: "/api/admin/commune/export", headers: g.as(DEMO.admin) })).body);
    const base = (await view(g)).version;
    const text = JSON.stringify({ doc: { ...exported, criteria: { ...exported.criteria, relabel: { PLACEHOLDER: { label: "Tên mới bị chèn vào mọi đối tượng" } } } }, apply: true, baseVersion: base });
    for (const k of ["__proto__", "constructor", "prototype"]) {
      const r = await g.app.inject({ method: "POST", url: "/api/admin/commune/import", headers: { ...g.as(DEMO.admin), "content-type": "application/json" }, payload: text.replace("PLACEHOLDER", k) });
      // "constructor" and "prototype" are valid criterion codes: refused only once the file's criteria are resolved (see below).
      if (k === "__proto__") expect([400, 422], r.body.slice(0, 300)).toContain(r.statusCode);
      expect(({} as Record<string, unknown>).label).toBeUndefined();
    }
  });

  it("a file whose criteria do not resolve is refused in plain words (as the console refuses the same choice)", async () => {
    // WRONG TODAY: POST /api/admin/commune/import (bot/commune/store.ts import → validateDoc →
    // parseCommuneConfig) checks `criteria` only against CatalogueChoiceSchema's shape, never resolves
    // it: a relabel or exclude of an id the catalogue does not have, an unknown {{placeholder}}, an own
    // criterion reusing a catalogue id are all applied (200, new version). The criteria service then
    // logs "do not resolve" and keeps the old set, so the console shows a choice that is not in use,
    // and the next restart fails (test below). Fix (outside this brief's files): validateDoc also runs
    // communeCatalogue(doc) and turns CatalogueError's problems into its Vietnamese 422.
    const g = await app();
    await seed(g);
    const before = await view(g);
    for (const criteria of UNRESOLVED) {
      const r = await importCriteria(g, criteria);
      expect([400, 422], `${JSON.stringify(criteria)} → ${JSON.stringify(r.body).slice(0, 300)}`).toContain(r.status);
    }
    expect((await view(g)).version).toBe(before.version);
  });

  it("after such an import the bot still starts (it failed: CatalogueError at start)", async () => {
    // WRONG TODAY: after the import above is saved, a restart resolves the stored document's criteria
    // at start and throws CatalogueError ("Invalid criteria catalogue: criteria.relabel.khong-co-…"):
    // the bot does not start until someone edits the database by hand. One mistaken file from the
    // admin is an outage at the next deploy or crash. Fixed by refusing the import (test above); a start
    // could also keep the last set that resolves (households_meta names the set the counts are built for).
    const g = await app();
    await seed(g);
    const before = await view(g);
    await importCriteria(g, UNRESOLVED[0]!);
    const { dbPath, clock } = g;
    await g.app.close();
    await g.services.stop();
    t = undefined;
    const g2 = await app(dbPath, clock);
    expect(g2.services.gds.catalogue.key).toBe(before.active.key);
    await numbersRight(g2);
  });

  it("invisible characters (bidi overrides, zero-width) in an imported file's criteria never reach a resident", async () => {
    // WRONG TODAY: the console's contract strips them (shared/contracts/criteria.ts `visible`, commit
    // 3196e52), but an imported commune file's `criteria.extra` and `criteria.relabel` go through
    // shared/criteria/schema.ts CatalogueChoiceSchema, which keeps them: a right-to-left override in a
    // label reaches every resident's checklist, the chat and the workbook (seen: "Tài khoản \u202eđịnh
    // danh\u202c mức 2"). Fix (outside this brief's files): the same stripInvisible transform on
    // CriterionSchema's label/help/declineHint and relabel's label/help, or in validateDoc.
    const g = await app();
    await seed(g);
    const r = await importCriteria(g, {
      extra: [{ id: "rieng-1", pillar: "xa-hoi-so", label: "Có người \u202egia đình\u202c học kỹ\u200b năng số", help: "Đạt khi có người\u2066 trong hộ đã học." }],
      relabel: { [RENAMED]: { label: "Tài khoản \u202eđịnh danh\u202c mức 2" } },
    });
    expect([200, 400, 422], JSON.stringify(r.body).slice(0, 300)).toContain(r.status);
    await new Promise((res) => setImmediate(res));
    await g.services.criteria.service.settled();
    const cat = (await g.call<CatalogueView>("7401", "GET", "/api/catalogue")).body;
    expect(JSON.stringify(cat)).not.toMatch(/[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/);
    await numbersRight(g);
  });
});

describe("a recount that fails", () => {
  it("puts the counts back once and stays failed until the admin adopts again (no retry loop with the gate shut)", async () => {
    const g = await app();
    const [h1, h2] = await seed(g);
    const oldKey = g.services.gds.catalogue.key;
    // A real failure inside the worker's write batches that is not the database refusing writes: a
    // trigger aborts any update of one household's progress.
    const side = new Database(g.dbPath);
    side.exec(`CREATE TRIGGER f_attack_abort BEFORE UPDATE OF applicable, met, answered ON households WHEN OLD.id = ${h2!.id} BEGIN SELECT RAISE(ABORT, 'f-attack: refused'); END`);
    try {
      const live = g.services.gds.liveCatalogue;
      // Watch (not change) the gate: how many times a recount begins and fails.
      const seen = { begin: 0, failed: 0 };
      const begin = live.begin.bind(live);
      const failed = live.failed.bind(live);
      live.begin = (k, at) => (seen.begin++, begin(k, at));
      live.failed = (k, at, m) => (seen.failed++, failed(k, at, m));
      await adopt(g);
      const deadline = Date.now() + 15_000;
      while (seen.failed === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(seen.failed).toBe(1);
      await new Promise((r) => setTimeout(r, 100));
      // For the next 3 s: no new recount starts by itself, household writes go through.
      let sawRunning = 0;
      for (let i = 0; i < 60; i++) {
        await new Promise((r) => setTimeout(r, 50));
        if (live.running()) sawRunning++;
      }
      expect(sawRunning, "a failed recount restarted by itself, shutting household writes out again and again").toBe(0);
      expect(seen).toEqual({ begin: 1, failed: 1 });
      expect(g.services.gds.catalogue.key).toBe(oldKey);
      const w = await g.call("7401", "POST", `/api/households/${h1!.id}/answers`, { changes: [{ criterionId: RENAMED, value: "chua_dat", idempotencyKey: key() }] });
      expect(w.status, JSON.stringify(w.body)).toBe(200);
      const v = await view(g);
      expect(v.recount.state).toBe("failed");
      expect(v.recount.message).toContain("Áp dụng");
      // The kept counts are the set in use's (the old one), exactly.
      const kept = recomputeAggregates(g.services.database.sqlite, live.current(), g.services.config.commune.villages.map((x) => x.id), { fix: false });
      expect(kept.differences, JSON.stringify(kept.samples)).toBe(0);
      expect(g.services.segments.repo.check(false)).toEqual([]);
    } finally {
      side.exec("DROP TRIGGER IF EXISTS f_attack_abort");
      side.close();
    }
    // The admin adopts the same set again: now it goes through.
    await adopt(g, CHOICE);
    await g.services.criteria.service.settled();
    expect(g.services.gds.liveCatalogue.state().state).toBe("idle");
    expect(g.services.gds.catalogue.key).not.toBe(oldKey);
    await numbersRight(g);
  }, 60_000);

  it("after a failed recount the admin's check measures the set in use (the old one), not the saved choice", async () => {
    // WRONG TODAY: same root as the check during a recount. After a failure the commune document keeps
    // the adopted choice (so "Áp dụng" again retries it) while the counts and every reader stay on the
    // old set; POST /api/admin/aggregates/check resolves the catalogue from the document
    // (ReportsService.checkAggregates → recomputeInWorker({ commune })), so it reports every household
    // as different (here 14 differences for 3 households), and {fix:true} would rewrite the counts and
    // the triggers' rules for a set nobody reads while the bot keeps counting answers under the old
    // one. Fix (outside this brief's files): check against the catalogue in use (the live view), e.g.
    // give the worker the document the counts are built for (CriteriaService keeps it as `built`).
    const g = await app();
    const [, h2] = await seed(g);
    const side = new Database(g.dbPath);
    side.exec(`CREATE TRIGGER f_attack_abort BEFORE UPDATE OF applicable, met, answered ON households WHEN OLD.id = ${h2!.id} BEGIN SELECT RAISE(ABORT, 'f-attack: refused'); END`);
    try {
      await adopt(g);
      await g.services.criteria.service.settled();
      expect(g.services.gds.liveCatalogue.state().state).toBe("failed");
      const c = await g.call(DEMO.admin, "POST", "/api/admin/aggregates/check", { fix: false });
      expect(c.body.differences, JSON.stringify(c.body.samples).slice(0, 300)).toBe(0);
    } finally {
      side.exec("DROP TRIGGER IF EXISTS f_attack_abort");
      side.close();
    }
  }, 60_000);
});
