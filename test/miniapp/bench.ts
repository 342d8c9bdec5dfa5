/**
 * `npm run bench` (after test/bench/run.ts): the mini app's first load (what Zalo downloads before the
 * first screen: app-config.json listCSS + listSyncJS + listAsyncJS, gzip -9) against a bare zmp-ui +
 * React app built in the same run with the same settings (goal: ratio ≤ 1.2), and against the shell of
 * zmp-cli's blank template. Also the chunks that come later: a new household's first-run screen and
 * the Zalo SDK (inside Zalo only).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildMiniApp, buildShell, firstLoad, lazyChunkGzip } from "./build";

function bench(name: string, value: number, unit: string) {
  process.stdout.write(`BENCH ${name} ${Number.isFinite(value) ? +value.toFixed(3) : value} ${unit}\n`);
}

export async function miniAppBench(report = bench): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "gds-miniapp-bench-"));
  try {
    const app = join(dir, "app");
    await buildMiniApp(app, { manifest: true });
    await buildShell("test/miniapp/shell/minimal", join(dir, "minimal"));
    await buildShell("test/miniapp/shell/template", join(dir, "template"));
    const a = firstLoad(app);
    const minimal = firstLoad(join(dir, "minimal"));
    const template = firstLoad(join(dir, "template"));
    report("miniapp_first_load_js_gzip", a.jsGzip, "bytes");
    report("miniapp_first_load_css_gzip", a.cssGzip, "bytes");
    report("miniapp_first_load_gzip", a.totalGzip, "bytes");
    report("miniapp_bare_zmpui_react_first_load_gzip", minimal.totalGzip, "bytes");
    report("miniapp_first_load_vs_bare_zmpui_react_ratio", a.totalGzip / minimal.totalGzip, "ratio");
    report("miniapp_zmp_template_shell_first_load_gzip", template.totalGzip, "bytes");
    report("miniapp_first_load_vs_zmp_template_shell_ratio", a.totalGzip / template.totalGzip, "ratio");
    report("miniapp_first_run_extra_gzip", lazyChunkGzip(app, "src/screens/Onboarding.tsx", a.files), "bytes");
    report("miniapp_zalo_sdk_chunk_gzip", lazyChunkGzip(app, "src/platform/zalo.ts", a.files), "bytes");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  miniAppBench().catch((err) => {
    process.stderr.write(`${(err as Error).stack ?? err}\n`);
    process.exit(1);
  });
}
