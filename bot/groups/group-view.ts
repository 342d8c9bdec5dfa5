import type { CommuneConfig } from "../config/commune";
import type { GroupRegistry } from "./group-registry";
import type { GroupRow, GroupStatus } from "./group-repo";

export interface GroupView {
  groupId: string;
  name: string;
  status: GroupStatus;
  /** Made by the village head by hand: no API reaches it, posts are relayed. */
  handMade: boolean;
  /** Whether posts go into it now. */
  usedForPosts: boolean;
  memberCount: number | null;
  maxMembers: number | null;
  /** ISO times, null when never. */
  lastSyncAt: string | null;
  statusChangedAt: string | null;
  lastEvent: string | null;
  lastEventAt: string | null;
}

export interface VillageGroupsView {
  villages: { villageId: string; villageName: string; groups: GroupView[] }[];
  /** Groups Zalo lists as the OA's that no village names in the commune config. */
  otherGroups: GroupView[];
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

function view(row: GroupRow | undefined, groupId: string, name: string, handMade: boolean): GroupView {
  const status = row?.status ?? (handMade ? "not_owned" : "active");
  return {
    groupId,
    name: row?.name ?? name,
    status,
    handMade,
    usedForPosts: !handMade && status === "active",
    memberCount: row?.memberCount ?? null,
    maxMembers: row?.maxMembers ?? null,
    lastSyncAt: iso(row?.lastSyncAt ?? null),
    statusChangedAt: iso(row?.statusChangedAt ?? null),
    lastEvent: row?.lastEvent ?? null,
    lastEventAt: iso(row?.lastEventAt ?? null),
  };
}

/** Each village's groups as officers see them (the commune config's order), then the unconfigured ones. */
export function villageGroupsView(registry: GroupRegistry, commune: CommuneConfig, villageId?: string): VillageGroupsView {
  const villages = commune.villages
    .filter((v) => !villageId || v.id === villageId)
    .map((v) => ({
      villageId: v.id,
      villageName: v.name,
      groups: v.zaloGroups.map((g) => view(registry.get(g.groupId), g.groupId, g.name, !g.managedByOa)),
    }));
  const otherGroups = villageId ? [] : registry.all().filter((r) => !registry.isConfigured(r.groupId)).map((r) => view(r, r.groupId, r.name, false));
  return { villages, otherGroups };
}
