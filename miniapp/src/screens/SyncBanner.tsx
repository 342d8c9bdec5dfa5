import { Suspense, lazy, useEffect, useRef, useState } from "react";
import { useOnline, useServices, useSyncStatus, type Data } from "../app/hooks";
import { Banner } from "../ui/parts";
import * as ic from "../ui/paths";

// Refused answers are rare and only happen online: their banner is a chunk of its own (first-load budget),
// with the "not updated" notice of a checklist shown from this phone's memory after a failed refresh.
// If that chunk cannot be fetched, nothing shows rather than the checklist failing (the card keeps its mark).
const Refused = lazy(() => import("./Refused").catch(() => ({ default: () => null })));

/**
 * Says where the answers are: waiting for the network, being sent, sent, or refused (and why). Shown
 * in the title bar, so it stays in view whichever criterion the resident is ticking.
 */
export function SyncBanner({ stale }: { stale?: Pick<Data<unknown>, "data" | "at" | "error" | "reload"> }) {
  const { sync } = useServices();
  const st = useSyncStatus();
  const online = useOnline();
  const [justSent, setJustSent] = useState<number | null>(null);
  const waited = useRef(0);

  useEffect(() => {
    if (st.pending > 0 && (st.offline || !online || st.waitingReason)) waited.current = Math.max(waited.current, st.pending);
    if (st.pending === 0 && waited.current > 0 && st.lastDelivered) {
      setJustSent(st.lastDelivered.count);
      waited.current = 0;
      const t = setTimeout(() => setJustSent(null), 8000);
      return () => clearTimeout(t);
    }
    return undefined;
  }, [st, online]);

  return (
    <>
      {st.pending > 0 && (st.offline || !online) && (
        <Banner kind="warn" icon={ic.wifiOff} title={`Chưa có mạng: ${st.pending} câu trả lời đang chờ gửi`}>
          <p>Đã lưu trên máy. Có mạng, ứng dụng tự gửi, bác không cần làm lại.</p>
        </Banner>
      )}
      {st.pending > 0 && online && !st.offline && st.waitingReason && (
        <Banner kind="warn" icon={ic.clock} title={`${st.pending} câu trả lời đang chờ gửi`}>
          <p>{st.waitingReason}</p>
        </Banner>
      )}
      {st.pending === 0 && !online && (
        <Banner kind="info" icon={ic.wifiOff}>
          <p>Máy đang không có mạng. Bác vẫn đánh dấu được, ứng dụng sẽ gửi khi có mạng.</p>
        </Banner>
      )}
      {justSent !== null && st.pending === 0 && (
        <Banner kind="ok" icon={ic.check} title="Đã gửi xong">
          <p>{`${justSent} câu trả lời chờ mạng đã được gửi lên xã.`}</p>
        </Banner>
      )}
      {(st.refused.length > 0 || stale?.error) && (
        <Suspense fallback={null}>
          <Refused stale={stale} />
        </Suspense>
      )}
    </>
  );
}
