import pino from "pino";
import type { FastifyBaseLogger } from "fastify";

/** One pino logger for the process; Fastify uses it too. */
export function createLogger(level: string): FastifyBaseLogger {
  return pino({ level, base: { app: "gia-dinh-so" }, timestamp: pino.stdTimeFunctions.isoTime }) as unknown as FastifyBaseLogger;
}
