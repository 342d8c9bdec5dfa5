#!/usr/bin/env node
// Builds the bot to plain JavaScript for production: one ES module, dist/bot/main.js, with the
// packages left as imports from node_modules (nothing of them is bundled).
//
//   node scripts/build.mjs             build
//   node scripts/build.mjs --if-stale  build only when a source is newer than the build (npm start)
//
// Files read at run time relative to the code (migrations/, miniapp/www/, the worker scripts) stay
// where they are in the repository: every `import.meta.url` in our sources is rewritten to the URL of
// the source file it was written in, so `new URL("../../migrations", import.meta.url)` still resolves
// from bot/db/. The build therefore runs from this repository, with the repository beside it.
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const ENTRIES = [
  { in: "bot/main.ts", out: "dist/bot/main.js" },
  // The reports worker (exports, aggregate check) runs in its own thread: built too, so production never compiles TypeScript.
  { in: "bot/reports/report-worker.ts", out: "dist/bot/reports/report-worker.js" },
  // The understanding classifier's full retraining after a guide edit runs in its own thread too.
  { in: "bot/guides/train-worker.ts", out: "dist/bot/guides/train-worker.js" },
  // The households' recount for a new criteria catalogue (bot/criteria), off the event loop.
  { in: "bot/criteria/recount-worker.ts", out: "dist/bot/criteria/recount-worker.js" },
];
/** What the build depends on: if any of these is newer than the output, --if-stale builds. */
const SOURCES = ["bot", "shared", "package.json", "package-lock.json", "scripts/build.mjs", "tsconfig.json"];

function newestMtime(path) {
  const st = statSync(path, { throwIfNoEntry: false });
  if (!st) return 0;
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const e of readdirSync(path)) {
    if (e === "node_modules") continue;
    newest = Math.max(newest, newestMtime(join(path, e)));
  }
  return newest;
}

function isStale() {
  const built = Math.min(...ENTRIES.map((e) => statSync(join(ROOT, e.out), { throwIfNoEntry: false })?.mtimeMs ?? 0));
  return SOURCES.some((s) => newestMtime(join(ROOT, s)) > built);
}

/** esbuild plugin: `import.meta.url` in our own .ts files means that source file, not the bundle. */
function sourceUrlPlugin(outfile) {
  const outDir = dirname(resolve(ROOT, outfile));
  return {
    name: "source-import-meta-url",
    setup(build) {
      build.onLoad({ filter: /\.ts$/ }, (args) => {
        if (args.path.includes(`${sep}node_modules${sep}`)) return undefined;
        const text = readFileSync(args.path, "utf8");
        if (!text.includes("import.meta.url")) return { contents: text, loader: "ts" };
        const rel = relative(outDir, args.path).split(sep).join("/");
        return { contents: text.replaceAll("import.meta.url", `new URL(${JSON.stringify(rel)}, import.meta.url).href`), loader: "ts" };
      });
    },
  };
}

async function build() {
  const esbuild = await import("esbuild");
  const started = Date.now();
  for (const entry of ENTRIES) {
    const result = await esbuild.build({
      absWorkingDir: ROOT,
      entryPoints: [entry.in],
      outfile: entry.out,
      bundle: true,
      platform: "node",
      format: "esm",
      target: "node20",
      packages: "external",
      sourcemap: true,
      legalComments: "none",
      logLevel: "warning",
      plugins: [sourceUrlPlugin(entry.out)],
      write: false,
    });
    // Written beside and renamed into place: a bot starting meanwhile never reads half a file.
    for (const file of result.outputFiles) {
      mkdirSync(dirname(file.path), { recursive: true });
      const tmp = `${file.path}.${process.pid}.tmp`;
      writeFileSync(tmp, file.contents);
      renameSync(tmp, file.path);
    }
  }
  process.stdout.write(`bot built to ${ENTRIES.map((e) => e.out).join(", ")} in ${Date.now() - started} ms\n`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const ifStale = process.argv.includes("--if-stale");
  if (ifStale && !isStale()) process.exit(0);
  build().catch((err) => {
    process.stderr.write(`The bot could not be built: ${err?.message ?? err}\n`);
    process.exit(1);
  });
}
