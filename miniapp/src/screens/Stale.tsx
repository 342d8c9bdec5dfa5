import { useOnline, type Data } from "../app/hooks";
import { Banner } from "../ui/parts";
import * as ic from "../ui/lazy-paths";

const TZ = "Asia/Ho_Chi_Minh";
const dayOf = (t: number) => new Date(t).toLocaleDateString("en-CA", { timeZone: TZ });

/** "14:05 hôm nay", "14:05 hôm qua", "14:05 ngày 28/11" in the commune's time: how people say when. */
export function lastUpdated(at: number, now = Date.now()): string {
  const time = new Date(at).toLocaleTimeString("vi-VN", { hour: "2-digit", minute: "2-digit", timeZone: TZ });
  if (dayOf(at) === dayOf(now)) return `${time} hôm nay`;
  if (dayOf(at) === dayOf(now - 86_400_000)) return `${time} hôm qua`;
  const d = new Date(at).toLocaleDateString("vi-VN", { day: "numeric", month: "numeric", timeZone: TZ });
  return `${time} ngày ${d}`;
}

/**
 * In the title bar of a screen opened from what this phone kept: says so when there is no network or
 * the refresh failed, with when the figures were last updated. `offline`: what needs the network here;
 * null when the screen already says it is offline (the answers' banner).
 *
 * Imported by every lazy screen that imports ../api/more, so that Rollup puts both in one chunk: a
 * chunk of its own would add its name to each lazy import of the first download (budget).
 */
export function Stale({ d, offline }: { d: Pick<Data<unknown>, "data" | "at" | "error" | "reload">; offline?: string | null }) {
  const online = useOnline();
  const at = d.data !== undefined ? d.at : undefined;
  if (online ? !(d.error && at) : offline === null) return null;
  const since = at ? ` Số liệu trên màn hình là của lúc ${lastUpdated(at)}, có thể đã cũ.` : "";
  if (!online) {
    return (
      <Banner kind="warn" icon={ic.wifiOff} title="Máy đang không có mạng">
        <p data-testid="stale">{`${offline ?? ""}${since}`.trim()}</p>
      </Banner>
    );
  }
  return (
    <Banner kind="warn" icon={ic.clock} title="Chưa cập nhật được">
      <p data-testid="stale">{since.trim()}</p>
      <button className="stale-retry" type="button" onClick={() => void d.reload()}>
        Thử lại
      </button>
    </Banner>
  );
}
