import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { useVietnameseValidationMessages } from "../../shared/contracts/zod-messages";
import { isDatabaseFault } from "../db/faults";
import { ApiError } from "../auth/api-error";

/**
 * One error answer for every route, in Vietnamese, addressing the reader as "bác" where it
 * addresses them at all:
 *
 *   { "error": { "code": "bad_request", "message": "Dữ liệu gửi lên chưa đúng: Tên hộ còn thiếu.",
 *                "details": { "issues": [{ "path": ["label"], "message": "còn thiếu" }] } } }
 *
 * `code` is stable for programs, `message` is what a person reads, `details.issues` (invalid input
 * only) lets a form mark the wrong field. Never a stack, a schema, zod's or Fastify's English.
 */
export interface ErrorAnswer {
  error: { code: string; message: string; details?: unknown };
}

/** What a person calls the fields of the requests (the contracts' names are English identifiers). */
const FIELD_NAMES: Record<string, string> = {
  label: "Tên hộ",
  villageId: "Thôn",
  village: "Thôn",
  flags: "Loại hộ",
  business: "Hộ kinh doanh",
  producer: "Hộ sản xuất",
  memberName: "Tên gọi trong nhà",
  joinAsMember: "Vào hộ",
  status: "Trạng thái",
  code: "Mã",
  changes: "Câu trả lời",
  criterionId: "Tiêu chí",
  value: "Câu trả lời",
  note: "Ghi chú",
  verified: "Xác minh",
  idempotencyKey: "Mã lần gửi",
  householdId: "Mã hộ",
  week: "Tuần",
  weeks: "Số tuần",
  days: "Số ngày",
  limit: "Số dòng",
  before: "Vị trí trang",
  after: "Vị trí trang",
  missing: "Tiêu chí còn thiếu",
  incomplete: "Bộ lọc",
  left: "Bộ lọc",
  table: "Bảng",
  file: "Tên tệp",
  smartphoneUsers: "Số người dùng điện thoại thông minh",
  installed: "Số người đã cài đặt",
  activated: "Số người đã kích hoạt",
  regularUsers: "Số người dùng thường xuyên",
  difficulties: "Khó khăn, vướng mắc",
  proposals: "Kiến nghị, đề xuất",
  appUserId: "Mã người dùng",
  oaUserId: "Mã người dùng trên trang Zalo của xã",
  reference: "Số hiệu đơn yêu cầu",
  confirmationToken: "Mã xác nhận",
  accessToken: "Mã đăng nhập Zalo",
  role: "Vai trò",
  fix: "Sửa",
  title: "Tiêu đề",
  text: "Nội dung",
  audience: "Người nhận",
  sendAt: "Giờ gửi",
  cron: "Lịch gửi",
  enabled: "Bật",
  template: "Mẫu tin",
  name: "Tên",
};

/** A schema's own message is a sentence ("Ghi chú dài quá 500 ký tự."); zod's defaults are phrases ("còn thiếu"). */
const isSentence = (m: string) => m.length > 0 && m[0] !== m[0]!.toLowerCase();

/** One plain sentence for an issue: "Tên hộ còn thiếu.", or the schema's own sentence. */
export function issueSentence(i: { path: readonly PropertyKey[]; message: string }): string {
  const msg = i.message.trim();
  const sentence = isSentence(msg)
    ? msg
    : (() => {
        const key = [...i.path].reverse().find((p): p is string => typeof p === "string");
        const name = key === undefined ? "Dữ liệu" : (FIELD_NAMES[key] ?? `Mục “${key}”`);
        const row = i.path.find((p): p is number => typeof p === "number");
        return `${name}${row !== undefined ? ` (dòng ${row + 1})` : ""} ${msg}`;
      })();
  return /[.!?…]$/.test(sentence) ? sentence : `${sentence}.`;
}

/** Invalid input as the one 400 answer: a Vietnamese message and the issues by field. */
export function validationError(err: z.core.$ZodError, what = "gửi lên"): ApiError {
  const sentences = [...new Set(err.issues.map(issueSentence))];
  const message = `Dữ liệu ${what} chưa đúng: ${sentences.slice(0, 5).join(" ")}${sentences.length > 5 ? " …" : ""}`;
  return new ApiError("bad_request", message, { issues: err.issues.slice(0, 50).map((i) => ({ path: i.path.map((p) => (typeof p === "symbol" ? String(p) : p)), message: i.message })) });
}

/** Parse input from outside with its contract; invalid input throws the one 400 answer. */
export function parseInput<T>(schema: z.ZodType<T>, value: unknown, what?: string): T {
  const r = schema.safeParse(value ?? {});
  if (!r.success) throw validationError(r.error, what);
  return r.data;
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

const INTERNAL = "Máy chủ gặp lỗi. Vui lòng thử lại sau; nếu vẫn lỗi, hãy báo cán bộ xã.";
const BUSY = "Hệ thống đang bận ghi dữ liệu nên chưa lưu được; chưa có gì thay đổi. Vui lòng đợi một lát rồi thử lại.";

/** Any error as status and answer. 5xx are logged (with `where`), never shown. */
export function errorAnswer(err: FastifyError | Error, req: FastifyRequest, where = "unexpected error"): { status: number; body: ErrorAnswer } {
  if (err instanceof ApiError) {
    return { status: err.status, body: { error: { code: err.code, message: err.message, ...(err.details !== undefined ? { details: err.details } : {}) } } };
  }
  if (err instanceof z.core.$ZodError) return errorAnswer(validationError(err), req, where);
  const status = (err as FastifyError).statusCode ?? 500;
  if ((err as FastifyError).validation) return { status: 400, body: { error: { code: "bad_request", message: "Dữ liệu gửi lên chưa đúng." } } };
  if (status >= 400 && status < 500) {
    return { status, body: { error: { code: status === 429 ? "rate_limited" : status === 404 ? "not_found" : "bad_request", message: BY_STATUS[status] ?? "Yêu cầu không hợp lệ." } } };
  }
  // The database refused the write for now (another process's lock, a full disk): nothing was saved.
  if (isDatabaseFault(err)) {
    req.log.warn({ err }, `${where} (database refused the write)`);
    return { status: 503, body: { error: { code: "unavailable", message: BUSY } } };
  }
  req.log.error({ err }, where);
  return { status: 500, body: { error: { code: "internal", message: INTERNAL } } };
}

/** The error handler, for the app and for route plugins that set their own scope's handler. */
export function errorHandlerFor(where = "unexpected error") {
  // zod's own messages in Vietnamese from here on (idempotent; the app installs them too).
  useVietnameseValidationMessages();
  return async (err: FastifyError | Error, req: FastifyRequest, reply: FastifyReply) => {
    const { status, body } = errorAnswer(err, req, where);
    return reply.code(status).send(body);
  };
}

/**
 * The app-wide error answer (route plugins that set their own handler use `errorHandlerFor`, the same
 * answers): an ApiError as `{ error: { code, message, details? } }`; an invalid query or body, whether
 * from a zod `.parse` in a handler or from Fastify's own validation, as 400 with a Vietnamese message
 * and the issues by field; other client errors (too large, not JSON, rate limited) with their status
 * and a Vietnamese message; the rest as 500 without internals.
 */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setNotFoundHandler(async (_req, reply) => reply.code(404).send({ error: { code: "not_found", message: BY_STATUS[404]! } } satisfies ErrorAnswer));
  app.setErrorHandler(errorHandlerFor());
}
