import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { applyFault, header } from "./http-util";
import type { Simulator } from "./simulator";
import { decideConsent, exchangeToken, requestPermission } from "./tokens";
import { OAUTH, oauthError } from "./zalo-errors";

/** oauth.zaloapp.com: OAuth v4 for an OA (consent page, token endpoint). */

const PermissionQuery = z.object({
  app_id: z.string().optional(),
  redirect_uri: z.string().optional(),
  code_challenge: z.string().optional(),
  state: z.string().optional(),
});

const TokenForm = z.object({
  app_id: z.string().optional(),
  grant_type: z.string().optional(),
  code: z.string().optional(),
  code_verifier: z.string().optional(),
  refresh_token: z.string().optional(),
});

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function consentPage(decideUrl: string, redirectUri: string): string {
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Cấp quyền cho ứng dụng</title>
<style>body{font:18px/1.5 system-ui,sans-serif;max-width:34rem;margin:3rem auto;padding:0 1rem}a{display:inline-block;padding:.7rem 1.4rem;margin:.4rem;border-radius:.5rem;text-decoration:none;font-weight:600}.ok{background:#0068ff;color:#fff}.no{background:#eee;color:#333}</style>
</head><body><h1>Zalo (mô phỏng): cấp quyền</h1>
<p>Ứng dụng muốn quản lý Official Account của bạn. Sau khi đồng ý, trình duyệt sẽ quay về:<br><code>${escapeHtml(redirectUri)}</code></p>
<a class="ok" href="${escapeHtml(`${decideUrl}&allow=1`)}">Đồng ý</a><a class="no" href="${escapeHtml(`${decideUrl}&allow=0`)}">Từ chối</a>
</body></html>`;
}

export async function oauthRoutes(app: FastifyInstance, opts: { sim: Simulator }): Promise<void> {
  const sim = opts.sim;
  const ctx = sim.ctx;

  // The OAuth host answers in its own error shape (a guess: see zalo-errors.ts).
  app.setErrorHandler(async (err: Error & { statusCode?: number }, req, reply) => {
    if ((err.statusCode ?? 500) >= 500) req.log.error(err);
    return reply.code(200).send(oauthError(OAUTH.INVALID_PARAM, err.message || "Invalid parameter"));
  });

  app.get("/v4/oa/permission", async (req, reply) => {
    const q = PermissionQuery.safeParse(req.query);
    if (!q.success) return oauthError(OAUTH.INVALID_PARAM, "Invalid parameter");
    const outcome = requestPermission(ctx, q.data);
    if (outcome.kind === "redirect") return reply.redirect(outcome.location, 302);
    if (outcome.kind === "error") return outcome.body;
    const decide = `${ctx.opts.zaloPrefix}/v4/oa/permission/decide?request_id=${encodeURIComponent(outcome.requestId)}`;
    return reply.type("text/html; charset=utf-8").send(consentPage(decide, outcome.redirect_uri));
  });

  app.get("/v4/oa/permission/decide", async (req, reply) => {
    const q = z.object({ request_id: z.string(), allow: z.string().optional() }).safeParse(req.query);
    const location = q.success ? decideConsent(ctx, q.data.request_id, q.data.allow === "1") : undefined;
    if (!location) return oauthError(OAUTH.INVALID_PARAM, "Unknown or already decided permission request");
    return reply.redirect(location, 302);
  });

  app.post("/v4/oa/access_token", async (req, reply) => {
    if (await applyFault(sim, "token", "oauth", reply)) return reply;
    const form = TokenForm.safeParse(req.body ?? {});
    if (!form.success) return oauthError(OAUTH.INVALID_PARAM, "Invalid parameter");
    return exchangeToken(ctx, form.data, header(req, "secret_key"));
  });
}
