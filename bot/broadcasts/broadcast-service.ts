import type { Clock } from "../clock";
import type { CommuneConfig, Village } from "../config/commune";
import type { Outbox } from "../outbox/outbox";
import type { OutgoingMessage } from "../zalo/messages";
import { audienceSchema, type Audience, type HouseholdGapSource, type ResidentDirectory } from "./audience";
import type { BroadcastRepo, BroadcastRow } from "./broadcast-repo";
import type { Channel, ChannelPlanner, Plan } from "./channel-planner";
import type { DraftPlan } from "../../shared/contracts/broadcasts";
import { confirmationSentence, emptyAudienceReason, postText, relayText } from "./message-text";

type TargetKind = "group" | "resident" | "village_head" | "volunteer" | "officer";

export interface PlannedDelivery {
  targetKind: TargetKind;
  targetId: string;
  villageId: string | undefined;
  plan: Plan;
  /** A nudge names its criterion (the text differs per household). */
  text?: string;
  criterionId?: string;
}

export interface BroadcastInput {
  title: string;
  text: string;
  audience: Audience;
  sendAt?: number | undefined;
  imageAttachmentId?: string | undefined;
  scheduleId?: number | undefined;
}

const CHANNELS: Channel[] = ["group", "cs", "promotion", "relay", "none"];

export type { DraftPlan };

export type ComposeAction = { kind: "draft" } | { kind: "now" } | { kind: "at"; sendAt: number };

/**
 * Broadcasts: expand the audience into recipients, let the planner choose each one's channel, and
 * queue everything (deliveries + outbox rows, relays grouped per village head) in one transaction, so
 * a restart never sends a recipient the same broadcast twice (dedupe keys per broadcast and target).
 */
export class BroadcastService {
  constructor(
    private readonly d: {
      repo: BroadcastRepo;
      planner: ChannelPlanner;
      outbox: Outbox;
      commune: CommuneConfig;
      clock: Clock;
      residents: ResidentDirectory;
      gaps: () => HouseholdGapSource | undefined;
    },
  ) {}

  create(input: BroadcastInput, actor: string): BroadcastRow {
    const audience = audienceSchema.parse(input.audience);
    const now = this.d.clock.now();
    const row = this.d.repo.createBroadcast({
      title: input.title,
      text: input.text,
      imageAttachmentId: input.imageAttachmentId ?? null,
      audience: JSON.stringify(audience),
      status: input.sendAt && input.sendAt > now ? "scheduled" : "draft",
      sendAt: input.sendAt ?? null,
      createdBy: actor,
      createdAt: now,
      scheduleId: input.scheduleId ?? null,
    });
    this.d.repo.audit(actor, "broadcast.create", `broadcast:${row.id}`, { title: input.title, audience, sendAt: input.sendAt }, now);
    return row;
  }

  /** Who would get it and how, without sending: counts per channel and the list. */
  preview(b: BroadcastRow): { counts: Record<Channel, number>; deliveries: PlannedDelivery[] } {
    return this.previewAudience(audienceSchema.parse(JSON.parse(b.audience)));
  }

  previewAudience(audience: Audience): { counts: Record<Channel, number>; deliveries: PlannedDelivery[] } {
    const deliveries = this.plan(audience, this.d.clock.now());
    const counts = Object.fromEntries(CHANNELS.map((c) => [c, 0])) as Record<Channel, number>;
    for (const d of deliveries) counts[d.plan.channel]++;
    return { counts, deliveries };
  }

  /** Queues the broadcast: every delivery and outbox row in one transaction; a second call does nothing. */
  queue(id: number, actor: string): { queued: boolean; counts: Record<Channel, number> } {
    return this.d.repo.db.transaction(() => {
      const b = this.d.repo.broadcast(id);
      if (!b) throw new Error(`no broadcast ${id}`);
      const { counts, deliveries } = this.preview(b);
      const now = this.d.clock.now();
      if (!this.d.repo.markQueued(id, now)) return { queued: false, counts };
      this.enqueueDeliveries(b, deliveries);
      this.d.repo.audit(actor, "broadcast.send", `broadcast:${id}`, { counts }, now);
      return { queued: true, counts };
    });
  }

  /** Nudges: one message per household naming its missing criterion, at most one per household per week. */
  queueNudges(title: string, deliveries: PlannedDelivery[], week: string, actor: string): BroadcastRow | undefined {
    return this.d.repo.db.transaction(() => {
      const now = this.d.clock.now();
      const fresh = deliveries.filter((d) => d.plan.channel !== "none" && this.d.repo.claimNudge(d.targetId, week, d.criterionId ?? "", now));
      if (fresh.length === 0) return undefined;
      const b = this.d.repo.createBroadcast({
        title,
        text: "(mỗi hộ một nội dung theo tiêu chí còn thiếu)",
        audience: JSON.stringify({ kind: "households_missing", criterionId: "*" }),
        status: "draft",
        createdBy: actor,
        createdAt: now,
      });
      this.d.repo.markQueued(b.id, now);
      this.enqueueDeliveries(b, fresh);
      this.d.repo.audit(actor, "nudges.send", `broadcast:${b.id}`, { households: fresh.length, week }, now);
      return b;
    });
  }

  /** Plans a broadcast that does not exist yet (nothing is written): counts, texts, confirmation. */
  planDraft(input: { title: string; text: string; audience: Audience; sendAt?: number | undefined; scheduleId?: number | null; repeatWords?: string | undefined }): DraftPlan {
    const audience = audienceSchema.parse(input.audience);
    const now = this.d.clock.now();
    const { counts, deliveries } = this.previewAudience(audience);
    const post = this.messageText({ title: input.title, text: input.text, scheduleId: input.scheduleId ?? null });
    const relays = this.relayHeads(deliveries, now);
    const reachable = relays.filter((r) => r.head);
    const texts: DraftPlan["texts"] = {};
    if (counts.group > 0) texts.group = post;
    if (counts.cs > 0) texts.cs = post;
    if (counts.promotion > 0) texts.promotion = post;
    const first = reachable[0];
    if (first) texts.relay = { villageName: first.village.name, text: relayText(first.village, first.items.length, first.items.some((i) => i.targetKind === "group"), post) };
    const sendAt = input.sendAt && input.sendAt > now ? input.sendAt : undefined;
    const count = (xs: typeof relays) => xs.reduce((n, r) => n + r.items.length, 0);
    const relay = { heads: reachable.length, recipients: count(reachable), stuck: count(relays) - count(reachable) };
    const empty = emptyAudienceReason(audience, deliveries, relay.heads, this.d.gaps() !== undefined);
    return {
      counts,
      total: deliveries.length,
      relay,
      empty,
      texts,
      confirmation: confirmationSentence(counts, relay, sendAt, now, this.d.commune.commune.timezone, input.repeatWords),
    };
  }

  /**
   * The officer's one step after the confirmation: keep a draft, send now, or schedule for a minute.
   * `draftId`: a saved draft is updated and acted on instead of creating another row.
   */
  compose(input: { title: string; text: string; audience: Audience; draftId?: number | undefined }, action: ComposeAction, actor: string): { broadcast: BroadcastRow; counts?: Record<Channel, number> } {
    const audience = audienceSchema.parse(input.audience);
    const now = this.d.clock.now();
    if (action.kind === "at" && action.sendAt <= now) throw new RangeError("past");
    return this.d.repo.db.transaction(() => {
      let b: BroadcastRow;
      if (input.draftId !== undefined) {
        if (!this.d.repo.updateDraft(input.draftId, { title: input.title, text: input.text, audience: JSON.stringify(audience) })) throw new ReferenceError("not a draft");
        b = this.d.repo.broadcast(input.draftId)!;
        this.d.repo.audit(actor, "broadcast.draft_update", `broadcast:${b.id}`, { title: input.title, audience }, now);
        if (action.kind === "at") {
          this.d.repo.scheduleDraft(b.id, action.sendAt);
          this.d.repo.audit(actor, "broadcast.schedule", `broadcast:${b.id}`, { sendAt: action.sendAt }, now);
        }
      } else {
        b = this.create({ title: input.title, text: input.text, audience, ...(action.kind === "at" ? { sendAt: action.sendAt } : {}) }, actor);
      }
      if (action.kind === "now") {
        const q = this.queue(b.id, actor);
        return { broadcast: this.d.repo.broadcast(b.id)!, counts: q.counts };
      }
      return { broadcast: this.d.repo.broadcast(b.id)! };
    });
  }

  /** The text every channel carries: the officer's title on its own line first (scheduled texts already name themselves). */
  messageText(b: Pick<BroadcastRow, "title" | "text" | "scheduleId">): string {
    const custom = b.scheduleId === null || this.d.repo.schedule(b.scheduleId)?.kind === "custom";
    return postText(b.title, b.text, custom);
  }

  /** Per village with relayed recipients: its head and how Zalo lets the head be reached (undefined: not at all). */
  private relayHeads(deliveries: PlannedDelivery[], now: number) {
    const byVillage = new Map<string, PlannedDelivery[]>();
    for (const d of deliveries) if (d.plan.channel === "relay") byVillage.set(d.villageId ?? "", [...(byVillage.get(d.villageId ?? "") ?? []), d]);
    return [...byVillage].map(([villageId, items]) => {
      const village = this.d.commune.villages.find((v) => v.id === villageId);
      const plan = this.d.planner.planUser(village?.head.zaloUserId, now, { respectOptOut: false });
      const head = village && (plan.channel === "cs" || plan.channel === "promotion" || plan.channel === "group") && plan.recipientId ? { ...plan, channel: plan.channel } : undefined;
      return { villageId, village: village!, items, head };
    });
  }

  report(id: number) {
    const rows = this.d.repo.report(id);
    const summary = {
      total: rows.length,
      byChannel: {} as Record<string, number>,
      sent: rows.filter((r) => r.status === "sent").length,
      received: rows.filter((r) => r.receivedAt !== null).length,
      seen: rows.filter((r) => r.seenAt !== null).length,
      refused: rows.filter((r) => r.status === "failed" || r.status === "outside_window").length,
      pending: rows.filter((r) => r.status === "pending" || r.status === "sending").length,
      relayed: rows.filter((r) => r.channel === "relay").length,
      unreachable: rows.filter((r) => r.channel === "none").length,
    };
    for (const r of rows) summary.byChannel[r.channel] = (summary.byChannel[r.channel] ?? 0) + 1;
    return { summary, deliveries: rows };
  }

  // ---- audience expansion

  plan(audience: Audience, now: number): PlannedDelivery[] {
    const villages = this.villagesIn("villageIds" in audience ? audience.villageIds : undefined);
    const person = (kind: TargetKind, userId: string | undefined, fallbackId: string, villageId: string | undefined, respectOptOut: boolean): PlannedDelivery => ({
      targetKind: kind,
      targetId: userId ?? fallbackId,
      villageId,
      plan: this.d.planner.planUser(userId, now, { respectOptOut }),
    });
    switch (audience.kind) {
      case "village_groups":
        return villages.flatMap((v) =>
          v.zaloGroups.length > 0
            ? v.zaloGroups.map((g) => ({ targetKind: "group" as const, targetId: g.groupId, villageId: v.id, plan: this.d.planner.planGroup(g.groupId) }))
            : [{ targetKind: "group" as const, targetId: `village:${v.id}`, villageId: v.id, plan: { channel: "relay" as const, reason: "Thôn chưa có nhóm Zalo do trang của xã quản lý: nhờ trưởng thôn chuyển tin." } }],
        );
      case "village_heads":
        return villages.map((v) => person("village_head", v.head.zaloUserId, `head:${v.id}`, v.id, false));
      case "volunteers":
        return this.d.commune.volunteers
          .filter((vol) => !("villageIds" in audience && audience.villageIds) || vol.villageIds.some((id) => audience.villageIds!.includes(id)))
          .map((vol) => person("volunteer", vol.zaloUserId, `volunteer:${vol.name}`, vol.villageIds[0], false));
      case "officers":
        return this.d.commune.officers.map((o) => person("officer", o.zaloUserId, `officer:${o.name}`, undefined, false));
      case "residents":
        return this.d.residents.residents(villages.map((v) => v.id)).map((r) => person("resident", r.userId, r.userId, r.villageId, true));
      case "recent_residents":
        return this.d.residents
          .residents(villages.map((v) => v.id))
          .filter((r) => this.d.planner.wroteRecently(r.userId, now))
          .map((r) => person("resident", r.userId, r.userId, r.villageId, true));
      case "households_missing": {
        const gaps = this.d.gaps();
        if (!gaps) return [];
        return gaps.missing(audience.criterionId, audience.villageIds).flatMap((h) =>
          h.userIds.map((u) => ({ ...person("resident", u, u, h.villageId, true), targetId: u })),
        );
      }
    }
  }

  private villagesIn(ids: readonly string[] | undefined): Village[] {
    return ids ? this.d.commune.villages.filter((v) => ids.includes(v.id)) : this.d.commune.villages;
  }

  private enqueueDeliveries(b: BroadcastRow, deliveries: PlannedDelivery[]): void {
    const now = this.d.clock.now();
    const post = this.messageText(b);
    const message = (text: string): OutgoingMessage =>
      b.imageAttachmentId ? { kind: "image", attachmentId: b.imageAttachmentId, text: text.slice(0, 2000) } : { kind: "text", text: text.slice(0, 2000) };
    for (const d of deliveries) {
      let outboxId: number | null = null;
      const p = d.plan;
      if (p.channel === "relay") continue;
      if (p.channel !== "none" && p.recipientId) {
        outboxId = this.d.outbox.enqueueOne({
          dedupeKey: `bc:${b.id}:${d.targetKind}:${d.targetId}`,
          channel: p.channel === "group" ? "group" : p.channel,
          recipientId: p.recipientId,
          message: message(d.text ?? post),
          origin: `broadcast:${b.id}`,
          ...(p.notBefore ? { notBefore: p.notBefore } : {}),
        });
      }
      this.d.repo.insertDelivery({ broadcastId: b.id, targetKind: d.targetKind, targetId: d.targetId, villageId: d.villageId ?? null, channel: p.channel, reason: p.reason, outboxId });
    }
    for (const { villageId, village, items, head } of this.relayHeads(deliveries, now)) {
      let outboxId: number | null = null;
      let reason = items[0]!.plan.reason;
      if (head?.recipientId) {
        outboxId = this.d.outbox.enqueueOne({
          dedupeKey: `bc:${b.id}:relay:${villageId}`,
          channel: head.channel === "group" ? "group" : head.channel,
          recipientId: head.recipientId,
          message: message(relayText(village, items.length, items.some((i) => i.targetKind === "group"), post)),
          origin: `broadcast:${b.id}`,
          ...(head.notBefore ? { notBefore: head.notBefore } : {}),
        });
        reason = `${reason} (${head.reason})`;
      } else {
        reason = `${reason} Trưởng thôn cũng chưa nhận được tin qua Zalo: cần báo trực tiếp.`;
      }
      for (const d of items) {
        this.d.repo.insertDelivery({ broadcastId: b.id, targetKind: d.targetKind, targetId: d.targetId, villageId: d.villageId ?? null, channel: outboxId ? "relay" : "none", reason, outboxId });
      }
    }
  }
}
