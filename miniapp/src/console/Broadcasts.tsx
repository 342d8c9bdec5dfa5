import type { BroadcastChannel, BroadcastReport, BroadcastRow } from "../api/types";
import { useData, useServices } from "../app/hooks";
import { Failed, Loading } from "../ui/parts";
import { go } from "../ui/router";
import { consoleEndpoints } from "./api";
import { PageFrame, at, useEvery } from "./parts";

/** The phone's words (screens/officer/Broadcasts.tsx CHANNEL_LABELS; not imported: that would split the module out of the officers' chunk). */
const CHANNEL_LABELS: Record<BroadcastChannel, string> = {
  group: "Đăng thẳng vào nhóm Zalo của thôn",
  cs: "Nhắn riêng (người nhắn xã trong 7 ngày qua)",
  promotion: "Tin thông báo đến người đã quan tâm (1 tin/ngày)",
  relay: "Nhờ trưởng thôn chuyển",
  none: "Không gửi được",
};

const STATUS: Record<BroadcastRow["status"], string> = { queued: "Đã gửi", scheduled: "Đã hẹn giờ", draft: "Bản nháp" };

/** Thông báo: what was sent, by whom and when; a row opens its delivery report. */
export function BroadcastsPage() {
  const s = useServices();
  const list = useData<BroadcastRow[]>("broadcasts", consoleEndpoints(s.api).broadcasts, 10_000);
  useEvery(15_000, () => void list.reload());
  const rows = (list.data ?? []).slice().sort((a, b) => b.id - a.id);
  return (
    <PageFrame
      title="Thông báo"
      actions={
        <a className="c-btn" href="#/thong-bao/soan">
          Soạn thông báo mới
        </a>
      }
    >
      {!list.data && (list.error ? <Failed message={list.error.message} retry={() => void list.reload()} /> : <Loading />)}
      {list.data && rows.length === 0 && <p className="empty">Chưa có thông báo nào.</p>}
      {rows.length > 0 && (
        <div className="c-table-wrap">
          <table className="c-table" data-testid="broadcasts-table">
            <caption className="sr-only">Các thông báo đã soạn và đã gửi</caption>
            <thead>
              <tr>
                <th scope="col">Tiêu đề</th>
                <th scope="col">Trạng thái</th>
                <th scope="col">Người soạn</th>
                <th scope="col">Lúc</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((b) => (
                <tr key={b.id} data-broadcast={b.id} className={b.status === "queued" ? "clickable" : ""} onClick={() => b.status === "queued" && go(`/thong-bao/${b.id}`)}>
                  <td>
                    {b.status === "queued" ? (
                      <a href={`#/thong-bao/${b.id}`} onClick={(e) => e.stopPropagation()}>
                        {b.title}
                      </a>
                    ) : (
                      b.title
                    )}
                    <div className="muted small clamp">{b.text}</div>
                  </td>
                  <td>{b.status === "scheduled" && b.sendAt ? `Hẹn gửi ${at(b.sendAt)}` : STATUS[b.status]}</td>
                  <td>{b.createdBy.replace(/\s*\(\d+\)$/, "")}</td>
                  <td>{at(b.queuedAt ?? b.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </PageFrame>
  );
}

/** One broadcast's delivery report, asked again every 3 seconds while it is open: progress, then failures with their reason. */
export function BroadcastReportPage({ id }: { id: number }) {
  const s = useServices();
  const d = useData<BroadcastReport>(`broadcast-report:${id}`, () => consoleEndpoints(s.api).broadcastReport(id), 3_000);
  useEvery(3_000, () => void d.reload());
  const back = (
    <a className="c-btn ghost" href="#/thong-bao">
      ← Danh sách thông báo
    </a>
  );
  if (!d.data) return <PageFrame title="Kết quả gửi thông báo" actions={back}>{d.error ? <Failed message={d.error.message} retry={() => void d.reload()} /> : <Loading />}</PageFrame>;
  const r = d.data.summary;
  const done = r.total - r.pending;
  const percent = r.total === 0 ? 100 : Math.round((100 * done) / r.total);
  const failed = d.data.deliveries.filter((x) => x.status === "failed" || x.status === "outside_window" || x.channel === "none");
  const rows: [string, number][] = [
    ["Đã gửi", r.sent],
    ["Đã nhận", r.received],
    ["Đã xem", r.seen],
    ["Nhờ trưởng thôn chuyển", r.relayed],
    ["Bị từ chối", r.refused],
    ["Không gửi được", r.unreachable],
    ["Đang chờ gửi", r.pending],
  ];
  return (
    <PageFrame title={`Kết quả gửi: ${d.data.broadcast.title}`} actions={back}>
      <section className="c-card" aria-labelledby="progress-h">
        <h2 id="progress-h">Tiến độ</h2>
        <p className="lead" data-testid="broadcast-progress">{`Đã xử lý ${done}/${r.total} người nhận (${percent}%)`}</p>
        <div className="c-progress" role="progressbar" aria-label="Tiến độ gửi" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent}>
          <span style={{ width: `${percent}%` }} />
        </div>
        <p className="muted">{r.pending > 0 ? "Trang tự cập nhật mỗi 3 giây." : "Đã gửi xong."}</p>
        <div className="c-table-wrap">
          <table className="c-table narrow">
            <caption className="sr-only">Số người nhận theo kết quả</caption>
            <tbody>
              {rows.map(([label, n]) => (
                <tr key={label}>
                  <th scope="row">{label}</th>
                  <td>{n}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section className="c-card" aria-labelledby="failed-h">
        <h2 id="failed-h">Không đến được người nhận</h2>
        {failed.length === 0 ? (
          <p className="empty">Không có.</p>
        ) : (
          <div className="c-table-wrap">
            <table className="c-table" data-testid="broadcast-failures">
              <thead>
                <tr>
                  <th scope="col">Người nhận</th>
                  <th scope="col">Cách gửi</th>
                  <th scope="col">Lý do</th>
                </tr>
              </thead>
              <tbody>
                {failed.map((x, i) => (
                  <tr key={i}>
                    <td>{x.targetKind === "group" ? "Nhóm Zalo của thôn" : x.targetKind === "village_head" ? "Trưởng thôn" : "Người dân"}</td>
                    <td>{CHANNEL_LABELS[x.channel]}</td>
                    <td>{x.errorMessage ?? (x.status === "outside_window" ? "Ngoài khung giờ hoặc hạn mức Zalo cho phép" : x.reason)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </PageFrame>
  );
}
