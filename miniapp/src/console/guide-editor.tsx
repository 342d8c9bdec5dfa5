import { useEffect, useRef, useState, type ReactNode } from "react";
import { ApiError } from "../api/client";
import { useServices } from "../app/hooks";
import { Failed, Loading, useToast } from "../ui/parts";
import { guideEndpoints, type FieldIssue, type GuideChange, type GuideDetail, type GuideDoc, type GuidePreview } from "./guide-api";
import { ChatPreview, MiniAppPreview } from "./guide-preview";
import { PageFrame, at } from "./parts";

interface StepForm {
  text: string;
  linkTitle: string;
  linkUrl: string;
  note: string;
  /** What the form does not edit (a picture, a step's "confirmed"): kept as it is. */
  rest: Record<string, unknown>;
}

interface Form {
  title: string;
  shortTitle: string;
  summary: string;
  steps: StepForm[];
  phrasings: string;
  sources: string;
  verify: string;
  confirmed: boolean;
  /** The id, keywords and anything else the form does not edit. */
  rest: Record<string, unknown>;
}

const str = (v: unknown) => (typeof v === "string" ? v : "");
const lines = (v: string) => v.split("\n").map((l) => l.trim()).filter((l) => l !== "");

function fromDoc(doc: GuideDoc): Form {
  const { title, shortTitle, summary, steps, phrasings, sources, verify, confirmed, ...rest } = doc;
  return {
    title: str(title),
    shortTitle: str(shortTitle),
    summary: str(summary),
    steps: (Array.isArray(steps) ? steps : []).map((s: Record<string, unknown>) => {
      const { text, link, note, ...r } = s;
      const l = (link ?? {}) as Record<string, unknown>;
      return { text: str(text), linkTitle: str(l.title), linkUrl: str(l.url), note: str(note), rest: r };
    }),
    phrasings: (Array.isArray(phrasings) ? phrasings : []).join("\n"),
    sources: (Array.isArray(sources) ? sources : []).join("\n"),
    verify: str(verify),
    confirmed: confirmed === true,
    rest,
  };
}

function toDoc(f: Form): GuideDoc {
  return {
    ...f.rest,
    title: f.title,
    shortTitle: f.shortTitle,
    summary: f.summary,
    phrasings: lines(f.phrasings),
    steps: f.steps.map((s) => ({
      ...s.rest,
      text: s.text,
      ...(s.linkTitle.trim() || s.linkUrl.trim() ? { link: { title: s.linkTitle.trim(), url: s.linkUrl.trim() } } : {}),
      ...(s.note.trim() ? { note: s.note } : {}),
    })),
    confirmed: f.confirmed,
    sources: lines(f.sources),
    verify: f.verify,
  };
}

/** The problems of one field (its path, or anything under it: "phrasings" covers "phrasings.3"). */
const issuesAt = (issues: readonly FieldIssue[], path: string) => issues.filter((i) => i.path === path || i.path.startsWith(`${path}.`));

function Field({ id, label, hint, issues, children }: { id: string; label: string; hint?: string; issues: FieldIssue[]; children: ReactNode }) {
  return (
    <div className={issues.length ? "c-field gf-field invalid" : "c-field gf-field"}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p className="gf-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {children}
      {issues.length > 0 && (
        <div id={`${id}-err`} role="alert">
          <ul className="gf-err">
            {issues.map((i, k) => (
              <li key={k}>{i.message}</li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

const described = (id: string, hint: boolean, issues: FieldIssue[]) => {
  const ids = [hint ? `${id}-hint` : "", issues.length ? `${id}-err` : ""].filter(Boolean).join(" ");
  return { "aria-describedby": ids || undefined, "aria-invalid": issues.length ? true : undefined };
};

function Changes({ changes }: { changes: GuideChange[] }) {
  if (changes.length === 0) return <span className="gp-muted">Bản đầu tiên</span>;
  return (
    <details className="gf-changes">
      <summary>{changes.length === 1 ? changes[0]!.field : `${changes.length} thay đổi`}</summary>
      <dl>
        {changes.map((c, i) => (
          <div key={i}>
            <dt>{c.field}</dt>
            {c.before !== null && (
              <dd className="before">
                <span className="sr-only">Trước: </span>
                {c.before}
              </dd>
            )}
            {c.after !== null && (
              <dd className="after">
                <span className="sr-only">Sau: </span>
                {c.after}
              </dd>
            )}
          </div>
        ))}
      </dl>
    </details>
  );
}

/** "Phạm Minh Tuấn (2073…)" as the name, the mini app id below it in small; "nhà phát triển" capitalised. */
export function Who({ actor }: { actor: string }) {
  const m = /^(.*) \((\d+)\)$/.exec(actor);
  const name = m ? m[1]! : actor;
  return (
    <>
      {name.charAt(0).toUpperCase() + name.slice(1)}
      {m && <span className="gp-muted small gf-id">{m[2]}</span>}
    </>
  );
}

/**
 * One guide in the console: the form (title, short title, steps with their texts and buttons,
 * phrasings, sources, "cần kiểm tra" notes) beside a live preview as the resident sees it in the chat
 * and in the mini app, problems in Vietnamese next to each field; "Lưu" makes a new version, seen at
 * once by residents. Below: the versions, who changed what, and (the admin) "Quay lại bản này".
 */
export function GuideEditorPage({ gid, admin }: { gid: string; admin: boolean }) {
  const s = useServices();
  const toast = useToast();
  const api = guideEndpoints(s.api);
  const [detail, setDetail] = useState<GuideDetail>();
  const [loadError, setLoadError] = useState<string>();
  const [form, setForm] = useState<Form>();
  const [note, setNote] = useState("");
  const [preview, setPreview] = useState<GuidePreview>();
  const [view, setView] = useState<"chat" | "app">("chat");
  const [focus, setFocus] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [saveError, setSaveError] = useState<string>();
  const seq = useRef(0);

  const load = async () => {
    setLoadError(undefined);
    try {
      const d = await api.guide(gid);
      setDetail(d);
      setForm(fromDoc(d.doc));
    } catch (err) {
      setLoadError(err instanceof ApiError ? err.message : "Chưa tải được hướng dẫn.");
    }
  };
  useEffect(() => {
    void load();
  }, [gid]); // eslint-disable-line react-hooks/exhaustive-deps

  // The preview follows the form as the officer types (a quarter of a second after the last key).
  useEffect(() => {
    if (!form) return;
    const mine = ++seq.current;
    const t = setTimeout(() => {
      api.preview(toDoc(form)).then(
        (p) => mine === seq.current && setPreview(p),
        () => undefined,
      );
    }, 250);
    return () => clearTimeout(t);
  }, [form]); // eslint-disable-line react-hooks/exhaustive-deps

  if (!detail || !form) {
    return <PageFrame title="Sửa hướng dẫn">{loadError ? <Failed message={loadError} retry={() => void load()} /> : <Loading />}</PageFrame>;
  }
  const issues = preview?.issues ?? [];
  const set = (patch: Partial<Form>) => setForm({ ...form, ...patch });
  const setStep = (i: number, patch: Partial<StepForm>) => set({ steps: form.steps.map((st, k) => (k === i ? { ...st, ...patch } : st)) });
  const dirty = JSON.stringify(toDoc(form)) !== JSON.stringify(toDoc(fromDoc(detail.doc)));

  const act = async (what: () => Promise<GuideDetail>, done: (d: GuideDetail) => string) => {
    setBusy(true);
    setSaveError(undefined);
    try {
      const d = await what();
      setDetail(d);
      setForm(fromDoc(d.doc));
      setNote("");
      toast(done(d));
    } catch (err) {
      const m = err instanceof ApiError ? err.message : "Chưa làm được, bác thử lại.";
      setSaveError(m);
      toast(m);
    } finally {
      setBusy(false);
    }
  };
  const save = () => act(() => api.save(gid, toDoc(form), detail.version, note.trim() || undefined), (d) => `Đã lưu bản ${d.version}. Người dân thấy ngay trong khung chat và trong ứng dụng.`);

  const field = (id: string, path: string, label: string, input: (a: ReturnType<typeof described>) => ReactNode, hint?: string) => {
    const its = issuesAt(issues, path);
    return (
      <Field id={id} label={label} issues={its} {...(hint ? { hint } : {})}>
        {input(described(id, !!hint, its))}
      </Field>
    );
  };

  return (
    <PageFrame
      title={`Sửa hướng dẫn: ${detail.title}`}
      actions={
        <a className="c-btn ghost" href="#/noi-dung">
          Các hướng dẫn
        </a>
      }
    >
      <p className="lead">
        Đang dùng bản {detail.version}
        {detail.shipped ? " (bản gốc của phần mềm)" : " (xã đã sửa)"}. Sửa bên trái, xem bên phải đúng như người dân sẽ thấy; bấm “Lưu” để người dân thấy ngay.
      </p>
      {detail.pendingUpdate && (
        <section className="c-card gf-update" aria-labelledby="gf-update-h">
          <h2 id="gf-update-h">Có bản cập nhật từ nhà phát triển</h2>
          <p>Xã đã sửa hướng dẫn này nên bản cập nhật (bản {detail.pendingUpdate.version}) chưa được dùng. Xem thay đổi so với bản xã đang dùng, rồi chọn:</p>
          <Changes changes={detail.pendingUpdate.changes} />
          <div className="gf-actions">
            <button className="c-btn" type="button" disabled={busy} onClick={() => void act(() => api.adoptUpdate(gid), (d) => `Đã dùng bản cập nhật (bản ${d.version}).`)}>
              Dùng bản cập nhật
            </button>
            <button className="c-btn secondary" type="button" disabled={busy} onClick={() => void act(() => api.dismissUpdate(gid), () => "Giữ bản của xã.")}>
              Giữ bản của xã
            </button>
          </div>
        </section>
      )}
      <div className="gf-grid">
        <form
          className="c-card gf-form"
          aria-label="Nội dung hướng dẫn"
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          {field("gf-title", "title", "Tiêu đề", (a) => <input id="gf-title" type="text" value={form.title} onChange={(e) => set({ title: e.target.value })} {...a} />)}
          {field("gf-short", "shortTitle", "Tiêu đề ngắn (chữ trên nút, tối đa 24 ký tự)", (a) => <input id="gf-short" type="text" value={form.shortTitle} onChange={(e) => set({ shortTitle: e.target.value })} {...a} />)}
          {field("gf-summary", "summary", "Giới thiệu", (a) => <textarea id="gf-summary" rows={3} value={form.summary} onChange={(e) => set({ summary: e.target.value })} {...a} />)}

          <fieldset className="gf-steps">
            <legend>Các bước</legend>
            {issuesAt(issues, "steps")
              .filter((i) => i.path === "steps")
              .map((i, k) => (
                <p key={k} className="gf-err" role="alert">
                  {i.message}
                </p>
              ))}
            {form.steps.map((st, i) => (
              <div className="gf-step" key={i} onFocus={() => setFocus(i + 1)}>
                <h3>Bước {i + 1}</h3>
                {field(`gf-step-${i}`, `steps.${i}.text`, `Nội dung bước ${i + 1}`, (a) => <textarea id={`gf-step-${i}`} rows={3} value={st.text} onChange={(e) => setStep(i, { text: e.target.value })} {...a} />)}
                <div className="gf-row">
                  {field(`gf-step-${i}-bt`, `steps.${i}.link.title`, "Nút mở đường dẫn: chữ trên nút", (a) => <input id={`gf-step-${i}-bt`} type="text" value={st.linkTitle} onChange={(e) => setStep(i, { linkTitle: e.target.value })} {...a} />)}
                  {field(`gf-step-${i}-bu`, `steps.${i}.link.url`, "Đường dẫn của nút", (a) => <input id={`gf-step-${i}-bu`} type="text" inputMode="url" value={st.linkUrl} onChange={(e) => setStep(i, { linkUrl: e.target.value })} {...a} />)}
                </div>
                {field(`gf-step-${i}-note`, `steps.${i}.note`, "Cần kiểm tra (chỉ cán bộ thấy)", (a) => <input id={`gf-step-${i}-note`} type="text" value={st.note} onChange={(e) => setStep(i, { note: e.target.value })} {...a} />)}
                <div className="gf-actions">
                  <button className="c-btn small secondary" type="button" onClick={() => set({ steps: [...form.steps.slice(0, i + 1), { text: "", linkTitle: "", linkUrl: "", note: "", rest: {} }, ...form.steps.slice(i + 1)] })} disabled={form.steps.length >= 12}>
                    Thêm bước sau bước {i + 1}
                  </button>
                  <button className="c-btn small ghost" type="button" onClick={() => set({ steps: form.steps.filter((_, k) => k !== i) })} disabled={form.steps.length <= 1}>
                    Xoá bước {i + 1}
                  </button>
                </div>
              </div>
            ))}
          </fieldset>

          {field("gf-phrasings", "phrasings", "Câu hỏi mẫu (cách người dân hay hỏi, mỗi câu một dòng)", (a) => <textarea id="gf-phrasings" rows={6} value={form.phrasings} onChange={(e) => set({ phrasings: e.target.value })} {...a} />, "Câu mới được hiểu ngay sau khi lưu.")}
          {field("gf-sources", "sources", "Nguồn (đường dẫn, mỗi dòng một nguồn)", (a) => <textarea id="gf-sources" rows={3} value={form.sources} onChange={(e) => set({ sources: e.target.value })} {...a} />)}
          <div className="c-field gf-field gf-check">
            <label>
              <input type="checkbox" checked={form.confirmed} onChange={(e) => set({ confirmed: e.target.checked })} /> Đã kiểm tra mọi bước trên điện thoại thật
            </label>
          </div>
          {field("gf-verify", "verify", "Cần kiểm tra (ghi chú cho xã, người dân không thấy)", (a) => <textarea id="gf-verify" rows={2} value={form.verify} onChange={(e) => set({ verify: e.target.value })} {...a} />)}
          {issuesAt(issues, "")
            .filter((i) => !/^(title|shortTitle|summary|steps|phrasings|sources|verify)/.test(i.path))
            .map((i, k) => (
              <p key={k} className="gf-err" role="alert">
                {i.message}
              </p>
            ))}
          <div className="c-field gf-field">
            <label htmlFor="gf-note">Ghi chú cho lần sửa này (không bắt buộc)</label>
            <input id="gf-note" type="text" value={note} onChange={(e) => setNote(e.target.value)} maxLength={300} />
          </div>
          <div className="gf-actions gf-save">
            <button className="c-btn" type="submit" disabled={busy || !dirty || (preview !== undefined && !preview.ok)}>
              Lưu
            </button>
            {dirty && (
              <button className="c-btn ghost" type="button" disabled={busy} onClick={() => setForm(fromDoc(detail.doc))}>
                Bỏ thay đổi
              </button>
            )}
            <span className="gp-muted" role="status">
              {!dirty ? "Chưa có thay đổi." : preview && !preview.ok ? `Còn ${preview.issues.length} chỗ cần sửa trước khi lưu.` : "Có thay đổi chưa lưu."}
            </span>
          </div>
          {saveError && (
            <p className="gf-err" role="alert">
              {saveError}
            </p>
          )}
          <details className="gf-places">
            <summary>Chỗ điền tự động (tên xã, ứng dụng của tỉnh…)</summary>
            <p>Viết đúng như trong ngoặc, phần mềm điền giá trị của xã:</p>
            <ul>
              {detail.placeholders.map((p) => (
                <li key={p.key}>
                  <code>{`{{${p.key}}}`}</code> → {p.value ?? <em>chưa có</em>}
                </li>
              ))}
            </ul>
          </details>
        </form>
        <aside className="gf-preview" aria-label="Xem trước như người dân thấy">
          <div className="seg" role="group" aria-label="Xem trước trong">
            <button type="button" aria-pressed={view === "chat"} onClick={() => setView("chat")}>
              Khung chat Zalo
            </button>
            <button type="button" aria-pressed={view === "app"} onClick={() => setView("app")}>
              Ứng dụng Gia đình số
            </button>
          </div>
          {!preview ? <Loading text="Đang dựng bản xem trước…" /> : view === "chat" ? <ChatPreview preview={preview} focus={focus} /> : <MiniAppPreview preview={preview} />}
        </aside>
      </div>

      <section className="c-card" aria-labelledby="gf-versions-h">
        <h2 id="gf-versions-h">Các bản đã lưu</h2>
        <div className="c-table-wrap">
          <table className="c-table gf-versions" data-testid="guide-versions">
            <caption className="sr-only">Các bản của hướng dẫn, mới nhất trước</caption>
            <colgroup>
              <col className="w-version" />
              <col className="w-who" />
              <col className="w-when" />
              <col className="w-note" />
              <col />
              <col className="w-action" />
            </colgroup>
            <thead>
              <tr>
                <th scope="col">Bản</th>
                <th scope="col">Ai</th>
                <th scope="col">Lúc</th>
                <th scope="col">Ghi chú</th>
                <th scope="col">Thay đổi</th>
                <th scope="col">
                  <span className="sr-only">Thao tác</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {detail.versions.map((v) => (
                <tr key={v.version} data-version={v.version}>
                  <th scope="row">
                    {v.version}
                    {v.current && <span className="gf-badge">đang dùng</span>}
                    {detail.pendingUpdate?.version === v.version && <span className="gf-badge warn">cập nhật chờ xem</span>}
                  </th>
                  <td>
                    <Who actor={v.actor} />
                  </td>
                  <td>{at(v.at)}</td>
                  <td className="gf-note-cell">{v.note ?? ""}</td>
                  <td className="gf-changes-cell">
                    <Changes changes={v.changes} />
                  </td>
                  <td>
                    {admin && !v.current && (
                      <button className="c-btn small secondary" type="button" disabled={busy} onClick={() => void act(() => api.rollback(gid, v.version), (d) => `Đã quay lại bản ${v.version} (thành bản ${d.version}).`)}>
                        Quay lại bản này<span className="sr-only"> (bản {v.version})</span>
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {!admin && <p className="gp-muted">Chỉ quản trị viên của xã quay lại được bản cũ.</p>}
      </section>
    </PageFrame>
  );
}
