/**
 * Issue 15: a guide says the commune's names and links ({{provinceApp.name}}...). When the commune
 * document changes (an import of a corrected file), the chat and the mini app say the new ones at
 * once, without a restart.
 */
import { afterEach, describe, expect, it } from "vitest";
import { Resident } from "../support/resident";
import { startStack, type Stack } from "../support/stack";

describe("guides follow the commune document", () => {
  let s: Stack | undefined;
  afterEach(async () => {
    await s?.close();
    s = undefined;
  });

  it("a new province app name in an imported file reaches the chat's guide and the mini app's guide at once", async () => {
    s = await startStack();
    const store = s.services.commune.store;
    const before = await fetch(`${s.appUrl}/miniapp/guides/ung-dung-tinh.json`).then((r) => r.text());
    expect(before).toContain("i-Hà Tĩnh");

    const doc = JSON.parse(store.export());
    doc.provinceApp.name = "Hà Tĩnh Số";
    store.import(doc, { actor: "test", baseVersion: store.version() });

    const after = await fetch(`${s.appUrl}/miniapp/guides/ung-dung-tinh.json`).then((r) => r.text());
    expect(after).toContain("Hà Tĩnh Số");
    expect(after).not.toContain("i-Hà Tĩnh");
    const replies = await new Resident(s, "8600000000000000901").say("cài ứng dụng Hà Tĩnh Số");
    const text = replies.map((m) => m.text).join("\n");
    expect(text).toContain("Hà Tĩnh Số");
    expect(text).not.toContain("i-Hà Tĩnh");
  }, 60_000);
});
