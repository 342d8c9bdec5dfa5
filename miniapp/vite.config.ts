import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import zaloMiniApp from "zmp-vite-plugin";

/**
 * Vite 5 + zmp-vite-plugin: the only combination `zmp deploy` builds (../shared/zalo/miniapp.md).
 * The plugin writes www/app-config.json (listCSS / listSyncJS / listAsyncJS) from ./app-config.json;
 * Zalo never loads index.html, only those lists.
 *
 * VITE_API_BASE_URL is the bot's public origin for a build that runs inside Zalo (empty: same origin,
 * as when the bot serves /miniapp/). `npm run miniapp:dev` serves the sources with hot reload and
 * forwards the API, the mini app's config and guides, and the simulator to the bot (BOT_URL, default
 * the sandbox's http://127.0.0.1:3000).
 */
const root = fileURLToPath(new URL(".", import.meta.url));
const bot = process.env.BOT_URL ?? "http://127.0.0.1:3000";
const appConfig = JSON.parse(readFileSync(new URL("./app-config.json", import.meta.url), "utf8"));

/**
 * JavaScript syntax of 2020 (optional chaining, ??, object spread), the same floor as the CSS target
 * zmp-vite-plugin sets (Safari 13.1), which every WebView Zalo runs in has. The plugin's default,
 * es2015, adds helpers and long-hand ?. / ?? to the app's code (+0.4 kB gzip on the first load).
 */
export const TARGET = ["chrome80", "safari13.1"];

export default defineConfig({
  root,
  // Vite's cache beside the repository's node_modules, not in miniapp/node_modules (zmp-cli's place).
  cacheDir: fileURLToPath(new URL("../node_modules/.vite/miniapp", import.meta.url)),
  plugins: [react(), zaloMiniApp(appConfig)],
  server: {
    host: "127.0.0.1",
    port: 3100,
    proxy: { "/api": bot, "/miniapp/config.json": bot, "/miniapp/guides": bot, "/simulator": bot },
  },
  build: {
    outDir: "www",
    emptyOutDir: true,
    target: TARGET,
    // Zalo loads the files listed in app-config.json, never index.html: no <link rel=modulepreload> to polyfill.
    modulePreload: { polyfill: false },
    rollupOptions: {
      output: {
        // The small modules the lazily loaded screens share travel in one chunk, not four (fewer round
        // trips). Only modules without runtime imports: Rollup pulls a manual chunk's dependencies into
        // it, and the first download would then wait for that chunk.
        manualChunks: (id) => (/\/miniapp\/src\/(app\/adopt|ui\/format|ui\/lazy-styles|ui\/screens\.css)/.test(id) ? "screens" : undefined),
      },
    },
    reportCompressedSize: true,
    chunkSizeWarningLimit: 300,
  },
});
