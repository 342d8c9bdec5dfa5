import { randomUUID } from "node:crypto";
import { ApiError } from "../auth/api-error";
import type { Clock } from "../clock";
import { withinConsultationWindow } from "../zalo/window";
import type { CommuneConfig } from "../config/commune";
import type { TicketDetail, TicketList, TicketView } from "../../shared/contracts/tickets";
import type { AssigneeRole, TicketStatus, TicketWithSource, TicketsRepo } from "./tickets-repo";

export type { TicketView };


/** The chat's officer-reply flow (silence, hand-off answered, rating later), which an answer from the console shares. */
export interface OfficerReplyFlow {
  handleOfficerReply(userId: string, officer: string, eventKey: string, answer: { text: string; origin: string }): void;
}

export const STATUS_TEXT: Record<TicketStatus, string> = { new: "Mới", in_progress: "Đang xử lý", done: "Đã xong" };
const ROLE_TEXT: Record<AssigneeRole, string> = { volunteer: "Tình nguyện viên", village_head: "Trưởng thôn", officer: "Cán bộ xã" };
const REASON_TEXT = { asked: "Người dân xin gặp người hỗ trợ", not_understood: "Trợ lý không hiểu câu hỏi hai lần", unmatched: "Câu hỏi chưa có hướng dẫn" } as const;

/**
 * Hand-off tickets (issue 14): every hand-off and every question the bot could not answer, with the
 * resident's village, the conversation so far, who should answer, status and time waited. An officer
 * answers from the console (a consultation message through the outbox, then the same silence and
 * rating as an answer typed in Zalo's OA chat), reassigns, or closes.
 */
export class TicketsService {
  constructor(
    private readonly d: {
      repo: TicketsRepo;
      chat: OfficerReplyFlow;
      commune: CommuneConfig;
      clock: Clock;
      /** When the person last wrote to the OA (zalo_users), for Zalo's 7-day window. */
      lastInteraction: (userId: string) => number | undefined;
    },
  ) {}

  list(q: { status?: TicketStatus[]; villageIds?: string[]; before?: number; limit: number }): TicketList {
    return { items: this.d.repo.list(q).map((t) => this.view(t)), counts: this.d.repo.counts(q.villageIds) };
  }

  detail(id: number): TicketDetail {
    const t = this.mustGet(id);
    return {
      ...this.view(t),
      conversation: this.d.repo.conversation(t.userId, 30, this.d.clock.now()).map((l) => ({ ...l, at: new Date(l.at).toISOString() })),
      assignees: this.candidates(t.villageId),
      mapping: this.mapping(t),
    };
  }

  /** The officer's answer goes to the resident now (consultation message); the bot then keeps quiet a while. */
  answer(id: number, text: string, officer: string, idempotencyKey?: string): TicketView {
    const t = this.mustGet(id);
    const refusal = this.cannotAnswer(t);
    if (refusal) throw new ApiError("conflict", refusal);
    const key = `ticket:${id}:${idempotencyKey ?? randomUUID()}`;
    this.d.chat.handleOfficerReply(t.userId, officer, key, { text, origin: `ticket:${id}` });
    this.d.repo.answered(id, this.d.clock.now());
    return this.view(this.mustGet(id));
  }

  assign(id: number, role: AssigneeRole, name: string): TicketView {
    const t = this.mustGet(id);
    const ok = this.candidates(t.villageId).some((c) => c.role === role && c.name === name);
    if (!ok) throw new ApiError("bad_request", "Người được giao phải là tình nguyện viên hoặc trưởng thôn của thôn này, hoặc cán bộ xã có trong danh sách.");
    this.d.repo.assign(id, role, name, this.d.clock.now());
    return this.view(this.mustGet(id));
  }

  setStatus(id: number, status: TicketStatus, by: string): TicketView {
    this.mustGet(id);
    this.d.repo.setStatus(id, status, by, this.d.clock.now());
    return this.view(this.mustGet(id));
  }

  /** For the officers' daily digest: open tickets, how long the oldest unanswered one waited, per village. */
  openSummary(now: number): { fresh: number; inProgress: number; oldestFreshMinutes: number | null; byVillage: { name: string; count: number }[] } {
    const o = this.d.repo.openSummary();
    const names = new Map(this.d.commune.villages.map((v) => [v.id, v.name]));
    return {
      fresh: o.fresh,
      inProgress: o.inProgress,
      oldestFreshMinutes: o.oldestFreshAt === null ? null : Math.max(0, Math.round((now - o.oldestFreshAt) / 60_000)),
      byVillage: o.byVillage.map((v) => ({ name: v.villageId ? (names.get(v.villageId) ?? v.villageId) : "Chưa rõ thôn", count: v.count })),
    };
  }

  /**
   * The question an officer may map to a guide or an action from the console (POST
   * /api/officer/chat/unmatched/:questionId/map, which teaches the matcher at once): null when the
   * ticket has no question the bot kept.
   */
  private mapping(t: TicketWithSource): TicketDetail["mapping"] {
    const q = this.d.repo.questionOf(t);
    if (!q) return null;
    return { questionId: q.id, resolved: q.resolved, mappedTo: q.mappedGuideId, dismissed: q.dismissed };
  }

  /** Who may be given a ticket of this village: its volunteers and head, and the commune's officers. */
  private candidates(villageId: string | null): { role: AssigneeRole; roleText: string; name: string }[] {
    const c = this.d.commune;
    const village = villageId ? c.villages.find((v) => v.id === villageId) : undefined;
    const out: { role: AssigneeRole; roleText: string; name: string }[] = [];
    for (const v of c.volunteers) if (village && v.villageIds.includes(village.id)) out.push({ role: "volunteer", roleText: ROLE_TEXT.volunteer, name: v.name });
    if (village) out.push({ role: "village_head", roleText: `Trưởng ${village.kind}`, name: village.head.name });
    for (const o of c.officers) out.push({ role: "officer", roleText: ROLE_TEXT.officer, name: o.name });
    return out;
  }

  private mustGet(id: number): TicketWithSource {
    const t = this.d.repo.get(id);
    if (!t) throw new ApiError("not_found", "Không tìm thấy yêu cầu hỗ trợ này (có thể đã bị xoá theo thời hạn lưu giữ).");
    return t;
  }

  private cannotAnswer(t: TicketWithSource): string | null {
    if (t.userId.startsWith("anon:")) return "Người này trò chuyện ẩn danh: hãy trả lời ngay trong mục Tin nhắn của trang Zalo của xã.";
    if (!withinConsultationWindow(this.d.lastInteraction(t.userId), this.d.clock.now())) {
      const phone = t.contactPhone ? ` (người phụ trách: ${t.contactPhone})` : "";
      return `Người dân nhắn lần cuối đã hơn 7 ngày, Zalo không cho trả lời qua tin nhắn nữa. Hãy gọi điện hoặc nhờ trưởng thôn đến nhà${phone}.`;
    }
    return null;
  }

  private view(t: TicketWithSource): TicketView {
    const now = this.d.clock.now();
    const village = t.villageId ? this.d.commune.villages.find((v) => v.id === t.villageId) : undefined;
    const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
    const refusal = this.cannotAnswer(t);
    return {
      id: t.id,
      kind: t.source,
      reasonText: REASON_TEXT[t.reason],
      question: t.question,
      villageId: t.villageId,
      villageName: village?.name ?? null,
      status: t.status,
      statusText: STATUS_TEXT[t.status],
      assignee: t.assigneeRole && t.assigneeName ? { role: t.assigneeRole, roleText: ROLE_TEXT[t.assigneeRole], name: t.assigneeName } : null,
      createdAt: iso(t.createdAt)!,
      answeredAt: iso(t.answeredAt),
      closedAt: iso(t.closedAt),
      waitedMinutes: Math.max(0, Math.round(((t.answeredAt ?? (t.status === "done" ? (t.closedAt ?? now) : now)) - t.createdAt) / 60_000)),
      canAnswer: refusal === null,
      cannotAnswerReason: refusal,
    };
  }
}
