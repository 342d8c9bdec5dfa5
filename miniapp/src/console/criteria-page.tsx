import { useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { ApiError } from "../api/client";
import { useData, useServices } from "../app/hooks";
import { Banner, Failed, Loading } from "../ui/parts";
import css from "./criteria-page.css?inline";
import { criteriaEndpoints, FieldsError, type CriteriaAdminView, type CriteriaPreview } from "./criteria-api";
import {
  FLAG_WORDS,
  PILLARS,
  addExtra,
  changeCount,
  checkChoice,
  copyChoice,
  day,
  emptyExtraForm,
  issuesAt,
  readExtra,
  removeExtra,
  request,
  rows as rowsOf,
  sameChoice,
  setExcluded,
  setIncluded,
  setWording,
  suggestId,
  type Choice,
  type ExtraForm,
  type FieldIssue,
  type Pillar,
  type Row,
} from "./criteria-draft";
import { PageFrame, at, useEvery } from "./parts";

/** The page's styles travel in its chunk (the mini app's first download lists every CSS file). */
function useStyles() {
  useEffect(() => {
    if (document.getElementById("gds-criteria-css")) return;
    const style = document.createElement("style");
    style.id = "gds-criteria-css";
    style.textContent = css;
    document.head.appendChild(style);
  }, []);
}

type Note = { kind: "ok" | "bad" | "warn"; text: string };
const errText = (err: unknown) => (err instanceof ApiError ? err.message : "Chưa gửi được. Bác thử lại nhé.");
const CONFIRM = (n: number) => `Tiến độ của ${n} hộ sẽ được tính lại theo bộ tiêu chí mới. Các tuần đã chốt giữ nguyên số liệu cũ.`;

/**
 * "Bộ tiêu chí" (admin): the criteria the commune uses, by pillar; the catalogue's default criteria kept
 * or left out, the library's optional ones added, the province's wording, the commune's own criteria;
 * a preview (what changes in plain words, how many households are recounted, the checklist as a
 * household sees it), then the new set adopted while the households are recounted in the background.
 */
export function CriteriaSetPage() {
  useStyles();
  const s = useServices();
  const api = criteriaEndpoints(s.api);
  const d = useData<CriteriaAdminView>("criteria:admin", api.view, 30_000);
  const [draft, setDraftState] = useState<Choice | null>(null);
  const [preview, setPreview] = useState<CriteriaPreview | null>(null);
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const [note, setNote] = useState<Note | null>(null);
  const [busy, setBusy] = useState<"preview" | "adopt" | null>(null);
  /** The set just adopted, followed until the households are recounted. */
  const [watching, setWatching] = useState<{ key: string; households: number; sameCounts: boolean } | null>(null);

  const v = d.data;
  const saved = v?.choice;
  const current = useMemo(() => draft ?? (saved ? copyChoice(saved) : null), [draft, saved]);
  const rows = useMemo(() => (v && current ? rowsOf(v.library, current, v.choice) : null), [v, current]);
  const changes = rows ? changeCount(rows) : 0;
  const dirty = !!(v && draft && !sameChoice(request(v.library, draft), v.choice));
  const running = v?.recount.state === "running";
  // The set saved but not in use (its recount failed): adopting it again, unchanged, starts the recount once more.
  const retry = v?.recount.state === "failed" && !watching;

  const setDraft = (c: Choice) => {
    setDraftState(c);
    setPreview(null);
    setIssues([]);
    setNote(null);
  };

  // While the households are recounted, the page asks every 2 seconds; the result shows when it ends.
  useEvery(2_000, () => {
    if (running || watching) void d.reload();
  });
  useEffect(() => {
    if (!watching || !v) return;
    if (v.recount.state === "failed" && v.recount.key === watching.key) {
      setWatching(null); // the card above says why, in the bot's words
    } else if (v.recount.state !== "running" && v.active.key === watching.key) {
      setNote({
        kind: "ok",
        text: watching.sameCounts
          ? "Đã áp dụng cách ghi mới. Tiến độ của các hộ giữ nguyên; ứng dụng của các hộ hiện cách ghi mới từ lần mở tới."
          : `Đã áp dụng bộ tiêu chí mới: tiến độ của ${watching.households} hộ đã được tính lại. Ứng dụng của các hộ hiện bộ tiêu chí mới từ lần mở tới.`,
      });
      setWatching(null);
    }
  }, [v, watching]);

  const showProblem = (err: unknown) => {
    if (err instanceof FieldsError && err.status === 400 && err.issues.length) {
      // Each problem where it is: under its criterion, or under the buttons when it is about the whole set.
      setIssues(err.issues);
      const inRows = rows ? err.issues.filter((i) => shownInRow(i, rows)).length : 0;
      setNote(inRows ? { kind: "bad", text: `Còn ${inRows} chỗ cần sửa, ghi ngay dưới tiêu chí đó.` } : null);
      return;
    }
    if (err instanceof ApiError && err.status === 409) {
      // The bot's words ask to redo the edits; this page keeps them, so it says so in its own words.
      setNote({ kind: "bad", text: "Có người khác vừa lưu bộ tiêu chí trước bác. Các thay đổi của bác trên trang này vẫn còn: bác bấm “Xem trước” để xem lại rồi áp dụng." });
      void d.reload();
    } else setNote({ kind: "bad", text: errText(err) });
  };

  const check = (c: Choice): FieldIssue[] | null => {
    const found = checkChoice(c);
    if (found.length) {
      setIssues(found);
      setNote({ kind: "bad", text: `Còn ${found.length} chỗ cần sửa (ghi ngay dưới từng tiêu chí).` });
      return null;
    }
    return found;
  };

  const doPreview = async () => {
    if (!v || !current) return;
    const choice = request(v.library, current);
    if (!check(choice)) return;
    setBusy("preview");
    setNote(null);
    setIssues([]);
    try {
      setPreview(await api.preview({ choice }));
    } catch (err) {
      showProblem(err);
    } finally {
      setBusy(null);
    }
  };

  const doAdopt = async () => {
    if (!v || !current || !preview) return;
    if (!confirm(CONFIRM(preview.households))) return;
    const choice = request(v.library, current);
    setBusy("adopt");
    setNote(null);
    try {
      const r = await api.adopt({ baseVersion: v.version, choice });
      setWatching({ key: r.key, households: preview.households, sameCounts: preview.sameCounts });
      setDraftState(null);
      setPreview(null);
      setIssues([]);
      await d.reload();
    } catch (err) {
      setPreview(null);
      showProblem(err);
    } finally {
      setBusy(null);
    }
  };

  const active = v ? (v.history.find((h) => h.key === v.active.key) ?? v.history[0]) : undefined;
  return (
    <PageFrame title="Bộ tiêu chí">
      <p className="lead">
        Chọn các tiêu chí “Gia đình số” xã dùng theo bộ tiêu chí của tỉnh: bỏ tiêu chí không dùng, thêm tiêu chí trong thư viện, ghi lại tên và phần giải thích theo cách của tỉnh, thêm tiêu chí riêng của xã. Xem trước rồi mới áp dụng.
      </p>
      {!v && (d.error ? <Failed message={d.error.message} retry={() => void d.reload()} /> : <Loading />)}
      {v && (
        <section className="c-card" aria-labelledby="cr-now" data-testid="criteria-now">
          <h2 id="cr-now">Đang dùng</h2>
          <p>{`${v.catalogue.title}: ${v.active.criteria.length} tiêu chí${active ? `, bộ tiêu chí dùng từ ${day(active.firstActiveAt)}` : ""}.`}</p>
          <p className="muted">{`Nguồn: ${v.catalogue.source}`}</p>
          {(running || watching) && (
            <div className="cr-recount" role="status" data-testid="criteria-recount">
              <span className="spinner" aria-hidden="true" />
              <p>
                {`Đang tính lại tiến độ của các hộ theo bộ tiêu chí mới${v.recount.since ? ` (bắt đầu lúc ${at(v.recount.since)})` : ""}. Trong lúc này các số liệu vẫn theo bộ tiêu chí cũ.`}
                {running && v.recount.message ? <span className="cr-progress">{v.recount.message}</span> : null}
              </p>
            </div>
          )}
          {!running && !watching && v.recount.state === "failed" && (
            <Banner kind="bad">
              <p data-testid="criteria-failed">{v.recount.message ?? "Chưa tính lại được tiến độ theo bộ tiêu chí mới; bộ tiêu chí cũ vẫn đang dùng."}</p>
            </Banner>
          )}
          {note && note.kind === "ok" && (
            <Banner kind="ok">
              <p data-testid="criteria-result">{note.text}</p>
            </Banner>
          )}
        </section>
      )}
      {v && rows && current && (
        <>
          {PILLARS.map((p) => (
            <PillarCard
              key={p.id}
              pillar={p}
              rows={rows[p.id]}
              issues={issues}
              choice={current}
              saved={v.choice}
              disabled={busy !== null}
              onChange={setDraft}
              onIssues={setIssues}
              library={v.library}
            />
          ))}
          <ExtraFormCard choice={current} library={v.library} disabled={busy !== null} onAdd={(c) => setDraft(c)} />
          <section className="c-card cr-bar" aria-labelledby="cr-apply" data-testid="criteria-bar">
            <div className="cr-bar-row">
              <div>
                <h2 id="cr-apply">Xem trước và áp dụng</h2>
                <p data-testid="criteria-changes">
                  {dirty || changes ? `${changes} tiêu chí có thay đổi chưa áp dụng.` : retry ? "Bộ tiêu chí đã lưu chưa được dùng: bấm “Xem trước” rồi “Áp dụng” để tính lại." : "Chưa có thay đổi nào."}
                </p>
              </div>
              <div className="cr-actions">
                <button className="c-btn" type="button" disabled={!(dirty || retry) || busy !== null || running} onClick={() => void doPreview()}>
                  {busy === "preview" ? "Đang xem trước…" : "Xem trước"}
                </button>
                <button className="c-btn ghost" type="button" disabled={!draft || busy !== null} onClick={() => (setDraftState(null), setPreview(null), setIssues([]), setNote(null))}>
                  Bỏ các thay đổi
                </button>
              </div>
            </div>
            {note && note.kind !== "ok" && (
              <div role="alert">
                <Banner kind={note.kind}>
                  <p data-testid="criteria-problem">{note.text}</p>
                </Banner>
              </div>
            )}
            <Loose issues={issues} rows={rows} />
          </section>
          {preview && <PreviewCard preview={preview} busy={busy === "adopt"} running={running} onAdopt={() => void doAdopt()} />}
        </>
      )}
      {v && <HistoryCard view={v} />}
    </PageFrame>
  );
}

/** Issues no row shows (the list as a whole): under the buttons. */
/** Whether a row shows this issue (the province's wording or the commune's own criterion), or none does. */
function shownInRow(i: FieldIssue, rows: Record<Pillar, Row[]>): boolean {
  const [kind, key] = i.path.split(".");
  return key !== undefined && (kind === "extra" || (kind === "relabel" && Object.values(rows).some((list) => list.some((r) => r.id === key))));
}

function Loose({ issues, rows }: { issues: FieldIssue[]; rows: Record<Pillar, Row[]> }) {
  const loose = issues.filter((i) => !shownInRow(i, rows));
  if (!loose.length) return null;
  return (
    <div role="alert">
      <ul className="gf-err" data-testid="criteria-loose-issues">
        {loose.map((i, k) => (
          <li key={k}>{i.message}</li>
        ))}
      </ul>
    </div>
  );
}

function Tag({ kind, children }: { kind?: string; children: ReactNode }) {
  return <span className={kind ? `tag ${kind}` : "tag"}>{children}</span>;
}

const STATE_WORDS: Record<Row["origin"], [string, string]> = {
  catalogue: ["Đang dùng", "Không dùng"],
  optional: ["Đã thêm vào", "Thư viện, chưa dùng"],
  // Left out, it also reads "Sẽ bỏ khi áp dụng" beside: not "Sẽ bỏ" twice.
  commune: ["Tiêu chí riêng của xã", "Tiêu chí riêng của xã, không dùng"],
};
const CHANGE_WORDS: Record<NonNullable<Row["change"]>, string> = { new: "Sẽ thêm khi áp dụng", gone: "Sẽ bỏ khi áp dụng", words: "Sẽ đổi cách ghi khi áp dụng" };

function relevanceWords(r: Row["relevance"]): string[] {
  const out: string[] = [];
  if (r.flags?.length) out.push(`Chỉ hỏi ${r.flags.map((f) => FLAG_WORDS[f]).join(" hoặc ")}.`);
  if (r.mayDecline) out.push(`Hộ được chọn “Không áp dụng”${r.declineHint ? `: ${r.declineHint}` : ""}.`);
  return out;
}

function PillarCard(props: {
  pillar: { id: Pillar; label: string };
  rows: Row[];
  issues: FieldIssue[];
  choice: Choice;
  saved: Choice;
  library: CriteriaAdminView["library"];
  disabled: boolean;
  onChange: (c: Choice) => void;
  onIssues: (i: FieldIssue[]) => void;
}) {
  const { pillar, rows } = props;
  const inUse = rows.filter((r) => r.inUse).length;
  return (
    <section className="c-card" aria-labelledby={`cr-${pillar.id}`} data-pillar={pillar.id}>
      <div className="row-between">
        <h2 id={`cr-${pillar.id}`}>{pillar.label}</h2>
        <span className="muted">{`${inUse} tiêu chí đang chọn`}</span>
      </div>
      <ul className="cr-list">
        {rows.map((r) => (
          <CriterionRow key={`${r.origin}:${r.id}`} row={r} {...props} />
        ))}
      </ul>
    </section>
  );
}

function CriterionRow({ row: r, issues, choice, saved, library, disabled, onChange, onIssues }: { row: Row; issues: FieldIssue[]; choice: Choice; saved: Choice; library: CriteriaAdminView["library"]; disabled: boolean; onChange: (c: Choice) => void; onIssues: (i: FieldIssue[]) => void }) {
  const [editing, setEditing] = useState(false);
  const extraIndex = choice.extra.findIndex((x) => x.id === r.id);
  const own = r.origin === "commune" ? issuesAt(issues, `extra.${extraIndex}`) : issuesAt(issues, `relabel.${r.id}`);
  const toggle = () => {
    if (r.origin === "catalogue") onChange(setExcluded(choice, r.id, r.inUse));
    else if (r.origin === "optional") onChange(setIncluded(choice, r.id, !r.inUse));
    else if (r.inUse) onChange(removeExtra(choice, r.id));
    else {
      const back = saved.extra.find((x) => x.id === r.id);
      if (back) onChange(addExtra(choice, { ...back, relevance: { ...back.relevance } }));
    }
  };
  const action = r.origin === "catalogue" ? (r.inUse ? "Không dùng" : "Dùng lại") : r.origin === "optional" ? (r.inUse ? "Bỏ ra" : "Thêm vào") : r.inUse ? "Bỏ tiêu chí này" : "Dùng lại";
  const state = STATE_WORDS[r.origin][r.inUse ? 0 : 1];
  return (
    <li className={r.inUse ? "cr-row" : "cr-row out"} data-criterion={r.id} data-in-use={r.inUse ? "yes" : "no"}>
      <div className="cr-text">
        <p className="cr-label">{r.label}</p>
        <p className="cr-help">{r.help}</p>
        {r.reworded && r.original && (
          <p className="cr-original" data-testid="criteria-original">
            {`Cách ghi gốc: “${r.original.label}”`}
            {r.original.help !== r.help ? ` (giải thích: “${r.original.help}”)` : ""}
          </p>
        )}
        {relevanceWords(r.relevance).map((w) => (
          <p key={w} className="cr-rel">
            {w}
          </p>
        ))}
        {!editing && own.length > 0 && (
          <div role="alert">
            <ul className="gf-err">
              {own.map((i, k) => (
                <li key={k}>{i.message}</li>
              ))}
            </ul>
          </div>
        )}
      </div>
      <div className="cr-side">
        <div className="cr-tags">
          <Tag kind={r.inUse ? "done" : undefined}>{state}</Tag>
          {r.reworded && <Tag>Cách ghi của tỉnh</Tag>}
          {r.change && <Tag kind="in_progress">{CHANGE_WORDS[r.change]}</Tag>}
        </div>
        <div className="cr-buttons">
          <button className={r.inUse ? "c-btn secondary small" : "c-btn small"} type="button" disabled={disabled} aria-label={`${action}: ${r.label}`} onClick={toggle}>
            {action}
          </button>
          {r.inUse && (
            <button className="c-btn ghost small" type="button" disabled={disabled} aria-expanded={editing} aria-label={`Sửa cách ghi: ${r.label}`} onClick={() => setEditing(!editing)}>
              Sửa cách ghi
            </button>
          )}
        </div>
      </div>
      {editing && r.inUse && <WordingEditor row={r} choice={choice} library={library} issues={own} onIssues={onIssues} onChange={onChange} onClose={() => setEditing(false)} extraIndex={extraIndex} />}
    </li>
  );
}

/** The province's words for a criterion (or new words for the commune's own), the original beside them. */
function WordingEditor({ row: r, choice, library, issues, extraIndex, onIssues, onChange, onClose }: { row: Row; choice: Choice; library: CriteriaAdminView["library"]; issues: FieldIssue[]; extraIndex: number; onIssues: (i: FieldIssue[]) => void; onChange: (c: Choice) => void; onClose: () => void }) {
  const [label, setLabel] = useState(r.label);
  const [help, setHelp] = useState(r.help);
  const base = r.origin === "commune" ? `extra.${extraIndex}` : `relabel.${r.id}`;
  const at = (f: "label" | "help") => issuesAt(issues, `${base}.${f}`);
  const whole = issues.filter((i) => i.path === base);
  const next = (): Choice =>
    r.origin === "commune" ? { ...choice, extra: choice.extra.map((x) => (x.id === r.id ? { ...x, label: label.trim(), help: help.trim() } : x)) } : setWording(choice, r.original!, r.id, { label, help });
  const keep = () => {
    const c = next();
    const found = checkChoice(request(library, c));
    const mine = found.filter((i) => i.path === base || i.path.startsWith(`${base}.`));
    if (mine.length) return onIssues(mine);
    onChange(c);
    onClose();
  };
  const id = `cr-w-${r.id}`;
  return (
    <form
      className="cr-editor"
      aria-label={r.origin === "commune" ? `Sửa tiêu chí riêng của xã: ${r.label}` : `Cách ghi của tỉnh: ${r.label}`}
      onSubmit={(e) => {
        e.preventDefault();
        keep();
      }}
    >
      {r.original && (
        <div className="cr-was">
          <p className="cr-was-title">Cách ghi gốc của bộ tiêu chí</p>
          <p>
            <b>{r.original.label}</b>
          </p>
          <p className="muted">{r.original.help}</p>
        </div>
      )}
      <EditField id={`${id}-label`} label={r.origin === "commune" ? "Tên tiêu chí" : "Tên tiêu chí (cách ghi của tỉnh)"} issues={at("label")}>
        <input id={`${id}-label`} type="text" autoFocus value={label} maxLength={200} onChange={(e) => setLabel(e.target.value)} {...described(`${id}-label`, at("label"))} />
      </EditField>
      <EditField id={`${id}-help`} label="Giải thích: thế nào là đạt" issues={at("help")}>
        <textarea id={`${id}-help`} rows={3} value={help} maxLength={400} onChange={(e) => setHelp(e.target.value)} {...described(`${id}-help`, at("help"))} />
      </EditField>
      {whole.length > 0 && (
        <div role="alert">
          <ul className="gf-err">
            {whole.map((i, k) => (
              <li key={k}>{i.message}</li>
            ))}
          </ul>
        </div>
      )}
      <div className="cr-actions">
        <button className="c-btn small" type="submit">
          Dùng cách ghi này
        </button>
        {r.reworded && r.original && (
          <button className="c-btn secondary small" type="button" onClick={() => (onChange(setWording(choice, r.original!, r.id, {})), onClose())}>
            Về cách ghi gốc
          </button>
        )}
        <button className="c-btn ghost small" type="button" onClick={onClose}>
          Đóng
        </button>
      </div>
    </form>
  );
}

const described = (id: string, issues: FieldIssue[]) => (issues.length ? { "aria-describedby": `${id}-err`, "aria-invalid": true } : {});

function EditField({ id, label, hint, issues, wide, children }: { id: string; label: string; hint?: string; issues: FieldIssue[]; wide?: boolean; children: ReactNode }) {
  return (
    <div className={`c-field gf-field${issues.length ? " invalid" : ""}${wide ? " cr-wide" : ""}`}>
      <label htmlFor={id}>{label}</label>
      {hint && <p className="gf-hint">{hint}</p>}
      {children}
      {issues.length > 0 && (
        <div role="alert" id={`${id}-err`}>
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

/** "Thêm tiêu chí riêng của xã": checked with the contract's own rules before it joins the draft. */
function ExtraFormCard({ choice, library, disabled, onAdd }: { choice: Choice; library: CriteriaAdminView["library"]; disabled: boolean; onAdd: (c: Choice) => void }) {
  const [f, setF] = useState<ExtraForm>(emptyExtraForm);
  const [idTouched, setIdTouched] = useState(false);
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const [added, setAdded] = useState<string | null>(null);
  const set = (p: Partial<ExtraForm>) => {
    const next = { ...f, ...p };
    setF(next);
    setAdded(null);
    // A form emptied again (the officer gave up on it) is marked wrong nowhere.
    if (!next.label.trim() && !next.id.trim() && !next.help.trim() && !next.pillar && !next.declineHint.trim()) return setIssues([]);
    // What the officer is correcting stops being marked wrong.
    const paths = Object.keys(p).map((k) => (k === "onlyFor" ? "relevance.flags" : k === "mayDecline" || k === "declineHint" ? "relevance.declineHint" : k));
    setIssues((xs) => xs.filter((i) => !paths.some((q) => i.path === q || i.path.startsWith(`${q}.`))));
  };
  const taken = new Set([...library.map((l) => l.id), ...choice.extra.map((x) => x.id)]);
  /** The code suggested from the name, made unique ("-2", "-3"…): the officer need not think of codes at all. */
  const freeId = (id: string) => {
    if (!id || !taken.has(id)) return id;
    for (let i = 2; ; i++) if (!taken.has(`${id.slice(0, 56)}-${i}`)) return `${id.slice(0, 56)}-${i}`;
  };
  const [scope, setScope] = useState<"all" | "some">("all");
  const submit = () => {
    const r = readExtra(scope === "all" ? { ...f, onlyFor: { business: false, producer: false } } : f, taken);
    const all = r.ok ? [] : r.issues;
    // A code the page made from the name is wrong only because the name is: said once, at the name.
    const found = !idTouched && all.some((i) => i.path === "label") ? all.filter((i) => i.path !== "id") : all;
    if (scope === "some" && !f.onlyFor.business && !f.onlyFor.producer) found.push({ path: "relevance.flags", message: "Chọn ít nhất một loại hộ: hộ kinh doanh hoặc hộ sản xuất." });
    if (!r.ok || found.length) return setIssues(found);
    onAdd(addExtra(choice, r.value));
    setAdded(r.value.label);
    setIssues([]);
    setF(emptyExtraForm());
    setIdTouched(false);
    setScope("all");
  };
  const at = (p: string) => issuesAt(issues, p);
  return (
    <section className="c-card" aria-labelledby="cr-new">
      <h2 id="cr-new">Thêm tiêu chí riêng của xã</h2>
      <p className="muted">Tiêu chí mới vào bộ tiêu chí đang sửa; bấm “Xem trước” rồi “Áp dụng” để các hộ thấy.</p>
      <form
        className="cr-form"
        data-testid="criteria-extra-form"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <EditField id="cr-x-label" label="Tên tiêu chí" issues={at("label")}>
          <input
            id="cr-x-label"
            type="text"
            value={f.label}
            maxLength={200}
            placeholder="Ví dụ: Có người trong hộ dự lớp “Bình dân học vụ số” của xã"
            onChange={(e) => set({ label: e.target.value, ...(idTouched ? {} : { id: freeId(suggestId(e.target.value)) }) })}
            {...described("cr-x-label", at("label"))}
          />
        </EditField>
        <EditField id="cr-x-pillar" label="Nhóm" issues={at("pillar")}>
          <select id="cr-x-pillar" value={f.pillar} onChange={(e) => set({ pillar: e.target.value as ExtraForm["pillar"] })} {...described("cr-x-pillar", at("pillar"))}>
            <option value="">Chọn nhóm…</option>
            {PILLARS.map((p) => (
              <option key={p.id} value={p.id}>
                {p.label}
              </option>
            ))}
          </select>
        </EditField>
        <EditField id="cr-x-help" label="Giải thích: thế nào là đạt" issues={at("help")} wide>
          <textarea id="cr-x-help" rows={3} value={f.help} maxLength={400} onChange={(e) => set({ help: e.target.value })} {...described("cr-x-help", at("help"))} />
        </EditField>
        <fieldset className="cr-fieldset">
          <legend>Hỏi hộ nào</legend>
          <label className="cr-check">
            <input type="radio" name="cr-scope" checked={scope === "all"} onChange={() => setScope("all")} />
            Mọi hộ
          </label>
          <label className="cr-check">
            <input type="radio" name="cr-scope" checked={scope === "some"} onChange={() => setScope("some")} />
            Chỉ hộ kinh doanh hoặc sản xuất
          </label>
          {scope === "some" && (
            <div className="cr-sub">
              <label className="cr-check">
                <input type="checkbox" checked={f.onlyFor.business} onChange={(e) => set({ onlyFor: { ...f.onlyFor, business: e.target.checked } })} />
                Hộ kinh doanh, doanh nghiệp, nhà trọ, khách sạn
              </label>
              <label className="cr-check">
                <input type="checkbox" checked={f.onlyFor.producer} onChange={(e) => set({ onlyFor: { ...f.onlyFor, producer: e.target.checked } })} />
                Hộ hoặc cơ sở sản xuất có sản phẩm để bán
              </label>
            </div>
          )}
          {at("relevance.flags").length > 0 && (
            <div role="alert">
              <ul className="gf-err">
                {at("relevance.flags").map((i, k) => (
                  <li key={k}>{i.message}</li>
                ))}
              </ul>
            </div>
          )}
        </fieldset>
        <fieldset className="cr-fieldset">
          <legend>“Không áp dụng”</legend>
          <label className="cr-check">
            <input type="checkbox" checked={f.mayDecline} onChange={(e) => set({ mayDecline: e.target.checked })} />
            Hộ được chọn “Không áp dụng”
          </label>
          {f.mayDecline && (
            <EditField id="cr-x-decline" label="Khi nào được chọn “Không áp dụng”" issues={at("relevance.declineHint")}>
              <input id="cr-x-decline" type="text" value={f.declineHint} maxLength={200} placeholder="Ví dụ: nhà không có ai trong độ tuổi đi học" onChange={(e) => set({ declineHint: e.target.value })} {...described("cr-x-decline", at("relevance.declineHint"))} />
            </EditField>
          )}
        </fieldset>
        <details className="cr-code" open={at("id").length > 0 || undefined}>
          <summary>Mã tiêu chí (tự đặt theo tên, thường không cần sửa)</summary>
          <EditField id="cr-x-id" label="Mã tiêu chí" hint="Chữ thường không dấu, số và dấu gạch ngang; tự gợi ý theo tên. Không đổi được sau khi áp dụng." issues={at("id")}>
            <input
              id="cr-x-id"
              type="text"
              value={f.id}
              maxLength={60}
              onChange={(e) => {
                setIdTouched(true);
                set({ id: e.target.value });
              }}
              {...described("cr-x-id", at("id"))}
            />
          </EditField>
        </details>
        <div className="cr-actions">
          <button className="c-btn" type="submit" disabled={disabled}>
            Thêm vào bộ tiêu chí
          </button>
        </div>
        {added && (
          <p className="cr-added" role="status">
            {`Đã thêm “${added}” vào bộ tiêu chí đang sửa (nhóm của nó, phía trên). Bấm “Xem trước” để áp dụng.`}
          </p>
        )}
      </form>
    </section>
  );
}

function PreviewCard({ preview, busy, running, onAdopt }: { preview: CriteriaPreview; busy: boolean; running: boolean; onAdopt: () => void }) {
  // Asked from the bar at the bottom of the screen: the preview comes into view, the keyboard with it.
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.scrollIntoView({ block: "start" });
    heading.current?.focus({ preventScroll: true });
  }, [preview]);
  return (
    <section className="c-card" aria-labelledby="cr-preview" data-testid="criteria-preview">
      <h2 id="cr-preview" tabIndex={-1} ref={heading}>
        Xem trước
      </h2>
      <div className="cr-preview">
        <div className="cr-preview-words">
          <h3>Những gì thay đổi</h3>
          {preview.summary.length ? (
            <ul className="cr-summary" data-testid="criteria-summary">
              {preview.summary.map((line, i) => (
                <li key={i}>{line}</li>
              ))}
            </ul>
          ) : (
            <p className="muted">Bộ tiêu chí giữ nguyên.</p>
          )}
          <p className="cr-households" data-testid="criteria-households">
            {preview.sameCounts ? "Không tiêu chí nào đổi cách tính: tiến độ của các hộ giữ nguyên." : `Tiến độ của ${preview.households} hộ sẽ được tính lại theo bộ tiêu chí mới.`}
          </p>
          <p className="muted">{`Bộ tiêu chí mới có ${preview.criteria.length} tiêu chí. Các tuần đã chốt giữ nguyên số liệu cũ; mỗi tuần ghi kèm bộ tiêu chí đã dùng.`}</p>
          <div className="cr-actions">
            <button className="c-btn" type="button" disabled={busy || running} onClick={onAdopt}>
              {busy ? "Đang áp dụng…" : "Áp dụng"}
            </button>
          </div>
        </div>
        <Checklist criteria={preview.criteria} />
      </div>
    </section>
  );
}

const ANSWERS = [
  ["dat", "Đạt"],
  ["chua_dat", "Chưa đạt"],
  ["khong_ap_dung", "Không áp dụng"],
] as const;

/** The household's checklist in the mini app (screens/Home.tsx) with the new set, nothing answered yet. */
function Checklist({ criteria }: { criteria: CriteriaPreview["criteria"] }) {
  return (
    <div className="gp-phone gp-app cr-phone" data-testid="criteria-checklist">
      <div className="gp-bar app">
        <span>Hộ của tôi: ứng dụng “Gia đình số”</span>
      </div>
      <div className="gp-app-body" tabIndex={0} role="region" aria-label="Danh sách tiêu chí hộ thấy trong ứng dụng">
        {PILLARS.map((p) => {
          const items = criteria.filter((c) => c.pillar === p.id);
          if (!items.length) return null;
          return (
            <section key={p.id} className="stack" aria-label={p.label}>
              <h3 className="section-title">
                {p.label}
                <span className="muted">{`${items.length} tiêu chí`}</span>
              </h3>
              {items.map((c) => {
                const choices = c.relevance.mayDecline ? ANSWERS : ANSWERS.slice(0, 2);
                return (
                  <article key={c.id} className="card criterion unanswered" data-criterion={c.id} aria-label={c.label}>
                    <p className="label">{c.label}</p>
                    <details>
                      <summary className="muted">Thế nào là đạt?</summary>
                      <p className="muted">{c.help}</p>
                    </details>
                    <div className="answers" aria-hidden="true" style={{ ["--n" as string]: choices.length }}>
                      {choices.map(([k, w]) => (
                        <span key={k} className={k}>
                          {w}
                        </span>
                      ))}
                    </div>
                    {c.relevance.flags?.length ? <p className="muted">{`Chỉ hỏi ${c.relevance.flags.map((f) => FLAG_WORDS[f]).join(" hoặc ")}.`}</p> : null}
                    {c.relevance.mayDecline && c.relevance.declineHint && <p className="muted">{`“Không áp dụng”: ${c.relevance.declineHint}.`}</p>}
                  </article>
                );
              })}
            </section>
          );
        })}
      </div>
    </div>
  );
}

/** Every set the commune has used, by the day it started (weekly snapshots name theirs). */
function HistoryCard({ view }: { view: CriteriaAdminView }) {
  return (
    <section className="c-card" aria-labelledby="cr-history">
      <h2 id="cr-history">Các bộ tiêu chí xã đã dùng</h2>
      <p className="muted">Mỗi tuần chốt số liệu ghi kèm bộ tiêu chí của tuần đó, nên so sánh giữa các tuần vẫn đúng khi bộ tiêu chí đổi.</p>
      {view.history.length === 0 ? (
        <p className="empty">Chưa có.</p>
      ) : (
        <table className="c-table narrow cr-history" data-testid="criteria-history">
          <thead>
            <tr>
              <th scope="col">Dùng từ</th>
              <th scope="col">Số tiêu chí</th>
              <th scope="col">
                <span className="sr-only">Trạng thái</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {view.history.map((h) => (
              <tr key={h.key}>
                <th scope="row">{at(h.firstActiveAt)}</th>
                <td>{`${h.criteria} tiêu chí`}</td>
                <td>{h.key === view.active.key ? <Tag kind="done">Đang dùng</Tag> : <span className="muted">Đã thôi dùng</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
