import { GIA_DINH_SO_2025, type Pillar } from "../../shared/criteria";
import type { FastifyBaseLogger, FastifyInstance, FastifyRequest, preHandlerHookHandler } from "fastify";
import type { Clock } from "../clock";
import type { CommuneConfig } from "../config/commune";
import type { Db } from "../db/connection";
import type { HandlerRegistry } from "../inbox/handlers";
import type { Outbox } from "../outbox/outbox";
import { AnonymousChat, registerAnonymousHandlers } from "./anonymous";
import { registerChatHandlers } from "./chat-handlers";
import { ConversationRepo } from "./conversation-repo";
import { ConversationService, type ConsoleLink, type ConversationDeps, type HouseholdLink } from "./conversation-service";
import { guideContextFrom } from "./guide-context";
import { GuideLibrary, type BackgroundTrainer } from "./guide-library";
import type { Guide } from "../../shared/guides";
import { HandoffRepo } from "./handoff-repo";
import { OwnEchoCheck, type SentMessages } from "./own-echo";
import { HandoffService } from "./handoff-service";
import { chatOfficerRoutes } from "./officer-routes";
import { QuestionsRepo } from "./questions-repo";
import { RatingsRepo } from "./ratings-repo";
import { TeamScheduleRepo } from "./team-schedule-repo";
import { TeamScheduleService } from "./team-schedule-service";
import { teamRoutes } from "./team-routes";
import { AuditLog } from "../audit/audit-log";
import type { Principal } from "../auth/roles";

export interface ChatModuleDeps {
  db: Db;
  registry: HandlerRegistry;
  outbox: Outbox;
  commune: CommuneConfig;
  clock: Clock;
  logger: FastifyBaseLogger;
  subscriptions: ConversationDeps["subscriptions"];
  /** The outbox's record of sent message ids: tells the bot's own echoes from an officer's replies. */
  sentMessages?: SentMessages;
  /** Whether Zalo lets the OA write to this person now (7-day window): hand-off notices go where they can. */
  reachable?: (oaUserId: string, at: number) => boolean;
  /** Where the guides come from (bot/guides: the database, with versions) and who trains the classifier anew in the background. Default: the shipped files. */
  guides?: { guides(): readonly Guide[]; versions(): ReadonlyMap<string, number>; trainer?: BackgroundTrainer };
}

/** The resident conversation capability: repos, services, inbox handlers and the officers' routes. */
export function createChatModule(d: ChatModuleDeps) {
  const conversations = new ConversationRepo(d.db);
  const questions = new QuestionsRepo(d.db);
  const handoffRepo = new HandoffRepo(d.db);
  const ratings = new RatingsRepo(d.db);
  const scheduleRepo = new TeamScheduleRepo(d.db);
  const miniAppUrl = d.commune.miniApp.url;
  // Every guide is filled from the commune config; a missing value (the mini app link) stops the start
  // with the guide check's message instead of a stand-in text in a resident's guide.
  const library = d.guides
    ? new GuideLibrary(
        { guides: () => d.guides!.guides(), versions: () => d.guides!.versions(), phrasings: () => questions.phrasings(), context: () => guideContextFrom(d.commune) },
        {
          ...(d.guides.trainer ? { trainer: d.guides.trainer } : {}),
          trainingFailed: (err) => d.logger.warn({ err }, "guides: a background training failed; the classifier in use keeps answering, the next edit trains again"),
        },
      )
    : new GuideLibrary(guideContextFrom(d.commune), questions.phrasings());
  // Edited by officers (audited); seeded from the commune file on the first start only.
  const schedule = new TeamScheduleService(scheduleRepo, d.commune, { clock: d.clock, audit: new AuditLog(d.db, () => d.clock.now()) });
  const seeded = schedule.seedFromConfig();
  if (seeded > 0) d.logger.info({ seeded }, "chat: mobile team sessions seeded from the commune config (first start)");
  const handoffs = new HandoffService(handoffRepo, d.outbox, d.commune, d.reachable);
  const linked: { households?: HouseholdLink; console?: ConsoleLink; criteria?: () => readonly { pillar: Pillar }[] } = {};
  // The catalogue's default set until the households module connects the commune's live one.
  const criteria = () => (linked.criteria ? linked.criteria() : GIA_DINH_SO_2025.criteria);
  const service = new ConversationService({
    db: d.db,
    conversations,
    questions,
    ratings,
    handoffs,
    schedule,
    library,
    outbox: d.outbox,
    commune: d.commune,
    clock: d.clock,
    logger: d.logger,
    miniAppUrl,
    criteria,
    subscriptions: d.subscriptions,
    households: () => linked.households,
    console: () => linked.console,
  });
  registerChatHandlers(d.registry, service, d.sentMessages ? new OwnEchoCheck(d.sentMessages, d.clock) : undefined);
  const anonymous = new AnonymousChat({ db: d.db, library, handoffs, schedule, questions, conversations, outbox: d.outbox, commune: d.commune, clock: d.clock, logger: d.logger, miniAppUrl, criteria });
  registerAnonymousHandlers(d.registry, anonymous, d.sentMessages ? new OwnEchoCheck(d.sentMessages, d.clock) : undefined);
  return {
    service,
    library,
    conversations,
    questions,
    ratings,
    handoffs: handoffRepo,
    schedule: scheduleRepo,
    /** The mobile team's calendar: officers edit it, the chat and the reminders read it at once. */
    team: schedule,
    /** The households module (built later in the composition root) links chats to households. */
    connectHouseholds(h: HouseholdLink) {
      linked.households = h;
    },
    /** The officers' console (built later): officers ask the chat for a one-time login link. */
    connectConsole(c: ConsoleLink) {
      linked.console = c;
    },
    /** The commune's criteria as they are now (the live catalogue, bot/households/live-catalogue.ts). */
    connectCriteria(c: () => readonly { pillar: Pillar }[]) {
      linked.criteria = c;
    },
    /** The team calendar's API (officers edit; a village head reads their village). */
    teamRoutes(requireOfficer: preHandlerHookHandler, officerName: (req: FastifyRequest) => string, authenticate: (authorization: string | undefined) => Principal) {
      return (app: FastifyInstance) => app.register(teamRoutes, { requireOfficer, officerName, authenticate, schedule });
    },
    routes(requireOfficer: preHandlerHookHandler, officerName: (req: FastifyRequest) => string) {
      return (app: FastifyInstance) =>
        app.register(chatOfficerRoutes, {
          requireOfficer,
          officerName,
          conversations,
          questions,
          handoffs: handoffRepo,
          ratings,
          schedule: scheduleRepo,
          library,
          clock: d.clock,
          timezone: d.commune.commune.timezone,
        });
    },
  };
}

export type ChatModule = ReturnType<typeof createChatModule>;
