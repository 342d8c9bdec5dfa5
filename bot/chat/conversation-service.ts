import type { FastifyBaseLogger } from "fastify";
import type { Clock } from "../clock";
import type { CommuneConfig, Village } from "../config/commune";
import type { Db } from "../db/connection";
import type { Outbox } from "../outbox/outbox";
import { SECRET_ORIGIN } from "../outbox/outbox-repo";
import { parseCommand, PAYLOAD, type Command } from "./commands";
import { newConversation, type ConversationRepo, type ConversationRow } from "./conversation-repo";
import { dateVi, hhmm } from "./dates";
import type { GuideLibrary } from "./guide-library";
import { askVillage, choiceButton, didYouMean, menuMessages, stepMessages } from "./guide-messages";
import type { Pillar } from "../../shared/criteria";
import { DEFAULT_PUBLIC_SERVICE_PORTAL_URL, type Guide } from "../../shared/guides";
import type { IntentId, Understanding } from "../../shared/intents";
import type { HandoffService } from "./handoff-service";
import type { QuestionsRepo } from "./questions-repo";
import type { RatingsRepo } from "./ratings-repo";
import { button, Reply, zaloPhone } from "./reply";
import type { TeamScheduleService } from "./team-schedule-service";
import { criteriaPerPillar, fill, TEMPLATES } from "./templates";
import { resolveVillage, villageList } from "./villages";

export interface ConversationDeps {
  db: Db;
  conversations: ConversationRepo;
  questions: QuestionsRepo;
  ratings: RatingsRepo;
  handoffs: HandoffService;
  schedule: TeamScheduleService;
  library: GuideLibrary;
  outbox: Outbox;
  commune: CommuneConfig;
  clock: Clock;
  logger: FastifyBaseLogger;
  miniAppUrl: string | undefined;
  /** The commune's criteria as they are now (the live catalogue once the households module is connected). */
  criteria: () => readonly { pillar: Pillar }[];
  /** The households module, once connected: the 6-digit link code and the resident's village. */
  households: () => HouseholdLink | undefined;
  /** The officers' console, once connected: one-time login links for officers who ask in the chat. */
  console?: () => ConsoleLink | undefined;
  /** Residents' "dừng nhận tin": no nudges or 1:1 broadcasts (kept by the broadcasts module). */
  subscriptions: { optOut(userId: string, at: number): void; optIn(userId: string): void };
}

export interface ConsoleLink {
  /** undefined: not an officer's chat account (answered like anyone's words). */
  linkForOaUser(oaUserId: string): { url: string; expiresAt: number } | { refused: "no_app_identity" | "no_console_url" } | undefined;
}

export interface HouseholdLink {
  linkOaUserByCode(oaUserId: string, code: string): { ok: boolean; message: string; villageId?: string };
  householdForOaUser(
    oaUserId: string,
  ): { villageId: string; label?: string; fullyMet?: boolean; missing?: { id: string; label: string; guideId?: string }[] } | undefined;
}

type Purpose = "schedule" | "handoff" | "rate";
interface Pending {
  purpose?: Purpose;
  question?: string;
  reason?: "asked" | "not_understood";
  subject?: "handoff" | "team_session";
  subjectId?: number;
}

/** Per event: the conversation row as loaded, the reply being built, the event's identity. */
interface Turn {
  conv: ConversationRow;
  reply: Reply;
  eventKey: string;
  now: number;
  userId: string;
}

/**
 * The resident's conversation with the OA: commands at every step, guides one step at a time, the
 * "did you mean" and "not understood" paths, hand-off, the team schedule and ratings. Each incoming
 * event is applied in one transaction together with the replies it queues and the event's key, so an
 * event delivered again after a crash changes nothing twice.
 */
export class ConversationService {
  constructor(private readonly d: ConversationDeps) {}

  handleText(userId: string, text: string, eventKey: string): void {
    this.turn(userId, eventKey, (t) => this.onText(t, text));
  }

  handleFollow(userId: string, eventKey: string): void {
    this.turn(userId, eventKey, (t) => {
      this.welcome(t);
      menuMessages(t.reply, this.d.library.all());
    });
  }

  handleMedia(userId: string, eventKey: string): void {
    this.turn(userId, eventKey, (t) => {
      t.reply.text(TEMPLATES.unsupportedMedia, [button.handoff(), button.menu()]);
    });
  }

  /** An officer answered from the OA chat: stay silent for a while, mark the hand-off answered, ask for a rating later. */
  handleOfficerReply(userId: string, adminId: string, eventKey: string, answer?: { text: string; origin: string }): void {
    const silenceMs = this.d.commune.chat.handoffSilenceMinutes * 60_000;
    this.turn(
      userId,
      eventKey,
      (t) => {
        // From the officers' console: the officer's own words go out first, as a consultation message.
        if (answer) this.d.outbox.enqueue({ dedupeKey: `officer-answer:${eventKey}`, channel: "cs", recipientId: userId, message: { kind: "text", text: answer.text }, origin: answer.origin });
        t.conv.silencedUntil = t.now + silenceMs;
        const open = this.d.handoffs.openFor(userId);
        if (!open) return;
        this.d.handoffs.markAnswered(open.id, adminId, t.now);
        this.setMode(t, "rating", { subject: "handoff", subjectId: open.id });
        this.d.outbox.enqueue({
          dedupeKey: `rate-prompt:handoff:${open.id}`,
          channel: "cs",
          recipientId: userId,
          message: ratePrompt(fill("rateWhatHandoff"), "handoff", open.id),
          origin: `handoff:${open.id}`,
          notBefore: t.now + silenceMs,
        });
      },
      { evenWhenSilenced: true },
    );
  }

  private turn(userId: string, eventKey: string, apply: (t: Turn) => void, opts: { evenWhenSilenced?: boolean } = {}): void {
    this.d.db.transaction(() => {
      const now = this.d.clock.now();
      const conv = this.load(userId, now);
      if (conv.lastEventKey === eventKey) return; // already applied before a crash
      const t: Turn = { conv, reply: new Reply(), eventKey, now, userId };
      const silenced = conv.silencedUntil !== null && conv.silencedUntil > now;
      if (opts.evenWhenSilenced) apply(t);
      else if (!silenced) {
        // (While an officer is talking with this resident, the bot keeps quiet.)
        conv.silencedUntil = null;
        apply(t);
      }
      conv.lastEventKey = eventKey;
      conv.updatedAt = now;
      this.d.conversations.save(conv);
      this.send(t);
    });
  }

  private load(userId: string, now: number): ConversationRow {
    return this.d.conversations.get(userId) ?? newConversation(userId, now);
  }

  private send(t: Turn): void {
    this.d.outbox.enqueue(
      ...t.reply.messages.map((message, i) => ({
        dedupeKey: `chat:${t.eventKey}:${i}`,
        channel: "cs" as const,
        recipientId: t.userId,
        message,
        origin: "chat",
      })),
    );
  }

  private welcome(t: Turn): void {
    if (t.conv.welcomedAt !== null) return;
    t.conv.welcomedAt = t.now;
    const c = this.d.commune;
    t.reply.text(fill("welcome", { oaName: c.oa.name, communeKind: c.commune.kind, communeName: c.commune.name, provinceApp: c.provinceApp.name }));
    if (this.d.miniAppUrl) t.reply.text(fill("miniApp", { miniAppUrl: this.d.miniAppUrl }), [button.url(TEMPLATES.buttonMiniApp, this.d.miniAppUrl)]);
  }

  private onText(t: Turn, text: string): void {
    let cmd = parseCommand(text);
    if (cmd?.kind === "console_login") {
      if (this.consoleLogin(t)) return; // an officer: the link only, no resident's welcome
      cmd = undefined; // anyone else: the words are a question like any other
    }
    const firstContact = t.conv.welcomedAt === null;
    this.welcome(t);

    if (t.conv.mode === "ask_village" && this.answerVillage(t, text, cmd)) return;
    if (t.conv.mode === "rating" && cmd && (cmd.kind === "number" || cmd.kind === "rate")) {
      if (this.rateFromPending(t, cmd)) return;
    }
    if (cmd) {
      t.conv.misses = 0;
      if (t.conv.mode === "ask_village" || t.conv.mode === "rating") this.setMode(t, t.conv.guideId ? "guide" : "idle");
      return this.onCommand(t, cmd, firstContact);
    }
    this.understood(t, text, this.d.library.understand(text));
  }

  private understood(t: Turn, text: string, r: Understanding): void {
    switch (r.kind) {
      case "guide":
        t.conv.misses = 0;
        return this.openGuide(t, r.guideId);
      case "intent":
        return this.onIntent(t, r.intent, text);
      case "ambiguous": {
        t.conv.misses = 0;
        const choices = r.choices.map((l) => (l.startsWith("@") ? (l.slice(1) as IntentId) : this.d.library.get(l))).filter((c): c is Guide | IntentId => c !== undefined);
        didYouMean(t.reply, choices);
        return;
      }
      case "none":
        return this.notUnderstood(t, text, r.reason === "empty" ? "empty" : text.length > 60 ? "long" : "short");
    }
  }

  // ---- actions (intents) in the resident's own words

  private onIntent(t: Turn, intent: IntentId, text: string): void {
    if (intent !== "off-topic") t.conv.misses = 0;
    switch (intent) {
      case "handoff":
        return this.withVillage(t, { purpose: "handoff", reason: "asked", ...(text ? { question: text.slice(0, 500) } : {}) });
      case "team-schedule": {
        // "tổ lưu động về thôn Hạ Tiến ngày nào": the village named in the question wins.
        const named = resolveVillage(this.d.commune.villages, text);
        if (named && text.length > named.name.length) {
          t.conv.villageId = named.id;
          return this.fulfil(t, { purpose: "schedule" }, named);
        }
        return this.withVillage(t, { purpose: "schedule" });
      }
      case "opt-out":
        return this.onCommand(t, { kind: "opt_out" }, false);
      case "opt-in":
        return this.onCommand(t, { kind: "opt_in" }, false);
      case "thanks":
        t.reply.text(TEMPLATES.thanks);
        return;
      case "greeting":
        t.reply.text(TEMPLATES.greeting, [button.menu()]);
        return;
      case "rating":
        return this.withVillage(t, { purpose: "rate" });
      case "gia-dinh-so":
        return this.giaDinhSo(t);
      case "scam-victim":
        return this.scamVictim(t, text);
      case "procedure":
        return this.procedureWithoutGuide(t, text);
      case "off-topic":
        this.d.questions.addUnmatched(t.userId, text.slice(0, 1000), t.now);
        t.reply.text(fill("offTopic", { oaName: this.d.commune.oa.name }), [button.menu(), button.handoff()]);
        return;
    }
  }

  /** A victim needs the police and the bank first, then a person. */
  private scamVictim(t: Turn, text: string): void {
    const c = this.d.commune;
    t.reply.text(
      fill("scamVictim", { policeName: c.police.name, policePhone: c.police.phone ? fill("scamPolicePhone", { phone: c.police.phone }) : "" }),
      // (Zalo's phone button takes mobile-style numbers only: 113 stays in the text.)
      zaloPhone(c.police.phone) ? [button.phone("Gọi Công an xã", zaloPhone(c.police.phone)!)] : [],
    );
    this.withVillage(t, { purpose: "handoff", reason: "asked", question: `[Bị lừa đảo] ${text}`.slice(0, 500) });
  }

  /** Said plainly: no guide; where it is done (one-stop desk with hours, the national portal, the mobile team); a person. */
  private procedureWithoutGuide(t: Turn, text: string): void {
    // Kept for the officers' queue: procedures asked often may deserve a guide.
    if (text !== "") this.d.questions.addUnmatched(t.userId, text.slice(0, 1000), t.now);
    const c = this.d.commune;
    const desk = c.oneStopDesk;
    t.reply.text(
      fill("procedureNoGuide", {
        deskPlace: desk?.place ?? fill("procedureDeskDefaultPlace", { communeKind: c.commune.kind }),
        deskHours: desk?.hours ?? TEMPLATES.procedureDeskDefaultHours,
        deskPhone: desk?.phone ? fill("procedureDeskPhone", { phone: desk.phone }) : "",
        portalUrl: DEFAULT_PUBLIC_SERVICE_PORTAL_URL,
      }),
      [button.url(TEMPLATES.buttonPortal, DEFAULT_PUBLIC_SERVICE_PORTAL_URL), button.schedule(), button.handoff()],
    );
  }

  /** "Gia đình số": the household's own answers when the chat is linked, else the criteria in short and the mini app. */
  private giaDinhSo(t: Turn): void {
    const h = this.d.households()?.householdForOaUser(t.userId);
    if (h && h.fullyMet !== undefined && h.missing) {
      const label = h.label ?? "của bác";
      if (h.fullyMet) {
        t.reply.text(fill("gdsMet", { label }), [button.menu()]);
        return;
      }
      const guides = h.missing.map((m) => (m.guideId ? this.d.library.get(m.guideId) : undefined)).filter((g): g is Guide => g !== undefined);
      const items = h.missing.slice(0, 8).map((m) => `• ${m.label}`).join("\n") + (h.missing.length > 8 ? "\n• …" : "");
      t.reply.text(fill("gdsMissing", { label, count: h.missing.length, items }), [
        ...guides.slice(0, 3).map(choiceButton),
        ...(this.d.miniAppUrl ? [button.url(TEMPLATES.buttonMiniApp, this.d.miniAppUrl)] : []),
        button.menu(),
      ]);
      return;
    }
    const criteria = criteriaPerPillar(this.d.criteria());
    // The mini app when the commune configured its link; otherwise a person who can open it with them.
    t.reply.text(fill("gdsAbout", { communeKind: this.d.commune.commune.kind, criteria }), [
      this.d.miniAppUrl ? button.url(TEMPLATES.buttonMiniApp, this.d.miniAppUrl) : button.handoff(),
      button.menu(),
    ]);
  }

  /** An officer's one-time console link (true when answered); a link is never sent to anyone else. */
  private consoleLogin(t: Turn): boolean {
    const r = this.d.console?.()?.linkForOaUser(t.userId);
    if (!r) return false;
    if ("refused" in r) {
      t.reply.text(r.refused === "no_console_url" ? TEMPLATES.consoleNoAddress : TEMPLATES.consoleNoIdentity);
      return true;
    }
    // Not a chat reply: its own origin, so the outbox list and ticket conversations never show the secret
    // and it is blanked once used or expired (ConsoleService).
    this.d.outbox.enqueue({
      dedupeKey: `console-link:${t.eventKey}`,
      channel: "cs",
      recipientId: t.userId,
      message: { kind: "text", text: fill("consoleLink", { url: r.url, until: hhmm(r.expiresAt, this.d.commune.commune.timezone) }) },
      origin: SECRET_ORIGIN,
    });
    return true;
  }

  private onCommand(t: Turn, cmd: Command, firstContact: boolean): void {
    switch (cmd.kind) {
      case "next":
        return this.move(t, +1);
      case "back":
        return this.move(t, -1);
      case "exit":
        // "dừng" inside a guide leaves the guide; outside one it stops the reminders.
        if (!t.conv.guideId) return this.onCommand(t, { kind: "opt_out" }, firstContact);
        if (t.conv.guideSessionId) this.d.conversations.leaveSession(t.conv.guideSessionId, "exit");
        this.clearGuide(t);
        t.reply.text(TEMPLATES.exited, [button.menu()]);
        return;
      case "opt_out":
        this.d.subscriptions.optOut(t.userId, t.now);
        t.reply.text(TEMPLATES.optedOut);
        return;
      case "link_code": {
        const link = this.d.households();
        if (!link) return this.notUnderstood(t, cmd.code);
        const r = link.linkOaUserByCode(t.userId, cmd.code);
        if (r.ok && r.villageId) t.conv.villageId = r.villageId;
        t.reply.text(r.message, [button.menu()]);
        return;
      }
      case "opt_in":
        this.d.subscriptions.optIn(t.userId);
        t.reply.text(TEMPLATES.optedIn);
        return;
      case "menu":
        menuMessages(t.reply, this.d.library.all());
        return;
      case "greeting":
        if (!firstContact) t.reply.text(TEMPLATES.greeting, [button.menu()]);
        else menuMessages(t.reply, this.d.library.all());
        return;
      case "thanks":
        t.reply.text(TEMPLATES.thanks);
        return;
      case "open_guide":
        if (this.d.library.get(cmd.guideId)) return this.openGuide(t, cmd.guideId);
        menuMessages(t.reply, this.d.library.all());
        return;
      case "intent":
        return this.onIntent(t, cmd.intent, "");
      case "village_other":
        t.reply.text(fill("askVillageOther", { villages: villageList(this.d.commune.villages) }));
        return;
      case "number": {
        if (cmd.scored) return this.onIntent(t, "rating", "");
        const guide = this.d.library.all()[cmd.value - 1];
        if (guide) return this.openGuide(t, guide.id);
        menuMessages(t.reply, this.d.library.all());
        return;
      }
      case "handoff":
        return this.withVillage(t, { purpose: "handoff", reason: "asked" });
      case "schedule":
        return this.withVillage(t, { purpose: "schedule" });
      case "rate_request":
        return this.withVillage(t, { purpose: "rate" });
      case "rate":
        return this.storeRating(t, cmd.subject!, cmd.subjectId!, cmd.score);
      case "village": {
        const v = this.d.commune.villages.find((x) => x.id === cmd.villageId);
        if (v) t.conv.villageId = v.id;
        t.reply.text(TEMPLATES.greeting, [button.menu()]);
        return;
      }
    }
  }

  // ---- guides

  private openGuide(t: Turn, guideId: string): void {
    const guide = this.d.library.get(guideId)!;
    if (t.conv.guideSessionId && t.conv.guideId !== guideId) this.d.conversations.leaveSession(t.conv.guideSessionId, "switched");
    t.conv.guideSessionId = this.d.conversations.startSession(t.userId, guideId, guide.steps.length, t.now);
    t.conv.guideId = guideId;
    t.conv.step = 1;
    this.setMode(t, "guide");
    stepMessages(t.reply, guide, 1);
  }

  private move(t: Turn, delta: 1 | -1): void {
    const guide = t.conv.guideId ? this.d.library.get(t.conv.guideId) : undefined;
    if (!guide || t.conv.step === null) {
      t.reply.text(TEMPLATES.noGuideOpen);
      menuMessages(t.reply, this.d.library.all());
      return;
    }
    this.setMode(t, "guide");
    const target = t.conv.step + delta;
    if (target < 1) {
      t.reply.text(TEMPLATES.alreadyFirst);
      stepMessages(t.reply, guide, 1);
      return;
    }
    if (target > guide.steps.length) {
      if (t.conv.guideSessionId) this.d.conversations.finishSession(t.conv.guideSessionId, t.now);
      this.clearGuide(t);
      t.reply.text(fill("guideFinished", { title: guide.title }), [button.handoff(), button.menu()]);
      return;
    }
    t.conv.step = target;
    if (t.conv.guideSessionId) {
      this.d.conversations.reachStep(t.conv.guideSessionId, target, t.now);
      if (target === guide.steps.length) this.d.conversations.finishSession(t.conv.guideSessionId, t.now);
    }
    stepMessages(t.reply, guide, target);
  }

  private clearGuide(t: Turn): void {
    t.conv.guideId = null;
    t.conv.step = null;
    t.conv.guideSessionId = null;
    this.setMode(t, "idle");
  }

  private setMode(t: Turn, mode: ConversationRow["mode"], pending?: Pending): void {
    t.conv.mode = mode;
    t.conv.pending = pending ? JSON.stringify(pending) : null;
  }

  /** The miss reply says why it missed: nothing readable, too little to go on, or a long message we could not place. */
  private notUnderstood(t: Turn, text: string, why: "empty" | "short" | "long" = "short"): void {
    this.d.questions.addUnmatched(t.userId, text.slice(0, 1000), t.now);
    t.conv.misses += 1;
    if (t.conv.misses < 2) {
      const key = why === "empty" ? "notUnderstoodEmpty" : why === "long" ? "notUnderstoodLong" : "notUnderstoodShort";
      t.reply.text(TEMPLATES[key], [button.menu(), button.handoff()]);
      return;
    }
    t.conv.misses = 0;
    t.reply.text(TEMPLATES.secondMiss);
    this.withVillage(t, { purpose: "handoff", reason: "not_understood", question: text.slice(0, 500) });
  }

  // ---- village-dependent answers

  /** The resident's village: said in chat, or known from their household in the mini app. */
  private village(t: Turn): Village | undefined {
    t.conv.villageId ??= this.d.households()?.householdForOaUser(t.userId)?.villageId ?? null;
    return this.d.commune.villages.find((v) => v.id === t.conv.villageId);
  }

  /** Runs the purpose now if the village is known, otherwise asks for it first. */
  private withVillage(t: Turn, p: Pending): void {
    const v = this.village(t);
    if (v) return this.fulfil(t, p, v);
    this.setMode(t, "ask_village", p);
    const why = p.purpose === "schedule" ? TEMPLATES.askVillageSchedule : p.purpose === "rate" ? TEMPLATES.askVillageRate : TEMPLATES.askVillageHandoff;
    askVillage(t.reply, why, this.d.commune.villages);
  }

  private answerVillage(t: Turn, text: string, cmd: Command | undefined): boolean {
    const pending = parsePending(t.conv.pending);
    const v =
      cmd?.kind === "village"
        ? this.d.commune.villages.find((x) => x.id === cmd.villageId)
        : cmd && cmd.kind !== "number"
          ? undefined
          : resolveVillage(this.d.commune.villages, text);
    if (!v) {
      if (cmd?.kind === "village_other") {
        t.reply.text(fill("askVillageOther", { villages: villageList(this.d.commune.villages) }));
        return true;
      }
      if (cmd) return false; // another command: leave the question
      t.reply.text(fill("villageUnknown", { villages: villageList(this.d.commune.villages) }));
      return true;
    }
    t.conv.villageId = v.id;
    this.setMode(t, t.conv.guideId ? "guide" : "idle");
    this.fulfil(t, pending, v);
    return true;
  }

  private fulfil(t: Turn, p: Pending, village: Village): void {
    switch (p.purpose) {
      case "schedule":
        t.reply.text(this.d.schedule.describeUpcoming(village, t.now), [button.handoff(), button.menu()]);
        return;
      case "handoff": {
        if (t.conv.guideSessionId) this.d.conversations.leaveSession(t.conv.guideSessionId, "handoff");
        const { contact } = this.d.handoffs.open({ userId: t.userId, village, reason: p.reason ?? "asked", question: p.question, at: t.now, eventKey: t.eventKey });
        const phone = zaloPhone(contact.phone);
        t.reply.text(
          fill("handoffDone", {
            contactRole: contact.role,
            contactName: contact.name,
            phoneLine: contact.phone ? fill("handoffPhone", { phone: contact.phone }) : "",
          }),
          phone ? [button.phone(`Gọi ${contact.name}`, phone)] : [],
        );
        return;
      }
      case "rate": {
        const session = this.d.schedule.lastSession(village.id, t.now);
        if (!session) {
          t.reply.text(TEMPLATES.rateNothing);
          return;
        }
        this.setMode(t, "rating", { subject: "team_session", subjectId: session.id });
        const what = fill("rateWhatTeam", { teamName: this.d.schedule.teamName, date: dateVi(session.date) });
        t.reply.messages.push(ratePrompt(what, "team_session", session.id));
        return;
      }
      default:
        menuMessages(t.reply, this.d.library.all());
    }
  }

  // ---- ratings

  private rateFromPending(t: Turn, cmd: Extract<Command, { kind: "number" | "rate" }>): boolean {
    if (cmd.kind === "rate") return this.storeRating(t, cmd.subject!, cmd.subjectId!, cmd.score), true;
    const p = parsePending(t.conv.pending);
    if (!p.subject || p.subjectId === undefined) return false;
    if (cmd.value < 1 || cmd.value > 5) {
      t.reply.text(TEMPLATES.rateInvalid);
      return true;
    }
    this.storeRating(t, p.subject, p.subjectId, cmd.value);
    return true;
  }

  private storeRating(t: Turn, subject: "handoff" | "team_session", subjectId: number, score: number): void {
    const villageId =
      subject === "handoff" ? (this.d.handoffs.get(subjectId)?.villageId ?? t.conv.villageId) : (this.d.schedule.get(subjectId)?.villageId ?? t.conv.villageId);
    this.d.ratings.upsert({ userId: t.userId, villageId, subject, subjectId, score, createdAt: t.now });
    this.setMode(t, t.conv.guideId ? "guide" : "idle");
    t.reply.text(fill("rateThanks", { score }));
  }
}

function ratePrompt(what: string, subject: "handoff" | "team_session", subjectId: number) {
  return {
    kind: "buttons" as const,
    text: fill("ratePrompt", { what }),
    buttons: [1, 2, 3, 4, 5].map((n) => button.query(`${n} ${"★".repeat(n)}`, PAYLOAD.rate(subject, subjectId, n))),
  };
}

function parsePending(json: string | null): Pending {
  if (!json) return {};
  try {
    return JSON.parse(json) as Pending;
  } catch {
    return {};
  }
}
