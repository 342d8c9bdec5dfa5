import type { FastifyBaseLogger, FastifyInstance, FastifyRequest, preHandlerHookHandler } from "fastify";
import type { ConversationRepo } from "../chat/conversation-repo";
import type { TeamScheduleRepo } from "../chat/team-schedule-repo";
import type { LegalTipSource } from "./legal-tips";
import type { Clock } from "../clock";
import type { SchedulerCursorRepo } from "../db/scheduler-cursors";
import type { CommuneConfig } from "../config/commune";
import type { HandlerRegistry } from "../inbox/handlers";
import type { Outbox } from "../outbox/outbox";
import { outboxOfficerRoutes } from "../outbox/officer-routes";
import type { OutboxRepo } from "../outbox/outbox-repo";
import type { ZaloOaClient } from "../zalo/oa-client";
import type { ZaloUsersRepo } from "../zalo/users-repo";
import type { HouseholdGapSource } from "./audience";
import type { BroadcastRepo } from "./broadcast-repo";
import { BroadcastService } from "./broadcast-service";
import { ChannelPlanner } from "./channel-planner";
import { broadcastRoutes } from "./officer-routes";
import { registerReceiptTracking } from "./receipts";
import { ScheduleContent, type ReportSignals, type TicketSignals } from "./schedule-content";
import { BroadcastScheduler } from "./scheduler";
import { VillageTagger } from "./village-tagger";

export interface BroadcastModuleDeps {
  repo: BroadcastRepo;
  registry: HandlerRegistry;
  outbox: Outbox;
  users: ZaloUsersRepo;
  conversations: ConversationRepo;
  team: TeamScheduleRepo;
  commune: CommuneConfig;
  clock: Clock;
  logger: FastifyBaseLogger;
  zalo: ZaloOaClient;
  outboxRepo: OutboxRepo;
  /** Where the scheduler keeps the last minute it handled. */
  cursors: SchedulerCursorRepo;
  wakeSender(): void;
}

/** Reminders and broadcasts: planner, service, scheduler, receipts and the officers' routes. */
export function createBroadcastModule(d: BroadcastModuleDeps) {
  // The households module plugs these in once it is built (it comes later in the composition root).
  const sources: { gaps?: HouseholdGapSource; reports?: ReportSignals; tickets?: TicketSignals; legalTips?: LegalTipSource } = {};
  const planner = new ChannelPlanner(d.commune, d.users, d.repo);
  const service = new BroadcastService({
    repo: d.repo,
    planner,
    outbox: d.outbox,
    commune: d.commune,
    clock: d.clock,
    residents: d.conversations,
    gaps: () => sources.gaps,
  });
  const content = new ScheduleContent(d.commune, d.team, () => sources.reports, () => sources.tickets, () => sources.legalTips);
  const uploadImage = async (png: Buffer, name: string) => {
    const r = await d.zalo.uploadImage(png, name, "image/png");
    return r.ok ? r.data.attachmentId : undefined;
  };
  const tagger = new VillageTagger(d.repo, d.zalo, d.commune, d.logger);
  const scheduler = new BroadcastScheduler({ repo: d.repo, cursors: d.cursors, service, content, planner, commune: d.commune, clock: d.clock, logger: d.logger, gaps: () => sources.gaps, uploadImage, tagger });
  scheduler.seedDefaults(d.clock.now());
  registerReceiptTracking(d.registry, d.repo);
  return {
    repo: d.repo,
    tagger,
    planner,
    service,
    scheduler,
    content,
    /** Connects household data (gaps for nudges and audiences, report status and ranking) and open tickets. */
    connect(s: { gaps?: HouseholdGapSource; reports?: ReportSignals; tickets?: TicketSignals; legalTips?: LegalTipSource }) {
      Object.assign(sources, s);
    },
    routes(requireOfficer: preHandlerHookHandler, officerName: (req: FastifyRequest) => string) {
      return async (app: FastifyInstance) => {
        await app.register(broadcastRoutes, { requireOfficer, officerName, repo: d.repo, service, content, clock: d.clock, outbox: d.outboxRepo, wake: () => d.wakeSender() });
        await app.register(outboxOfficerRoutes, {
          requireOfficer,
          officerName,
          repo: d.outboxRepo,
          clock: d.clock,
          audit: (actor, action, target) => d.repo.audit(actor, action, target, undefined, d.clock.now()),
          wake: () => d.wakeSender(),
        });
      };
    },
  };
}

export type BroadcastModule = ReturnType<typeof createBroadcastModule>;
