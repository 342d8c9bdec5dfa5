import type { CommuneService } from "./commune-service";

/** The households' side of a 6-digit code typed in the OA chat (bot/households HouseholdsService). */
export interface HouseholdCodeLink {
  linkOaUserByCode(oaUserId: string, code: string): { ok: boolean; message: string; villageId?: string };
  householdForOaUser(oaUserId: string): ReturnType<HouseholdCodeLinkLookup>;
}
type HouseholdCodeLinkLookup = (oaUserId: string) => { villageId: string; label?: string; fullyMet?: boolean; missing?: { id: string; label: string; guideId?: string }[] } | undefined;

/**
 * What the chat calls for a 6-digit code: a staff member's one-time code (from the admin) links their
 * OA account to their entry in the commune document; any other code is the households' link code, with
 * its own rules (a staff account is never linked to someone else's household). One answer either way.
 */
export function staffOrHouseholdCodes<H extends HouseholdCodeLink>(staff: CommuneService, households: H): HouseholdCodeLink {
  return {
    linkOaUserByCode(oaUserId, code) {
      const digits = code.replace(/\D/g, "");
      const r = staff.redeem(digits, { oaUserId }, { fallThrough: true });
      if (r) return { ok: r.ok, message: r.message };
      const h = households.linkOaUserByCode(oaUserId, code);
      if (!h.ok) staff.recordMiss({ oaUserId });
      return h;
    },
    householdForOaUser: (oaUserId) => households.householdForOaUser(oaUserId),
  };
}
