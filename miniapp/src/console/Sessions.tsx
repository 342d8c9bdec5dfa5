import { useState } from "react";
import { ApiError } from "../api/client";
import { useData, useServices } from "../app/hooks";
import { Failed, Loading, useToast } from "../ui/parts";
import { consoleEndpoints, type ConsoleSessionRow } from "./api";
import { PageFrame, at } from "./parts";
import { deviceInWords } from "../../../shared/contracts/console";

const VIA: Record<string, string> = { qr: "Quét mã bằng điện thoại", link: "Đường link trong Zalo" };

/** Máy tính đăng nhập (admin): every PC session still open, and "Kết thúc phiên". */
export function SessionsPage() {
  const s = useServices();
  const toast = useToast();
  const api = consoleEndpoints(s.api);
  const d = useData<{ items: ConsoleSessionRow[] }>("console-sessions", api.sessions, 5_000);
  const [busy, setBusy] = useState<string | null>(null);
  const end = async (sid: string) => {
    setBusy(sid);
    try {
      await api.endSession(sid);
      toast("Đã kết thúc phiên đăng nhập.");
      await d.reload();
    } catch (err) {
      toast(err instanceof ApiError ? err.message : "Chưa kết thúc được phiên.");
    } finally {
      setBusy(null);
    }
  };
  const now = Date.now();
  const items = (d.data?.items ?? []).filter((x) => Date.parse(x.endsAt) > now);
  return (
    <PageFrame title="Máy tính đăng nhập">
      <p className="lead">Các máy tính đang đăng nhập trang làm việc của cán bộ xã. Máy nào lạ, hoặc cán bộ đã nghỉ, bấm “Kết thúc phiên”.</p>
      {!d.data && (d.error ? <Failed message={d.error.message} retry={() => void d.reload()} /> : <Loading />)}
      {d.data && items.length === 0 && <p className="empty">Không có máy tính nào đang đăng nhập.</p>}
      {items.length > 0 && (
        <div className="c-table-wrap">
          <table className="c-table" data-testid="console-sessions">
            <caption className="sr-only">Các phiên đăng nhập trên máy tính</caption>
            <thead>
              <tr>
                <th scope="col">Cán bộ</th>
                <th scope="col">Đăng nhập bằng</th>
                <th scope="col">Máy</th>
                <th scope="col">Lúc đăng nhập</th>
                <th scope="col">Dùng lần cuối</th>
                <th scope="col">Hết hạn</th>
                <th scope="col">
                  <span className="sr-only">Thao tác</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((x) => (
                <tr key={x.sid} data-sid={x.sid}>
                  <td>{x.name ?? "Cán bộ xã"}</td>
                  <td>{VIA[x.via] ?? x.via}</td>
                  <td>{deviceInWords(x.device)}</td>
                  <td>{at(x.createdAt)}</td>
                  <td>{at(x.lastSeenAt)}</td>
                  <td>{at(x.endsAt)}</td>
                  <td>
                    <button className="c-btn secondary small" type="button" disabled={busy !== null} onClick={() => void end(x.sid)}>
                      Kết thúc phiên
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </PageFrame>
  );
}
