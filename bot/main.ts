import { randomBytes } from "node:crypto";
import { buildApp } from "./app";
import { systemClock } from "./clock";
import { loadCommuneConfig } from "./config/commune";
import { ConfigError, isLoopbackHost, listenHost, parseEnv, zaloMode } from "./config/env";
import { LeaseHeldError } from "./db/process-lease";
import { createLogger } from "./logger";
import { prepareSandbox } from "./sandbox";
import { createServices, type ZaloCredentials } from "./services";
import type { ZaloEndpoints } from "./zalo/endpoints";
import { BackupScheduler } from "./ops/backup-scheduler";
import { releaseStartupGarbage } from "./ops/memory";
import { assertDatabasePathUsable } from "./ops/preflight";

/** start: config → database → app → workers. Sandbox (no Zalo credentials) mounts the simulator. */
async function main(): Promise<void> {
  const env = parseEnv(process.env);
  // A missing or read-only database folder: say which path and what to do, before SQLite throws.
  assertDatabasePathUsable(env.DATABASE_PATH);
  // Sandbox: an officers' API token for trying things locally, printed below (never in live mode).
  if (zaloMode(env).kind === "sandbox" && !env.ADMIN_TOKEN) env.ADMIN_TOKEN = randomBytes(12).toString("base64url");
  const commune = loadCommuneConfig(env.COMMUNE_CONFIG);
  const mode = zaloMode(env);
  const logger = createLogger(env.LOG_LEVEL);

  const sandbox = mode.kind === "sandbox" ? prepareSandbox(commune) : undefined;
  const credentials: ZaloCredentials = sandbox?.credentials ?? (mode.kind === "live" ? mode : never());
  const endpoints: ZaloEndpoints = sandbox?.endpoints ?? {
    openapi: env.ZALO_OPENAPI_BASE_URL,
    oauth: env.ZALO_OAUTH_BASE_URL,
    graph: env.ZALO_GRAPH_BASE_URL,
  };

  const services = createServices({ env, commune, credentials, endpoints, clock: systemClock, logger });
  // Before anything listens or writes: a second bot on the same database refuses to start (LeaseHeldError).
  services.lease.acquire();
  // Last resort: the background loops catch their own errors; anything that still escapes is logged.
  // A rejected promise nobody awaited is logged and the bot goes on (it is one lost piece of work,
  // not a broken process); an uncaught exception leaves the process in an unknown state: it is logged
  // and the process exits 1 for the supervisor (systemd Restart=always, Docker restart policy) to
  // restart it, which is safe because every piece of work is on disk before it is acknowledged.
  process.on("unhandledRejection", (reason) => logger.error({ err: reason }, "unhandled promise rejection (the bot goes on)"));
  process.on("uncaughtException", (err) => {
    logger.fatal({ err }, "uncaught exception: exiting for the supervisor to restart the bot");
    setTimeout(() => process.exit(1), 200).unref();
  });
  const app = await buildApp(services, { extraPlugins: sandbox ? [sandbox.plugin] : [] });
  const listen = listenHost(env, mode);
  if (sandbox && !isLoopbackHost(listen.host)) {
    logger.warn(
      { host: listen.host },
      "SANDBOX listening beyond this machine (HOST is set): the Zalo simulator at /simulator has no login and mints sessions for anyone who can reach it",
    );
  }
  await app.listen({ host: listen.host, port: env.PORT });
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : env.PORT;
  const local = `http://127.0.0.1:${port}`;

  if (sandbox) {
    await sandbox.connect(services, local);
  } else if (services.tokens.status().state === "never" && env.ZALO_INITIAL_REFRESH_TOKEN) {
    await services.tokens.connectWithRefreshToken(env.ZALO_INITIAL_REFRESH_TOKEN).catch((err) => logger.error({ err }, "zalo: initial refresh token refused"));
  }
  await services.startWorkers();
  const backups = new BackupScheduler({ dbPath: env.DATABASE_PATH, settings: env, timezone: commune.commune.timezone, logger });
  backups.start();

  const lines = [
    `Gia Đình Số: ${commune.commune.kind} ${commune.commune.name}, ${commune.commune.province}${commune.demo ? " (DEMO config)" : ""}`,
    mode.kind === "sandbox" ? "Mode: SANDBOX (no Zalo credentials): talking to the built-in Zalo simulator" : "Mode: LIVE Zalo",
    `Health:    ${local}/healthz   Readiness: ${local}/readyz`,
    `Webhook:   ${local}/webhooks/zalo`,
    ...(sandbox
      ? [
          `Simulator: ${local}/simulator/  (chat as a resident, watch the village groups)`,
          `Mini app:  ${local}/miniapp/  (a household's checklist; add ?as= to play a village head or an officer, see README)`,
          `Officers' API token (sandbox): ${env.ADMIN_TOKEN}  e.g. curl -H 'Authorization: Bearer ${env.ADMIN_TOKEN}' ${local}/api/officer/chat/funnel`,
        ]
      : [`Connect the OA: ${env.PUBLIC_BASE_URL ? env.PUBLIC_BASE_URL.replace(/\/+$/, "") : local}/zalo/connect  (needs PUBLIC_BASE_URL and ADMIN_TOKEN)`]),
  ];
  process.stdout.write(`\n${lines.join("\n")}\n\n`);
  // Start-up garbage (tens of MB after a recount) would otherwise stay in an idle process: collected
  // once the start-up work has settled, and again a minute later.
  for (const ms of [10_000, 60_000]) setTimeout(releaseStartupGarbage, ms).unref();

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down: no new webhooks, finishing the sends in flight");
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    try {
      await app.close();
      await backups.stop();
      await services.stop();
      await sandbox?.close();
    } finally {
      process.exit(0);
    }
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
}

function never(): never {
  throw new Error("unreachable");
}

main().catch((err) => {
  if (err instanceof LeaseHeldError) {
    process.stderr.write(`\n${err.message}\n\nThe bot did not start.\n`);
  } else if (err instanceof ConfigError) {
    process.stderr.write(`\n${err.message}\n\nThe bot did not start. Fix the fields above and try again.\n`);
  } else {
    process.stderr.write(`\nThe bot did not start: ${(err as Error)?.stack ?? String(err)}\n`);
  }
  process.exit(1);
});
