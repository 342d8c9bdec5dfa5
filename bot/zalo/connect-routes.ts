import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import type { ConnectService } from "./connect-service";
import type { TokenStore } from "./token-store";

export interface ConnectRouteDeps {
  connect: ConnectService;
  tokens: TokenStore;
  /** Where Zalo sends the officer back: PUBLIC_BASE_URL + /zalo/callback. */
  redirectUri(req: FastifyRequest): string;
  adminToken: string | undefined;
}

const callbackQuery = z.object({
  code: z.string().min(1),
  state: z.string().min(1),
  oa_id: z.string().optional(),
});

/** GET /zalo/connect (officer page) and GET /zalo/callback (Zalo's redirect). */
export async function connectRoutes(app: FastifyInstance, deps: ConnectRouteDeps): Promise<void> {
  const allowed = (req: FastifyRequest) => {
    const q = req.query as Record<string, unknown>;
    if (deps.adminToken && (q.key === deps.adminToken || req.headers["x-admin-token"] === deps.adminToken)) return true;
    return ["127.0.0.1", "::1", "::ffff:127.0.0.1"].includes(req.ip);
  };

  app.get("/zalo/connect", async (req, reply) => {
    if (!allowed(req)) return reply.code(403).type("text/html; charset=utf-8").send(page("Không có quyền", "<p>Trang này chỉ mở được trên máy chủ của xã, hoặc với mã quản trị.</p>"));
    const status = deps.tokens.status();
    const consentUrl = deps.connect.begin(deps.redirectUri(req));
    const state =
      status.state === "connected"
        ? `<p class="ok">Đang kết nối. Mã truy cập hết hạn lúc ${fmt(status.accessExpiresAt)}; cần cấp quyền lại trước ${fmt(status.refreshExpiresAt)}.</p>`
        : `<p class="bad">Chưa kết nối Zalo: ${escapeHtml(status.reason)}</p>`;
    return reply
      .type("text/html; charset=utf-8")
      .send(page("Kết nối Zalo OA", `${state}<p><a class="btn" href="${escapeHtml(consentUrl)}">Kết nối / cấp quyền lại cho OA</a></p><p>Đăng nhập bằng tài khoản quản trị OA của xã và bấm “Cho phép”.</p>`));
  });

  app.get("/zalo/callback", async (req, reply) => {
    const q = callbackQuery.safeParse(req.query);
    if (!q.success) return reply.code(400).type("text/html; charset=utf-8").send(page("Thiếu thông tin", "<p>Đường dẫn trả về từ Zalo thiếu mã cấp quyền (code) hoặc state.</p>"));
    const outcome = await deps.connect.complete({ code: q.data.code, state: q.data.state, oaId: q.data.oa_id });
    if (!outcome.ok) return reply.code(400).type("text/html; charset=utf-8").send(page("Chưa kết nối được", `<p class="bad">${escapeHtml(outcome.message)}</p>`));
    return reply.type("text/html; charset=utf-8").send(page("Đã kết nối", '<p class="ok">Đã kết nối Zalo OA của xã. Có thể đóng trang này.</p>'));
  });
}

function fmt(ms: number): string {
  return new Date(ms).toLocaleString("vi-VN", { timeZone: "Asia/Ho_Chi_Minh" });
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${title}</title>
<style>body{font:18px/1.5 system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem}.ok{color:#0a6b2d}.bad{color:#b00020}.btn{display:inline-block;padding:.8rem 1.2rem;background:#0068ff;color:#fff;border-radius:8px;text-decoration:none}</style>
</head><body><h1>${title}</h1>${body}</body></html>`;
}
