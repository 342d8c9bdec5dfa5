/** The officers' content calls (bot/guides/routes.ts): guides with versions and live preview, legal tips. */
import type { ApiClient } from "../api/client";
import { id } from "../api/endpoints";
import type { GuideDetail, GuideDoc, GuideListItem, GuidePreview, LegalTipList, LegalTipView } from "../../../shared/contracts/guides";

export type { ChatMessageView, FieldIssue, GuideChange, GuideDetail, GuideDoc, GuideListItem, GuidePreview, GuideVersionView, LegalTipList, LegalTipView } from "../../../shared/contracts/guides";

export function guideEndpoints(api: ApiClient) {
  return {
    guides: () => api.call<GuideListItem[]>("GET", "/api/officer/guides"),
    guide: (gid: string) => api.call<GuideDetail>("GET", `/api/officer/guides/${id(gid)}`),
    preview: (doc: GuideDoc) => api.call<GuidePreview>("POST", "/api/officer/guides/preview", { doc }),
    save: (gid: string, doc: GuideDoc, baseVersion: number, note?: string) => api.call<GuideDetail>("PUT", `/api/officer/guides/${id(gid)}`, { doc, baseVersion, ...(note ? { note } : {}) }),
    rollback: (gid: string, version: number) => api.call<GuideDetail>("POST", `/api/admin/guides/${id(gid)}/rollback`, { version }),
    adoptUpdate: (gid: string) => api.call<GuideDetail>("POST", `/api/officer/guides/${id(gid)}/update/adopt`),
    dismissUpdate: (gid: string) => api.call<GuideDetail>("POST", `/api/officer/guides/${id(gid)}/update/dismiss`),

    legalTips: () => api.call<LegalTipList>("GET", "/api/officer/legal-tips"),
    addLegalTip: (t: { title: string; text: string }) => api.call<LegalTipView>("POST", "/api/officer/legal-tips", t),
    editLegalTip: (tid: number, t: { title: string; text: string }) => api.call<LegalTipView>("PUT", `/api/officer/legal-tips/${id(tid)}`, t),
    retireLegalTip: (tid: number) => api.call<LegalTipView>("POST", `/api/officer/legal-tips/${id(tid)}/retire`),
    restoreLegalTip: (tid: number) => api.call<LegalTipView>("POST", `/api/officer/legal-tips/${id(tid)}/restore`),
  };
}
