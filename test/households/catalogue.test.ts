import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { GUIDE_IDS } from "../../shared/guides";
import { CATALOGUES, CatalogueError, answerAllowed, criterionStatus, resolveCatalogue, type CriteriaContext } from "../../shared/criteria";
import { API_ROUTES } from "../../shared/contracts";
import { tempDir } from "../support/env";
import { createGdsApp, DEMO, key } from "./support";

const CTX: CriteriaContext = {
  commune: { name: "Kon Chiêng", kind: "xã" },
  province: { name: "Gia Lai" },
  provinceApp: { name: "Gia Lai Số" },
  oa: { name: "UBND xã Kon Chiêng" },
  hotline: { province: "1022" },
};

describe("criteria catalogue", () => {
  it("holds seed 001's criteria in three pillars, with guides and relevance rules", () => {
    const cat = resolveCatalogue(undefined, CTX);
    expect(cat.criteria).toHaveLength(22);
    expect(cat.byPillar["chinh-quyen-so"]).toHaveLength(5);
    expect(cat.byPillar["kinh-te-so"]).toHaveLength(8);
    expect(cat.byPillar["xa-hoi-so"]).toHaveLength(9);
    expect(cat.byId.get("ung-dung-tinh")!.label).toBe("Có cài đặt, sử dụng ứng dụng “Gia Lai Số”");
    expect(cat.byId.get("tong-dai-phan-anh")!.label).toContain("Tổng đài 1022");
    for (const c of cat.criteria) if (c.guideId) expect(GUIDE_IDS).toContain(c.guideId);
    expect(cat.criteria.filter((c) => c.relevance.flags?.includes("business")).map((c) => c.id)).toEqual([
      "phan-mem-quan-ly",
      "hoa-don-dien-tu",
      "thanh-toan-khong-tien-mat",
      "ban-hang-online",
    ]);
    const plain = { business: false, producer: false };
    const hoaDon = cat.byId.get("hoa-don-dien-tu")!;
    expect(criterionStatus(hoaDon, plain, "dat")).toBe("na");
    expect(criterionStatus(hoaDon, { business: true, producer: false }, undefined)).toBe("unanswered");
    expect(answerAllowed(cat.byId.get("vneid-muc-2")!, plain, "khong_ap_dung").ok).toBe(false);
    expect(answerAllowed(cat.byId.get("ung-dung-nong-nghiep")!, plain, "khong_ap_dung").ok).toBe(true);
  });

  it("a commune picks or extends it by config, and any change of meaning gives a new version key", () => {
    const base = resolveCatalogue(undefined, CTX);
    expect(base.key).toMatch(/^gia-dinh-so@2025\.10#[0-9a-f]{8}$/);
    // Labels filled with another province's app do not change the meaning.
    expect(resolveCatalogue(undefined, { ...CTX, provinceApp: { name: "i-Hà Tĩnh" } }).key).toBe(base.key);
    const picked = resolveCatalogue(
      {
        exclude: ["ung-dung-nong-nghiep"],
        include: ["phong-chong-lua-dao"],
        extra: [{ id: "camera-an-ninh", pillar: "xa-hoi-so", label: "Có camera an ninh kết nối mạng", help: "Nhà có camera xem được trên điện thoại." }],
      },
      CTX,
    );
    expect(picked.key).not.toBe(base.key);
    expect(picked.criteria.map((c) => c.id)).toContain("camera-an-ninh");
    expect(picked.criteria.map((c) => c.id)).not.toContain("ung-dung-nong-nghiep");
    expect(picked.byId.get("phong-chong-lua-dao")!.origin).toBe("optional");
    expect(() => resolveCatalogue({ exclude: ["khong-co"] }, CTX)).toThrow(CatalogueError);
    expect(() => resolveCatalogue({ extra: [{ id: "vneid-muc-2", pillar: "xa-hoi-so", label: "Trùng mã", help: "Trùng mã tiêu chí" }] }, CTX)).toThrow(/appears twice/);
    expect(Object.keys(CATALOGUES)).toEqual(["gia-dinh-so"]);
  });

  it("after a catalogue change the counts are rebuilt and earlier weeks keep theirs", async () => {
    const tmp = tempDir();
    const dbPath = join(tmp.dir, "catalogue.sqlite");
    try {
      const first = await createGdsApp({ dbPath });
      first.clock.set(Date.parse("2026-07-17T09:00:00Z"));
      const h = (await first.call("3001", "POST", "/api/households", { villageId: "thon-dong-xuan", label: "Hộ ông Đổi Bộ" })).body;
      const all = first.services.gds.catalogue.criteria.filter((c) => !c.relevance.flags).map((c) => ({ criterionId: c.id, value: "dat", idempotencyKey: key() }));
      await first.call("3001", "POST", `/api/households/${h.id}/answers`, { changes: all });
      expect(first.services.gds.snapshotScheduler.runNow("cron")).toBe("2026-W29");
      const oldKey = first.services.gds.catalogue.key;
      await first.app.close();
      await first.services.stop();

      // The commune adds a criterion: the household no longer meets everything.
      const second = await createGdsApp({
        dbPath,
        commune: (c) => ({ ...c, criteria: { catalogue: "gia-dinh-so", exclude: [], include: ["phong-chong-lua-dao", "binh-dan-hoc-vu-so"], extra: [] } }),
      });
      try {
        second.clock.set(Date.parse("2026-07-20T03:00:00Z"));
        expect(second.services.gds.catalogue.key).not.toBe(oldKey);
        const d = (await second.call(DEMO.officer, "GET", "/api/villages/thon-dong-xuan/dashboard")).body;
        expect(d.fullyMet).toBe(0);
        expect(d.criteria.find((c: { criterionId: string }) => c.criterionId === "binh-dan-hoc-vu-so")).toMatchObject({ applicable: 1, met: 0 });
        expect((await second.call(DEMO.admin, "POST", "/api/admin/aggregates/check", {})).body.differences).toBe(0);
        const w29 = (await second.call(DEMO.officer, "GET", "/api/reports/weeks/2026-W29")).body;
        expect(w29).toMatchObject({ catalogueKey: oldKey, source: "snapshot" });
        expect(w29.totals.fullyMet).toBe(1);
        expect(w29.criteria.map((c: { id: string }) => c.id)).not.toContain("binh-dan-hoc-vu-so");
        const live = (await second.call(DEMO.officer, "GET", "/api/reports/weeks/current")).body;
        expect(live).toMatchObject({ source: "live", previousWeek: "2026-W29", catalogueChanged: true });
        expect(live.totals.change.fullyMetPercent).toBeLessThan(0);
        const cat = (await second.call("3001", "GET", "/api/catalogue")).body;
        expect(cat.criteria.map((c: { id: string }) => c.id)).toContain("binh-dan-hoc-vu-so");
        expect(cat.criteria.find((c: { id: string }) => c.id === "ung-dung-tinh").label).toBe("Có cài đặt, sử dụng ứng dụng “i-Hà Tĩnh”");
      } finally {
        await second.close();
      }
    } finally {
      tmp.cleanup();
    }
  });
});

describe("OpenAPI at /docs", () => {
  it("documents every route with resolvable schemas, and serves the UI", async () => {
    const t = await createGdsApp();
    try {
      const doc = (await t.app.inject({ method: "GET", url: "/docs/json" })).json();
      const paths = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`));
      expect(paths.sort()).toEqual(API_ROUTES.map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, "{$1}")}`).sort());
      const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]!);
      expect(refs.length).toBeGreaterThan(10);
      for (const r of refs) expect(doc.components.schemas[r], r).toBeDefined();
      expect(JSON.stringify(doc)).not.toContain("#/definitions/");
      const ui = await t.app.inject({ method: "GET", url: "/docs/" });
      expect(ui.statusCode).toBe(200);
      expect(ui.headers["content-type"]).toContain("text/html");
    } finally {
      await t.close();
    }
  });
});
