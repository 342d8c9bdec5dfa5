import { cloneElement, useEffect, useId, useRef, useState, type ReactElement } from "react";
import { ApiError } from "../api/client";
import type { SessionFields, TeamCalendar, TeamSessionChangeResult, TeamSessionView } from "./calendar-api";
import { ddmm, ddmmyyyy, parseDate, parseTime, weekdayName } from "./calendar-dates";

/** A label tied to its control by id (a wrapping label would read the control's options and text into its name). */
function Field({ label, className, hint, children }: { label: string; className?: string; hint?: string; children: ReactElement<{ id?: string; "aria-describedby"?: string }> }) {
  const id = useId();
  return (
    <div className={`c-field${className ? ` ${className}` : ""}`}>
      <label htmlFor={id}>{label}</label>
      {cloneElement(children, { id, ...(hint ? { "aria-describedby": `${id}-hint` } : {}) })}
      {hint && (
        <span className="cal-hint" id={`${id}-hint`}>
          {hint}
        </span>
      )}
    </div>
  );
}

export interface FormActions {
  save(f: SessionFields, id: number | null): Promise<TeamSessionChangeResult>;
  cancel(id: number, reason: string): Promise<TeamSessionChangeResult>;
}

/** The form's starting values: a session being edited, or a new one on `date` (like `template`, a cancelled session made again). */
function initial(cal: TeamCalendar, session: TeamSessionView | null, date: string, template?: TeamSessionView): SessionFields {
  if (session) {
    return { villageId: session.villageId, date: session.date, start: session.start, end: session.end, place: session.place, procedures: session.procedures, papers: session.papers, note: session.note };
  }
  if (template) return { ...initial(cal, template, date), date };
  return { villageId: "", date, start: "08:00", end: "11:30", place: "", procedures: [...cal.priorityProcedures], papers: [...cal.papers], note: null };
}

/** The typed date and times, read as the bot wants them (dd/mm/yyyy and 24-hour HH:MM on screen, whatever the browser's language). */
interface Typed {
  date: string;
  start: string;
  end: string;
}

/** What the officer typed wrong, before asking the bot (the bot checks again). */
function problems(f: SessionFields, typed: Typed, isNew: boolean, today: string): string[] {
  const out: string[] = [];
  if (!f.villageId) out.push("Chọn thôn.");
  if (!parseDate(typed.date, today)) out.push("Ngày phải có dạng ngày/tháng/năm, ví dụ 05/12/2026.");
  else if (isNew && f.date < today) out.push(`Ngày ${ddmm(f.date)} đã qua: buổi mới phải từ hôm nay trở đi.`);
  if (!parseTime(typed.start) || !parseTime(typed.end)) out.push("Giờ phải có dạng giờ:phút (24 giờ), ví dụ 08:00 hoặc 14:30.");
  else if (f.end <= f.start) out.push("Giờ kết thúc phải sau giờ bắt đầu.");
  if (!f.place.trim()) out.push("Nhập nơi làm việc.");
  return out;
}

/**
 * Add or edit a session: village, date, times, place, the team's priority procedures as checkboxes,
 * papers (one per line), a note; for a session already there, cancel it (kept as "Đã huỷ").
 */
export function SessionForm({
  cal,
  session,
  date,
  template,
  actions,
  onDone,
  onClose,
}: {
  cal: TeamCalendar;
  session: TeamSessionView | null;
  date: string;
  template?: TeamSessionView;
  actions: FormActions;
  onDone: (r: TeamSessionChangeResult, what: string) => void;
  onClose: () => void;
}) {
  const [f, setF] = useState<SessionFields>(() => initial(cal, session, date, template));
  const [papersText, setPapersText] = useState(() => initial(cal, session, date, template).papers.join("\n"));
  const [typed, setTyped] = useState<Typed>(() => ({ date: ddmmyyyy(f.date), start: f.start, end: f.end }));
  const type = (k: keyof Typed, v: string) => {
    setTyped((x) => ({ ...x, [k]: v }));
    setOverlap(null);
  };
  const typedDate = parseDate(typed.date, cal.today);
  const [errors, setErrors] = useState<string[]>([]);
  const [overlap, setOverlap] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const [reason, setReason] = useState("");
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
    heading.current?.scrollIntoView({ block: "nearest" });
  }, [session?.id]);

  const set = <K extends keyof SessionFields>(k: K, v: SessionFields[K]) => {
    setF((x) => ({ ...x, [k]: v }));
    setOverlap(null);
  };
  const procedures = [...cal.priorityProcedures, ...f.procedures.filter((p) => !cal.priorityProcedures.includes(p))];
  const toggle = (p: string, on: boolean) => set("procedures", on ? procedures.filter((x) => x === p || f.procedures.includes(x)) : f.procedures.filter((x) => x !== p));
  const isNew = session === null;

  const save = async (allowOverlap: boolean) => {
    const body: SessionFields = {
      ...f,
      date: parseDate(typed.date, cal.today) ?? "",
      start: parseTime(typed.start) ?? "",
      end: parseTime(typed.end) ?? "",
      place: f.place.trim(),
      note: f.note?.trim() || null,
      papers: papersText.split("\n").map((x) => x.trim()).filter(Boolean),
      allowOverlap,
    };
    const wrong = problems(body, typed, isNew, cal.today);
    setErrors(wrong);
    if (wrong.length) return;
    setBusy(true);
    try {
      const r = await actions.save(body, session?.id ?? null);
      onDone(r, isNew ? "Đã thêm buổi" : "Đã lưu buổi");
    } catch (err) {
      const msg = err instanceof ApiError ? err.message : "Chưa lưu được. Bác thử lại nhé.";
      if (err instanceof ApiError && err.code === "conflict" && msg.includes("Vẫn lưu")) setOverlap(msg);
      else setErrors([msg]);
    } finally {
      setBusy(false);
    }
  };
  const cancelSession = async () => {
    if (!session) return;
    setBusy(true);
    try {
      onDone(await actions.cancel(session.id, reason.trim()), "Đã huỷ buổi");
    } catch (err) {
      setErrors([err instanceof ApiError ? err.message : "Chưa huỷ được. Bác thử lại nhé."]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="c-card cal-form" aria-labelledby="cal-form-title" data-testid="session-form">
      <h2 id="cal-form-title" ref={heading} tabIndex={-1}>
        {isNew ? "Thêm buổi làm việc" : `Sửa buổi ${session.start} ${weekdayName(session.date)} ${ddmm(session.date)}, ${session.villageName}`}
      </h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save(false);
        }}
      >
        <div className="cal-grid">
          <Field label="Thôn">
            <select value={f.villageId} onChange={(e) => set("villageId", e.target.value)} disabled={!isNew} required>
              <option value="">Chọn thôn…</option>
              {cal.villages.map((v) => (
                <option key={v.id} value={v.id}>
                  {v.name}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Ngày" hint={typedDate ? `${weekdayName(typedDate)}, ${ddmmyyyy(typedDate)}` : "ngày/tháng/năm"}>
            <input type="text" inputMode="numeric" autoComplete="off" placeholder="05/12/2026" value={typed.date} maxLength={10} onChange={(e) => type("date", e.target.value)} required />
          </Field>
          <Field label="Bắt đầu" hint="giờ:phút">
            <input type="text" inputMode="numeric" autoComplete="off" placeholder="08:00" value={typed.start} maxLength={5} onChange={(e) => type("start", e.target.value)} required />
          </Field>
          <Field label="Kết thúc" hint="giờ:phút">
            <input type="text" inputMode="numeric" autoComplete="off" placeholder="11:30" value={typed.end} maxLength={5} onChange={(e) => type("end", e.target.value)} required />
          </Field>
          <Field label="Nơi làm việc" className="wide">
            <input type="text" value={f.place} maxLength={200} placeholder="Ví dụ: Nhà văn hóa thôn" onChange={(e) => set("place", e.target.value)} required />
          </Field>
        </div>
        <fieldset className="cal-procs">
          <legend>Thủ tục làm tại buổi này</legend>
          {procedures.map((p) => (
            <label key={p} className="check">
              <input type="checkbox" checked={f.procedures.includes(p)} onChange={(e) => toggle(p, e.target.checked)} />
              <span>{p}</span>
            </label>
          ))}
        </fieldset>
        <Field label="Giấy tờ mang theo (mỗi dòng một thứ)">
          <textarea rows={3} value={papersText} onChange={(e) => setPapersText(e.target.value)} />
        </Field>
        <Field label="Ghi chú cho bà con (không bắt buộc)">
          <input type="text" value={f.note ?? ""} maxLength={500} onChange={(e) => set("note", e.target.value)} />
        </Field>
        {errors.length > 0 && (
          <div className="cal-alert bad" role="alert">
            {errors.map((e) => (
              <p key={e}>{e}</p>
            ))}
          </div>
        )}
        {overlap && (
          <div className="cal-alert warn" role="alert">
            <p>{overlap}</p>
            <button className="c-btn small" type="button" disabled={busy} onClick={() => void save(true)}>
              Vẫn lưu
            </button>
          </div>
        )}
        <div className="cal-actions">
          <button className="c-btn" type="submit" disabled={busy}>
            {isNew ? "Thêm buổi" : "Lưu thay đổi"}
          </button>
          <button className="c-btn ghost" type="button" onClick={onClose}>
            Đóng
          </button>
        </div>
      </form>
      {!isNew && (
        <div className="cal-cancel">
          {!cancelling ? (
            <button className="c-btn secondary danger" type="button" onClick={() => setCancelling(true)}>
              Huỷ buổi này
            </button>
          ) : (
            <>
              <p>Buổi đã huỷ vẫn hiện trên lịch (gạch ngang), và không được nhắc cho bà con nữa.</p>
              <Field label="Lý do huỷ (không bắt buộc)">
                <input type="text" value={reason} maxLength={300} onChange={(e) => setReason(e.target.value)} />
              </Field>
              <div className="cal-actions">
                <button className="c-btn danger" type="button" disabled={busy} onClick={() => void cancelSession()}>
                  Xác nhận huỷ buổi
                </button>
                <button className="c-btn ghost" type="button" onClick={() => setCancelling(false)}>
                  Không huỷ
                </button>
              </div>
            </>
          )}
        </div>
      )}
    </section>
  );
}

/** A cancelled session: kept to be seen, not edited; it can be made again as a new session. */
export function CancelledSession({ s, onAgain, onClose }: { s: TeamSessionView; onAgain: () => void; onClose: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
    heading.current?.scrollIntoView({ block: "nearest" });
  }, [s.id]);
  return (
    <section className="c-card cal-form" aria-labelledby="cal-cancelled-title" data-testid="session-cancelled">
      <h2 id="cal-cancelled-title" ref={heading} tabIndex={-1}>
        {`Buổi đã huỷ: ${s.start}–${s.end} ${weekdayName(s.date)} ${ddmm(s.date)}, ${s.villageName}`}
      </h2>
      <dl className="facts">
        <dt>Nơi làm việc</dt>
        <dd>{s.place}</dd>
        {s.cancelReason && (
          <>
            <dt>Lý do huỷ</dt>
            <dd>{s.cancelReason}</dd>
          </>
        )}
      </dl>
      <p>Buổi đã huỷ không sửa được và không được báo cho bà con. Muốn làm lại, thêm một buổi mới.</p>
      <div className="cal-actions">
        <button className="c-btn" type="button" onClick={onAgain}>
          Thêm lại buổi này
        </button>
        <button className="c-btn ghost" type="button" onClick={onClose}>
          Đóng
        </button>
      </div>
    </section>
  );
}
