import { createHash } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import { extname, join, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Guide } from "../../shared/guides";
import type { CommuneConfig } from "../config/commune";
import { zaloMode, type Env } from "../config/env";

/** What the plugin reads from the composition root (`services` in bot/app.ts). */
export interface MiniAppStaticServices {
  config: { env: Env; commune: CommuneConfig; credentials: { oaId: string } };
  chat: { library: { all(): Guide[]; get(id: string): Guide | undefined; version?(id: string): number } };
}

export interface MiniAppStaticOptions {
  services: MiniAppStaticServices;
  /** The built mini app (`npm run miniapp:build` writes miniapp/www). */
  dir?: string;
  /** The built officers' console (`npm run miniapp:build` writes miniapp/www-console). */
  consoleDir?: string;
}

const DEFAULT_DIR = fileURLToPath(new URL("../../miniapp/www", import.meta.url));
const DEFAULT_CONSOLE_DIR = fileURLToPath(new URL("../../miniapp/www-console", import.meta.url));

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".webp": "image/webp",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
};

/** The guide as the mini app shows it: rendered with the commune's values, without the matcher's phrasings. */
export function guideForMiniApp(g: Guide) {
  return {
    id: g.id,
    title: g.title,
    summary: g.summary,
    steps: g.steps.map((s) => ({ text: s.text, ...(s.image ? { image: s.image } : {}), ...(s.link ? { link: s.link } : {}) })),
  };
}
export type MiniAppGuide = ReturnType<typeof guideForMiniApp>;

/** What the mini app needs to know about the commune beside the API (public, no personal data in live mode). */
export function miniAppConfig(services: MiniAppStaticServices) {
  const { commune, credentials, env } = services.config;
  const sandbox = zaloMode(env).kind === "sandbox";
  const people = [
    ...commune.villages.filter((v) => v.head.zaloUserId).map((v) => ({ label: `Trưởng ${v.kind} ${v.name.replace(/^(thôn|làng|bon|buôn|plei|ấp|bản|tổ dân phố|khu phố)\s+/i, "")} (${v.head.name})`, zaloUserId: v.head.zaloUserId! })),
    ...commune.officers.filter((o) => o.zaloUserId).map((o) => ({ label: `Cán bộ ${commune.commune.kind}: ${o.name}`, zaloUserId: o.zaloUserId! })),
  ];
  return {
    commune: { name: commune.commune.name, kind: commune.commune.kind, province: commune.commune.province },
    oa: { id: credentials.oaId, name: commune.oa.name },
    provinceApp: { name: commune.provinceApp.name },
    miniApp: { url: commune.miniApp.url ?? null },
    /** How long chat texts are kept (the resident's "Dữ liệu của tôi" screen says it). */
    privacy: { retentionDays: commune.privacy.retentionDays },
    guides: services.chat.library.all().map((g) => ({ id: g.id, title: g.title })),
    /** Sandbox only: demo people a newcomer can play in the browser (the simulator stands in for Zalo). */
    sandbox: sandbox ? { people } : null,
  };
}
export type MiniAppConfig = ReturnType<typeof miniAppConfig>;

const NOT_BUILT = `<!doctype html><html lang="vi"><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Gia đình số</title><body style="font:18px/1.5 system-ui,sans-serif;margin:24px">
<h1 style="font-size:22px">Ứng dụng “Gia đình số” chưa được đóng gói</h1>
<p>Chạy <code>npm run miniapp:build</code> trong thư mục dự án, rồi tải lại trang này.</p></body></html>`;

/**
 * The mini app outside Zalo (sandbox, tests, a newcomer's desktop browser at a phone viewport):
 *   GET /miniapp/                the built app (miniapp/www), hashed assets cached for a year
 *   GET /miniapp/config.json     the commune, its OA id and guide titles (+ demo people in sandbox)
 *   GET /miniapp/guides/:id.json one guide rendered with the commune's values (the bot's own library,
 *                                so the chat and the app say the same thing)
 * The two JSON routes are public and allow any origin: inside Zalo the app runs on Zalo's host and
 * reads them from the bot.
 */
export async function miniAppStatic(app: FastifyInstance, opts: MiniAppStaticOptions): Promise<void> {
  const root = resolve(opts.dir ?? DEFAULT_DIR);
  const services = opts.services;

  const json = (reply: FastifyReply, body: unknown) =>
    reply.header("access-control-allow-origin", "*").header("cache-control", "public, max-age=300").type("application/json; charset=utf-8").send(body);

  app.get("/miniapp/config.json", async (_req, reply) => json(reply, miniAppConfig(services)));
  // A guide is edited in the console and must show at once: the browser revalidates every time
  // (no-cache) with an ETag of the guide's version and its rendered content (the commune's names
  // fill it too), and gets 304 while nothing changed.
  app.get<{ Params: { file: string } }>("/miniapp/guides/:file", async (req, reply) => {
    const m = /^([a-z0-9-]{1,80})\.json$/.exec(req.params.file);
    const guide = m ? services.chat.library.get(m[1]!) : undefined;
    if (!guide) return reply.code(404).header("access-control-allow-origin", "*").send({ error: { code: "not_found", message: "Không có hướng dẫn này." } });
    const body = guideForMiniApp(guide);
    const etag = `"v${services.chat.library.version?.(guide.id) ?? 0}-${createHash("sha256").update(JSON.stringify(body)).digest("base64url").slice(0, 16)}"`;
    reply.header("access-control-allow-origin", "*").header("cache-control", "no-cache").header("etag", etag);
    const match = req.headers["if-none-match"];
    if (typeof match === "string" && match.split(",").some((t) => t.trim().replace(/^W\//, "") === etag)) return reply.code(304).send();
    return reply.type("application/json; charset=utf-8").send(body);
  });

  app.get("/miniapp", async (_req, reply) => reply.redirect("/miniapp/", 301));
  const serveFrom = (root: string) => async (req: FastifyRequest<{ Params: { "*": string } }>, reply: FastifyReply) => {
    const rel = req.params["*"] || "index.html";
    const file = resolve(join(root, rel));
    if (file !== root && !file.startsWith(root + sep)) return reply.code(404).send({ error: { code: "not_found", message: "Không có tệp này." } });
    const found = await stat(file).then((s) => s.isFile(), () => false);
    if (!found) {
      if (rel === "index.html") return reply.code(503).type("text/html; charset=utf-8").header("cache-control", "no-store").send(NOT_BUILT);
      return reply.code(404).send({ error: { code: "not_found", message: "Không có tệp này." } });
    }
    const hashed = rel.startsWith("assets/");
    return reply
      .type(TYPES[extname(file).toLowerCase()] ?? "application/octet-stream")
      .header("cache-control", hashed ? "public, max-age=31536000, immutable" : "no-cache")
      .header("x-content-type-options", "nosniff")
      .send(await readFile(file));
  };
  app.get("/miniapp/*", serveFrom(root));
  // The officers' console on a PC: its own build of the same source (miniapp/vite.console.config.ts).
  // The default headers apply (never framed: its login page is a QR code to approve).
  app.get("/console", async (_req, reply) => reply.redirect("/console/", 301));
  app.get("/console/*", serveFrom(resolve(opts.consoleDir ?? DEFAULT_CONSOLE_DIR)));
}
