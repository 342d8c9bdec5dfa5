import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { TEST_CREDENTIALS } from "./env";

/** A free loopback port (the OS picks, we release it for the child). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export interface BotProcess {
  child: ChildProcess;
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Runs `npm start`'s entry point as a real child process with the given environment. */
export function startBot(env: Record<string, string>): BotProcess {
  const child = spawn(process.execPath, ["--import", "tsx", "bot/main.ts"], {
    env: { ...process.env, NODE_ENV: "production", LOG_LEVEL: "warn", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (out += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal })),
  );
  return { child, output: () => out, exited };
}

export async function waitForHttp(url: string, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      /* not up yet */
    }
    if (Date.now() > until) throw new Error(`${url} did not answer in ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Environment of a bot in live mode whose Zalo is the given simulator. */
export function liveBotEnv(simUrl: string, refreshToken: string, port: number, dbPath: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    HOST: "127.0.0.1",
    PORT: String(port),
    DATABASE_PATH: dbPath,
    ZALO_APP_ID: TEST_CREDENTIALS.appId,
    ZALO_APP_SECRET: TEST_CREDENTIALS.appSecret,
    ZALO_OA_ID: TEST_CREDENTIALS.oaId,
    ZALO_OA_SECRET_KEY: TEST_CREDENTIALS.oaSecretKey,
    ZALO_OPENAPI_BASE_URL: simUrl,
    ZALO_OAUTH_BASE_URL: simUrl,
    ZALO_GRAPH_BASE_URL: simUrl,
    ZALO_INITIAL_REFRESH_TOKEN: refreshToken,
    OUTBOX_RATE_PER_MINUTE: "120000",
    OUTBOX_CONCURRENCY: "8",
    ...extra,
  };
}
