/** A province app link that is no link at all is refused at its field (400 in Vietnamese), never a 500. */
import { afterEach, describe, expect, it } from "vitest";
import type { CommuneView } from "../../shared/contracts/commune";
import { createGdsApp, DEMO, type GdsTestApp } from "../households/support";

let t: GdsTestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

describe("the province app's link in the console", () => {
  it("'not a url' and 'https://' alone are refused at the field, nothing saved", async () => {
    t = await createGdsApp();
    const v = (await t.call<CommuneView>(DEMO.admin, "GET", "/api/admin/commune")).body;
    for (const androidUrl of ["not a url", "https://", "ftp://x"]) {
      const r = await t.call(DEMO.admin, "POST", "/api/admin/commune/edits", { op: "settings.update", baseVersion: v.version, settings: { provinceApp: { androidUrl } } });
      expect(r.status, `${androidUrl}: ${JSON.stringify(r.body)}`).toBe(400);
      expect(r.body.error.message).toContain("https://");
    }
    expect(t.services.commune.store.version()).toBe(v.version);
  });
});
