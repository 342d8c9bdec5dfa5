/**
 * The API's routes as data: method, path, who may call it, request and response contracts. The bot
 * registers exactly these routes (it refuses to start with an undocumented one) and serves the OpenAPI
 * document generated from them at /docs.
 */
import { z } from "zod";
import { LoginResponse, Me, OaLinkCodeResponse, RoleGrantList, RoleGrantRequest, RoleGrantView, ZaloLoginRequest } from "./auth";
import { ErrorBody, HouseholdIdParam, VillageIdParam, WeekKey } from "./common";
import {
  ConsoleLinkLoginRequest,
  ConsoleQrApproveRequest,
  ConsoleQrInspectResponse,
  ConsoleQrPollRequest,
  ConsoleQrPollResponse,
  ConsoleQrRequestResponse,
  ConsoleSession,
  ConsoleSessionList,
  ConsoleSessionParam,
} from "./console";
import {
  CommuneEdit,
  CommuneEditResponse,
  CommuneHistory,
  CommuneHistoryQuery,
  CommuneImportRequest,
  CommuneImportResponse,
  CommuneView,
  PersonKeyParam,
  StaffLinkCodeResponse,
  StaffLinkRequest,
  StaffLinkResponse,
} from "./commune";
import { TeamCalendar, TeamCalendarQuery } from "./team";
import { CriteriaAdminView, CriteriaAdoptRequest, CriteriaAdoptResponse, CriteriaPreview, CriteriaPreviewRequest } from "./criteria";
import { ErasureConfirmRequest, ErasurePreview, ErasureResult, MyDataExport } from "./privacy";
import { DeclareSegmentsRequest, HouseholdSegments, SegmentAdminView, SegmentCheckRequest, SegmentCheckResponse, SegmentCreateRequest, SegmentDecisionRequest, SegmentIdParam, SegmentList, SegmentProgress, SegmentUpdateRequest, SegmentView } from "./segments";
import {
  AnswersRequest,
  AnswersResponse,
  CatalogueView,
  HistoryQuery,
  HistoryResponse,
  HouseholdView,
  InviteResponse,
  JoinHouseholdRequest,
  RegisterHouseholdRequest,
  UpdateHouseholdRequest,
  VerifyRequest,
  VillageHouseholdsQuery,
  VillageHouseholdsResponse,
  VillageList,
} from "./households";
import {
  AggregateCheckResponse,
  CompletenessQuery,
  ReportingCompleteness,
  SilentHouseholds,
  SilentQuery,
  CommuneDashboard,
  DashParams,
  DashQuery,
  DashTable,
  ExportQuery,
  TrendQuery,
  TrendResponse,
  VillageDashboard,
  VillageReportRequest,
  VillageReportView,
  VillageReportsOverview,
  VillageStandings,
  WeekReport,
} from "./reports";

/** A week key, or "current" for the week now (commune timezone). */
export const WeekOrCurrent = z.union([WeekKey, z.literal("current")]);
export const WeekPathParam = z.object({ week: WeekOrCurrent });
export const WeekQuery = z.object({ week: WeekOrCurrent.optional() });
export const VillageWeekParams = VillageIdParam.extend({ week: WeekOrCurrent });
export const ExportParams = z.object({ file: z.string().regex(/^(\d{4}-W\d{2}|current)\.(xlsx|csv)$/, "Tên tệp phải có dạng 2026-W29.xlsx hoặc 2026-W29.csv.") });
export const AggregateCheckRequest = z.object({ fix: z.boolean().default(false) }).meta({ id: "AggregateCheckRequest" });
export const FreezeResponse = z.object({ week: z.string(), frozen: z.boolean() }).meta({ id: "FreezeResponse" });
export const RoleRevokeQuery = z.object({ role: z.enum(["officer", "village_head"]), villageId: z.string().optional() });
export const AppUserIdParam = z.object({ appUserId: z.string().regex(/^\d{1,25}$/) });
export const VerifyResponse = z.object({ outcome: z.enum(["changed", "unchanged", "replayed"]), household: HouseholdView }).meta({ id: "VerifyResponse" });
export const Ok = z.object({ ok: z.literal(true) }).meta({ id: "Ok" });

export interface ApiRoute {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** Fastify syntax (":param"). */
  path: string;
  summary: string;
  tag: "Đăng nhập" | "Hộ gia đình" | "Thôn" | "Báo cáo" | "Quản trị" | "Dữ liệu cá nhân";
  /** Who may call it: checked on the server for every request. */
  who: string;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  response: z.ZodType;
  /** Non-JSON answers (file downloads). */
  produces?: string[];
}

const household = "thành viên của hộ, trưởng thôn của thôn đó, cán bộ xã";

export const API_ROUTES: readonly ApiRoute[] = [
  { method: "POST", path: "/api/auth/zalo", tag: "Đăng nhập", summary: "Đăng nhập bằng mã truy cập Zalo của mini app (kiểm tra với Zalo Graph /v2.0/me)", who: "mọi người", body: ZaloLoginRequest, response: LoginResponse },
  { method: "POST", path: "/api/console/login-requests", tag: "Đăng nhập", summary: "Máy tính xin mã QR đăng nhập trang quản lý (3 phút)", who: "mọi người", response: ConsoleQrRequestResponse },
  { method: "POST", path: "/api/console/login-requests/poll", tag: "Đăng nhập", summary: "Máy tính hỏi mã QR đã được duyệt chưa; khi đã duyệt, nhận phiên (một lần)", who: "máy tính giữ pollSecret", body: ConsoleQrPollRequest, response: ConsoleQrPollResponse },
  { method: "POST", path: "/api/console/login-requests/inspect", tag: "Đăng nhập", summary: "Trước khi duyệt: máy tính nào xin đăng nhập, lúc nào", who: "cán bộ xã", body: ConsoleQrApproveRequest, response: ConsoleQrInspectResponse },
  { method: "POST", path: "/api/console/login-requests/approve", tag: "Đăng nhập", summary: "Cán bộ quét mã QR trên máy tính bằng mini app để đăng nhập máy tính đó", who: "cán bộ xã", body: ConsoleQrApproveRequest, response: Ok },
  { method: "POST", path: "/api/console/link-login", tag: "Đăng nhập", summary: "Đăng nhập bằng đường dẫn một lần nhận trong khung chat Zalo (10 phút)", who: "người có đường dẫn", body: ConsoleLinkLoginRequest, response: ConsoleSession },
  { method: "POST", path: "/api/console/session/refresh", tag: "Đăng nhập", summary: "Gia hạn phiên trên máy tính (không quá 12 giờ sau khi đăng nhập)", who: "phiên trên máy tính", response: ConsoleSession },
  { method: "DELETE", path: "/api/console/session", tag: "Đăng nhập", summary: "Đăng xuất máy tính này", who: "phiên trên máy tính", response: Ok },
  { method: "GET", path: "/api/admin/console-sessions", tag: "Quản trị", summary: "Các máy tính đang đăng nhập trang quản lý", who: "quản trị viên", response: ConsoleSessionList },
  { method: "DELETE", path: "/api/admin/console-sessions/:sid", tag: "Quản trị", summary: "Đăng xuất một máy tính", who: "quản trị viên", params: ConsoleSessionParam, response: Ok },
  { method: "GET", path: "/api/me", tag: "Đăng nhập", summary: "Tôi là ai: vai trò và hộ của tôi", who: "người đã đăng nhập", response: Me },
  { method: "POST", path: "/api/me/oa-link-code", tag: "Đăng nhập", summary: "Mã 6 số để gõ vào khung chat Zalo OA (liên kết khung chat với hộ)", who: "thành viên một hộ", response: OaLinkCodeResponse },
  { method: "GET", path: "/api/me/data", tag: "Dữ liệu cá nhân", summary: "Tải mọi dữ liệu xã đang giữ về tôi (JSON)", who: "người đã đăng nhập", response: MyDataExport },
  { method: "POST", path: "/api/me/data/erasure-request", tag: "Dữ liệu cá nhân", summary: "Xem trước việc xoá dữ liệu của tôi và nhận mã xác nhận (10 phút)", who: "người đã đăng nhập", response: ErasurePreview },
  { method: "POST", path: "/api/me/data/erase", tag: "Dữ liệu cá nhân", summary: "Xoá dữ liệu của tôi (không hoàn tác được); phiên đăng nhập kết thúc", who: "người đã đăng nhập", body: ErasureConfirmRequest, response: ErasureResult },
  { method: "DELETE", path: "/api/me/household", tag: "Hộ gia đình", summary: "Rời hộ hiện tại", who: "thành viên một hộ", response: Ok },
  { method: "GET", path: "/api/catalogue", tag: "Hộ gia đình", summary: "Bộ tiêu chí “Gia đình số” của xã", who: "người đã đăng nhập", response: CatalogueView },
  { method: "GET", path: "/api/villages", tag: "Thôn", summary: "Danh sách thôn của xã", who: "người đã đăng nhập", response: VillageList },
  { method: "POST", path: "/api/households", tag: "Hộ gia đình", summary: "Đăng ký hộ (người dân: hộ của mình; trưởng thôn/cán bộ: hộ trong thôn)", who: "người đã đăng nhập", body: RegisterHouseholdRequest, response: HouseholdView },
  { method: "POST", path: "/api/households/join", tag: "Hộ gia đình", summary: "Tham gia hộ bằng mã mời", who: "người chưa thuộc hộ nào", body: JoinHouseholdRequest, response: HouseholdView },
  { method: "GET", path: "/api/households/:householdId", tag: "Hộ gia đình", summary: "Thông tin hộ, câu trả lời từng tiêu chí, tiến độ", who: household, params: HouseholdIdParam, response: HouseholdView },
  { method: "PATCH", path: "/api/households/:householdId", tag: "Hộ gia đình", summary: "Sửa tên hộ, loại hộ; chuyển thôn (cán bộ); lưu trữ/khôi phục (trưởng thôn, cán bộ)", who: household, params: HouseholdIdParam, body: UpdateHouseholdRequest, response: HouseholdView },
  { method: "POST", path: "/api/households/:householdId/invites", tag: "Hộ gia đình", summary: "Tạo mã mời người trong hộ", who: household, params: HouseholdIdParam, response: InviteResponse },
  { method: "POST", path: "/api/households/:householdId/answers", tag: "Hộ gia đình", summary: "Trả lời tiêu chí (đạt / chưa đạt / không áp dụng), mỗi thay đổi có idempotencyKey", who: household, params: HouseholdIdParam, body: AnswersRequest, response: AnswersResponse },
  { method: "POST", path: "/api/households/:householdId/verifications", tag: "Hộ gia đình", summary: "Trưởng thôn xác minh (hoặc bỏ xác minh) một tiêu chí hộ đã đạt", who: "trưởng thôn của thôn đó, cán bộ xã", params: HouseholdIdParam, body: VerifyRequest, response: VerifyResponse },
  { method: "GET", path: "/api/households/:householdId/history", tag: "Hộ gia đình", summary: "Lịch sử thay đổi câu trả lời (ai, khi nào, từ, thành)", who: household, params: HouseholdIdParam, query: HistoryQuery, response: HistoryResponse },
  { method: "GET", path: "/api/villages/standings", tag: "Thôn", summary: "Xếp hạng các thôn: % hộ đạt “Gia đình số”, số hộ còn thiếu để đạt mục tiêu (chỉ số liệu tổng)", who: "người đã đăng nhập", response: VillageStandings },
  { method: "GET", path: "/api/villages/:villageId/dashboard", tag: "Thôn", summary: "Số liệu tổng của thôn theo từng tiêu chí", who: "hộ trong thôn, trưởng thôn, cán bộ xã", params: VillageIdParam, response: VillageDashboard },
  { method: "GET", path: "/api/villages/:villageId/households", tag: "Thôn", summary: "Danh sách hộ và tiêu chí còn thiếu (lọc theo tiêu chí)", who: "trưởng thôn của thôn đó, cán bộ xã", params: VillageIdParam, query: VillageHouseholdsQuery, response: VillageHouseholdsResponse },
  { method: "GET", path: "/api/villages/:villageId/team-sessions", tag: "Thôn", summary: "Lịch tổ dịch vụ công lưu động của thôn (cả buổi đã huỷ)", who: "trưởng thôn của thôn đó, cán bộ xã", params: VillageIdParam, query: TeamCalendarQuery.omit({ villageId: true }), response: TeamCalendar },
  { method: "PUT", path: "/api/villages/:villageId/reports/:week", tag: "Báo cáo", summary: "Trưởng thôn gửi (hoặc sửa) báo cáo tuần", who: "trưởng thôn của thôn đó, cán bộ xã", params: VillageWeekParams, body: VillageReportRequest, response: VillageReportView },
  { method: "GET", path: "/api/villages/:villageId/reports/:week", tag: "Báo cáo", summary: "Báo cáo tuần của thôn", who: "trưởng thôn của thôn đó, cán bộ xã", params: VillageWeekParams, response: VillageReportView },
  { method: "GET", path: "/api/reports/village-reports", tag: "Báo cáo", summary: "Tình hình nộp báo cáo của các thôn (đúng hạn, trễ, chưa nộp)", who: "cán bộ xã; trưởng thôn: thôn mình", query: WeekQuery, response: VillageReportsOverview },
  { method: "GET", path: "/api/reports/completeness", tag: "Báo cáo", summary: "Tỉ lệ nộp báo cáo thứ Sáu: số báo cáo phải nộp, đã nộp, đúng hạn theo tuần và theo thôn", who: "cán bộ xã; trưởng thôn: thôn mình", query: CompletenessQuery, response: ReportingCompleteness },
  { method: "GET", path: "/api/reports/silent-households", tag: "Báo cáo", summary: "Số hộ không cập nhật câu trả lời trong N tuần, theo thôn (để đến tận nhà)", who: "cán bộ xã; trưởng thôn: thôn mình", query: SilentQuery, response: SilentHouseholds },
  { method: "GET", path: "/api/reports/dash/:view", tag: "Báo cáo", summary: "Bảng số liệu của trang quản lý: các thôn, từng tiêu chí, từng trụ cột, hộ không trả lời N tuần, nộp báo cáo, qua các tuần", who: "cán bộ xã; trưởng thôn: thôn mình", params: DashParams, query: DashQuery, response: DashTable },
  {
    method: "GET",
    path: "/api/reports/dash/:view/excel",
    tag: "Báo cáo",
    summary: "Tải bảng số liệu đó ra Excel, đúng như trên màn hình (cùng cột, cùng thứ tự)",
    who: "cán bộ xã; trưởng thôn: thôn mình",
    params: DashParams,
    query: DashQuery,
    response: z.string(),
    produces: ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"],
  },
  { method: "GET", path: "/api/commune/dashboard", tag: "Báo cáo", summary: "Số liệu toàn xã, từng thôn, xếp hạng", who: "cán bộ xã", response: CommuneDashboard },
  { method: "GET", path: "/api/reports/weeks/:week", tag: "Báo cáo", summary: "Báo cáo một tuần (số liệu chốt, hoặc tạm tính cho tuần hiện tại)", who: "cán bộ xã; trưởng thôn: thôn mình", params: WeekPathParam, response: WeekReport },
  { method: "GET", path: "/api/reports/trend", tag: "Báo cáo", summary: "Xu hướng các tuần đã chốt và xếp hạng thôn", who: "cán bộ xã; trưởng thôn: thôn mình", query: TrendQuery, response: TrendResponse },
  {
    method: "GET",
    path: "/api/exports/:file",
    tag: "Báo cáo",
    summary: "Tải báo cáo tuần: 2026-W29.xlsx (Excel) hoặc 2026-W29.csv?table=summary|criteria|missing|reports",
    who: "cán bộ xã; trưởng thôn: thôn mình",
    params: ExportParams,
    query: ExportQuery,
    response: z.string(),
    produces: ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "text/csv"],
  },
  { method: "POST", path: "/api/admin/aggregates/check", tag: "Quản trị", summary: "Tính lại toàn bộ số liệu từ câu trả lời gốc và báo chênh lệch (fix: sửa)", who: "quản trị viên", body: AggregateCheckRequest, response: AggregateCheckResponse },
  { method: "POST", path: "/api/admin/snapshots/freeze", tag: "Quản trị", summary: "Chốt ngay tuần gần nhất đã qua hạn chốt (nếu chưa chốt)", who: "quản trị viên", response: FreezeResponse },
  { method: "GET", path: "/api/admin/roles", tag: "Quản trị", summary: "Vai trò được cấp trong cơ sở dữ liệu", who: "quản trị viên", response: RoleGrantList },
  { method: "POST", path: "/api/admin/roles", tag: "Quản trị", summary: "Cấp vai trò cán bộ hoặc trưởng thôn cho một người dùng mini app", who: "quản trị viên", body: RoleGrantRequest, response: RoleGrantView },
  { method: "DELETE", path: "/api/admin/roles/:appUserId", tag: "Quản trị", summary: "Thu hồi vai trò", who: "quản trị viên", params: AppUserIdParam, query: RoleRevokeQuery, response: Ok },
  { method: "GET", path: "/api/admin/commune", tag: "Quản trị", summary: "Thôn, trưởng thôn, cán bộ, tình nguyện viên của xã (kèm số phiên bản)", who: "quản trị viên", response: CommuneView },
  { method: "GET", path: "/api/officer/commune", tag: "Quản trị", summary: "Thôn và người phụ trách (chỉ xem)", who: "cán bộ xã", response: CommuneView },
  { method: "POST", path: "/api/admin/commune/edits", tag: "Quản trị", summary: "Sửa thôn, trưởng thôn, cán bộ, tình nguyện viên (409 khi người khác vừa lưu)", who: "quản trị viên", body: CommuneEdit, response: CommuneEditResponse },
  { method: "POST", path: "/api/admin/commune/people/:personKey/link-code", tag: "Quản trị", summary: "Mã 6 số (48 giờ, một lần) để một người liên kết tài khoản Zalo của mình", who: "quản trị viên", params: PersonKeyParam, response: StaffLinkCodeResponse },
  { method: "GET", path: "/api/admin/commune/history", tag: "Quản trị", summary: "Lịch sử thay đổi dữ liệu xã: ai, lúc nào, thay đổi gì", who: "quản trị viên", query: CommuneHistoryQuery, response: CommuneHistory },
  { method: "GET", path: "/api/admin/commune/export", tag: "Quản trị", summary: "Tải tệp dữ liệu xã (JSON, nhập lại được)", who: "quản trị viên", response: CommuneView, produces: ["application/json"] },
  { method: "POST", path: "/api/admin/commune/import", tag: "Quản trị", summary: "Nhập tệp dữ liệu xã: xem trước thay đổi, rồi áp dụng", who: "quản trị viên", body: CommuneImportRequest, response: CommuneImportResponse },
  { method: "GET", path: "/api/admin/criteria", tag: "Quản trị", summary: "Bộ tiêu chí xã đang dùng, thư viện tiêu chí của tỉnh, việc đếm lại đang chạy", who: "quản trị viên", response: CriteriaAdminView },
  { method: "POST", path: "/api/admin/criteria/preview", tag: "Quản trị", summary: "Xem trước một bộ tiêu chí: thay đổi gì, bao nhiêu hộ được đếm lại", who: "quản trị viên", body: CriteriaPreviewRequest, response: CriteriaPreview },
  { method: "POST", path: "/api/admin/criteria", tag: "Quản trị", summary: "Áp dụng bộ tiêu chí mới (đếm lại tiến độ mọi hộ trong nền; 409 khi người khác vừa lưu)", who: "quản trị viên", body: CriteriaAdoptRequest, response: CriteriaAdoptResponse },
  { method: "POST", path: "/api/staff-link", tag: "Đăng nhập", summary: "Cán bộ, trưởng thôn, tình nguyện viên nhập mã xã đưa để liên kết tài khoản", who: "người đã đăng nhập", body: StaffLinkRequest, response: StaffLinkResponse },
  // Household segments and their targets (bot/segments).
  { method: "GET", path: "/api/segments", tag: "Hộ gia đình", summary: "Các nhóm hộ của xã (gia đình cán bộ, đảng viên, hội viên...) và chỉ tiêu từng nhóm", who: "người đã đăng nhập", response: SegmentList },
  { method: "GET", path: "/api/households/:householdId/segments", tag: "Hộ gia đình", summary: "Hộ thuộc nhóm nào: hộ tự khai và trưởng thôn xác nhận, để riêng", who: household, params: HouseholdIdParam, response: HouseholdSegments },
  { method: "PUT", path: "/api/households/:householdId/segments", tag: "Hộ gia đình", summary: "Hộ khai mình thuộc những nhóm nào (cả danh sách)", who: household, params: HouseholdIdParam, body: DeclareSegmentsRequest, response: HouseholdSegments },
  { method: "POST", path: "/api/households/:householdId/segments/decisions", tag: "Hộ gia đình", summary: "Trưởng thôn xác nhận (hoặc không) hộ thuộc một nhóm", who: "trưởng thôn của thôn đó, cán bộ xã", params: HouseholdIdParam, body: SegmentDecisionRequest, response: HouseholdSegments },
  { method: "GET", path: "/api/segments/progress", tag: "Báo cáo", summary: "Tiến độ từng nhóm hộ so với chỉ tiêu: toàn xã và từng thôn, số hộ cần thêm", who: "cán bộ xã; trưởng thôn: thôn mình", response: SegmentProgress },
  {
    method: "GET",
    path: "/api/segments/progress.xlsx",
    tag: "Báo cáo",
    summary: "Tải bảng tiến độ nhóm hộ ra Excel (cùng số liệu như trên màn hình)",
    who: "cán bộ xã; trưởng thôn: thôn mình",
    response: z.string(),
    produces: ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"],
  },
  { method: "GET", path: "/api/admin/segments", tag: "Quản trị", summary: "Các nhóm hộ (cả nhóm đã lưu trữ) và lịch sử sửa", who: "quản trị viên", response: SegmentAdminView },
  { method: "POST", path: "/api/admin/segments", tag: "Quản trị", summary: "Thêm một nhóm hộ với chỉ tiêu", who: "quản trị viên", body: SegmentCreateRequest, response: SegmentView },
  { method: "PATCH", path: "/api/admin/segments/:segmentId", tag: "Quản trị", summary: "Sửa tên, chỉ tiêu, thứ tự; lưu trữ hoặc khôi phục một nhóm hộ", who: "quản trị viên", params: SegmentIdParam, body: SegmentUpdateRequest, response: SegmentView },
  { method: "POST", path: "/api/admin/segments/check", tag: "Quản trị", summary: "Đếm lại số liệu nhóm hộ từ dữ liệu gốc và báo chênh lệch (fix: sửa)", who: "quản trị viên", body: SegmentCheckRequest, response: SegmentCheckResponse },
];

const COMPONENT = (id: string) => `#/components/schemas/${id}`;

/** Every contract with an id, as OpenAPI components (responses point to them). */
function components(): Record<string, unknown> {
  const all = z.toJSONSchema(z.globalRegistry, { io: "output", unrepresentable: "any", target: "openapi-3.0", uri: COMPONENT }) as { schemas: Record<string, Record<string, unknown>> };
  return Object.fromEntries(Object.entries(all.schemas).map(([id, { $id: _drop, ...schema }]) => [id, schema]));
}

/** A response: a $ref when the contract has an id, else inlined. A request: always inlined (input shape). */
function jsonSchema(schema: z.ZodType, io: "input" | "output"): Record<string, unknown> {
  const id = z.globalRegistry.get(schema)?.id;
  if (io === "output" && id) return { $ref: COMPONENT(id) };
  return z.toJSONSchema(schema, { io, unrepresentable: "any", target: "openapi-3.0", metadata: z.registry() }) as Record<string, unknown>;
}

function parameters(schema: z.ZodType | undefined, where: "path" | "query"): unknown[] {
  if (!schema) return [];
  const js = jsonSchema(schema, "input") as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(js.properties ?? {}).map(([name, s]) => ({ name, in: where, required: where === "path" || (js.required ?? []).includes(name), schema: s }));
}

/** OpenAPI 3.0 for the mini app's engineers (served at /docs). */
export function buildOpenApiDocument(info: { title: string; version: string; description?: string }): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of API_ROUTES) {
    const path = r.path.replace(/:(\w+)/g, "{$1}");
    const error = { description: "Lỗi (thông báo tiếng Việt)", content: { "application/json": { schema: jsonSchema(ErrorBody, "output") } } };
    const ok = r.produces
      ? { description: "Tệp", content: Object.fromEntries(r.produces.map((m) => [m, { schema: { type: "string", format: "binary" } }])) }
      : { description: "OK", content: { "application/json": { schema: jsonSchema(r.response, "output") } } };
    (paths[path] ??= {})[r.method.toLowerCase()] = {
      summary: r.summary,
      description: `Ai được gọi: ${r.who}.`,
      tags: [r.tag],
      ...(r.path === "/api/auth/zalo" ? { security: [] } : {}),
      parameters: [...parameters(r.params, "path"), ...parameters(r.query, "query")],
      ...(r.body ? { requestBody: { required: true, content: { "application/json": { schema: jsonSchema(r.body, "input") } } } } : {}),
      responses: { "200": ok, "400": error, "401": error, "403": error, "404": error, "409": error, "422": error },
    };
  }
  return {
    openapi: "3.0.3",
    info,
    servers: [{ url: "/" }],
    components: { schemas: components(), securitySchemes: { session: { type: "http", scheme: "bearer", description: "Phiên do POST /api/auth/zalo cấp" } } },
    security: [{ session: [] }],
    paths,
  };
}

