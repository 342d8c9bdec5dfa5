import { useMemo, useState } from "react";
import { ApiError } from "../api/client";
import type { VillageItem } from "../api/types";
import { useData, useServices } from "../app/hooks";
import { Failed, Loading, useToast } from "../ui/parts";
import { go } from "../ui/router";
import { consoleEndpoints } from "./api";
import { broadcastApi, type Broadcast, type Channel, type Delivery, type Report } from "./broadcast-api";
import { PageFrame, at, useEvery } from "./parts";

/** The phone's words (screens/officer/Broadcasts.tsx CHANNEL_LABELS; not imported: that would split the module out of the officers' chunk). */
const CHANNEL_LABELS: Record<Channel, string> = {
  group: "Đăng thẳng vào nhóm Zalo của thôn",
  cs: "Nhắn riêng (người nhắn xã trong 7 ngày qua)",
  promotion: "Tin thông báo đến người đã quan tâm (1 tin/ngày)",
  relay: "Nhờ trưởng thôn chuyển",
  none: "Không gửi được",
};

const STATUS: Record<Broadcast["status"], string> = { queued: "Đã gửi", scheduled: "Đã hẹn giờ", draft: "Bản nháp" };
const WHO: Record<Delivery["targetKind"], string> = { group: "Nhóm Zalo của thôn", village_head: "Trưởng thôn", resident: "Người dân", volunteer: "Tình nguyện viên", officer: "Cán bộ xã" };

/** Thông báo: what was sent, scheduled or kept as a draft, by whom and when; a sent one opens its delivery report. */
export function BroadcastsPage() {
  const s = useServices();
  const toast = useToast();
  const api = useMemo(() => broadcastApi(s.api), [s.api]);
  const list = useData<Broadcast[]>("broadcasts", api.list, 10_000);
  useEvery(15_000, () => void list.reload());
  const [busy, setBusy] = useState<number | null>(null);
  const rows = (list.data ?? []).slice().sort((a, b) => b.id - a.id);
  const act = async (id: number, what: () => Promise<unknown>, done: string) => {
    setBusy(id);
    try {
      await what();
      toast(done);
      await list.reload();
    } catch (err) {
      toast(err instanceof ApiError ? err.message : "Chưa làm được, bác thử lại nhé.");
    } finally {
      setBusy(null);
    }
  };
  return (
    <PageFrame
      title="Thông báo"
      actions={
        <div className="btn-row">
          <a className="c-btn secondary" href="#/thong-bao/lich">
            Lịch gửi định kỳ
          </a>
          <a className="c-btn" href="#/thong-bao/soan">
            Soạn thông báo mới
          </a>
        </div>
      }
    >
      {!list.data && (list.error ? <Failed message={list.error.message} retry={() => void list.reload()} /> : <Loading />)}
      {list.data && rows.length === 0 && <p className="empty">Chưa có thông báo nào.</p>}
      {rows.length > 0 && (
        <div className="c-table-wrap">
          <table className="c-table" data-testid="broadcasts-table">
            <caption className="sr-only">Các thông báo đã gửi, đã hẹn giờ và bản nháp</caption>
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
                <tr key={b.id} data-broadcast={b.id} data-status={b.status} className={b.status === "queued" ? "clickable" : ""} onClick={() => b.status === "queued" && go(`/thong-bao/${b.id}`)}>
                  <td>
                    {b.status === "queued" ? (
                      <a href={`#/thong-bao/${b.id}`} onClick={(e) => e.stopPropagation()}>
                        {b.title}
                      </a>
                    ) : (
                      <b>{b.title}</b>
                    )}
                    <div className="muted small clamp">{b.text}</div>
                  </td>
                  <td>
                    {b.status === "scheduled" && b.sendAt ? `Hẹn gửi lúc ${at(b.sendAt)}` : STATUS[b.status]}
                    {b.status === "scheduled" && (
                      <div>
                        <button className="c-btn small secondary danger" type="button" disabled={busy === b.id} onClick={() => void act(b.id, () => api.cancel(b.id), "Đã huỷ hẹn giờ; thông báo thành bản nháp.")}>
                          Huỷ hẹn giờ
                        </button>
                      </div>
                    )}
                    {b.status === "draft" && (
                      <div className="btn-row">
                        <button className="c-btn small secondary" type="button" onClick={() => go(`/thong-bao/soan?nhap=${b.id}`)}>
                          Mở bản nháp
                        </button>
                        <button className="c-btn small ghost" type="button" disabled={busy === b.id} onClick={() => void act(b.id, () => api.remove(b.id), "Đã xoá bản nháp.")}>
                          Xoá
                        </button>
                      </div>
                    )}
                  </td>
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

/**
 * One broadcast's delivery report, asked again every 3 seconds while it is open: a progress bar to
 * 100%, the counts, then every recipient it did not reach with the reason in words and "Gửi lại".
 */
export function BroadcastReportPage({ id }: { id: number }) {
  const s = useServices();
  const toast = useToast();
  const api = useMemo(() => broadcastApi(s.api), [s.api]);
  const villages = useData<{ items: VillageItem[] }>("villages", consoleEndpoints(s.api).villages, 5 * 60_000);
  const d = useData<Report>(`broadcast-report2:${id}`, () => api.report(id), 3_000);
  useEvery(3_000, () => void d.reload());
  const [busy, setBusy] = useState(false);
  const back = (
    <a className="c-btn ghost" href="#/thong-bao">
      ← Về danh sách
    </a>
  );
  if (!d.data) return <PageFrame title="Kết quả gửi thông báo" actions={back}>{d.error ? <Failed message={d.error.message} retry={() => void d.reload()} /> : <Loading />}</PageFrame>;
  const r = d.data.summary;
  const percent = r.percent;
  const failed = d.data.deliveries.filter((x) => x.failure !== null);
  const resendable = failed.filter((x) => x.canResend);
  const villageName = (vid: string | null) => (vid ? (villages.data?.items.find((v) => v.id === vid)?.name ?? "") : "");
  const resend = async (ids?: number[]) => {
    setBusy(true);
    try {
      const res = await api.resend(id, ids);
      toast(`Đang gửi lại ${res.resent} tin.`);
      await d.reload();
    } catch (err) {
      toast(err instanceof ApiError ? err.message : "Chưa gửi lại được.");
    } finally {
      setBusy(false);
    }
  };
  const rows: [string, number][] = [
    ["Đã gửi", r.sent],
    ["Đã nhận", r.received],
    ["Đã xem", r.seen],
    ["Nhờ trưởng thôn chuyển", r.relayed],
    ["Bị từ chối", r.refused],
    ["Không gửi được", r.unreachable],
    ["Đang chờ gửi", r.pending],
  ];
  const scheduled = d.data.broadcast.status === "scheduled";
  const bad = failed.length;
  const good = Math.max(0, r.done - bad);
  const share = (n: number) => (r.total === 0 ? 0 : (100 * n) / r.total);
  return (
    <PageFrame title={`Kết quả gửi: ${d.data.broadcast.title}`} actions={back}>
      <section className="c-card" aria-labelledby="progress-h">
        <h2 id="progress-h">Tiến độ</h2>
        <div className="bc-report-top">
          <div>
            {scheduled ? (
              <p className="lead">{`Chưa gửi: hẹn gửi lúc ${at(d.data.broadcast.sendAt ?? 0)}.`}</p>
            ) : (
              <>
                <p className="lead" data-testid="broadcast-progress">{`Đã xử lý ${r.done}/${r.total} người nhận (${percent}%)`}</p>
                {/* Green: reached (sent or passed to a village head); red: refused or unreachable; grey: still waiting. */}
                <div className="c-progress bc-bar" role="progressbar" aria-label="Tiến độ gửi" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} aria-valuetext={`${percent}%: ${good} đã tới hoặc đã nhờ chuyển, ${bad} không tới`}>
                  <span className="ok" style={{ width: `${share(good)}%` }} />
                  <span className="bad" style={{ width: `${share(bad)}%` }} />
                </div>
                <ul className="bc-legend">
                  <li>
                    <i className="ok" aria-hidden="true" />
                    {`Đã tới hoặc đã nhờ chuyển: ${good}`}
                  </li>
                  <li>
                    <i className="bad" aria-hidden="true" />
                    {`Không tới: ${bad}`}
                  </li>
                  <li>
                    <i aria-hidden="true" />
                    {`Đang chờ: ${r.pending}`}
                  </li>
                </ul>
                <p className="muted">{r.pending > 0 ? "Trang tự cập nhật mỗi 3 giây." : "Đã gửi xong."}</p>
              </>
            )}
          </div>
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
        </div>
      </section>
      <section className="c-card" aria-labelledby="failed-h">
        <div className="row-between">
          <h2 id="failed-h">Không đến được người nhận</h2>
          {resendable.length > 1 && (
            <button className="c-btn secondary" type="button" disabled={busy} onClick={() => void resend()}>
              {`Gửi lại cả ${resendable.length} tin lỗi`}
            </button>
          )}
        </div>
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
                  <th scope="col">
                    <span className="sr-only">Gửi lại</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {failed.map((x, i) => (
                  <tr key={i} data-outbox={x.outboxId ?? undefined}>
                    <td>
                      {WHO[x.targetKind] ?? "Người nhận"}
                      {x.villageId && <div className="muted small">{villageName(x.villageId)}</div>}
                    </td>
                    <td>{CHANNEL_LABELS[x.channel]}</td>
                    <td>{x.failure}</td>
                    <td>
                      {x.canResend && x.outboxId !== null && (
                        <button className="c-btn small secondary" type="button" disabled={busy} onClick={() => void resend([x.outboxId!])}>
                          Gửi lại
                        </button>
                      )}
                    </td>
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
