import type { FastifyBaseLogger } from "fastify";
import type { Clock } from "../clock";
import type { CommuneConfig, Village } from "../config/commune";
import type { Db } from "../db/connection";
import type { HandlerContext, HandlerRegistry } from "../inbox/handlers";
import type { Outbox } from "../outbox/outbox";
import { ANONYMOUS_OA_EVENTS, ANONYMOUS_USER_EVENTS, type AnonymousMessageEvent } from "../zalo/events";
import { anonymousRecipient } from "../zalo/oa-client";
import type { Pillar } from "../../shared/criteria";
import { DEFAULT_PUBLIC_SERVICE_PORTAL_URL, type Guide } from "../../shared/guides";
import { INTENT_LABELS, type IntentId } from "../../shared/intents";
import { parseCommand, type Command } from "./commands";
import { newConversation, type ConversationRepo } from "./conversation-repo";
import type { GuideLibrary } from "./guide-library";
import type { HandoffService } from "./handoff-service";
import type { OwnEchoCheck } from "./own-echo";
import type { QuestionsRepo } from "./questions-repo";
import { MAX_TEXT } from "./reply";
import type { TeamScheduleService } from "./team-schedule-service";
import { criteriaPerPillar, fill, TEMPLATES } from "./templates";
import { resolveVillage, villageList } from "./villages";

/**
 * What is said only in an anonymous chat. Zalo's anonymous send takes plain text (no buttons), and the
 * person's identity is unknown: no household, no reminders, nothing kept about them but a hand-off.
 */
export const ANONYMOUS_TEXTS = {
  media: "Cháu chỉ đọc được tin nhắn chữ ạ. Bác gõ câu hỏi, ví dụ “cài VNeID”, “đóng tiền điện”, hoặc gõ “gặp cán bộ” để nhờ người hỗ trợ.",
  menuTitle: "Các hướng dẫn bác có thể hỏi (gõ số hoặc gõ câu hỏi):",
  menuFooter: "Gõ “lịch lưu động thôn …” để xem lịch Tổ dịch vụ công về thôn, “gặp cán bộ” để nhờ người hỗ trợ.",
  guideFooter: "✅ Hết hướng dẫn. Nếu còn vướng, bác gõ “gặp cán bộ”.",
  stepsOneByOne: "Trong trò chuyện ẩn danh, cháu gửi cả hướng dẫn một lần. Bác gõ tên việc cần làm để xem lại, hoặc gõ “menu”.",
  didYouMean: "Ý bác là việc nào ạ? Bác gõ lại đúng tên việc:",
  noReminders:
    "Trò chuyện ẩn danh không nhận tin nhắc của xã nên bác không cần đăng ký hay dừng ạ. Muốn nhận tin nhắc, bác nhắn từ tài khoản Zalo thường và bấm “Quan tâm” trang Zalo của xã.",
  noLink: "Để gắn Zalo với hộ gia đình, bác nhắn mã này từ tài khoản Zalo thường (không ẩn danh) ạ.",
  noRating: "Cảm ơn bác! Trong trò chuyện ẩn danh cháu chưa nhận chấm điểm được ạ. Bác có góp ý gì cứ nhắn, hoặc gõ “gặp cán bộ”.",
  askVillageSchedule: "Bác gõ kèm tên thôn để cháu xem lịch đúng thôn, ví dụ “lịch lưu động {example}”. Các thôn:\n{villages}",
  gdsFooter: "Hộ của bác tự đánh giá trong ứng dụng “Gia đình số”{miniApp}.",
} as const;

export interface AnonymousChatDeps {
  db: Db;
  library: GuideLibrary;
  handoffs: HandoffService;
  schedule: TeamScheduleService;
  questions: QuestionsRepo;
  /** Only for the `anon:<id>` row that keeps the bot quiet while an officer answers (village always null). */
  conversations: ConversationRepo;
  outbox: Outbox;
  commune: CommuneConfig;
  clock: Clock;
  logger: FastifyBaseLogger;
  /** The commune's criteria as they are now (see ConversationDeps). */
  criteria: () => readonly { pillar: Pillar }[];
  miniAppUrl: string | undefined;
}

/** The key a person chatting anonymously is known by in hand-offs and unmatched questions. */
export const anonymousSubject = (anonymousId: string) => `anon:${anonymousId}`;

/** `conversation_id` is in `message` in Zalo's examples; accepted at the top level too (some integrations read it there). */
export function conversationIdOf(e: AnonymousMessageEvent): string | undefined {
  return e.message.conversation_id ?? e.conversation_id;
}

class AlreadyAnswered extends Error {}

/**
 * Answers a person who chats with the OA without revealing their Zalo identity (anonymous_send_*):
 * the same understanding as a resident gets (classifier, guides, intents), through Zalo's anonymous
 * send (outbox channel `anonymous`), in plain text, one answer per message (no conversation state).
 * Nothing needs or records an identity: no household link, no mini app status, no opt-in/out, no
 * follower interaction. A hand-off works: it is recorded under `anon:<id>` and the officer answers in
 * the OA chat.
 */
export class AnonymousChat {
  constructor(private readonly d: AnonymousChatDeps) {}

  handleText(e: AnonymousMessageEvent, eventKey: string): void {
    const text = e.message.text?.trim() ?? "";
    this.answer(e, eventKey, (now) => (text === "" ? this.menu() : this.onText(e.sender.id, text, eventKey, now)));
  }

  /** Image, sticker, file (with no text): a short polite text. */
  handleMedia(e: AnonymousMessageEvent, eventKey: string): void {
    if (e.message.text?.trim()) return this.handleText(e, eventKey);
    this.answer(e, eventKey, () => [ANONYMOUS_TEXTS.media]);
  }

  /**
   * An officer answered this person from the OA chat (an oa_send_anonymous_* echo that is not one of the
   * bot's sends): the bot stays quiet for them as long as it does for a resident, and their open
   * hand-off is marked answered.
   */
  handleOfficerReply(e: AnonymousMessageEvent, eventKey: string): void {
    const subject = anonymousSubject(e.recipient.id);
    this.d.db.transaction(() => {
      const now = this.d.clock.now();
      const row = this.d.conversations.get(subject) ?? newConversation(subject, now);
      if (row.lastEventKey === eventKey) return;
      row.silencedUntil = now + this.d.commune.chat.handoffSilenceMinutes * 60_000;
      row.lastEventKey = eventKey;
      row.updatedAt = now;
      this.d.conversations.save(row);
      const open = this.d.handoffs.openFor(subject);
      const adminId = (e.sender as { admin_id?: unknown }).admin_id;
      if (open) this.d.handoffs.markAnswered(open.id, typeof adminId === "string" ? adminId : "oa-chat", now);
    });
  }

  private silenced(anonId: string, now: number): boolean {
    const until = this.d.conversations.get(anonymousSubject(anonId))?.silencedUntil;
    return until !== null && until !== undefined && until > now;
  }

  /** Builds and queues the answer in one transaction; an event handled again (after a crash) changes nothing twice. */
  private answer(e: AnonymousMessageEvent, eventKey: string, build: (now: number) => string[]): void {
    const conversationId = conversationIdOf(e);
    if (!conversationId) {
      // Zalo's anonymous send needs the conversation id: without it no answer can be addressed.
      this.d.logger.warn({ eventKey }, "anonymous chat: event without conversation_id; cannot answer");
      return;
    }
    const recipientId = anonymousRecipient(e.sender.id, conversationId);
    try {
      this.d.db.transaction(() => {
        const now = this.d.clock.now();
        if (this.silenced(e.sender.id, now)) return; // an officer is talking with them
        const texts = build(now).flatMap(splitText);
        const rows = this.d.outbox.enqueue(
          ...texts.map((text, i) => ({
            dedupeKey: `anon:${eventKey}:${i}`,
            channel: "anonymous" as const,
            recipientId,
            message: { kind: "text" as const, text },
            origin: "chat:anonymous",
          })),
        );
        if (rows[0] && !rows[0].created) throw new AlreadyAnswered(); // rolls back a second hand-off
      });
    } catch (err) {
      if (!(err instanceof AlreadyAnswered)) throw err;
    }
  }

  private onText(anonId: string, text: string, eventKey: string, now: number): string[] {
    const cmd = parseCommand(text);
    if (cmd) return this.onCommand(anonId, cmd, text, eventKey, now);
    const r = this.d.library.understand(text);
    switch (r.kind) {
      case "guide":
        return this.guide(r.guideId);
      case "intent":
        return this.onIntent(anonId, r.intent, text, eventKey, now);
      case "ambiguous": {
        const names = r.choices
          .map((l) => (l.startsWith("@") ? INTENT_LABELS[l.slice(1) as IntentId] : this.d.library.get(l)?.title))
          .filter((n): n is string => typeof n === "string");
        return [[ANONYMOUS_TEXTS.didYouMean, ...names.map((n) => `• ${n}`)].join("\n")];
      }
      case "none":
        this.d.questions.addUnmatched(anonymousSubject(anonId), text.slice(0, 1000), now);
        return [r.reason === "empty" ? TEMPLATES.notUnderstoodEmpty : TEMPLATES.notUnderstoodShort, ...this.menu()];
    }
  }

  private onCommand(anonId: string, cmd: Command, text: string, eventKey: string, now: number): string[] {
    switch (cmd.kind) {
      case "menu":
        return this.menu();
      case "greeting":
        return [TEMPLATES.greeting];
      case "thanks":
        return [TEMPLATES.thanks];
      case "opt_out":
      case "opt_in":
        return [ANONYMOUS_TEXTS.noReminders];
      case "link_code":
        return [ANONYMOUS_TEXTS.noLink];
      case "open_guide":
        return this.d.library.get(cmd.guideId) ? this.guide(cmd.guideId) : this.menu();
      case "number": {
        // The menu's order is fixed: "2" is the second guide without any state.
        const guide = cmd.scored ? undefined : this.d.library.all()[cmd.value - 1];
        return guide ? this.guide(guide.id) : this.menu();
      }
      case "intent":
        return this.onIntent(anonId, cmd.intent, "", eventKey, now);
      case "handoff":
        return this.handoff(anonId, text, "asked", eventKey, now);
      case "schedule":
        return this.schedule(text, now);
      case "rate_request":
      case "rate":
        return [ANONYMOUS_TEXTS.noRating];
      case "next":
      case "back":
      case "exit":
        return [ANONYMOUS_TEXTS.stepsOneByOne];
      case "village":
      case "village_other":
      case "console_login": // officers' login links go to known officer accounts only
        return this.menu();
    }
  }

  private onIntent(anonId: string, intent: IntentId, text: string, eventKey: string, now: number): string[] {
    const c = this.d.commune;
    switch (intent) {
      case "handoff":
        return this.handoff(anonId, text, "asked", eventKey, now);
      case "team-schedule":
        return this.schedule(text, now);
      case "opt-out":
      case "opt-in":
        return [ANONYMOUS_TEXTS.noReminders];
      case "thanks":
        return [TEMPLATES.thanks];
      case "greeting":
        return [TEMPLATES.greeting];
      case "rating":
        return [ANONYMOUS_TEXTS.noRating];
      case "gia-dinh-so":
        return [this.giaDinhSo()];
      case "scam-victim":
        return [
          fill("scamVictim", { policeName: c.police.name, policePhone: c.police.phone ? fill("scamPolicePhone", { phone: c.police.phone }) : "" }),
          ...this.handoff(anonId, `[Bị lừa đảo] ${text}`, "asked", eventKey, now),
        ];
      case "procedure": {
        if (text !== "") this.d.questions.addUnmatched(anonymousSubject(anonId), text.slice(0, 1000), now);
        const desk = c.oneStopDesk;
        return [
          fill("procedureNoGuide", {
            deskPlace: desk?.place ?? fill("procedureDeskDefaultPlace", { communeKind: c.commune.kind }),
            deskHours: desk?.hours ?? TEMPLATES.procedureDeskDefaultHours,
            deskPhone: desk?.phone ? fill("procedureDeskPhone", { phone: desk.phone }) : "",
            portalUrl: DEFAULT_PUBLIC_SERVICE_PORTAL_URL,
          }),
        ];
      }
      case "off-topic":
        this.d.questions.addUnmatched(anonymousSubject(anonId), text.slice(0, 1000), now);
        return [fill("offTopic", { oaName: c.oa.name })];
      default:
        // An intent added later: the menu is always a sensible answer.
        return this.menu();
    }
  }

  /** The whole guide at once (no buttons to step through it), links written out. */
  private guide(guideId: string): string[] {
    const g = this.d.library.get(guideId)!;
    const total = g.steps.length;
    const steps = g.steps.map((s, i) => {
      const link = s.link ? `\n👉 ${s.link.title}: ${s.link.url}` : "";
      return `Bước ${i + 1}/${total}: ${s.text}${link}`;
    });
    return [[g.title, ...steps, ANONYMOUS_TEXTS.guideFooter].join("\n\n")];
  }

  private menu(): string[] {
    const guides: readonly Guide[] = this.d.library.all();
    return [[ANONYMOUS_TEXTS.menuTitle, ...guides.map((g, i) => `${i + 1}. ${g.title}`), "", ANONYMOUS_TEXTS.menuFooter].join("\n")];
  }

  /** The village when the message names it; the commune's officer otherwise (no village is known of an anonymous person). */
  private namedVillage(text: string): Village | undefined {
    return text ? resolveVillage(this.d.commune.villages, text) : undefined;
  }

  private handoff(anonId: string, text: string, reason: "asked", eventKey: string, now: number): string[] {
    const village = this.namedVillage(text);
    const question = text ? `[Ẩn danh] ${text}`.slice(0, 500) : "[Ẩn danh] (người dân nhờ gặp cán bộ)";
    const { contact } = this.d.handoffs.open({ userId: anonymousSubject(anonId), village, reason, question, at: now, eventKey });
    return [
      fill("handoffDone", {
        contactRole: contact.role,
        contactName: contact.name,
        phoneLine: contact.phone ? fill("handoffPhone", { phone: contact.phone }) : "",
      }),
    ];
  }

  private schedule(text: string, now: number): string[] {
    const village = this.namedVillage(text);
    if (village) return [this.d.schedule.describeUpcoming(village, now)];
    const villages = this.d.commune.villages;
    return [ANONYMOUS_TEXTS.askVillageSchedule.replace("{example}", villages[0]?.name ?? "").replace("{villages}", villageList(villages))];
  }

  private giaDinhSo(): string {
    const criteria = criteriaPerPillar(this.d.criteria());
    const about = fill("gdsAbout", { communeKind: this.d.commune.commune.kind, criteria });
    return `${about}\n${ANONYMOUS_TEXTS.gdsFooter.replace("{miniApp}", this.d.miniAppUrl ? `: ${this.d.miniAppUrl}` : "")}`;
  }
}

/** Zalo's 2000-character limit: a long answer goes as several messages, cut at a line break where possible. */
function splitText(text: string): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest.length > MAX_TEXT) {
    const cut = rest.lastIndexOf("\n", MAX_TEXT);
    const at = cut > MAX_TEXT / 2 ? cut : MAX_TEXT;
    out.push(rest.slice(0, at).trimEnd());
    rest = rest.slice(at).trimStart();
  }
  if (rest) out.push(rest);
  return out;
}

/**
 * Wires anonymous chats into the inbox. An echo of the OA's message to them (oa_send_anonymous_*) quiets
 * the bot only when it is not one of the bot's own sends (the outbox decides, as for residents: the
 * documented echo carries no admin_id, so nothing else could tell).
 */
export function registerAnonymousHandlers(registry: HandlerRegistry, chat: AnonymousChat, ownEcho?: Pick<OwnEchoCheck, "isOwn">): void {
  registry.on(ANONYMOUS_OA_EVENTS, async (e, ctx: HandlerContext) => {
    const conversationId = conversationIdOf(e);
    if (!ownEcho || !conversationId) return; // cannot tell the bot's own sends apart: never silence on a guess
    if (await ownEcho.isOwn(anonymousRecipient(e.recipient.id, conversationId), e.message.msg_id)) return;
    chat.handleOfficerReply(e, ctx.eventKey);
  });
  registry.on("anonymous_send_text", (e, ctx: HandlerContext) => chat.handleText(e, ctx.eventKey));
  registry.on(
    ANONYMOUS_USER_EVENTS.filter((n) => n !== "anonymous_send_text"),
    (e, ctx: HandlerContext) => chat.handleMedia(e, ctx.eventKey),
  );
}
