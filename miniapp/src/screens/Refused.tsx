import type { CatalogueView } from "../api/types";
import { useServices, useSyncStatus, type Data } from "../app/hooks";
import { Stale } from "./Stale";
import { Banner } from "../ui/parts";
import * as ic from "../ui/paths";

/**
 * Answers the server did not accept: which ones (by the criterion's name) and why, in the server's
 * Vietnamese words or a plain sentence (never its raw English). Stays until the resident taps "Đã hiểu";
 * the card keeps its own "chưa được nhận" mark until the criterion is answered again.
 */
export default function Refused({ stale }: { stale?: Pick<Data<unknown>, "data" | "at" | "error" | "reload"> }): JSX.Element | null {
  const { sync, cache } = useServices();
  const st = useSyncStatus();
  const labels = new Map(cache.get<CatalogueView>("catalogue")?.criteria.map((c) => [c.id, c.label]));
  // Offline, the answers' banner already says so: only a refresh that failed online is said here.
  const notice = stale && <Stale d={stale} offline={null} />;
  if (st.refused.length === 0) return notice ?? null;
  return (
    <>
    {notice}
    <Banner kind="bad" icon={ic.cross} title={`${st.refused.length} câu trả lời chưa được nhận`}>
      {st.refused.map((r) => (
        <p key={r.pending.key} data-refused={r.pending.criterionId}>
          {`“${labels.get(r.pending.criterionId) ?? "Một tiêu chí"}”: ${r.message}`}
        </p>
      ))}
      <p>Bác xem lại và trả lời lại câu đó nhé.</p>
      <button className="link-btn" type="button" style={{ marginTop: 8 }} onClick={() => sync.clearRefused()}>
        Đã hiểu
      </button>
    </Banner>
    </>
  );
}
