import { and, eq } from "drizzle-orm";
import { derived, type CommuneConfig } from "../config/commune";
import type { Db } from "../db/connection";
import { roleGrants } from "../db/schema";
import { ApiError } from "./api-error";

/**
 * Who is asking, with every role they hold now. Built on each request from the commune config and
 * the database, so a role taken away takes effect at once (sessions carry only the identity).
 */
export interface Principal {
  appUserId: string;
  name?: string;
  /** Commune officer (or admin): the whole commune. */
  officer: boolean;
  /** Admin: also manages roles and runs the aggregate check. */
  admin: boolean;
  /** Villages this person heads (trưởng thôn / tổ trưởng Tổ công nghệ số). */
  headOf: ReadonlySet<string>;
  /** The household this person belongs to, if any. */
  household: { id: number; villageId: string } | null;
}

export type ActorRole = "household" | "village_head" | "officer";

export interface RoleLookups {
  /** The household membership of a mini-app user. */
  membership(appUserId: string): { householdId: number; villageId: string } | undefined;
  /** The OA-scoped id of a staff member of the config whom the OA saw with this user_id_by_app (zalo_users). */
  oaUserIdForApp(appUserId: string): string | undefined;
  /** The user_id_by_app Zalo sent with this OA-scoped id in a signed event (zalo_users), if any. */
  appUserIdForOa(oaUserId: string): string | undefined;
}

/** An OA account that belongs to staff, and the mini-app ids proven to be the same person. */
export interface StaffOaAccount {
  sameAs: ReadonlySet<string>;
}

export type RoleGrant = typeof roleGrants.$inferSelect;

/** Roles an admin gave in the database, on top of the config. */
export class RoleGrantsRepo {
  private readonly byUserStmt;
  constructor(private readonly db: Db) {
    this.byUserStmt = db.$client.prepare<[string], { role: "officer" | "village_head"; village_id: string }>(
      "SELECT role, village_id FROM role_grants WHERE app_user_id = ?",
    );
  }
  forUser(appUserId: string): { role: "officer" | "village_head"; villageId: string }[] {
    return this.byUserStmt.all(appUserId).map((r) => ({ role: r.role, villageId: r.village_id }));
  }
  list(): RoleGrant[] {
    return this.db.select().from(roleGrants).all();
  }
  grant(g: Omit<RoleGrant, "name"> & { name: string | null }): void {
    this.db.insert(roleGrants).values(g).onConflictDoUpdate({ target: [roleGrants.appUserId, roleGrants.role, roleGrants.villageId], set: { name: g.name, grantedBy: g.grantedBy, grantedAt: g.grantedAt } }).run();
  }
  revoke(appUserId: string, role: "officer" | "village_head", villageId: string): boolean {
    return this.db.delete(roleGrants).where(and(eq(roleGrants.appUserId, appUserId), eq(roleGrants.role, role), eq(roleGrants.villageId, villageId))).run().changes > 0;
  }
}

interface ConfigRoles {
  officer: boolean;
  admin: boolean;
  headOf: Set<string>;
  name: string;
}

interface ConfigIndex {
  byApp: Map<string, ConfigRoles>;
  byOa: Map<string, ConfigRoles>;
  /** Every person of the config who works for the commune (officers, village heads, volunteers). */
  staffByOa: Map<string, Set<string>>;
  staffApp: Set<string>;
}

/** Who holds which role in the commune document, by mini-app id and by OA id. */
function indexCommune(commune: CommuneConfig): ConfigIndex {
  const ix: ConfigIndex = { byApp: new Map(), byOa: new Map(), staffByOa: new Map(), staffApp: new Set() };
  const add = (p: { name: string; zaloUserId?: string | undefined; appUserId?: string | undefined }, f: (r: ConfigRoles) => void) => {
    for (const [map, key] of [
      [ix.byApp, p.appUserId],
      [ix.byOa, p.zaloUserId],
    ] as const) {
      if (!key) continue;
      const r = map.get(key) ?? { officer: false, admin: false, headOf: new Set<string>(), name: p.name };
      f(r);
      map.set(key, r);
    }
  };
  for (const o of commune.officers) {
    add(o, (r) => {
      r.officer = true;
      r.admin ||= o.role === "admin";
    });
  }
  for (const v of commune.villages) add(v.head, (r) => r.headOf.add(v.id));
  for (const p of [...commune.officers, ...commune.villages.map((v) => v.head), ...commune.volunteers]) {
    if (p.appUserId) ix.staffApp.add(p.appUserId);
    if (!p.zaloUserId) continue;
    const same = ix.staffByOa.get(p.zaloUserId) ?? new Set<string>();
    if (p.appUserId) same.add(p.appUserId);
    ix.staffByOa.set(p.zaloUserId, same);
  }
  return ix;
}

export class RoleResolver {
  /**
   * Rebuilt whenever the commune document changed (the admin edits it in the console: a replaced
   * village head loses the role and the new one gets it on the next request).
   */
  private readonly index: () => ConfigIndex;

  constructor(
    commune: CommuneConfig,
    private readonly grants: RoleGrantsRepo,
    private readonly lookups: RoleLookups,
  ) {
    this.index = derived(commune, indexCommune);
  }

  /**
   * Whether an OA account belongs to staff: listed in the config (officer, village head, volunteer),
   * or mapped by Zalo (user_id_by_app) to a mini-app id that is listed or holds a role grant. With the
   * mini-app ids that are proven to be the same person (config entry, Zalo's own mapping): only those
   * may link this OA account to their household.
   */
  staffOaAccount(oaUserId: string): StaffOaAccount | undefined {
    const ix = this.index();
    const cfg = ix.staffByOa.get(oaUserId);
    const mapped = this.lookups.appUserIdForOa(oaUserId);
    const mappedStaff = mapped !== undefined && (ix.staffApp.has(mapped) || this.grants.forUser(mapped).length > 0);
    if (!cfg && !mappedStaff) return undefined;
    const sameAs = new Set(cfg ?? []);
    if (mapped !== undefined) sameAs.add(mapped);
    return { sameAs };
  }

  resolve(appUserId: string, name?: string): Principal {
    const m = this.lookups.membership(appUserId);
    const ix = this.index();
    const fromConfig: ConfigRoles[] = [];
    const direct = ix.byApp.get(appUserId);
    if (direct) fromConfig.push(direct);
    // The config may know the person by their OA id only: it counts when Zalo itself mapped that OA id
    // to this mini-app id (user_id_by_app in a signed OA event). Never through the OA id linked to the
    // household membership: a 6-digit code typed by someone else's OA account creates that link.
    const oa = this.lookups.oaUserIdForApp(appUserId);
    const viaOa = oa ? ix.byOa.get(oa) : undefined;
    if (viaOa) fromConfig.push(viaOa);
    const headOf = new Set<string>();
    let officer = false;
    let admin = false;
    for (const r of fromConfig) {
      officer ||= r.officer;
      admin ||= r.admin;
      r.headOf.forEach((v) => headOf.add(v));
    }
    for (const g of this.grants.forUser(appUserId)) {
      if (g.role === "officer") officer = true;
      else headOf.add(g.villageId);
    }
    const displayName = name ?? fromConfig[0]?.name;
    return {
      appUserId,
      ...(displayName ? { name: displayName } : {}),
      officer: officer || admin,
      admin,
      headOf,
      household: m ? { id: m.householdId, villageId: m.villageId } : null,
    };
  }
}

/** Access rules, one place: a household sees itself; a village head their village; an officer the commune. */
export const access = {
  household(p: Principal, h: { id: number; villageId: string }): boolean {
    return p.household?.id === h.id || p.headOf.has(h.villageId) || p.officer;
  },
  verify(p: Principal, h: { villageId: string }): boolean {
    return p.headOf.has(h.villageId) || p.officer;
  },
  villageTotals(p: Principal, villageId: string): boolean {
    return p.officer || p.headOf.has(villageId) || p.household?.villageId === villageId;
  },
  villageDetail(p: Principal, villageId: string): boolean {
    return p.officer || p.headOf.has(villageId);
  },
  commune(p: Principal): boolean {
    return p.officer;
  },
};

export function actorRole(p: Principal, h: { id: number; villageId: string }): ActorRole {
  if (p.household?.id === h.id) return "household";
  if (p.headOf.has(h.villageId)) return "village_head";
  return "officer";
}

export const HOUSEHOLD_FORBIDDEN = "Bác chỉ xem và sửa được thông tin của hộ mình.";

/** The same answer for a household that exists but is not yours and one that does not exist. */
export function householdForbidden(): ApiError {
  return new ApiError("forbidden", HOUSEHOLD_FORBIDDEN);
}
