import type { FastifyError, FastifyInstance } from "fastify";
import { z } from "zod";
import { ApiError } from "../auth/api-error";

/** Zod issues as one Vietnamese line per field ("days: phải là một số"), never the raw dump. */
function describeIssues(err: z.core.$ZodError): string {
  return err.issues
    .slice(0, 5)
    .map((i) => (i.path.length > 0 ? `${i.path.join(".")}: ${i.message}` : i.message))
    .join("; ");
}

const BY_STATUS: Record<number, string> = {
  400: "Yêu cầu không hợp lệ (dữ liệu gửi lên không đọc được).",
  404: "Không tìm thấy.",
  405: "Yêu cầu không hợp lệ.",
  408: "Gửi dữ liệu quá lâu, máy chủ đã dừng chờ. Vui lòng thử lại.",
  413: "Dữ liệu gửi lên quá lớn.",
  415: "Kiểu dữ liệu gửi lên không được hỗ trợ.",
  429: "Có quá nhiều yêu cầu trong thời gian ngắn. Vui lòng đợi một lát rồi thử lại.",
};

/**
 * The app-wide error answer (route plugins with their own handler, e.g. /api households, keep theirs):
 * an ApiError as `{ error: { code, message, details? } }`; an invalid query or body, whether from a
 * zod `.parse` in a handler or from Fastify's own validation, as 400 with a Vietnamese message; other
 * client errors (too large, not JSON, rate limited) with their status and a Vietnamese message; the
 * rest as 500 without internals. Never a stack, a schema or the raw validation output.
 */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setNotFoundHandler(async (_req, reply) => reply.code(404).send({ error: { code: "not_found", message: BY_STATUS[404] } }));
  app.setErrorHandler(async (err: FastifyError | Error, req, reply) => {
    if (err instanceof ApiError) {
      return reply.code(err.status).send({ error: { code: err.code, message: err.message, ...(err.details !== undefined ? { details: err.details } : {}) } });
    }
    if (err instanceof z.core.$ZodError) {
      return reply.code(400).send({ error: { code: "bad_request", message: `Dữ liệu gửi lên chưa đúng: ${describeIssues(err)}` } });
    }
    const status = (err as FastifyError).statusCode ?? 500;
    if ((err as FastifyError).validation) {
      return reply.code(400).send({ error: { code: "bad_request", message: "Dữ liệu gửi lên chưa đúng." } });
    }
    if (status >= 400 && status < 500) {
      return reply.code(status).send({ error: { code: status === 429 ? "rate_limited" : "bad_request", message: BY_STATUS[status] ?? "Yêu cầu không hợp lệ." } });
    }
    req.log.error({ err }, "unexpected error");
    return reply.code(500).send({ error: { code: "internal", message: "Máy chủ gặp lỗi. Vui lòng thử lại sau; nếu vẫn lỗi, hãy báo cán bộ xã." } });
  });
}
