import type { z } from "zod";
import type { RoleGrantList, RoleGrantRequest, RoleGrantView, RoleRevokeQuery } from "../../shared/contracts";
import type { Clock } from "../clock";
import type { CommuneConfig } from "../config/commune";
import { ApiError } from "./api-error";
import type { Principal, RoleGrant, RoleGrantsRepo } from "./roles";

/** The admins' role grants (GET/POST/DELETE /api/admin/roles); the route checks that the caller is an admin. */
export class RoleGrantService {
  constructor(
    private readonly repo: RoleGrantsRepo,
    private readonly commune: CommuneConfig,
    private readonly clock: Clock,
  ) {}

  list(): z.infer<typeof RoleGrantList> {
    return { items: this.repo.list().map(view) };
  }

  /** Grants (or renames) a role; a village head's village must be one of the commune's. */
  grant(by: Principal, b: z.infer<typeof RoleGrantRequest>): z.infer<typeof RoleGrantView> {
    const villageId = b.role === "village_head" ? b.villageId! : "";
    if (villageId && !this.commune.villages.some((v) => v.id === villageId)) throw new ApiError("not_found", `Không có thôn “${villageId}”.`);
    const g: RoleGrant = { appUserId: b.appUserId, role: b.role, villageId, name: b.name ?? null, grantedBy: by.appUserId, grantedAt: this.clock.now() };
    this.repo.grant(g);
    return view(g);
  }

  revoke(appUserId: string, q: z.infer<typeof RoleRevokeQuery>): void {
    if (!this.repo.revoke(appUserId, q.role, q.role === "village_head" ? (q.villageId ?? "") : "")) throw new ApiError("not_found", "Không có vai trò này để thu hồi.");
  }
}

function view(g: RoleGrant): z.infer<typeof RoleGrantView> {
  return {
    appUserId: g.appUserId,
    role: g.role,
    villageId: g.villageId === "" ? null : g.villageId,
    name: g.name,
    grantedBy: g.grantedBy,
    grantedAt: new Date(g.grantedAt).toISOString(),
  };
}
