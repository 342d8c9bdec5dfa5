import type { Database as Sqlite } from "better-sqlite3";
import { and, desc, eq, inArray, lt, type SQL } from "drizzle-orm";
import type { Db } from "../db/connection";
import { tickets } from "../db/schema";
import { SECRET_ORIGIN } from "../outbox/outbox-repo";

export type TicketRow = typeof tickets.$inferSelect;
export type TicketStatus = TicketRow["status"];
export type AssigneeRole = NonNullable<TicketRow["assigneeRole"]>;

/** A ticket with what its source holds: the question and why it was opened. */
export interface TicketWithSource extends TicketRow {
  question: string | null;
  reason: "asked" | "not_understood" | "unmatched";
  contactPhone: string | null;
}

/** One line of the conversation: what the person wrote, or what went to them. */
export interface ConversationLine {
  at: number;
  from: "resident" | "bot" | "officer";
  text: string;
}

/** Tickets and the conversation behind them (the only place that talks SQL for them). */
export class TicketsRepo {
  private readonly sqlite: Sqlite;
  constructor(private readonly db: Db) {
    this.sqlite = db.$client;
  }

  /** Newest first, `limit` at most, before the id `before` (paging); by status and village when given. */
  list(f: { status?: TicketStatus[]; villageIds?: string[]; before?: number; limit: number }): TicketWithSource[] {
    const where: SQL[] = [];
    if (f.status?.length) where.push(inArray(tickets.status, f.status));
    if (f.villageIds) where.push(inArray(tickets.villageId, f.villageIds));
    if (f.before !== undefined) where.push(lt(tickets.id, f.before));
    const rows = this.db
      .select()
      .from(tickets)
      .where(where.length ? and(...where) : undefined)
      .orderBy(desc(tickets.id))
      .limit(f.limit)
      .all();
    return rows.map((r) => this.withSource(r));
  }

  counts(villageIds?: string[]): Record<TicketStatus, number> {
    const filter = villageIds ? ` WHERE village_id IN (${villageIds.map(() => "?").join(",") || "NULL"})` : "";
    const out: Record<TicketStatus, number> = { new: 0, in_progress: 0, done: 0 };
    for (const r of this.sqlite.prepare(`SELECT status, count(*) AS n FROM tickets${filter} GROUP BY status`).all(...(villageIds ?? [])) as { status: TicketStatus; n: number }[]) out[r.status] = r.n;
    return out;
  }

  /** Open tickets: counts, the oldest one nobody answered, and per village (most first). */
  openSummary(): { fresh: number; inProgress: number; oldestFreshAt: number | null; byVillage: { villageId: string | null; count: number }[] } {
    const c = this.counts();
    const oldest = this.sqlite.prepare("SELECT min(created_at) AS at FROM tickets WHERE status = 'new'").get() as { at: number | null };
    const byVillage = this.sqlite
      .prepare("SELECT village_id AS villageId, count(*) AS count FROM tickets WHERE status <> 'done' GROUP BY village_id ORDER BY count DESC, village_id")
      .all() as { villageId: string | null; count: number }[];
    return { fresh: c.new, inProgress: c.in_progress, oldestFreshAt: oldest.at, byVillage };
  }

  get(id: number): TicketWithSource | undefined {
    const r = this.db.select().from(tickets).where(eq(tickets.id, id)).get();
    return r ? this.withSource(r) : undefined;
  }

  private withSource(r: TicketRow): TicketWithSource {
    if (r.source === "handoff") {
      const h = this.sqlite.prepare("SELECT question, reason, contact_phone FROM handoffs WHERE id = ?").get(r.sourceId) as { question: string | null; reason: "asked" | "not_understood"; contact_phone: string | null } | undefined;
      return { ...r, question: h?.question ?? null, reason: h?.reason ?? "asked", contactPhone: h?.contact_phone ?? null };
    }
    const q = this.sqlite.prepare("SELECT text FROM unmatched_questions WHERE id = ?").get(r.sourceId) as { text: string } | undefined;
    return { ...r, question: q?.text ?? null, reason: "unmatched", contactPhone: null };
  }

  /**
   * The unmatched question behind a ticket, which an officer may map to a guide or an action (the chat's
   * officer route): its own for a question ticket; for a hand-off after two misses, the latest question
   * the bot kept from that person, with the same words, before the hand-off (the village may have been
   * asked in between). Undefined when there is none (a plain "gặp cán bộ").
   */
  questionOf(t: TicketWithSource): { id: number; mappedGuideId: string | null; dismissed: boolean; resolved: boolean } | undefined {
    type Raw = { id: number; mapped_guide_id: string | null; dismissed: number; resolved_at: number | null };
    const r =
      t.source === "question"
        ? (this.sqlite.prepare("SELECT id, mapped_guide_id, dismissed, resolved_at FROM unmatched_questions WHERE id = ?").get(t.sourceId) as Raw | undefined)
        : t.question === null
          ? undefined
          : (this.sqlite
              .prepare(
                "SELECT id, mapped_guide_id, dismissed, resolved_at FROM unmatched_questions WHERE user_id = ? AND created_at <= ? AND substr(text, 1, 500) = ? ORDER BY id DESC LIMIT 1",
              )
              .get(t.userId, t.createdAt, t.question) as Raw | undefined);
    return r ? { id: r.id, mappedGuideId: r.mapped_guide_id, dismissed: !!r.dismissed, resolved: r.resolved_at !== null } : undefined;
  }

  assign(id: number, role: AssigneeRole, name: string, at: number): boolean {
    return this.db.update(tickets).set({ assigneeRole: role, assigneeName: name, updatedAt: at }).where(eq(tickets.id, id)).run().changes === 1;
  }

  setStatus(id: number, status: TicketStatus, by: string, at: number): boolean {
    const closing = status === "done" ? { closedAt: at, closedBy: by } : { closedAt: null, closedBy: null };
    return this.db.update(tickets).set({ status, ...closing, updatedAt: at }).where(eq(tickets.id, id)).run().changes === 1;
  }

  /** A person answered: the ticket is being handled (a closed one stays closed). */
  answered(id: number, at: number): void {
    this.sqlite
      .prepare("UPDATE tickets SET answered_at = coalesce(answered_at, ?), status = CASE WHEN status = 'new' THEN 'in_progress' ELSE status END, updated_at = max(updated_at, ?) WHERE id = ?")
      .run(at, at, id);
  }

  /**
   * The conversation so far, oldest first: the person's messages (inbox, as long as retention keeps
   * them) and the messages that went to them (outbox), `limit` of each at most.
   */
  conversation(userId: string, limit: number, now: number): ConversationLine[] {
    const inbound = this.sqlite
      .prepare("SELECT event_name, raw, received_at FROM inbox_events WHERE subject_id = ? AND status <> 'rejected' ORDER BY id DESC LIMIT ?")
      .all(userId, limit) as { event_name: string; raw: string; received_at: number }[];
    const outbound = this.sqlite
      .prepare("SELECT payload, origin, status, message_id, next_attempt_at, created_at, sent_at FROM outbox WHERE recipient_id = ? ORDER BY id DESC LIMIT ?")
      .all(userId, limit) as { payload: string; origin: string | null; status: string; message_id: string | null; next_attempt_at: number; created_at: number; sent_at: number | null }[];
    const ours = new Set(outbound.map((o) => o.message_id).filter((x): x is string => x !== null));
    const lines: ConversationLine[] = [];
    // Oldest first within each source, so that equal times keep their order (the sort is stable).
    inbound.reverse();
    outbound.reverse();
    for (const e of inbound) {
      const line = inboundLine(e.event_name, e.raw, ours);
      if (line) lines.push({ at: e.received_at, ...line });
    }
    for (const o of outbound) {
      if (o.origin === SECRET_ORIGIN) continue; // an officer's login link: never shown (its echo neither: its id is ours)
      if (o.status === "pending" && o.next_attempt_at > now) continue; // not due yet (a rating question after the pause)
      const text = outboundText(o.payload);
      const undelivered = o.status === "failed" || o.status === "outside_window" ? " (không gửi được)" : "";
      if (text) lines.push({ at: o.sent_at ?? o.created_at, from: o.origin?.startsWith("ticket:") ? "officer" : "bot", text: text + undelivered });
    }
    return lines.sort((a, b) => a.at - b.at);
  }
}

const MEDIA: Record<string, string> = { image: "[ảnh]", gif: "[ảnh động]", sticker: "[nhãn dán]", audio: "[tin nhắn thoại]", video: "[video]", file: "[tệp]", location: "[vị trí]", link: "[đường dẫn]", business_card: "[danh thiếp]" };

/** A resident's message, or an officer's reply typed in Zalo (an echo the outbox did not send). */
function inboundLine(eventName: string, raw: string, ours: Set<string>): Omit<ConversationLine, "at"> | undefined {
  let body: { message?: { text?: unknown; msg_id?: unknown } };
  try {
    body = JSON.parse(raw);
  } catch {
    return undefined; // emptied by retention or erasure
  }
  const text = typeof body.message?.text === "string" ? body.message.text : undefined;
  const m = eventName.match(/^(user|oa)_send_(?:anonymous_)?(\w+)$/);
  if (!m || eventName.includes("_group_")) return undefined;
  const shown = m[2] === "text" ? text : (MEDIA[m[2]!] ?? `[${m[2]}]`);
  if (!shown) return undefined;
  if (m[1] === "user") return { from: "resident", text: shown };
  const id = typeof body.message?.msg_id === "string" ? body.message.msg_id : undefined;
  return id && ours.has(id) ? undefined : { from: "officer", text: shown };
}

function outboundText(payload: string): string | undefined {
  try {
    const m = JSON.parse(payload) as { text?: unknown; kind?: unknown };
    if (typeof m.text === "string" && m.text.length > 0) return m.text;
    return m.kind === "image" ? "[ảnh]" : undefined;
  } catch {
    return undefined;
  }
}
