import type { FastifyBaseLogger } from "fastify";
import type { Clock } from "../clock";
import { derived, type CommuneConfig } from "../config/commune";
import type { ZaloResult } from "../zalo/errors";
import type { GroupLifecycleEvent } from "../zalo/events";
import type { ZaloGroupDetail, ZaloGroupSummary } from "../zalo/oa-client";
import type { GroupRepo, GroupRow, GroupStatus } from "./group-repo";

/** Zalo's answer for a group the OA does not own (or no longer owns). */
export const NOT_IN_GROUP = -403;
/** Zalo's answer for a group whose GMF package lapsed. */
export const GROUP_DISABLED = -237;

/**
 * Zalo's `status` string as our status. Documented values are `enabled` and `disabled`; other spellings
 * seen in third-party SDKs (ACTIVE, INACTIVE, DISBANDED) are read the same way. Anything else counts as
 * active: a post that Zalo then refuses marks the group (-237 / -403), so a wrong guess costs one post.
 */
export function statusFromZalo(raw: string | undefined): GroupStatus {
  const s = (raw ?? "").trim().toLowerCase();
  if (["disabled", "disable", "inactive", "locked", "expired"].includes(s)) return "disabled";
  if (["deleted", "disbanded", "dissolved", "removed"].includes(s)) return "deleted";
  return "active";
}

/** What an event changes, and whether the group's details should be read again from Zalo. */
export interface EventOutcome {
  refresh: boolean;
}

/**
 * The group registry: per group its name, village, status and members against the package limit, kept
 * from the webhook's group events, Zalo's group list and detail, and refused posts. The channel planner
 * asks it whether a village group can still be posted into.
 */
export class GroupRegistry {
  /** The commune document's village groups, rebuilt when the admin edits them (the document is live). */
  private readonly configuredNow: () => Map<string, { villageId: string; name: string; managedByOa: boolean }>;
  private get configured() {
    return this.configuredNow();
  }

  constructor(
    private readonly repo: GroupRepo,
    private readonly commune: CommuneConfig,
    private readonly clock: Clock,
    private readonly logger: FastifyBaseLogger,
  ) {
    this.configuredNow = derived(commune, (c) => new Map(c.villages.flatMap((v) => v.zaloGroups.map((g) => [g.groupId, { villageId: v.id, name: g.name, managedByOa: g.managedByOa }] as const))));
  }

  /** Every configured village group has a row (hand-made ones as not owned: no API reaches them). */
  seedFromConfig(): void {
    const now = this.clock.now();
    for (const [groupId, c] of this.configured) {
      const row = this.repo.get(groupId);
      if (!row) {
        this.repo.save({
          ...blank(groupId, c.name, now),
          villageId: c.villageId,
          status: c.managedByOa ? "active" : "not_owned",
          statusReason: c.managedByOa ? null : "hand_made",
          statusChangedAt: now,
        });
      } else if (row.villageId !== c.villageId || (!c.managedByOa && row.status !== "not_owned")) {
        this.repo.save({ ...row, villageId: c.villageId, ...(c.managedByOa ? {} : { status: "not_owned" as const, statusReason: "hand_made" }), updatedAt: now });
      }
    }
  }

  get(groupId: string): GroupRow | undefined {
    return this.repo.get(groupId);
  }

  all(): GroupRow[] {
    return this.repo.all();
  }

  isConfigured(groupId: string): { villageId: string; name: string; managedByOa: boolean } | undefined {
    return this.configured.get(groupId);
  }

  /** For the channel planner: why a group cannot be posted into right now (Vietnamese), or undefined. */
  unusable(groupId: string): string | undefined {
    const row = this.repo.get(groupId);
    if (!row || row.status === "active") return undefined;
    const name = `Nhóm Zalo “${row.name}”`;
    switch (row.status) {
      case "deleted":
        return `${name} đã bị xoá`;
      case "disabled":
        return `${name} đang bị khoá (gói nhóm của Zalo đã hết hạn)`;
      case "not_owned":
        return `${name} không còn do tài khoản Zalo của xã quản lý`;
    }
  }

  /** A group lifecycle event from the webhook. */
  applyEvent(e: GroupLifecycleEvent, receivedAt: number): EventOutcome {
    const row = this.rowFor(e.group_id, receivedAt);
    const next: GroupRow = { ...row, lastEvent: e.event_name, lastEventAt: receivedAt, updatedAt: receivedAt };
    const users = e.users?.length ?? 0;
    let refresh = true;
    switch (e.event_name) {
      case "create_group":
        if (row.status !== "active") setStatus(next, "active", "create_group", receivedAt);
        break;
      case "delete_group":
        setStatus(next, "deleted", "delete_group", receivedAt);
        refresh = false;
        break;
      case "update_group_info": {
        // The documented body has no name: the new one is read with getgroup. Take it if Zalo sends it.
        const extra = e as Record<string, unknown>;
        const name = [extra.name, extra.group_name].find((x): x is string => typeof x === "string" && x.trim() !== "");
        if (name) next.name = name.trim();
        break;
      }
      case "user_join_group":
      case "accept_request_join_group":
        if (next.memberCount !== null && users > 0) next.memberCount += users;
        break;
      case "user_out_group":
      case "user_leave_group":
        if (next.memberCount !== null && users > 0) next.memberCount = Math.max(0, next.memberCount - users);
        break;
      case "user_request_join_group":
      case "reject_request_join_group":
        refresh = false;
        break;
      default:
        // add_group_admin, remove_group_admin: nothing to count; the details are read again in case the
        // OA itself lost its rights (the documentation does not say what Zalo sends then).
        break;
    }
    this.repo.save(next);
    this.logger.info({ groupId: e.group_id, event: e.event_name, status: next.status, members: next.memberCount }, "groups: event applied");
    return { refresh: refresh && next.status !== "deleted" };
  }

  /** A group as getgroupsofoa lists it: the OA owns it. The list is the only evidence that undoes `deleted`. */
  applyListed(g: ZaloGroupSummary, at: number): void {
    const row = this.rowFor(g.groupId, at);
    const next: GroupRow = { ...row, lastSyncAt: at, updatedAt: at, zaloStatus: g.status ?? null };
    if (g.name) next.name = g.name;
    if (g.totalMember !== undefined) next.memberCount = g.totalMember;
    const status = statusFromZalo(g.status);
    if (status !== row.status) {
      if (row.status === "deleted") this.logger.warn({ groupId: g.groupId }, "groups: a group marked deleted is listed by Zalo again");
      setStatus(next, status, `getgroupsofoa: ${g.status ?? "(no status)"}`, at);
    }
    this.repo.save(next);
  }

  /** getgroup's answer for one group: details, or the refusal that says the OA cannot use it. */
  applyDetail(groupId: string, result: ZaloResult<ZaloGroupDetail>, at: number): void {
    const row = this.rowFor(groupId, at);
    const next: GroupRow = { ...row, updatedAt: at };
    if (result.ok) {
      const d = result.data;
      next.lastSyncAt = at;
      next.zaloStatus = d.status ?? null;
      if (d.name) next.name = d.name;
      if (d.totalMember !== undefined) next.memberCount = d.totalMember;
      const max = d.maxMember ?? maxFromAsset(d.assetType);
      if (max !== undefined) next.maxMembers = max;
      // A detail answer never undoes a delete_group (whether Zalo still answers for a dissolved group is
      // not documented); only the OA's group list does.
      const status = statusFromZalo(d.status);
      if (row.status !== "deleted" && status !== row.status) setStatus(next, status, `getgroup: ${d.status ?? "(no status)"}`, at);
    } else if (result.code === NOT_IN_GROUP || result.code === GROUP_DISABLED) {
      next.lastSyncAt = at;
      if (row.status !== "deleted") setStatus(next, result.code === NOT_IN_GROUP ? "not_owned" : "disabled", `getgroup: ${result.code}`, at);
    } else {
      this.logger.warn({ groupId, code: result.code, kind: result.kind, message: result.message }, "groups: reading a group's details failed");
      return;
    }
    this.repo.save(next);
  }

  /** A post into a group was refused: -403 (not the OA's) and -237 (package lapsed) mark the group. */
  applySendResult(groupId: string, result: ZaloResult<unknown>, at: number): void {
    if (result.ok || (result.code !== NOT_IN_GROUP && result.code !== GROUP_DISABLED)) return;
    const row = this.rowFor(groupId, at);
    if (row.status === "deleted") return;
    const status: GroupStatus = result.code === NOT_IN_GROUP ? "not_owned" : "disabled";
    if (row.status === status) return;
    const next: GroupRow = { ...row, updatedAt: at };
    setStatus(next, status, `send refused: ${result.code}`, at);
    this.repo.save(next);
    this.logger.warn({ groupId, code: result.code }, "groups: Zalo refused a post; the group is no longer used for posts");
  }

  private rowFor(groupId: string, at: number): GroupRow {
    const existing = this.repo.get(groupId);
    if (existing) return existing;
    const c = this.configured.get(groupId);
    return { ...blank(groupId, c?.name ?? groupId, at), villageId: c?.villageId ?? null };
  }
}

function blank(groupId: string, name: string, at: number): GroupRow {
  return {
    groupId,
    name,
    villageId: null,
    status: "active",
    statusReason: null,
    statusChangedAt: at,
    zaloStatus: null,
    memberCount: null,
    maxMembers: null,
    lastSyncAt: null,
    lastEvent: null,
    lastEventAt: null,
    updatedAt: at,
  };
}

function setStatus(row: GroupRow, status: GroupStatus, reason: string, at: number): void {
  row.status = status;
  row.statusReason = reason;
  row.statusChangedAt = at;
}

/** When getgroup has no max_member: the package name says it (gmf10, gmf50, gmf100, gmf1000). */
function maxFromAsset(assetType: string | undefined): number | undefined {
  const m = /^gmf(\d+)$/i.exec(assetType ?? "");
  return m ? Number(m[1]) : undefined;
}
