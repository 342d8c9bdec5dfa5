import { startSimulator } from "./server";

/** `npm run simulator`: a standalone Zalo simulator configured from the environment. */
const env = process.env;
const port = Number(env.SIM_PORT ?? 3900);

const started = await startSimulator({
  port: Number.isFinite(port) ? port : 3900,
  host: env.SIM_HOST ?? "127.0.0.1",
  appId: env.ZALO_APP_ID ?? "1000000000000000001",
  appSecret: env.ZALO_APP_SECRET ?? "demo-app-secret",
  oaId: env.ZALO_OA_ID ?? "2000000000000000002",
  oaSecretKey: env.ZALO_OA_SECRET_KEY ?? "demo-oa-secret-key",
  ...(env.SIM_WEBHOOK_URL ? { webhookUrl: env.SIM_WEBHOOK_URL } : {}),
  ...(env.SIM_RETRY_TIME_SCALE ? { retryTimeScale: Number(env.SIM_RETRY_TIME_SCALE) } : {}),
  logger: env.SIM_LOG === "1",
});

const { url, sim } = started;
const grant = sim.issueGrant();
const lines = [
  "Zalo simulator (Gia Đình Số)",
  `  OA API, OAuth and Graph base URL: ${url}`,
  `  Chat page (play a resident):      ${url}${sim.options.controlPrefix}/`,
  `  Control API:                      ${url}${sim.options.controlPrefix}/api`,
  `  Webhook target:                   ${sim.webhookState().url ?? `(none yet: PUT ${sim.options.controlPrefix}/api/webhook)`}`,
  `  app_id=${sim.options.appId} oa_id=${sim.options.oaId}`,
  `  Starter token pair (also: POST ${sim.options.controlPrefix}/api/oauth/grant):`,
  `    access_token=${grant.access_token}`,
  `    refresh_token=${grant.refresh_token}`,
];
console.log(lines.join("\n"));

const shutdown = () => {
  void started.close().finally(() => process.exit(0));
};
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
