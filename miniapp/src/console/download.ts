/** Files the console saves through the browser (the commune file, Excel tables), asked with the PC's session. */
import type { ApiClient } from "../api/client";

/**
 * GETs `path` and has the browser save the answer, under the name its Content-Disposition gives
 * (`fallback` without one); the name saved. `type`: the file's type when the answer's is not wanted.
 */
export async function saveDownload(api: ApiClient, path: string, fallback: string, type?: string): Promise<string> {
  const res = await api.send("GET", path, undefined, api.session() ?? (await api.login()).session);
  if (!res.ok) throw new Error("Chưa tải được tệp. Bác thử lại nhé.");
  const m = (res.headers.get("content-disposition") ?? "").match(/filename="?([^";]+)"?/i);
  const name = m?.[1] ?? fallback;
  const url = URL.createObjectURL(new Blob([await res.arrayBuffer()], { type: type ?? res.headers.get("content-type") ?? "application/octet-stream" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
  return name;
}
