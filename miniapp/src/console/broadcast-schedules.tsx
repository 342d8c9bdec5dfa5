import { useMemo, useState } from "react";
import { ApiError } from "../api/client";
import { useData, useServices } from "../app/hooks";
import { Failed, Loading, useToast } from "../ui/parts";
import { broadcastApi, WEEKDAYS, type Schedule } from "./broadcast-api";
import { TimePicker } from "./broadcast-time";
import { ZaloBubble } from "./broadcast-zalo";
import { PageFrame, at } from "./parts";

const OUTCOME: Record<string, string> = { sent: "đã gửi", late: "gửi muộn", skipped_missed: "bỏ lỡ (máy chủ tắt)", nothing_to_send: "không có gì để gửi" };

/** Lịch gửi định kỳ: every recurring message in words ("Thứ Sáu hằng tuần, 14:00"), its day, time and text editable, pausable. */
export function SchedulesPage() {
  const s = useServices();
  const api = useMemo(() => broadcastApi(s.api), [s.api]);
  const list = useData<Schedule[]>("broadcast-schedules", api.schedules, 30_000);
  const [editing, setEditing] = useState<number | null>(null);
  return (
    <PageFrame
      title="Lịch gửi định kỳ"
      actions={
        <a className="c-btn ghost" href="#/thong-bao">
          ← Về danh sách
        </a>
      }
    >
      <p className="muted">Các tin xã gửi đều đặn. Muốn thêm lịch của mình: “Soạn thông báo mới”, chọn “Lặp lại hằng tuần”.</p>
      {!list.data && (list.error ? <Failed message={list.error.message} retry={() => void list.reload()} /> : <Loading />)}
      {list.data && (
        <ul className="bc-schedules" data-testid="broadcast-schedules">
          {list.data.map((x) => (
            <li key={x.id} className="c-card" data-schedule={x.id}>
              <div className="row-between">
                <div>
                  <h2>{x.name}</h2>
                  <p className="lead" data-testid="schedule-words">
                    {x.words}
                  </p>
                  <p className="muted small">
                    {x.enabled ? <span className="tag done">Đang chạy</span> : <span className="tag new">Tạm dừng</span>}
                    {x.firings[0] ? ` · Lần gần nhất: ${at(x.firings[0].slot)} (${OUTCOME[x.firings[0].outcome] ?? x.firings[0].outcome})` : " · Chưa gửi lần nào"}
                  </p>
                </div>
                <div className="btn-row">
                  <button className="c-btn secondary small" type="button" aria-expanded={editing === x.id} onClick={() => setEditing(editing === x.id ? null : x.id)}>
                    {editing === x.id ? "Đóng" : "Sửa"}
                  </button>
                  <PauseButton schedule={x} onDone={() => void list.reload()} />
                </div>
              </div>
              {editing === x.id && <EditSchedule schedule={x} onDone={() => (setEditing(null), void list.reload())} />}
            </li>
          ))}
        </ul>
      )}
    </PageFrame>
  );
}

function PauseButton({ schedule: x, onDone }: { schedule: Schedule; onDone: () => void }) {
  const s = useServices();
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  const toggle = async () => {
    setBusy(true);
    try {
      await broadcastApi(s.api).updateSchedule(x.id, { enabled: !x.enabled });
      toast(x.enabled ? `Đã tạm dừng “${x.name}”.` : `Đã chạy lại “${x.name}”.`);
      onDone();
    } catch (err) {
      toast(err instanceof ApiError ? err.message : "Chưa đổi được.");
    } finally {
      setBusy(false);
    }
  };
  return (
    <button className={`c-btn small ${x.enabled ? "ghost" : ""}`} type="button" disabled={busy} onClick={() => void toggle()}>
      {x.enabled ? "Tạm dừng" : "Chạy lại"}
    </button>
  );
}

function EditSchedule({ schedule: x, onDone }: { schedule: Schedule; onDone: () => void }) {
  const s = useServices();
  const toast = useToast();
  const [time, setTime] = useState(x.weekly?.time ?? "");
  const [days, setDays] = useState<number[]>(x.weekly?.weekdays ?? []);
  const [text, setText] = useState(x.template ?? x.sample ?? "");
  const [busy, setBusy] = useState(false);
  const save = async () => {
    setBusy(true);
    try {
      await broadcastApi(s.api).updateSchedule(x.id, {
        ...(x.weekly ? { time, weekdays: days } : {}),
        ...(x.textEditable && text.trim() !== (x.template ?? x.sample ?? "").trim() ? { template: text.trim() } : {}),
      });
      toast("Đã lưu lịch gửi.");
      onDone();
    } catch (err) {
      toast(err instanceof ApiError ? err.message : "Chưa lưu được.");
    } finally {
      setBusy(false);
    }
  };
  const why = x.weekly && days.length === 0 ? "Chọn ít nhất một ngày trong tuần." : x.textEditable && !text.trim() && x.kind === "custom" ? "Cần nội dung." : null;
  return (
    <form className="bc-edit" aria-label={`Sửa lịch ${x.name}`} onSubmit={(e) => (e.preventDefault(), !why && void save())}>
      {x.weekly ? (
        <div className="bc-weekly">
          <TimePicker label="Giờ gửi" value={time} onChange={setTime} />
          <div role="group" aria-label="Các ngày trong tuần" className="bc-days">
            {WEEKDAYS.map((w) => (
              <label key={w.d} className="bc-check">
                <input type="checkbox" checked={days.includes(w.d)} onChange={(e) => setDays((d) => (e.target.checked ? [...d, w.d] : d.filter((v) => v !== w.d)))} />
                <span>{w.label}</span>
              </label>
            ))}
          </div>
        </div>
      ) : (
        <p className="muted">Lịch này không theo tuần nên chưa sửa ngày giờ ở đây được.</p>
      )}
      {x.textEditable ? (
        <label className="c-field">
          <span>Nội dung</span>
          <textarea rows={5} maxLength={1800} value={text} onChange={(e) => setText(e.target.value)} />
        </label>
      ) : (
        <div>
          <p className="muted">Nội dung được soạn tự động từ số liệu mỗi lần gửi.</p>
          {x.sample && <ZaloBubble channel={["legal_tip", "ranking", "team_visit"].includes(x.kind) ? "group" : "cs"} text={x.sample} note="nếu gửi bây giờ" />}
        </div>
      )}
      {why && <p className="bc-why">{why}</p>}
      <div className="btn-row">
        <button className="c-btn" type="submit" disabled={busy || why !== null}>
          Lưu
        </button>
      </div>
    </form>
  );
}
