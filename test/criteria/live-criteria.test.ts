/**
 * The admin adopts the province's variant of the criteria from the console (issue 15), through the
 * real app over a real SQLite file and the real recount worker thread: preview in Vietnamese, adopt
 * (versioned, 409 on a stale base), household writes refused with a 503 while the counts move, then
 * every reader (mini app catalogue, household view, dashboards, weekly snapshot) follows without a
 * restart, the aggregates' and the segments' own checks stay at 0 differences, and a restart keeps
 * the console's choice even when the commune file's other settings change.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { CatalogueView, HouseholdView } from "../../shared/contracts";
import type { CriteriaAdminView, CriteriaAdoptResponse, CriteriaPreview } from "../../shared/contracts/criteria";
import { createGdsApp, DEMO, key, type GdsTestApp } from "../households/support";

let t: GdsTestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const LEFT = "ung-dung-nong-nghiep";
const ADDED = "binh-dan-hoc-vu-so";
const RENAMED = "vneid-muc-2";
const NEW_NAME = "Người lớn trong hộ có tài khoản định danh điện tử mức 2 đã kích hoạt";
const OWN = {
  id: "hoc-ky-nang-so",
  pillar: "xa-hoi-so" as const,
  label: "Có người trong hộ học lớp kỹ năng số của xã",
  help: "Đạt khi có ít nhất một người trong hộ đã học một buổi kỹ năng số do xã tổ chức.",
  relevance: { mayDecline: false },
};
const CHOICE = { exclude: [LEFT], include: ["phong-chong-lua-dao", ADDED], relabel: { [RENAMED]: { label: NEW_NAME } }, extra: [OWN] };

async function household(app: GdsTestApp, user: string, villageId: string, label: string, allMet: boolean): Promise<HouseholdView> {
  const r = await app.call<HouseholdView>(user, "POST", "/api/households", { villageId, label, flags: {} });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  const cat = (await app.call<CatalogueView>(user, "GET", "/api/catalogue")).body;
  const changes = cat.criteria.filter((c) => !c.relevance.flags).map((c) => ({ criterionId: c.id, value: allMet || c.id !== RENAMED ? "dat" : "chua_dat", idempotencyKey: key() }));
  const a = await app.call(user, "POST", `/api/households/${r.body.id}/answers`, { changes });
  expect(a.status, JSON.stringify(a.body)).toBe(200);
  return r.body;
}

describe("criteria adopted live from the console", () => {
  it("previews in Vietnamese, recounts off the event loop, and every reader follows without a restart", async () => {
    t = await createGdsApp({ env: { DB_SYNCHRONOUS: "NORMAL", RATE_LIMIT_PER_MINUTE: "1000000" } });
    const app = t;
    const villages = app.services.config.commune.villages.map((v) => v.id);
    const h1 = await household(app, "7101", villages[0]!, "Hộ ông Nguyễn Văn Một", true);
    await household(app, "7102", villages[0]!, "Hộ bà Trần Thị Hai", false);
    await household(app, "7103", villages[1]!, "Hộ ông Lê Văn Ba", true);
    expect((await app.call(DEMO.admin, "POST", "/api/admin/snapshots/freeze")).body.frozen).toBe(true);

    // Only the admin.
    for (const who of [DEMO.officer, DEMO.headDongXuan, "7101"]) expect((await app.call(who, "GET", "/api/admin/criteria")).status).toBe(403);
    const view = await app.call<CriteriaAdminView>(DEMO.admin, "GET", "/api/admin/criteria");
    expect(view.status).toBe(200);
    const oldKey = view.body.active.key;
    expect(view.body.recount.state).toBe("idle");
    expect(view.body.library.map((c) => c.id)).toEqual(expect.arrayContaining([LEFT, ADDED, RENAMED]));
    expect(view.body.library.find((c) => c.id === ADDED)!.origin).toBe("optional");

    // Bad choices: a 400 whose lines an officer can act on, nothing saved.
    const bad = await app.call(DEMO.admin, "POST", "/api/admin/criteria/preview", { choice: { exclude: ["khong-co-tieu-chi-nay"], extra: [{ ...OWN, id: RENAMED }] } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain("không có trong bộ tiêu chí chung");
    expect(bad.body.error.message).toContain("đã có tiêu chí khác dùng");
    expect(bad.body.error.details.issues.map((i: { path: unknown[] }) => i.path.join("."))).toEqual(["choice.exclude.0", "choice.extra.0.id"]);
    const placeholder = await app.call(DEMO.admin, "POST", "/api/admin/criteria/preview", { choice: { extra: [{ ...OWN, label: "Biết dùng {{khong.co}} của xã" }] } });
    expect(placeholder.status).toBe(400);
    expect(placeholder.body.error.message).toContain("{{commune.name}} (tên xã)");
    expect(placeholder.body.error.details.issues.map((i: { path: unknown[] }) => i.path.join("."))).toEqual(["choice.extra.0.label"]);

    // Invisible characters (a right-to-left override turns words around in the chat) never reach a resident.
    const invisible = await app.call(DEMO.admin, "POST", "/api/admin/criteria/preview", { choice: { extra: [{ ...OWN, label: "\u202e\u200b\u200b\u200b\u200b\u200b" }] } });
    expect(invisible.status).toBe(400);
    expect(invisible.body.error.message).toContain("Tên tiêu chí cần ít nhất 5 ký tự");
    const turned = await app.call<CriteriaPreview>(DEMO.admin, "POST", "/api/admin/criteria/preview", { choice: { extra: [{ ...OWN, label: `Có người \u202egia đình\u202c học kỹ năng số` }] } });
    expect(turned.body.criteria.find((c) => c.id === OWN.id)!.label).toBe("Có người gia đình học kỹ năng số");

    const preview = await app.call<CriteriaPreview>(DEMO.admin, "POST", "/api/admin/criteria/preview", { choice: CHOICE });
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    expect(preview.body.sameCounts).toBe(false);
    expect(preview.body.households).toBe(3);
    expect(preview.body.summary).toEqual(
      expect.arrayContaining([expect.stringMatching(/^Thêm tiêu chí “.+”\.$/), expect.stringMatching(/^Bỏ tiêu chí “.+”\.$/), `Đổi tên “${view.body.active.criteria.find((c) => c.id === RENAMED)!.label}” thành “${NEW_NAME}”.`]),
    );
    expect(preview.body.criteria.map((c) => c.id)).not.toContain(LEFT);
    // A preview changes nothing.
    expect((await app.call<CatalogueView>("7101", "GET", "/api/catalogue")).body.key).toBe(oldKey);

    // A stale base is refused and changes nothing.
    const stale = await app.call(DEMO.admin, "POST", "/api/admin/criteria", { baseVersion: view.body.version - 1 || 999, choice: CHOICE });
    expect(stale.status).toBe(409);
    expect(app.services.gds.liveCatalogue.running()).toBe(false);

    const adopt = await app.call<CriteriaAdoptResponse>(DEMO.admin, "POST", "/api/admin/criteria", { baseVersion: view.body.version, choice: CHOICE });
    expect(adopt.status, JSON.stringify(adopt.body)).toBe(202);
    expect(adopt.body.recount.state).toBe("running");
    expect(adopt.body.key).toBe(preview.body.key);
    // While the counts move: household writes wait (503 in Vietnamese, nothing written), a second adoption too.
    const during = await app.call(`7101`, "POST", `/api/households/${h1.id}/answers`, { changes: [{ criterionId: RENAMED, value: "chua_dat", idempotencyKey: key() }] });
    expect(during.status).toBe(503);
    expect(during.body.error.message).toContain("đang được tính lại");
    expect((await app.call(DEMO.admin, "POST", "/api/admin/criteria", { baseVersion: adopt.body.version, choice: { exclude: [] } })).status).toBe(409);
    expect((await app.call<CatalogueView>("7101", "GET", "/api/catalogue")).body.key).toBe(oldKey);

    await app.services.criteria.service.settled();
    const after = await app.call<CriteriaAdminView>(DEMO.admin, "GET", "/api/admin/criteria");
    expect(after.body.recount.state).toBe("idle");
    expect(after.body.active.key).toBe(preview.body.key);
    expect(after.body.choice).toMatchObject({ exclude: [LEFT], include: ["phong-chong-lua-dao", ADDED], relabel: { [RENAMED]: { label: NEW_NAME } } });
    expect(after.body.history.map((h) => h.key)).toEqual([preview.body.key, oldKey]);

    // The mini app's catalogue and the household's own view, at once.
    const cat = (await app.call<CatalogueView>("7101", "GET", "/api/catalogue")).body;
    expect(cat.key).toBe(preview.body.key);
    expect(cat.criteria.map((c) => c.id)).toEqual(expect.arrayContaining([ADDED, OWN.id]));
    expect(cat.criteria.map((c) => c.id)).not.toContain(LEFT);
    expect(cat.criteria.find((c) => c.id === RENAMED)!.label).toBe(NEW_NAME);
    const hv = (await app.call<HouseholdView>("7101", "GET", `/api/households/${h1.id}`)).body as HouseholdView & { criteria: { id: string; status: string; label: string }[] };
    expect(hv.criteria.find((c) => c.id === OWN.id)!.status).toBe("unanswered");
    expect(hv.criteria.find((c) => c.id === RENAMED)!.label).toBe(NEW_NAME);
    expect(hv.criteria.some((c) => c.id === LEFT)).toBe(false);

    // The kept counts equal a recount from the raw answers, households' and segments' alike.
    const check = await app.call(DEMO.admin, "POST", "/api/admin/aggregates/check", { fix: false });
    expect(check.status).toBe(200);
    expect(check.body.differences).toBe(0);
    expect(app.services.segments.repo.check(false)).toEqual([]);

    // Writes go on under the new set: answering the commune's own criterion counts at once.
    const own = await app.call("7101", "POST", `/api/households/${h1.id}/answers`, { changes: [{ criterionId: OWN.id, value: "dat", idempotencyKey: key() }, { criterionId: ADDED, value: "dat", idempotencyKey: key() }] });
    expect(own.status, JSON.stringify(own.body)).toBe(200);
    expect((await app.call(DEMO.admin, "POST", "/api/admin/aggregates/check", { fix: false })).body.differences).toBe(0);

    // The next frozen week carries the new set; the week frozen before keeps the old one.
    app.clock.advance(7 * 24 * 3600_000);
    expect((await app.call(DEMO.admin, "POST", "/api/admin/snapshots/freeze")).body.frozen).toBe(true);
    const trend = (await app.call(DEMO.officer, "GET", "/api/reports/trend?weeks=4")).body as { weeks: { week: string; catalogueKey: string }[] };
    expect(trend.weeks.map((w) => w.catalogueKey)).toEqual([preview.body.key, oldKey]);

    // The change is in the commune's history, with who and what.
    const history = (await app.call(DEMO.admin, "GET", "/api/admin/commune/history")).body as { items: { section: string; summary: string }[] };
    expect(history.items[0]).toMatchObject({ section: "criteria" });
    expect(history.items[0]!.summary).toContain(NEW_NAME);
  });

  it("a restart keeps the console's choice, even when the commune file's other settings changed", async () => {
    t = await createGdsApp({ env: { DB_SYNCHRONOUS: "NORMAL" } });
    const view = (await t.call<CriteriaAdminView>(DEMO.admin, "GET", "/api/admin/criteria")).body;
    expect((await t.call(DEMO.admin, "POST", "/api/admin/criteria", { baseVersion: view.version, choice: CHOICE })).status).toBe(202);
    await t.services.criteria.service.settled();
    const newKey = t.services.gds.catalogue.key;
    const { dbPath, clock } = t;
    await t.app.close();
    await t.services.stop();
    t = await createGdsApp({ dbPath, clock, commune: (c) => ({ ...c, target: { ...c.target, percent: 85 } }) });
    expect(t.services.config.commune.target.percent).toBe(85); // the file's other settings followed
    expect(t.services.gds.catalogue.key).toBe(newKey); // the criteria stayed the console's
    expect((await t.call<CatalogueView>("7001", "GET", "/api/catalogue")).body.criteria.find((c) => c.id === RENAMED)!.label).toBe(NEW_NAME);
  });

  it("wording that does not move the counts applies at once, without a recount", async () => {
    t = await createGdsApp({ env: { DB_SYNCHRONOUS: "NORMAL" } });
    const view = (await t.call<CriteriaAdminView>(DEMO.admin, "GET", "/api/admin/criteria")).body;
    const help = "Đạt khi người lớn trong hộ đăng nhập được ứng dụng VNeID bằng tài khoản mức 2.";
    const r = await t.call<CriteriaAdoptResponse>(DEMO.admin, "POST", "/api/admin/criteria", { baseVersion: view.version, choice: { ...view.choice, relabel: { [RENAMED]: { help } } } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.recount.state).toBe("idle");
    expect(r.body.key).toBe(view.active.key);
    expect((await t.call<CatalogueView>("7001", "GET", "/api/catalogue")).body.criteria.find((c) => c.id === RENAMED)!.help).toBe(help);
  });
});
