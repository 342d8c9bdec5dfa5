import { useEffect, useMemo, useState } from "react";
import { useData, useServices } from "../app/hooks";
import { Failed, Loading, useToast } from "../ui/parts";
import { calendarEndpoints, type TeamCalendar, type TeamSessionChangeResult, type TeamSessionView } from "./calendar-api";
import { WEEKDAYS, addDays, ddmm, monthTitle, monthWeeks, shiftMonth, weekdayName } from "./calendar-dates";
import { CancelledSession, SessionForm } from "./calendar-form";
import { PageFrame, useEvery } from "./parts";

const PHONE = "(max-width: 720px)";

/** Today in the commune (Vietnam), whatever the PC's clock zone; the bot's own "today" marks the grid. */
const localToday = () => new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Ho_Chi_Minh", year: "numeric", month: "2-digit", day: "2-digit" }).format(Date.now());

function usePhoneWidth(): boolean {
  const [phone, setPhone] = useState(() => matchMedia(PHONE).matches);
  useEffect(() => {
    const m = matchMedia(PHONE);
    const on = () => setPhone(m.matches);
    m.addEventListener("change", on);
    return () => m.removeEventListener("change", on);
  }, []);
  return phone;
}

/** "08:00–11:30". */
const hours = (s: TeamSessionView) => `${s.start}–${s.end}`;

function Chip({ s, onOpen }: { s: TeamSessionView; onOpen: (s: TeamSessionView) => void }) {
  const cancelled = s.status === "cancelled";
  return (
    <button type="button" className={`cal-chip${cancelled ? " cancelled" : ""}${s.past ? " past" : ""}`} data-session={s.id} onClick={() => onOpen(s)} aria-label={`${s.villageName}, ${hours(s)}, ${s.place}${cancelled ? ", đã huỷ" : ""}. Sửa buổi này`}>
      <span className="cal-chip-time">{s.start}</span> <span className="cal-chip-village">{s.villageName}</span>
      {cancelled && <span className="cal-chip-state"> Đã huỷ</span>}
    </button>
  );
}

/** Weeks as rows, Monday to Sunday as columns, today marked; each session a chip with its village and time. */
function MonthView({ month, cal, onOpen, onAdd }: { month: string; cal: TeamCalendar; onOpen: (s: TeamSessionView) => void; onAdd: (date: string) => void }) {
  const byDate = useMemo(() => {
    const m = new Map<string, TeamSessionView[]>();
    for (const s of cal.items) m.set(s.date, [...(m.get(s.date) ?? []), s]);
    return m;
  }, [cal.items]);
  return (
    <div className="cal-month-wrap">
      <table className="cal-month" data-testid="calendar-month">
        <caption className="sr-only">{`Lịch tổ lưu động ${monthTitle(month).toLowerCase()}, mỗi hàng một tuần`}</caption>
        <thead>
          <tr>
            {WEEKDAYS.map((w) => (
              <th key={w} scope="col">
                {w}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {monthWeeks(month).map((week) => (
            <tr key={week[0]}>
              {week.map((day) => {
                const today = day === cal.today;
                const outside = !day.startsWith(month);
                const list = byDate.get(day) ?? [];
                return (
                  <td key={day} className={`${today ? "today" : ""}${outside ? " outside" : ""}`} aria-current={today ? "date" : undefined} data-date={day}>
                    <div className="cal-day">
                      <span className="cal-date">
                        {ddmm(day)}
                        {today && <span className="cal-today"> Hôm nay</span>}
                      </span>
                      {day >= cal.today && (
                        <button type="button" className="cal-add" onClick={() => onAdd(day)} aria-label={`Thêm buổi ngày ${weekdayName(day)} ${ddmm(day)}`}>
                          +
                        </button>
                      )}
                    </div>
                    <ul className="cal-chips">
                      {list.map((s) => (
                        <li key={s.id}>
                          <Chip s={s} onOpen={onOpen} />
                        </li>
                      ))}
                    </ul>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The same sessions as a list by day: what fits a phone. */
function ListView({ cal, onOpen }: { cal: TeamCalendar; onOpen: (s: TeamSessionView) => void }) {
  const days = useMemo(() => {
    const m = new Map<string, TeamSessionView[]>();
    for (const s of cal.items) m.set(s.date, [...(m.get(s.date) ?? []), s]);
    return [...m.entries()];
  }, [cal.items]);
  if (days.length === 0) return <p className="empty">Chưa có buổi nào trong thời gian này.</p>;
  return (
    <ol className="cal-list" data-testid="calendar-list">
      {days.map(([day, list]) => (
        <li key={day} className={day === cal.today ? "today" : undefined}>
          <h3>
            {weekdayName(day)} {ddmm(day)}
            {day === cal.today && <span className="cal-today"> · Hôm nay</span>}
          </h3>
          <ul>
            {list.map((s) => {
              const cancelled = s.status === "cancelled";
              return (
                <li key={s.id} className={`cal-item${cancelled ? " cancelled" : ""}`} data-session={s.id}>
                  <button type="button" onClick={() => onOpen(s)} aria-label={`${s.villageName}, ${hours(s)}, ${s.place}${cancelled ? ", đã huỷ" : ""}. Sửa buổi này`}>
                    <span className="cal-item-main">
                      <span className="cal-item-time">{hours(s)}</span> <span className="cal-item-village">{s.villageName}</span>
                    </span>
                    <span className="cal-item-place">{s.place}</span>
                    {s.movedFrom && <span className="cal-item-note">Đã dời từ {s.movedFrom}</span>}
                    {cancelled && s.cancelReason && <span className="cal-item-note">Lý do huỷ: {s.cancelReason}</span>}
                  </button>
                  {cancelled && <span className="tag new">Đã huỷ</span>}
                </li>
              );
            })}
          </ul>
        </li>
      ))}
    </ol>
  );
}

/** Lịch tổ dịch vụ công lưu động: the month, or a list on a phone; add, edit, move and cancel sessions. */
export function CalendarPage() {
  const s = useServices();
  const toast = useToast();
  const api = useMemo(() => calendarEndpoints(s.api), [s.api]);
  const phone = usePhoneWidth();
  const [view, setView] = useState<"month" | "list">("month");
  const [month, setMonth] = useState<string | null>(null);
  const [editing, setEditing] = useState<{ session: TeamSessionView | null; date: string; template?: TeamSessionView } | null>(null);
  const [notice, setNotice] = useState<{ text: string; warnings: string[] } | null>(null);
  const shown = phone ? "list" : view;

  // The month's weeks for the grid; for the list, from today on (three months), cancelled ones too.
  const today = useMemo(localToday, []);
  const m = month ?? today.slice(0, 7);
  const range = useMemo(() => {
    if (shown === "list") return { from: today, to: addDays(today, 92) };
    const weeks = monthWeeks(m);
    return { from: weeks[0]![0]!, to: weeks.at(-1)![6]! };
  }, [m, today, shown]);
  const d = useData<TeamCalendar>(`team-calendar:${range.from}:${range.to}`, () => api.calendar(range.from, range.to), 10_000);
  useEvery(30_000, () => void d.reload());

  const done = async (r: TeamSessionChangeResult, what: string) => {
    const x = r.session;
    const text = `${what}: ${x.villageName}, ${hours(x)} ${x.weekday} ${x.dateText}.`;
    setNotice({ text, warnings: r.warnings });
    toast(text);
    setEditing(null);
    await d.reload();
  };
  const cal = d.data;
  return (
    <PageFrame
      title="Lịch tổ dịch vụ công lưu động"
      actions={
        cal && (
          <button className="c-btn" type="button" onClick={() => setEditing({ session: null, date: cal.today })}>
            Thêm buổi
          </button>
        )
      }
    >
      <p className="lead">Bà con hỏi lịch trong khung chat Zalo và tin nhắc sáng hôm có buổi đọc ngay lịch này: sửa ở đây là có hiệu lực liền.</p>
      {notice && (
        <div className={`cal-alert ${notice.warnings.length ? "warn" : "ok"}`} role="status" data-testid="calendar-notice">
          <p>{notice.text}</p>
          {notice.warnings.map((w) => (
            <p key={w}>
              <strong>Lưu ý: </strong>
              {w}
            </p>
          ))}
        </div>
      )}
      {cal && editing?.session?.status === "cancelled" && (
        <CancelledSession
          s={editing.session}
          onAgain={() => setEditing({ session: null, date: editing.session!.date < cal.today ? cal.today : editing.session!.date, template: editing.session! })}
          onClose={() => setEditing(null)}
        />
      )}
      {cal && editing && editing.session?.status !== "cancelled" && (
        <SessionForm
          key={editing.session?.id ?? `new-${editing.date}-${editing.template?.id ?? ""}`}
          template={editing.template}
          cal={cal}
          session={editing.session}
          date={editing.date}
          actions={{
            save: (f, id) => (id === null ? api.create(f) : api.update(id, { date: f.date, start: f.start, end: f.end, place: f.place, procedures: f.procedures, papers: f.papers, note: f.note, ...(f.allowOverlap ? { allowOverlap: true } : {}) })),
            cancel: (id, reason) => api.cancel(id, reason),
          }}
          onDone={(r, what) => void done(r, what)}
          onClose={() => setEditing(null)}
        />
      )}
      {!cal && (d.error ? <Failed message={d.error.message} retry={() => void d.reload()} /> : <Loading />)}
      {cal && (
        <>
          <div className="toolbar cal-toolbar">
            {shown === "month" ? (
              <div className="cal-nav">
                <button className="c-btn ghost small" type="button" onClick={() => setMonth(shiftMonth(m, -1))} aria-label="Tháng trước">
                  ◀
                </button>
                <h2 aria-live="polite">{monthTitle(m)}</h2>
                <button className="c-btn ghost small" type="button" onClick={() => setMonth(shiftMonth(m, 1))} aria-label="Tháng sau">
                  ▶
                </button>
                <button className="c-btn ghost small" type="button" onClick={() => setMonth(null)}>
                  Hôm nay
                </button>
              </div>
            ) : (
              <h2>Các buổi từ hôm nay</h2>
            )}
            {!phone && (
              <div className="seg" role="group" aria-label="Cách xem">
                <button type="button" aria-pressed={view === "month"} onClick={() => setView("month")}>
                  Tháng
                </button>
                <button type="button" aria-pressed={view === "list"} onClick={() => setView("list")}>
                  Danh sách
                </button>
              </div>
            )}
          </div>
          {shown === "month" ? (
            <MonthView month={m} cal={cal} onOpen={(x) => setEditing({ session: x, date: x.date })} onAdd={(day) => setEditing({ session: null, date: day })} />
          ) : (
            <ListView cal={cal} onOpen={(x) => setEditing({ session: x, date: x.date })} />
          )}
          <p className="muted small">Buổi gạch ngang là buổi đã huỷ: vẫn giữ trên lịch để cán bộ biết, nhưng không báo cho bà con.</p>
        </>
      )}
    </PageFrame>
  );
}
