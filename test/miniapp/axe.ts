import type { Page } from "playwright-core";

declare const axe: any, document: any;

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/**
 * axe-core's serious and critical violations on the page as it is now. The bot's CSP allows scripts
 * from its own origin only, so axe.min.js is served there (a route of this page) and added by URL.
 */
export async function seriousViolations(p: Page, origin: string): Promise<string[]> {
  if (!(await p.evaluate(() => typeof (globalThis as any).axe !== "undefined"))) {
    await p.route("**/__test/axe.min.js", (r) => r.fulfill({ path: "node_modules/axe-core/axe.min.js", contentType: "text/javascript" }));
    await p.addScriptTag({ url: `${origin}/__test/axe.min.js` });
  }
  const violations = (await p.evaluate(() => axe.run(document, { resultTypes: ["violations"] }).then((r: any) => r.violations))) as Violation[];
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .flatMap((v) => v.nodes.map((n) => `${v.impact} ${v.id} (${v.help}): ${n.target.join(" ")} ${n.failureSummary ?? ""}`.replace(/\s+/g, " ")));
}
