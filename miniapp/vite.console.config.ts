import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import { TARGET } from "./vite.config";

/**
 * The officers' console on a PC (issue 14): a second build of the same source, entry
 * src/console/entry.tsx, served by the bot at /console/. Kept apart from the mini app's build so the
 * household's first download inside Zalo carries not one byte of it (a route switch in the mini app's
 * own entry cost 154 B gzip), and `zmp deploy` ships only the mini app.
 */
const root = fileURLToPath(new URL("./console", import.meta.url));

export default defineConfig({
  root,
  base: "/console/",
  cacheDir: fileURLToPath(new URL("../node_modules/.vite/console", import.meta.url)),
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL("./www-console", import.meta.url)),
    emptyOutDir: true,
    target: TARGET,
    reportCompressedSize: false,
    chunkSizeWarningLimit: 600,
  },
});
