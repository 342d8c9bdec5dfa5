import type { FastifyInstance, FastifyRequest, preHandlerHookHandler } from "fastify";
import { z } from "zod";
import { ApiError } from "../auth/api-error";
import type { Clock } from "../clock";
import type { ConversationRepo } from "./conversation-repo";
import type { GuideLibrary } from "./guide-library";
import type { HandoffRepo } from "./handoff-repo";
import type { QuestionsRepo } from "./questions-repo";
import type { RatingsRepo } from "./ratings-repo";
import type { TeamScheduleRepo } from "./team-schedule-repo";
import { localDate } from "./dates";
import { INTENT_IDS, INTENT_LABELS } from "../../shared/intents";

export interface ChatOfficerDeps {
  requireOfficer: preHandlerHookHandler;
  officerName(req: FastifyRequest): string;
  conversations: ConversationRepo;
  questions: QuestionsRepo;
  handoffs: HandoffRepo;
  ratings: RatingsRepo;
  schedule: TeamScheduleRepo;
  library: GuideLibrary;
  clock: Clock;
  timezone: string;
}

const funnelQuery = z.object({ days: z.coerce.number().int().min(1).max(3650).default(30) });
/** Map to a guide (`guideId`), to an action (`intent`, or `guideId: "@intent"`), or dismiss (`guideId: null`). */
const mapBody = z.union([
  z.object({ intent: z.enum(INTENT_IDS) }).strict(),
  z.object({ guideId: z.string().min(1).nullable() }).strict(),
]);
const idParam = z.object({ id: z.coerce.number().int().positive() });

/** Officers' API for the chat: guide funnel, unmatched questions and their mapping, hand-offs, ratings, team schedule. */
export async function chatOfficerRoutes(app: FastifyInstance, d: ChatOfficerDeps): Promise<void> {
  app.addHook("preHandler", d.requireOfficer);

  app.get("/api/officer/chat/funnel", async (req) => {
    const { days } = funnelQuery.parse(req.query);
    const rows = d.conversations.funnel(d.clock.now() - days * 86_400_000);
    return rows.map((r) => ({ ...r, title: d.library.get(r.guideId)?.title ?? r.guideId }));
  });

  // With the sender's village and what the bot replied, so an officer can place the question.
  app.get("/api/officer/chat/unmatched", async () => d.questions.openWithContext(200));

  app.post("/api/officer/chat/unmatched/:id/map", async (req) => {
    const params = idParam.safeParse(req.params);
    const body = mapBody.safeParse(req.body ?? {});
    if (!params.success || !body.success)
      throw new ApiError("bad_request", "Yêu cầu chưa đúng: cần mã câu hỏi và hướng dẫn (guideId), hoặc việc (intent), hoặc guideId null để bỏ qua.");
    const q = d.questions.get(params.data.id);
    if (!q) throw new ApiError("not_found", "Không tìm thấy câu hỏi.");
    if (q.resolvedAt !== null) throw new ApiError("conflict", "Câu hỏi này đã được xử lý.");
    // An action is stored like a guide, as "@intent" (guide ids never start with "@").
    const guideId = "intent" in body.data ? `@${body.data.intent}` : body.data.guideId;
    if (guideId !== null && !d.library.isLabel(guideId)) throw new ApiError("bad_request", `Không có hướng dẫn hay việc “${guideId}”.`);
    d.questions.resolve(q.id, guideId, d.officerName(req), d.clock.now());
    // The matcher learns the phrasing at once; it is also reloaded from the table at start.
    if (guideId) d.library.addPhrasing(guideId, q.text);
    return { ok: true };
  });

  app.get("/api/officer/chat/handoffs", async () => d.handoffs.recent(200));
  app.get("/api/officer/chat/ratings", async () => d.ratings.summary());
  app.get("/api/officer/chat/team-sessions", async () => d.schedule.all(localDate(d.clock.now(), d.timezone)));
  app.get("/api/officer/chat/intents", async () => INTENT_IDS.map((id) => ({ id: `@${id}`, intent: id, label: INTENT_LABELS[id] })));
  app.get("/api/officer/chat/guides", async () => d.library.all().map((g) => ({ id: g.id, title: g.title, steps: g.steps.length })));
}
