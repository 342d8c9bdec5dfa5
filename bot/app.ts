import type { AddressInfo } from "node:net";
import Fastify, { type FastifyInstance, type FastifyRequest } from "fastify";
import { useVietnameseValidationMessages } from "../shared/contracts/zod-messages";
import { zaloMode, type Env } from "./config/env";
import { derived, type CommuneConfig } from "./config/commune";
import { communeRoutes } from "./commune";
import { criteriaRoutes } from "./criteria";
import { householdRoutes } from "./households/routes";
import { createDash, dashRoutes } from "./reports/dash-routes";
import { registerCors } from "./ops/cors";
import { registerErrorHandler } from "./ops/error-handler";
import { miniAppStatic } from "./ops/miniapp-static";
import { databaseCheck, healthRoutes, zaloCheck } from "./ops/health-routes";
import { adminTokenMatcher } from "./ops/admin-token";
import { auditName, officerGuard } from "./ops/officer-auth";
import { failureBudget, registerRateLimits } from "./ops/rate-limits";
import { registerSecurityHeaders } from "./ops/security-headers";
import type { Services } from "./services";
import { outboxPauseRoutes, sendingCheck } from "./outbox/pause-routes";
import { connectRoutes } from "./zalo/connect-routes";
import { RejectedEventsRepo, rejectedEventsCheck } from "./zalo/rejected-events";
import { webhookRoutes } from "./zalo/webhook-route";

export interface AppOptions {
  /** Registered before listen, e.g. the simulator in sandbox mode. */
  extraPlugins?: ((app: FastifyInstance) => Promise<void>)[];
}

/**
 * Fastify's server options from the environment: which proxies to believe (TRUST_PROXY, none by
 * default), and limits that cut slow or oversized requests: the whole request must arrive within
 * REQUEST_TIMEOUT_MS (Node checks pending requests every quarter of that, at most every 5 s), idle
 * sockets close after CONNECTION_TIMEOUT_MS, bodies above BODY_LIMIT_BYTES are refused with 413.
 */
export function serverOptions(env: Env) {
  const requestTimeout = env.REQUEST_TIMEOUT_MS;
  return {
    // A hop count as proxy-addr reads it: the n addresses nearest to the socket are proxies.
    trustProxy: typeof env.TRUST_PROXY === "number" ? trustHops(env.TRUST_PROXY) : env.TRUST_PROXY,
    bodyLimit: env.BODY_LIMIT_BYTES,
    requestTimeout,
    connectionTimeout: env.CONNECTION_TIMEOUT_MS,
    keepAliveTimeout: env.KEEP_ALIVE_TIMEOUT_MS,
    http: {
      requestTimeout,
      headersTimeout: requestTimeout,
      connectionsCheckingInterval: Math.min(5_000, Math.max(100, Math.floor(requestTimeout / 4))),
    },
  };
}

function trustHops(n: number) {
  return (_address: string, hop: number) => hop < n;
}

/** The person's name as the commune config knows them, by their mini app id (officers and village heads). */
function configuredNames(commune: CommuneConfig): (appUserId: string) => string | undefined {
  // Rebuilt when the admin edits the commune's people (the document is live: bot/commune).
  const names = derived(commune, (c) => {
    const m = new Map<string, string>();
    for (const p of [...c.officers, ...c.villages.map((v) => v.head)]) if (p.appUserId && !m.has(p.appUserId)) m.set(p.appUserId, p.name);
    return m;
  });
  return (id) => names().get(id);
}

/** The Fastify app over already-built services; tests use it through inject or a port. */
export async function buildApp(services: Services, options: AppOptions = {}): Promise<FastifyInstance> {
  const { env } = services.config;
  useVietnameseValidationMessages();
  const sandbox = zaloMode(env).kind === "sandbox";
  const https = env.PUBLIC_BASE_URL?.startsWith("https:") ?? false;
  const app = Fastify({ loggerInstance: services.config.logger, ...serverOptions(env) });
  registerErrorHandler(app);
  // Before every route: both act through onRoute hooks on the routes registered after them.
  await registerSecurityHeaders(app, { miniAppOrigins: env.MINIAPP_ORIGINS, https, sandbox });
  await registerRateLimits(app, env);
  const authFailures = failureBudget(app, env.RATE_LIMIT_AUTH_FAILURES, 15 * 60_000);
  registerCors(app, { origins: env.MINIAPP_ORIGINS, sandbox });
  let accepting = true;
  app.addHook("preClose", async () => {
    accepting = false;
    closeKeptAliveConnections(app);
  });
  // While closing, every answer ends its connection: a keep-alive socket must not hold the stop.
  app.addHook("onSend", async (_req, reply, payload) => {
    if (!accepting) reply.header("connection", "close");
    return payload;
  });

  await app.register(healthRoutes, {
    checks: [databaseCheck(services.database), zaloCheck(services.tokens), rejectedEventsCheck(new RejectedEventsRepo(services.database.sqlite), services.config.clock), sendingCheck(services.sender)],
  });
  await app.register(webhookRoutes, {
    bodyLimit: env.WEBHOOK_BODY_LIMIT_BYTES,
    intake: services.intake,
    onStored: () => services.worker.kick(),
    accepting: () => accepting,
  });
  await app.register(connectRoutes, {
    connect: services.connect,
    tokens: services.tokens,
    adminTokenSet: env.ADMIN_TOKEN !== undefined,
    isAdminToken: adminTokenMatcher(env.ADMIN_TOKEN),
    secureCookie: https,
    failures: authFailures,
    // Never from the Host header: the configured public address, or in sandbox the listening one.
    redirectUri: (_req: FastifyRequest) =>
      sandbox ? `${listeningBase(app)}/zalo/callback` : env.PUBLIC_BASE_URL ? `${env.PUBLIC_BASE_URL.replace(/\/+$/, "")}/zalo/callback` : undefined,
  });
  const officers = officerGuard({
    adminToken: env.ADMIN_TOKEN,
    authenticate: (h) => services.gds.auth.authenticate(h),
    configuredName: configuredNames(services.config.commune),
    failures: authFailures,
  });
  await services.chat.routes(officers.guard, officers.officerName)(app);
  await services.chat.teamRoutes(officers.guard, officers.officerName, (h) => services.gds.auth.authenticate(h))(app); // before householdRoutes (API_ROUTES check)
  await services.broadcasts.routes(officers.guard, officers.officerName)(app);
  await services.tickets.routes(officers.guard, officers.officerName)(app);
  await services.groups.routes(officers.guard)(app);
  await app.register(outboxPauseRoutes, {
    requireOfficer: officers.guard,
    officerName: officers.officerName,
    sender: services.sender,
    history: (n: number) => services.outboxPauses.recent(n),
    viewer: (h: string | undefined) => services.gds.auth.authenticate(h),
    connection: () => {
      const z = services.tokens.status();
      return { connected: z.state === "connected" || z.state === "degraded", notice: z.state === "connected" ? undefined : z.notice };
    },
  });
  await app.register(services.console.routes, { console: services.console.service, auth: services.gds.auth }); // before householdRoutes too
  await services.privacy.routes(officers.guard, officers.officerName)(app); // before householdRoutes: it checks every API_ROUTES row is registered
  await app.register(communeRoutes, {
    service: services.commune.service,
    store: services.commune.store,
    authenticate: (h: string | undefined) => services.gds.auth.authenticate(h),
    configuredName: configuredNames(services.config.commune),
  }); // before householdRoutes too
  await app.register(criteriaRoutes, {
    service: services.criteria.service,
    authenticate: (h: string | undefined) => services.gds.auth.authenticate(h),
    configuredName: configuredNames(services.config.commune),
  }); // before householdRoutes too
  const names = configuredNames(services.config.commune);
  await services.guides.routes(officers.guard, officers.officerName, services.gds.auth, (id) => auditName(id, names(id)))(app); // before householdRoutes too
  await services.segments.routes(app); // before householdRoutes too
  const g = services.gds;
  const dash = createDash({ reports: g.reports, villageReports: g.villageReports, catalogue: g.catalogue, commune: services.config.commune, clock: g.clock });
  await app.register(dashRoutes, { dash, authenticate: (h: string | undefined) => g.auth.authenticate(h) }); // before householdRoutes too
  await app.register(householdRoutes, {
    services: services.gds,
    commune: services.config.commune,
    limits: { loginPerMinute: env.RATE_LIMIT_LOGIN_PER_MINUTE, codesPerHour: env.RATE_LIMIT_CODES_PER_HOUR },
  });
  await app.register(miniAppStatic, { services });
  for (const plugin of options.extraPlugins ?? []) await plugin(app);
  return app;
}

/**
 * Fastify closes the idle keep-alive connections once, when the stop begins. A request that was in
 * flight then (a webhook from Zalo, say) leaves its connection idle afterwards, and the stop would wait
 * for KEEP_ALIVE_TIMEOUT_MS (72 s) — longer than a service manager waits before kill -9. Close idle
 * connections again until the server has closed.
 */
function closeKeptAliveConnections(app: FastifyInstance): void {
  const server = app.server;
  if (!server.listening) return;
  const timer = setInterval(() => server.closeIdleConnections(), 100);
  timer.unref();
  server.once("close", () => clearInterval(timer));
}

/** http://<address>:<port> the server listens on (a wildcard address is reached through loopback). */
function listeningBase(app: FastifyInstance): string {
  const a = app.server.address() as AddressInfo | null;
  if (!a || typeof a !== "object") return "http://127.0.0.1";
  const host = a.address === "0.0.0.0" || a.address === "::" ? "127.0.0.1" : a.family === "IPv6" ? `[${a.address}]` : a.address;
  return `http://${host}:${a.port}`;
}
