import type { GuideContext } from "../../shared/guides";
import { DEFAULT_PUBLIC_SERVICE_PORTAL_URL } from "../../shared/guides";
import type { CommuneConfig } from "../config/commune";

/**
 * The values guides' {{placeholders}} are filled with, all from the commune config. A value the
 * config lacks stays empty, so the guide check fails on it (never a stand-in text in its place).
 */
export function guideContextFrom(cfg: CommuneConfig, miniAppUrl: string | undefined = cfg.miniApp.url): GuideContext {
  const vol = cfg.volunteers.find((v) => v.phone) ?? cfg.volunteers[0];
  const officer = cfg.officers.find((o) => o.phone) ?? cfg.officers[0];
  const contact = vol
    ? `${vol.name}${vol.team ? ` (${vol.team})` : ""}${vol.phone ? `, ${vol.phone}` : ""}`
    : `${officer?.name ?? "cán bộ xã"}${officer?.phone ? `, ${officer.phone}` : ""}`;
  return {
    commune: { name: cfg.commune.name, kind: cfg.commune.kind },
    province: { name: cfg.commune.province },
    provinceApp: {
      name: cfg.provinceApp.name,
      androidUrl: cfg.provinceApp.androidUrl,
      iosUrl: cfg.provinceApp.iosUrl,
      features: cfg.provinceApp.features.length > 0 ? cfg.provinceApp.features.join(", ").toLowerCase() : "thông tin và dịch vụ của tỉnh",
    },
    police: { name: cfg.police.name, phone: cfg.police.phone ?? "số của Công an xã (hỏi tại UBND)" },
    oa: { name: cfg.oa.name },
    miniApp: { url: miniAppUrl ?? "" },
    hotline: { province: cfg.hotlines.province ?? "1022" },
    publicServicePortal: { url: DEFAULT_PUBLIC_SERVICE_PORTAL_URL },
    volunteers: { contact },
  };
}
