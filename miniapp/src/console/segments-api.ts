/** The calls of the console's "Nhóm hộ và chỉ tiêu" page, typed as the bot answers (shared/contracts/segments.ts). */
import type { ApiClient } from "../api/client";
import { id } from "../api/endpoints";
import type { TrendResponse } from "../api/types";
import type { SegmentAdminView, SegmentProgress, SegmentView } from "../../../shared/contracts/segments";
import { saveDownload } from "./download";

export type { SegmentAdminView, SegmentProgress, SegmentView };

export function segmentConsoleEndpoints(api: ApiClient) {
  return {
    progress: () => api.call<SegmentProgress>("GET", "/api/segments/progress"),
    admin: () => api.call<SegmentAdminView>("GET", "/api/admin/segments"),
    create: (b: { name: string; targetPercent: number }) => api.call<SegmentView>("POST", "/api/admin/segments", b),
    update: (sid: string, b: { name?: string; targetPercent?: number; status?: "active" | "archived" }) => api.call<SegmentView>("PATCH", `/api/admin/segments/${id(sid)}`, b),
    trend: (weeks = 12) => api.call<TrendResponse>("GET", `/api/reports/trend?weeks=${weeks}`),
    /** The same table as an .xlsx the browser saves (streamed by the bot). */
    excel: (): Promise<string> => saveDownload(api, "/api/segments/progress.xlsx", "nhom-ho.xlsx"),
  };
}
