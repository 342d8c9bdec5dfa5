/** Hand-off tickets as the officers' API answers them (bot/tickets), read by the PC console. */
export type TicketStatus = "new" | "in_progress" | "done";
export type AssigneeRole = "volunteer" | "village_head" | "officer";

export interface TicketView {
  id: number;
  kind: "handoff" | "question";
  /** Why it exists, in words for officers. */
  reasonText: string;
  question: string | null;
  villageId: string | null;
  villageName: string | null;
  status: TicketStatus;
  statusText: string;
  assignee: { role: AssigneeRole; roleText: string; name: string } | null;
  createdAt: string;
  answeredAt: string | null;
  closedAt: string | null;
  /** Minutes the person waited for a first answer (so far, while nobody answered). */
  waitedMinutes: number;
  /** False for an anonymous chat or when the person last wrote more than 7 days ago: answer by phone or in Zalo. */
  canAnswer: boolean;
  cannotAnswerReason: string | null;
}

export interface TicketDetail extends TicketView {
  conversation: { at: string; from: "resident" | "bot" | "officer"; text: string }[];
  assignees: { role: AssigneeRole; roleText: string; name: string }[];
  /**
   * The question behind it that the bot kept, to map to a guide or an action (POST
   * /api/officer/chat/unmatched/:questionId/map): `mappedTo` a guide id or "@intent" once mapped.
   */
  mapping: { questionId: number; resolved: boolean; mappedTo: string | null; dismissed: boolean } | null;
}

export interface TicketList {
  items: TicketView[];
  counts: Record<TicketStatus, number>;
}
