import { useEffect, useRef, useState, type ReactNode } from "react";
import { ApiError } from "../api/client";
import { useData, useServices } from "../app/hooks";
import { Banner, Failed, Loading, useToast } from "../ui/parts";
import css from "./settings-page.css?inline";
import { PageFrame, at } from "./parts";
import { settingsEndpoints, SettingsSaveError, type CommuneSettingsPatch, type CommuneView, type SettingsView } from "./settings-api";
import { SETTINGS_FIELDS, type SettingsField } from "../../../shared/contracts/commune";

/** The page's styles travel in its chunk (the mini app's first download lists every CSS file). */
function useStyles() {
  useEffect(() => {
    if (document.getElementById("gds-settings-css")) return;
    const style = document.createElement("style");
    style.id = "gds-settings-css";
    style.textContent = css;
    document.head.appendChild(style);
  }, []);
}

/** The fields as the form holds them (text; lists one item a line): all but the hotlines (their own rows). */
const TEXT_FIELDS = SETTINGS_FIELDS.filter((f): f is Exclude<SettingsField, "hotlines"> => f !== "hotlines");
type Field = (typeof TEXT_FIELDS)[number];
type Hotline = { key: string; phone: string };
interface Draft {
  text: Record<Field, string>;
  hotlines: Hotline[];
}
const LISTS: ReadonlySet<Field> = new Set(["provinceApp.features", "mobileTeam.priorityProcedures", "mobileTeam.papers"]);
const NUMBERS: ReadonlySet<Field> = new Set(["chat.handoffSilenceMinutes", "target.percent"]);

function fromView(s: SettingsView): Draft {
  return {
    text: {
      "oneStopDesk.place": s.oneStopDesk?.place ?? "",
      "oneStopDesk.hours": s.oneStopDesk?.hours ?? "",
      "oneStopDesk.phone": s.oneStopDesk?.phone ?? "",
      "police.name": s.police.name,
      "police.phone": s.police.phone ?? "",
      "provinceApp.name": s.provinceApp.name,
      "provinceApp.androidUrl": s.provinceApp.androidUrl,
      "provinceApp.iosUrl": s.provinceApp.iosUrl,
      "provinceApp.features": s.provinceApp.features.join("\n"),
      "mobileTeam.name": s.mobileTeam?.name ?? "",
      "mobileTeam.priorityProcedures": (s.mobileTeam?.priorityProcedures ?? []).join("\n"),
      "mobileTeam.papers": (s.mobileTeam?.papers ?? []).join("\n"),
      "chat.handoffSilenceMinutes": String(s.chat.handoffSilenceMinutes),
      "target.percent": String(s.target.percent),
      "target.basis": s.target.basis,
    },
    hotlines: Object.entries(s.hotlines).map(([key, phone]) => ({ key, phone })),
  };
}

const lines = (v: string) =>
  v
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "");
/** A number typed, or what was typed (the bot then says at the field what is wrong). */
const numberOr = (v: string): number | string => (v.trim() !== "" && Number.isFinite(Number(v.replace(",", "."))) ? Number(v.replace(",", ".")) : v);
const valueOf = (f: Field, v: string): unknown => (LISTS.has(f) ? lines(v) : NUMBERS.has(f) ? numberOr(v) : v.trim());
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const hotlineRecord = (list: readonly Hotline[]) => Object.fromEntries(list.map((h) => [h.key.trim(), h.phone.trim()]));

/** The fields the admin changed, as the bot takes them (only those are sent). */
function changedFields(base: Draft, draft: Draft): Field[] {
  return TEXT_FIELDS.filter((f) => !same(valueOf(f, base.text[f]), valueOf(f, draft.text[f])));
}
function patchOf(base: Draft, draft: Draft): CommuneSettingsPatch {
  const patch: Record<string, Record<string, unknown>> = {};
  for (const f of changedFields(base, draft)) {
    const [g, k] = f.split(".") as [string, string];
    (patch[g] ??= {})[k] = valueOf(f, draft.text[f]);
  }
  const out = patch as CommuneSettingsPatch;
  if (!same(hotlineRecord(base.hotlines), hotlineRecord(draft.hotlines))) out.hotlines = hotlineRecord(draft.hotlines);
  return out;
}

/** The hotlines' own checks before sending (a name twice, a number without a name). */
function hotlineProblem(list: readonly Hotline[]): string | undefined {
  const keys = list.map((h) => h.key.trim());
  if (list.some((h) => h.key.trim() === "" || h.phone.trim() === "")) return "Mỗi dòng cần cả tên và số; dòng không dùng thì bấm “Bỏ”.";
  const dup = keys.find((k, i) => keys.indexOf(k) !== i);
  if (dup) return `Tên “${dup}” có hai lần.`;
  return undefined;
}

const errText = (err: unknown) => (err instanceof ApiError ? err.message : "Chưa lưu được. Bác thử lại nhé.");
/** The bot's words for a 409 ask to redo the edits; this page keeps them, so it says so in its own words. */
const CONFLICT = "Có người khác vừa lưu trang này trước bác. Những mục bác sửa vẫn còn trên trang; mục nào người kia cũng vừa sửa thì có ghi ngay dưới mục đó. Bác xem lại rồi bấm “Lưu” lần nữa.";
/** The person who saved, without the Zalo id the record keeps beside the name ("Phạm Minh Tuấn (2073…)"). */
const personName = (actor: string) => actor.replace(/\s*\(\d+\)$/, "");
/** A field's name for someone who only reads it: without the typing hints. */
const readLabel = (label: string) => label.replace(/ \((không bắt buộc|mỗi dòng [^)]*)\)$/, "");
const BASIS: Record<string, string> = { self_declared: "Theo hộ tự khai", verified: "Chỉ tính hộ đã được trưởng thôn hoặc cán bộ xác minh" };

/**
 * "Thông tin chung của xã": the one-stop desk, the commune police, hotlines, the province app, the
 * mobile team's name and usual lists, the chat's silence after an officer answers, the target. The
 * admin edits (only the changed fields are sent; 409 and 400 are shown at the field); officers read.
 */
export function SettingsPage({ admin }: { admin: boolean }) {
  useStyles();
  const s = useServices();
  const toast = useToast();
  const api = settingsEndpoints(s.api, admin);
  const d = useData<CommuneView>(`commune:settings:${admin ? "admin" : "officer"}`, api.view, 30_000);
  const [base, setBase] = useState<{ version: number; draft: Draft } | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const problemRef = useRef<HTMLDivElement>(null);

  // The form starts from the bot's values; a reload (every 30 s) does not overwrite what is being typed.
  const view = d.data;
  useEffect(() => {
    if (!view) return;
    const fresh = fromView(view.settings);
    if (!base || !draft || (base.version !== view.version && !dirty(base.draft, draft))) {
      setBase({ version: view.version, draft: fresh });
      setDraft(fresh);
    }
  }, [view]); // eslint-disable-line react-hooks/exhaustive-deps

  const set = (f: Field, v: string) => {
    setDraft((x) => (x ? { ...x, text: { ...x.text, [f]: v } } : x));
    setFieldErrors((e) => (e[f] ? { ...e, [f]: "" } : e));
  };
  const setHotlines = (list: Hotline[]) => {
    setDraft((x) => (x ? { ...x, hotlines: list } : x));
    setFieldErrors((e) => (e.hotlines ? { ...e, hotlines: "" } : e));
  };

  const save = async () => {
    if (!base || !draft) return;
    const hp = hotlineProblem(draft.hotlines);
    if (hp) {
      setFieldErrors({ hotlines: hp });
      setProblem("Chưa lưu: bác xem lại mục được đánh dấu.");
      return;
    }
    setBusy(true);
    setProblem(null);
    setFieldErrors({});
    try {
      const r = await api.save(base.version, patchOf(base.draft, draft));
      toast(r.changes.length > 0 ? `Đã lưu: ${r.changes.join("; ")}.` : "Không có gì thay đổi.");
      const fresh = await api.view();
      setBase({ version: fresh.version, draft: fromView(fresh.settings) });
      setDraft(fromView(fresh.settings));
      await d.reload();
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) {
        // Someone saved first: the fields they changed that the admin also changed are said at the field;
        // the admin's other edits are kept on top of the new values.
        try {
          const fresh = await api.view();
          const theirs = fromView(fresh.settings);
          const mine = changedFields(base.draft, draft);
          const marks: Record<string, string> = {};
          const merged: Draft = { text: { ...theirs.text }, hotlines: theirs.hotlines };
          for (const f of mine) {
            merged.text[f] = draft.text[f];
            if (!same(valueOf(f, theirs.text[f]), valueOf(f, base.draft.text[f]))) marks[f] = `Người khác vừa sửa mục này thành “${LISTS.has(f) ? lines(theirs.text[f]).join(", ") : theirs.text[f]}”. Bác xem lại rồi bấm “Lưu” lần nữa.`;
          }
          if (!same(hotlineRecord(base.draft.hotlines), hotlineRecord(draft.hotlines))) {
            merged.hotlines = draft.hotlines;
            if (!same(hotlineRecord(theirs.hotlines), hotlineRecord(base.draft.hotlines))) marks.hotlines = "Người khác vừa sửa danh sách đường dây nóng. Bác xem lại rồi bấm “Lưu” lần nữa.";
          }
          setBase({ version: fresh.version, draft: theirs });
          setDraft(merged);
          setFieldErrors(marks);
          void d.reload(); // the last change shown above is the other person's
        } catch {
          /* the message below says to try again */
        }
      } else if (err instanceof SettingsSaveError) {
        setFieldErrors(err.fields);
      }
      setProblem(err instanceof ApiError && err.status === 409 ? CONFLICT : errText(err));
      setTimeout(() => problemRef.current?.focus(), 0);
    } finally {
      setBusy(false);
    }
  };

  const changed = base && draft ? dirty(base.draft, draft) : false;
  const last = view?.settings.lastChange;
  const field = (f: Field, label: string, opts: { help?: string; long?: boolean; wide?: boolean; type?: "number" | "url" | "tel"; inputMode?: "numeric" | "decimal"; placeholder?: string } = {}) =>
    draft && (
      <TextField
        id={f}
        label={label}
        help={opts.help}
        value={draft.text[f]}
        onChange={(v) => set(f, v)}
        error={fieldErrors[f]}
        readOnly={!admin}
        long={opts.long}
        wide={opts.wide}
        type={opts.type}
        inputMode={opts.inputMode}
        placeholder={opts.placeholder}
      />
    );

  return (
    <PageFrame title="Thông tin chung của xã">
      <p className="lead">
        Những thông tin người dân đọc trong câu trả lời của trợ lý trên Zalo, trong các hướng dẫn và trong ứng dụng “Gia đình số”.{" "}
        {admin ? "Sửa ở đây là dùng ngay, không cần khởi động lại máy chủ." : "Chỉ quản trị viên của xã sửa được; cán bộ xem để trả lời người dân cho đúng."}
      </p>
      {!view && (d.error ? <Failed message={d.error.message} retry={() => void d.reload()} /> : <Loading />)}
      {view && (
        <p className="st-last" data-testid="settings-last-change">
          {last ? (
            <>
              Lần sửa gần nhất ở trang này: <strong>{personName(last.actor)}</strong>, lúc {at(last.at)}
              {last.summary ? <span className="st-sub">{last.summary}</span> : null}
            </>
          ) : (
            "Chưa ai sửa ở trang này: đang dùng thông tin trong tệp cấu hình của xã."
          )}
        </p>
      )}
      {problem && (
        <div role="alert" tabIndex={-1} ref={problemRef} data-testid="settings-problem">
          <Banner kind="bad">
            <p>{problem}</p>
          </Banner>
        </div>
      )}
      {draft && (
        <form
          className="st-form"
          data-testid="settings-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (admin) void save();
          }}
        >
          <Section id="st-desk" title="Bộ phận Một cửa" use="Khi người dân hỏi một thủ tục chưa có hướng dẫn, trợ lý chỉ đến đây: nơi làm việc, giờ làm việc và số điện thoại.">
            {field("oneStopDesk.place", "Nơi làm việc", { wide: true })}
            {field("oneStopDesk.hours", "Giờ làm việc", { wide: true, placeholder: "Thứ Hai đến Thứ Sáu, sáng 7:30–11:30, chiều 13:30–17:00" })}
            {field("oneStopDesk.phone", "Số điện thoại (không bắt buộc)", { type: "tel" })}
          </Section>
          <Section id="st-police" title="Công an xã" use="Trợ lý đưa tên và số này cho người vừa bị lừa đảo; hướng dẫn gọi tổng đài phản ánh cũng nhắc đến.">
            {field("police.name", "Tên")}
            {field("police.phone", "Số điện thoại (không bắt buộc)", { type: "tel" })}
          </Section>
          <Section id="st-hotlines" title="Đường dây nóng" use="Đường dây nóng của tỉnh có trong hướng dẫn “Gọi tổng đài phản ánh” và trong tiêu chí “Biết sử dụng Tổng đài…” của hộ.">
            <Hotlines list={draft.hotlines} onChange={setHotlines} error={fieldErrors.hotlines} readOnly={!admin} />
          </Section>
          <Section id="st-app" title="Ứng dụng của tỉnh" use="Hướng dẫn cài ứng dụng gửi hai đường dẫn này; tên ứng dụng có trong lời chào, trong tiêu chí của hộ và trong báo cáo thứ Sáu. Ứng dụng có bản mới ở đường dẫn khác thì sửa ở đây.">
            {field("provinceApp.name", "Tên ứng dụng")}
            {field("provinceApp.androidUrl", "Đường dẫn tải cho điện thoại Android", { type: "url", wide: true })}
            {field("provinceApp.iosUrl", "Đường dẫn tải cho iPhone", { type: "url", wide: true })}
            {field("provinceApp.features", "Các tính năng chính (mỗi dòng một tính năng)", { long: true })}
          </Section>
          <Section id="st-team" title="Tổ dịch vụ công lưu động" use="Tên tổ có trong câu trả lời về lịch lưu động. Thủ tục và giấy tờ dưới đây là danh sách có sẵn khi thêm buổi mới ở trang “Lịch tổ lưu động”; buổi đã có giữ danh sách của buổi đó.">
            {field("mobileTeam.name", "Tên tổ")}
            {field("mobileTeam.priorityProcedures", "Thủ tục tổ làm (mỗi dòng một thủ tục)", { long: true })}
            {field("mobileTeam.papers", "Giấy tờ người dân mang theo (mỗi dòng một loại)", { long: true })}
          </Section>
          <Section id="st-chat" title="Khung chat Zalo" use="Sau khi cán bộ trả lời một người trong khung chat, trợ lý im lặng với người đó trong chừng này phút để hai bên nói chuyện.">
            {field("chat.handoffSilenceMinutes", "Số phút trợ lý im lặng", { inputMode: "numeric" })}
          </Section>
          <Section id="st-target" title="Chỉ tiêu “Gia đình số”" use="Bảng số liệu, xếp hạng các thôn chiều thứ Sáu và bảng tính gửi huyện đo theo chỉ tiêu này. Các tuần đã chốt giữ chỉ tiêu của tuần đó.">
            {field("target.percent", "Tỉ lệ hộ đạt cần có (%)", { inputMode: "decimal" })}
            <div className={`c-field${fieldErrors["target.basis"] ? " st-bad" : ""}`}>
              {admin ? <label htmlFor="st-target.basis">Cách tính</label> : <span className="st-label">Cách tính</span>}
              {admin ? (
                <select id="st-target.basis" value={draft.text["target.basis"]} onChange={(e) => set("target.basis", e.target.value)} aria-describedby={fieldErrors["target.basis"] ? "st-target.basis-err" : undefined}>
                  {Object.entries(BASIS).map(([k, v]) => (
                    <option key={k} value={k}>
                      {v}
                    </option>
                  ))}
                </select>
              ) : (
                <p className="st-value" id="st-target.basis">
                  {BASIS[draft.text["target.basis"]] ?? draft.text["target.basis"]}
                </p>
              )}
              {fieldErrors["target.basis"] && (
                <p className="st-err" id="st-target.basis-err">
                  {fieldErrors["target.basis"]}
                </p>
              )}
            </div>
          </Section>
          <section className="c-card st-out" aria-labelledby="st-out">
            <h2 id="st-out">Không sửa ở trang này</h2>
            <p>
              Múi giờ, giờ gửi tin hằng tuần, ngày và giờ hạn nộp báo cáo thứ Sáu (máy chủ đọc khi khởi động), tên xã, loại đơn vị (xã, phường) và tên tỉnh. Muốn đổi các mục này, người quản lý máy chủ sửa tệp cấu hình của xã rồi khởi động lại.
            </p>
          </section>
          {admin && (
            <div className={`st-bar${changed ? " st-dirty" : ""}`}>
              <button className="c-btn" type="submit" disabled={busy || !changed} data-testid="settings-save">
                {busy ? "Đang lưu…" : "Lưu"}
              </button>
              <button
                className="c-btn secondary"
                type="button"
                disabled={busy || !changed}
                onClick={() => {
                  if (base) setDraft(base.draft);
                  setFieldErrors({});
                  setProblem(null);
                }}
              >
                Bỏ các thay đổi
              </button>
              <span className="st-sub" aria-live="polite">
                {changed ? "Có thay đổi chưa lưu." : "Chưa có thay đổi."}
              </span>
            </div>
          )}
        </form>
      )}
    </PageFrame>
  );
}

function dirty(base: Draft, draft: Draft): boolean {
  return changedFields(base, draft).length > 0 || !same(hotlineRecord(base.hotlines), hotlineRecord(draft.hotlines));
}

function Section({ id, title, use, children }: { id: string; title: string; use: string; children: ReactNode }) {
  return (
    <section className="c-card st-card" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <p className="st-use">{use}</p>
      <div className="st-grid">{children}</div>
    </section>
  );
}

function TextField(p: {
  id: string;
  label: string;
  help?: string | undefined;
  value: string;
  onChange: (v: string) => void;
  error?: string | undefined;
  readOnly: boolean;
  long?: boolean | undefined;
  wide?: boolean | undefined;
  type?: "number" | "url" | "tel" | undefined;
  inputMode?: "numeric" | "decimal" | undefined;
  placeholder?: string | undefined;
}) {
  const id = `st-${p.id}`;
  const described = [p.help ? `${id}-help` : "", p.error ? `${id}-err` : ""].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`c-field${p.long || p.wide ? " st-long" : ""}${p.error ? " st-bad" : ""}`}>
      {p.readOnly ? <span className="st-label">{readLabel(p.label)}</span> : <label htmlFor={id}>{p.label}</label>}
      {p.readOnly ? (
        <p className="st-value" id={id}>
          {p.long ? p.value.split("\n").map((l, i) => <span key={i}>{l}</span>) : p.value || "Chưa có"}
        </p>
      ) : p.long ? (
        <textarea id={id} rows={Math.min(8, Math.max(3, p.value.split("\n").length + 1))} value={p.value} onChange={(e) => p.onChange(e.target.value)} aria-invalid={p.error ? true : undefined} aria-describedby={described} />
      ) : (
        <input
          id={id}
          type={p.type === "number" ? "text" : (p.type ?? "text")}
          inputMode={p.inputMode}
          value={p.value}
          placeholder={p.placeholder}
          onChange={(e) => p.onChange(e.target.value)}
          aria-invalid={p.error ? true : undefined}
          aria-describedby={described}
        />
      )}
      {p.help && (
        <p className="st-sub" id={`${id}-help`}>
          {p.help}
        </p>
      )}
      {p.error && (
        <p className="st-err" id={`${id}-err`}>
          {p.error}
        </p>
      )}
    </div>
  );
}

function Hotlines({ list, onChange, error, readOnly }: { list: Hotline[]; onChange: (l: Hotline[]) => void; error?: string | undefined; readOnly: boolean }) {
  const name = (k: string) => (k === "province" ? "Đường dây nóng của tỉnh" : k);
  if (readOnly) {
    return (
      <ul className="st-hotlines-read">
        {list.length === 0 ? <li>Chưa có</li> : list.map((h) => <li key={h.key}>{`${name(h.key)}: ${h.phone}`}</li>)}
      </ul>
    );
  }
  const put = (i: number, h: Hotline) => onChange(list.map((x, j) => (j === i ? h : x)));
  return (
    <div className={`st-hotlines${error ? " st-bad" : ""}`} data-testid="settings-hotlines">
      {list.map((h, i) => (
        <div className="st-hotline" key={i}>
          {h.key === "province" ? (
            <span className="st-hotline-name">Đường dây nóng của tỉnh</span>
          ) : (
            <label className="c-field">
              <span>Tên (chữ thường không dấu)</span>
              <input value={h.key} onChange={(e) => put(i, { ...h, key: e.target.value })} aria-invalid={error ? true : undefined} />
            </label>
          )}
          <label className="c-field">
            <span>{h.key === "province" ? "Số của đường dây nóng của tỉnh" : "Số"}</span>
            <input type="tel" value={h.phone} onChange={(e) => put(i, { ...h, phone: e.target.value })} aria-invalid={error ? true : undefined} aria-describedby={error ? "st-hotlines-err" : undefined} />
          </label>
          <button className="c-btn secondary small" type="button" onClick={() => onChange(list.filter((_, j) => j !== i))} aria-label={h.key === "province" ? "Bỏ đường dây nóng của tỉnh" : `Bỏ đường dây nóng ${h.key || "này"}`}>
            Bỏ
          </button>
        </div>
      ))}
      <button className="c-btn secondary small st-add" type="button" onClick={() => onChange([...list, { key: list.some((h) => h.key === "province") ? "" : "province", phone: "" }])}>
        Thêm đường dây nóng
      </button>
      {error && (
        <p className="st-err" id="st-hotlines-err">
          {error}
        </p>
      )}
    </div>
  );
}
