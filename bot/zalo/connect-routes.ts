import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { STATE_MAX_AGE_MS, type ConnectService } from "./connect-service";
import type { TokenStore } from "./token-store";

export interface ConnectRouteDeps {
  connect: ConnectService;
  tokens: TokenStore;
  /**
   * Where Zalo sends the officer back: PUBLIC_BASE_URL + /zalo/callback in live mode, the listening
   * address in sandbox; never the request's Host header. Undefined: not configured (the page says so).
   */
  redirectUri(req: FastifyRequest): string | undefined;
  /** ADMIN_TOKEN is set: without it the page opens for nobody. */
  adminTokenSet: boolean;
  /** The admin token check (constant time): the only key to this page, no address is trusted (loopback included). */
  isAdminToken(given: string | undefined): boolean;
  /** The browser cookie gets `Secure` (PUBLIC_BASE_URL is https). */
  secureCookie: boolean;
  /** Failed token attempts per IP (shared with the officers' API). */
  failures?: {
    /** Seconds to wait when the address has spent its budget. */
    blocked(req: FastifyRequest): Promise<number | undefined>;
    fail(req: FastifyRequest): Promise<void>;
  };
}

export const CONNECT_COOKIE = "gds_oauth";

const callbackQuery = z.object({
  code: z.string().min(1),
  state: z.string().min(1),
  oa_id: z.string().optional(),
});
const connectForm = z.object({ token: z.string().max(512).optional() });

/**
 * The OA connection pages (officers, in a browser):
 *   GET  /zalo/connect   a form asking for the admin token (ADMIN_TOKEN)
 *   POST /zalo/connect   with the token (form field `token`, or `Authorization: Bearer`): the
 *                        connection status and the "connect" button; the browser gets an HttpOnly
 *                        cookie whose nonce the OAuth state is bound to
 *   GET  /zalo/callback  Zalo's redirect: needs that cookie, and Zalo's oa_id equal to the commune's OA
 */
export async function connectRoutes(app: FastifyInstance, deps: ConnectRouteDeps): Promise<void> {
  app.addContentTypeParser("application/x-www-form-urlencoded", { parseAs: "string", bodyLimit: 4096 }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(String(body))));
  });

  const html = (reply: FastifyReply, code: number, title: string, body: string) =>
    reply.code(code).header("cache-control", "no-store").type("text/html; charset=utf-8").send(page(title, body));

  const form = (note = "") =>
    `${note}<form method="post" action="/zalo/connect"><label>Mã quản trị (ADMIN_TOKEN)<br><input type="password" name="token" autocomplete="current-password" required autofocus></label><p><button class="btn" type="submit">Tiếp tục</button></p></form>` +
    "<p>Mã quản trị do người cài đặt máy chủ của xã giữ. Không gửi mã này qua Zalo hay tin nhắn.</p>";

  app.get("/zalo/connect", async (_req, reply) => {
    if (!deps.adminTokenSet) return html(reply, 503, "Chưa thể kết nối", NO_TOKEN);
    return html(reply, 200, "Kết nối Zalo OA", form());
  });

  app.post("/zalo/connect", async (req, reply) => {
    if (!deps.adminTokenSet) return html(reply, 503, "Chưa thể kết nối", NO_TOKEN);
    const wait = await deps.failures?.blocked(req);
    if (wait !== undefined) {
      reply.header("retry-after", String(wait));
      return html(reply, 429, "Tạm khoá", `<p class="bad">Nhập sai mã quá nhiều lần. Vui lòng đợi khoảng ${Math.ceil(wait / 60)} phút rồi thử lại.</p>`);
    }
    const body = connectForm.safeParse(req.body ?? {});
    const given = bearer(req.headers.authorization) ?? (body.success ? body.data.token : undefined);
    if (!deps.isAdminToken(given)) {
      await deps.failures?.fail(req);
      return html(reply, 401, "Kết nối Zalo OA", form('<p class="bad">Mã quản trị không đúng.</p>'));
    }
    const redirectUri = deps.redirectUri(req);
    if (!redirectUri) return html(reply, 503, "Chưa thể kết nối", NO_BASE_URL);
    const status = deps.tokens.status();
    const start = deps.connect.begin(redirectUri);
    reply.header(
      "set-cookie",
      `${CONNECT_COOKIE}=${start.browserNonce}; Path=/zalo/callback; Max-Age=${STATE_MAX_AGE_MS / 1000}; HttpOnly; SameSite=Lax${deps.secureCookie ? "; Secure" : ""}`,
    );
    const state =
      status.state === "connected"
        ? `<p class="ok">Đang kết nối. Mã truy cập hết hạn lúc ${fmt(status.accessExpiresAt)}; cần cấp quyền lại trước ${fmt(status.refreshExpiresAt)}.</p>`
        : `<p class="bad">Chưa kết nối Zalo: ${escapeHtml(status.reason)}</p>`;
    return html(
      reply,
      200,
      "Kết nối Zalo OA",
      `${state}<p><a class="btn" href="${escapeHtml(start.consentUrl)}">Kết nối / cấp quyền lại cho OA</a></p><p>Đăng nhập bằng tài khoản quản trị OA của xã và bấm “Cho phép”, trên chính trình duyệt này, trong vòng 10 phút.</p>`,
    );
  });

  app.get("/zalo/callback", async (req, reply) => {
    const raw = req.query as Record<string, unknown>;
    if (typeof raw.error === "string" && raw.code === undefined) {
      return html(reply, 400, "Chưa kết nối được", '<p class="bad">Zalo báo chưa cấp quyền (đã bấm “Từ chối” hoặc huỷ). Có thể làm lại từ trang kết nối.</p>');
    }
    const q = callbackQuery.safeParse(raw);
    if (!q.success) return html(reply, 400, "Thiếu thông tin", "<p>Đường dẫn trả về từ Zalo thiếu mã cấp quyền (code) hoặc state.</p>");
    const outcome = await deps.connect.complete({
      code: q.data.code,
      state: q.data.state,
      oaId: q.data.oa_id,
      browserNonce: cookie(req.headers.cookie, CONNECT_COOKIE),
    });
    // The nonce is single use, like the state.
    reply.header("set-cookie", `${CONNECT_COOKIE}=; Path=/zalo/callback; Max-Age=0; HttpOnly; SameSite=Lax${deps.secureCookie ? "; Secure" : ""}`);
    if (!outcome.ok) return html(reply, 400, "Chưa kết nối được", `<p class="bad">${escapeHtml(outcome.message)}</p>`);
    return html(reply, 200, "Đã kết nối", '<p class="ok">Đã kết nối Zalo OA của xã. Có thể đóng trang này.</p>');
  });
}

const NO_TOKEN = "<p>Máy chủ chưa đặt mã quản trị (biến môi trường ADMIN_TOKEN), nên trang này không mở cho ai. Người cài đặt đặt ADMIN_TOKEN rồi khởi động lại.</p>";
const NO_BASE_URL =
  "<p>Máy chủ chưa đặt địa chỉ công khai (PUBLIC_BASE_URL, ví dụ https://gds.xa-cua-ban.gov.vn). Zalo cần địa chỉ này để trả người dùng về sau khi cấp quyền. Người cài đặt đặt PUBLIC_BASE_URL rồi khởi động lại.</p>";

/** The credential of `Authorization: Bearer <credential>` (never a query string). */
function bearer(header: string | undefined): string | undefined {
  const m = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return m ? m[1] : undefined;
}

/** One cookie's value from a Cookie header (no other cookie is read by the bot). */
export function cookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim() || undefined;
  }
  return undefined;
}

function fmt(ms: number): string {
  return new Date(ms).toLocaleString("vi-VN", { timeZone: "Asia/Ho_Chi_Minh" });
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${title}</title>
<style>body{font:18px/1.5 system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem}.ok{color:#0a6b2d}.bad{color:#b00020}.btn{display:inline-block;padding:.8rem 1.2rem;background:#0068ff;color:#fff;border:0;border-radius:8px;text-decoration:none;font:inherit;cursor:pointer}input{font:inherit;padding:.5rem;width:100%;max-width:24rem}</style>
</head><body><h1>${title}</h1>${body}</body></html>`;
}
