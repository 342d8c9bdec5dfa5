import helmet from "@fastify/helmet";
import type { FastifyInstance, RouteOptions } from "fastify";

export interface SecurityHeaderOptions {
  /** MINIAPP_ORIGINS: Zalo's hosts, the only other sites allowed to frame /miniapp/. */
  miniAppOrigins: readonly string[];
  /** PUBLIC_BASE_URL is https: browsers are told to stay on https (HSTS, upgrade-insecure-requests). */
  https: boolean;
  sandbox: boolean;
}

type Directives = Record<string, string[]>;

/** Every page but the ones below: nothing from elsewhere, no inline script, never framed. */
function baseDirectives(https: boolean): Directives {
  return {
    "default-src": ["'self'"],
    "base-uri": ["'self'"],
    "object-src": ["'none'"],
    "script-src": ["'self'"],
    "script-src-attr": ["'none'"],
    // Inline style attributes and the connection pages' <style>: no script can run from a style.
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
    ...(https ? { "upgrade-insecure-requests": [] } : {}),
  };
}

/**
 * @fastify/helmet on every route, with three policies chosen by path when the route is added:
 * - default: the CSP above, X-Frame-Options DENY, Referrer-Policy no-referrer (the OAuth callback's
 *   code never leaks through a Referer), Cross-Origin-Resource-Policy same-origin;
 * - /miniapp/*: the mini app bundle. It may be framed by the bot itself and by Zalo's hosts
 *   (MINIAPP_ORIGINS, where the mini app runs inside Zalo's webview), so frame-ancestors lists them
 *   instead of 'none' and X-Frame-Options (which cannot name several origins) is left out; its files
 *   are readable cross-origin (the copy inside Zalo loads config and guides from the bot); images
 *   may come from https (Zalo avatars, guide pictures) and zmp-ui's icon font from Zalo's CDN;
 * - sandbox only, /simulator and /zalo-sim: the simulator's self-contained pages run inline
 *   scripts. They exist only in sandbox mode, which listens on 127.0.0.1 and never runs in production.
 * The webhook gets none (it answers Zalo's servers, never a browser).
 */
export async function registerSecurityHeaders(app: FastifyInstance, opts: SecurityHeaderOptions): Promise<void> {
  const base = baseDirectives(opts.https);
  const hsts = opts.https ? { maxAge: 15_552_000, includeSubDomains: false } : false;
  const common = { referrerPolicy: { policy: "no-referrer" as const }, strictTransportSecurity: hsts };

  const miniApp = {
    ...common,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        ...base,
        "img-src": ["'self'", "data:", "blob:", "https:"],
        // zmp-ui's icon font is served by Zalo's CDN.
        "font-src": ["'self'", "data:", "https://h5.zadn.vn", "https://h5.zdn.vn"],
        "frame-ancestors": ["'self'", ...opts.miniAppOrigins],
      },
    },
    frameguard: false,
    crossOriginResourcePolicy: { policy: "cross-origin" as const },
  };
  const simulator = {
    ...common,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: { ...base, "script-src": ["'self'", "'unsafe-inline'"], "img-src": ["'self'", "data:", "blob:", "http:", "https:"] },
    },
  };

  await app.register(helmet, {
    global: true,
    ...common,
    contentSecurityPolicy: { useDefaults: false, directives: base },
    frameguard: { action: "deny" },
  });

  app.addHook("onRoute", (route: RouteOptions) => {
    const url = route.url;
    let policy: object | undefined;
    if (url === "/webhooks/zalo") policy = { skipRoute: true };
    else if (url === "/miniapp" || url.startsWith("/miniapp/")) policy = miniApp;
    else if (opts.sandbox && (url.startsWith("/simulator") || url.startsWith("/zalo-sim"))) policy = simulator;
    if (policy) route.config = { ...(route.config ?? {}), helmet: policy } as typeof route.config;
  });

  // Answers of the API carry personal data: no browser or proxy keeps a copy.
  app.addHook("onSend", async (req, reply, payload) => {
    const path = req.routeOptions.url ?? req.url;
    if (path.startsWith("/api/") || path.startsWith("/zalo/")) reply.header("cache-control", "no-store");
    return payload;
  });
}
