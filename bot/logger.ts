import pino from "pino";
import type { FastifyBaseLogger } from "fastify";

/** Query parameters whose values never reach a log line (secrets, OAuth codes and states). */
const SECRET_PARAMS = /^(key|token|access_token|refresh_token|code|state|session|secret|admin_token|password)$/i;

/** The request line as logged: path kept, the values of secret-looking query parameters replaced. */
export function redactUrl(url: string): string {
  const q = url.indexOf("?");
  if (q < 0) return url;
  const params = new URLSearchParams(url.slice(q + 1));
  let changed = false;
  for (const name of new Set(params.keys())) {
    if (SECRET_PARAMS.test(name)) {
      params.set(name, "[redacted]");
      changed = true;
    }
  }
  return changed ? `${url.slice(0, q)}?${params.toString()}` : url;
}

interface LoggedRequest {
  method?: string;
  url?: string;
  host?: string;
  ip?: string;
  socket?: { remotePort?: number };
}

/**
 * One pino logger for the process; Fastify uses it too. Secrets never reach the log: the
 * Authorization and Cookie headers (and Set-Cookie) are redacted wherever a headers object is logged,
 * and Fastify's request line has the values of secret query parameters replaced (redactUrl).
 */
export function createLogger(level: string, destination?: pino.DestinationStream): FastifyBaseLogger {
  const options: pino.LoggerOptions = {
    level,
    base: { app: "gia-dinh-so" },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: [
        "req.headers.authorization",
        "req.headers.cookie",
        "req.headers[\"x-admin-token\"]",
        "headers.authorization",
        "headers.cookie",
        "headers[\"x-admin-token\"]",
        "res.headers[\"set-cookie\"]",
        // An axios error logged whole: its request config carries the app secret, tokens and form data.
        "err.config.headers.secret_key",
        "err.config.headers.Authorization",
        "err.config.headers.authorization",
        "err.config.headers.access_token",
        "err.config.data",
      ],
      censor: "[redacted]",
    },
    serializers: {
      // Replaces Fastify's own request serializer (pino child loggers keep the parent's serializers).
      req: (req: LoggedRequest) => ({
        method: req.method,
        url: typeof req.url === "string" ? redactUrl(req.url) : req.url,
        host: req.host,
        remoteAddress: req.ip,
        remotePort: req.socket?.remotePort,
      }),
    },
  };
  return (destination ? pino(options, destination) : pino(options)) as unknown as FastifyBaseLogger;
}
