/** The calls of the console's "Nhóm hộ và chỉ tiêu" page, typed as the bot answers (shared/contracts/segments.ts). */
import type { ApiClient } from "../api/client";
import { id } from "../api/endpoints";
import type { TrendResponse } from "../api/types";
import type { SegmentAdminView, SegmentProgress, SegmentView } from "../../../shared/contracts/segments";

export type { SegmentAdminView, SegmentProgress, SegmentView };

export function segmentConsoleEndpoints(api: ApiClient) {
  return {
    progress: () => api.call<SegmentProgress>("GET", "/api/segments/progress"),
    admin: () => api.call<SegmentAdminView>("GET", "/api/admin/segments"),
    create: (b: { name: string; targetPercent: number }) => api.call<SegmentView>("POST", "/api/admin/segments", b),
    update: (sid: string, b: { name?: string; targetPercent?: number; status?: "active" | "archived" }) => api.call<SegmentView>("PATCH", `/api/admin/segments/${id(sid)}`, b),
    trend: (weeks = 12) => api.call<TrendResponse>("GET", `/api/reports/trend?weeks=${weeks}`),
    /** The same table as an .xlsx the browser saves (streamed by the bot). */
    excel: async (): Promise<string> => {
      const res = await api.send("GET", "/api/segments/progress.xlsx", undefined, api.session() ?? (await api.login()).session);
      const m = (res.headers.get("content-disposition") ?? "").match(/filename="?([^";]+)"?/i);
      const name = m?.[1] ?? "nhom-ho.xlsx";
      const url = URL.createObjectURL(new Blob([await res.arrayBuffer()], { type: res.headers.get("content-type") ?? "application/octet-stream" }));
      const a = document.createElement("a");
      a.href = url;
      a.download = name;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 30_000);
      return name;
    },
  };
}
