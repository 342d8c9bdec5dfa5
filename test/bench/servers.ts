/**
 * Child process for the benchmarks: `tsx test/bench/servers.ts webhook|bare <dbPath>` starts one server
 * on a random loopback port and prints "PORT <n>". The load runs in the parent, on the other core.
 */
import Fastify from "fastify";
import { buildApp } from "../../bot/app";
import { systemClock } from "../../bot/clock";
import { loadCommuneConfig } from "../../bot/config/commune";
import { parseEnv } from "../../bot/config/env";
import { createLogger } from "../../bot/logger";
import { createServices } from "../../bot/services";
import { BENCH_CREDENTIALS } from "./credentials";

const [mode, dbPath] = process.argv.slice(2);

async function main() {
  if (mode === "bare") {
    // The baseline: a Fastify route that reads the same body and answers 200, nothing else.
    const app = Fastify({ logger: false });
    app.addContentTypeParser("*", { parseAs: "buffer" }, (_r, body, done) => done(null, body));
    app.post("/webhooks/zalo", async () => ({ ok: true }));
    await app.listen({ port: 0, host: "127.0.0.1" });
    return report(app.server.address());
  }
  const env = parseEnv({
    NODE_ENV: "production",
    LOG_LEVEL: "silent",
    DATABASE_PATH: dbPath,
    ZALO_APP_ID: BENCH_CREDENTIALS.appId,
    ZALO_APP_SECRET: BENCH_CREDENTIALS.appSecret,
    ZALO_OA_ID: BENCH_CREDENTIALS.oaId,
    ZALO_OA_SECRET_KEY: BENCH_CREDENTIALS.oaSecretKey,
    DB_SYNCHRONOUS: process.env.DB_SYNCHRONOUS ?? "FULL",
  });
  const services = createServices({
    env,
    commune: loadCommuneConfig(env.COMMUNE_CONFIG),
    credentials: BENCH_CREDENTIALS,
    endpoints: { openapi: "http://127.0.0.1:9", oauth: "http://127.0.0.1:9", graph: "http://127.0.0.1:9" },
    clock: systemClock,
    logger: createLogger("silent"),
  });
  const app = await buildApp(services);
  if (!process.env.BENCH_NO_WORKER) services.worker.start();
  await app.listen({ port: 0, host: "127.0.0.1" });
  report(app.server.address());
}

function report(addr: unknown) {
  const port = typeof addr === "object" && addr ? (addr as { port: number }).port : 0;
  process.stdout.write(`PORT ${port}\n`);
}

process.on("SIGINT", () => process.exit(0));
main().catch((err) => {
  process.stderr.write(String(err?.stack ?? err));
  process.exit(1);
});
