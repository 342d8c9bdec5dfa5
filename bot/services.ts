import type { FastifyBaseLogger } from "fastify";
import { createBroadcastModule } from "./broadcasts";
import { BroadcastRepo } from "./broadcasts/broadcast-repo";
import { householdSources } from "./broadcasts/household-sources";
import { registerOaLinking } from "./households/oa-linking";
import { createChatModule } from "./chat";
import { createCommuneModule, staffOrHouseholdCodes } from "./commune";
import { guideContextFrom } from "./chat/guide-context";
import { createGuidesModule } from "./guides";
import { createGuideFileParts } from "./guides/file-part";
import { createGroupModule } from "./groups";
import type { Clock } from "./clock";
import type { CommuneConfig } from "./config/commune";
import { zaloMode, type Env } from "./config/env";
import { openDatabase, type DatabaseHandle } from "./db/connection";
import { ProcessLease } from "./db/process-lease";
import { SchedulerCursorRepo } from "./db/scheduler-cursors";
import { createHouseholdServices } from "./households/module";
import { createPrivacyModule } from "./privacy";
import { createSegmentsModule } from "./segments";
import { createCriteriaModule } from "./criteria";
import { segmentReportSource } from "./segments/report-source";
import { createConsoleModule } from "./console";
import { createTicketsModule } from "./tickets";
import { HANDLER_PRIORITY, HandlerRegistry } from "./inbox/handlers";
import { InboxRepo } from "./inbox/inbox-repo";
import { InboxWorker } from "./inbox/worker";
import { Outbox } from "./outbox/outbox";
import { OutboxRepo } from "./outbox/outbox-repo";
import { OutboxReconciler } from "./outbox/reconciler";
import { OutboxPauseRepo } from "./outbox/pause-repo";
import { OutboxSender } from "./outbox/sender";
import { ConnectService } from "./zalo/connect-service";
import type { ZaloEndpoints } from "./zalo/endpoints";
import { registerInteractionTracking } from "./zalo/interactions";
import { ZaloOaClient } from "./zalo/oa-client";
import { ZaloOAuthClient } from "./zalo/oauth-client";
import { TokenRepo } from "./zalo/token-repo";
import { TokenStore } from "./zalo/token-store";
import { ZaloUsersRepo } from "./zalo/users-repo";
import { withinConsultationWindow } from "./zalo/window";
import { WebhookIntake } from "./zalo/webhook-intake";

export interface ZaloCredentials {
  appId: string;
  appSecret: string;
  oaId: string;
  oaSecretKey: string;
}

export interface ServiceConfig {
  env: Env;
  commune: CommuneConfig;
  credentials: ZaloCredentials;
  /** Mutable: sandbox points it at the simulator once the port is known. */
  endpoints: ZaloEndpoints;
  clock: Clock;
  logger: FastifyBaseLogger;
}

/** The composition root: every service built once, from config, over one database. */
export function createServices(cfg: ServiceConfig) {
  const { env, clock, logger, credentials } = cfg;
  const database: DatabaseHandle = openDatabase(env.DATABASE_PATH, { synchronous: env.DB_SYNCHRONOUS, busyTimeoutMs: env.DB_BUSY_TIMEOUT_MS, now: () => clock.now() });
  const { db } = database;
  /** The commune's villages and people live in the database (the file seeds them once); `commune` is always the current document. */
  const communeModule = createCommuneModule({ db, seed: cfg.commune, clock, logger });
  const commune = communeModule.live;
  const config: ServiceConfig = { ...cfg, commune };

  const inboxRepo = new InboxRepo(db);
  const registry = new HandlerRegistry();
  const worker = new InboxWorker({
    repo: inboxRepo,
    commits: database.commits,
    registry,
    logger,
    clock,
    concurrency: env.INBOX_CONCURRENCY,
    maxAttempts: env.INBOX_MAX_ATTEMPTS,
  });
  const intake = new WebhookIntake({ appId: credentials.appId, oaSecretKey: credentials.oaSecretKey, oaId: credentials.oaId }, inboxRepo, database.commits, clock);

  const tokenRepo = new TokenRepo(db);
  const oauth = new ZaloOAuthClient(cfg.endpoints, credentials.appId, credentials.appSecret, env.ZALO_HTTP_TIMEOUT_MS);
  const tokens = new TokenStore({ repo: tokenRepo, oauth, clock, logger, refreshMarginMs: env.ZALO_TOKEN_REFRESH_MARGIN_SEC * 1000, owner: { appId: credentials.appId, oaId: credentials.oaId } });
  const connect = new ConnectService(oauth, tokenRepo, tokens, clock, credentials.oaId);
  const zalo = new ZaloOaClient(cfg.endpoints, tokens, env.ZALO_HTTP_TIMEOUT_MS);

  const outboxRepo = new OutboxRepo(db);
  const outbox = new Outbox(outboxRepo, clock);
  const outboxPauses = new OutboxPauseRepo(db);
  const sender = new OutboxSender({
    repo: outboxRepo,
    client: zalo,
    reconciler: new OutboxReconciler(zalo, outboxRepo),
    clock,
    logger,
    health: database.health,
    reconcileDelaysMs: env.OUTBOX_HISTORY_CHECKS_MS,
    ratePerMinute: env.OUTBOX_RATE_PER_MINUTE,
    concurrency: env.OUTBOX_CONCURRENCY,
    maxAttempts: env.OUTBOX_MAX_ATTEMPTS,
    backoffBaseMs: env.OUTBOX_BACKOFF_BASE_MS,
    backoffMaxMs: env.OUTBOX_BACKOFF_MAX_MS,
    pauses: outboxPauses,
    // Told through the OA when an account-wide error pauses sending (where the OA can still send).
    adminRecipients: () => commune.officers.filter((o) => o.role === "admin" && o.zaloUserId).map((o) => o.zaloUserId!),
  });
  outbox.onEnqueued(() => sender.wake());

  const users = new ZaloUsersRepo(db);
  // user_withdraw → the one erasure service (built below, called at event time).
  registerInteractionTracking(registry, users, database.commits, (person) => privacy.service.erase(person, { kind: "zalo_withdraw" }));

  const broadcastRepo = new BroadcastRepo(db);
  /** Content (issue 15): guides with versions and the weekly legal tips, in the database (shipped guides synced at start). */
  const guides = createGuidesModule({ db, clock, logger });
  const chat = createChatModule({
    db,
    registry,
    outbox,
    commune,
    clock,
    logger,
    subscriptions: { optOut: (u, at) => broadcastRepo.optOut(u, at), optIn: (u) => broadcastRepo.optIn(u) },
    sentMessages: outboxRepo,
    reachable: (oaUserId, at) => withinConsultationWindow(users.get(oaUserId)?.lastInteractionAt, at),
    guides: guides.source,
  });
  guides.connect(chat.library);
  const broadcasts = createBroadcastModule({
    repo: broadcastRepo,
    registry,
    outbox,
    users,
    conversations: chat.conversations,
    team: chat.schedule,
    commune,
    clock,
    logger,
    zalo,
    outboxRepo,
    cursors: new SchedulerCursorRepo(db),
    wakeSender: () => sender.wake(),
  });
  /** Gia đình số: households, criteria answers, sessions and roles, aggregates, weekly snapshots, reports. */
  const gds = createHouseholdServices({ db, commune, clock, logger, endpoints: cfg.endpoints, appSecret: credentials.appSecret, httpTimeoutMs: env.ZALO_HTTP_TIMEOUT_MS });
  broadcasts.connect(householdSources(gds, commune));
  // The weekly legal tip reads the tips the commune keeps in the database, at send time.
  broadcasts.connect({ legalTips: guides.legalTips });
  // A change to a team session the reminders already announced is said to the officer who makes it.
  chat.team.useSentReminders((since) => {
    const teamVisits = new Set(broadcastRepo.schedules().filter((x) => x.kind === "team_visit").map((x) => x.id));
    return broadcastRepo
      .listBroadcasts(300)
      .filter((b) => b.scheduleId !== null && teamVisits.has(b.scheduleId) && b.status === "queued" && (b.queuedAt ?? b.createdAt) >= since)
      .map((b) => ({ at: b.queuedAt ?? b.createdAt, villageIds: (JSON.parse(b.audience) as { villageIds?: string[] }).villageIds ?? [], text: b.text }));
  });
  /** Zalo groups: registry kept from group events, Zalo's group APIs and refused posts; the planner asks it. */
  const groups = createGroupModule({ db, handlers: registry, zalo, commune, clock, logger });
  broadcasts.planner.useGroups(groups.registry);
  // A village group added in the console gets its registry row at once (existing rows are kept).
  communeModule.store.onChange(() => groups.registry.seedFromConfig());
  // Guides say the commune's names, places and links: a changed document re-renders them (never throws),
  // and a document with which a guide could no longer be shown is refused before it is saved.
  communeModule.store.onChange(() => void guides.rebuild());
  communeModule.store.addCheck((doc) => chat.library.showable(guideContextFrom(doc)));
  /** Residents' personal data: erasure (withdraw, self, officer), download, retention purge. */
  const privacy = createPrivacyModule({ db, gds, commune, clock, logger });
  /** The officers' console on a PC: login by QR code from the mini app or by a one-time link in the chat. */
  const consoleModule = createConsoleModule({ db, auth: gds.auth, roles: gds.roles, clock, consoleUrl: () => consoleUrl(env) });
  chat.connectConsole(consoleModule.service);
  /** Hand-off tickets: every hand-off and unanswered question, answered from the console like from Zalo. */
  /** Household segments (families of officials, Party members, unions...) and their targets: memberships and progress. */
  const segments = createSegmentsModule({ db, gds, commune, clock });
  /** The criteria the admin adopts in the console: households recounted off the event loop, then everyone reads the new set. */
  const criteria = createCriteriaModule({ store: communeModule.store, gds, dbPath: env.DATABASE_PATH, clock, logger });
  // The weekly workbook, each freeze and the Friday ranking read the segments through this port (reports never import bot/segments).
  gds.reports.connectSegments(segmentReportSource(segments.repo));
  const tickets = createTicketsModule({ db, chat: chat.service, commune, clock, lastInteraction: (userId) => users.get(userId)?.lastInteractionAt ?? undefined });
  broadcasts.connect({ tickets: tickets.service });
  chat.connectHouseholds(staffOrHouseholdCodes(communeModule.service, gds.households));
  chat.connectCriteria(() => gds.catalogue.criteria);
  communeModule.store.connectSessions(chat.team);
  communeModule.store.connectPart("segments", segments.service.filePart());
  // The commune's own guides and legal tips travel in the file too (only what it changed); a first start from such a file applies them.
  const guideFile = createGuideFileParts(guides, { db, clock, logger });
  for (const key of ["guides", "legalTips"] as const) communeModule.store.connectPart(key, guideFile[key]);
  if (communeModule.store.seeded) guideFile.seed(cfg.commune);
  communeModule.connect({
    // The kept count (agg_village), not a count over the households: 0.02 ms instead of 16 ms at 500,000.
    registered: (villageId) => gds.aggregates.village(villageId).scopes.find((r) => r.scope === "all")?.registered ?? 0,
    appUserIdForOa: (oaUserId) => users.get(oaUserId)?.userIdByApp ?? undefined,
  });
  // Before the chat's handlers: the first message carrying user_id_by_app links the household first.
  registerOaLinking(registry.withPriority(HANDLER_PRIORITY.identity), gds.households, zalo);

  const stopWorkers = async () => {
    await broadcasts.scheduler.stop();
    await groups.stop();
    await gds.snapshotScheduler.stop();
    await worker.stop();
    await sender.stop();
  };
  /** One process at a time runs the background work on this database (claims live in memory). */
  const lease = new ProcessLease(database.sqlite, {
    dbPath: env.DATABASE_PATH,
    ttlMs: env.PROCESS_LEASE_MS,
    logger,
    health: database.health,
    onLost: () => void stopWorkers().catch((err) => logger.error({ err }, "stopping the background work failed")),
  });

  return {
    config,
    commune: communeModule,
    database,
    inboxRepo,
    registry,
    worker,
    intake,
    tokenRepo,
    tokens,
    connect,
    zalo,
    outboxRepo,
    outbox,
    outboxPauses,
    sender,
    users,
    chat,
    guides,
    broadcasts,
    groups,
    gds,
    privacy,
    console: consoleModule,
    tickets,
    segments,
    criteria,
    lease,
    /** Starts the background work: inbox handling and sending (after taking the database's lease). */
    async startWorkers(): Promise<void> {
      lease.acquire();
      worker.start();
      await sender.start();
      broadcasts.scheduler.start();
      groups.start();
      gds.snapshotScheduler.start();
      privacy.start();
    },
    /** Graceful stop: finish what is in flight, then close the database. */
    async stop(): Promise<void> {
      await stopWorkers();
      await criteria.stop();
      lease.release();
      await privacy.stop();
      database.close();
    },
  };
}

export type Services = ReturnType<typeof createServices>;

/** Where the officers' console is served: the public address, or in sandbox the local port. */
function consoleUrl(env: Env): string | undefined {
  if (env.PUBLIC_BASE_URL) return `${env.PUBLIC_BASE_URL.replace(/\/+$/, "")}/console/`;
  return zaloMode(env).kind === "sandbox" ? `http://localhost:${env.PORT}/console/` : undefined;
}
