import { useState } from "react";
import { ApiError } from "../api/client";
import type { TrendResponse } from "../api/types";
import { useData, useServices } from "../app/hooks";
import { pct } from "../ui/format";
import { Banner, Failed, Loading } from "../ui/parts";
import { weekDays } from "../screens/head/week";
import { PageFrame, at } from "./parts";
import { segmentConsoleEndpoints, type SegmentAdminView, type SegmentProgress } from "./segments-api";

type Figures = SegmentProgress["segments"][number]["totals"];

/** "gia-dinh-so@2025.10#ab12…" → "bản 10/2025" (the fingerprint stays in the title). */
function catalogueWords(key: string): string {
  const v = /@([^#]+)/.exec(key)?.[1];
  const ym = v ? /^(\d{4})\.(\d{1,2})$/.exec(v) : null;
  return ym ? `bản ${Number(ym[2])}/${ym[1]}` : v ? `bản ${v}` : "hiện hành";
}

/** The counted share against the target: the bar, the target's mark, words first for screen readers. */
function TargetBar({ f }: { f: Figures }) {
  const v = f.countedPercent ?? 0;
  return (
    <div className="c-progress target sg-bar" role="img" aria-label={`${pct(f.countedPercent)} đạt, chỉ tiêu ${f.targetPercent}%`}>
      <span style={{ width: `${Math.min(100, v)}%`, background: f.reached ? "var(--ok, #1e7b34)" : undefined }} />
      <i style={{ left: `calc(${f.targetPercent}% - 1.5px)` }} title={`Chỉ tiêu ${f.targetPercent}%`} />
    </div>
  );
}

function neededWords(f: Figures): string {
  if (f.members === 0) return "Chưa có hộ";
  return f.needed === 0 ? "Đạt chỉ tiêu" : `Cần thêm ${f.needed} hộ`;
}

/** One row of figures (the commune's or a village's): the same columns as the Excel file. */
function Cells({ f }: { f: Figures }) {
  return (
    <>
      <td>{f.members}</td>
      <td>{f.awaiting}</td>
      <td>{`${f.fullyMet} (${pct(f.fullyMetPercent)})`}</td>
      <td>{`${f.fullyMetVerified} (${pct(f.fullyMetVerifiedPercent)})`}</td>
      <td className="sg-bar-cell">
        <TargetBar f={f} />
      </td>
      <td className={f.members === 0 ? "muted" : f.needed === 0 ? "sg-ok" : "sg-need"}>{neededWords(f)}</td>
    </>
  );
}

const HEAD = ["Số hộ trong nhóm", "Chờ xác nhận", "Hộ tự khai đạt", "Hộ đã xác nhận đạt", "Đạt so với chỉ tiêu", "Còn thiếu"];

/**
 * "Nhóm hộ và chỉ tiêu": per segment, the commune and each village against the segment's target
 * (the commune file's basis decides which count), the same table as Excel; the admin edits the
 * segments here (audited); the criteria version of each frozen week beside the trend.
 */
export function SegmentsPage({ admin }: { admin: boolean }) {
  const s = useServices();
  const api = segmentConsoleEndpoints(s.api);
  const p = useData<SegmentProgress>("segments:progress", api.progress, 15_000);
  const [segment, setSegment] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);

  const download = async () => {
    setBusy(true);
    setNote(null);
    try {
      setNote({ ok: true, text: `Đã tải ${await api.excel()}.` });
    } catch (err) {
      setNote({ ok: false, text: err instanceof ApiError ? err.message : "Chưa tải được. Bác thử lại nhé." });
    } finally {
      setBusy(false);
    }
  };

  const d = p.data;
  const chosen = d?.segments.find((x) => x.segmentId === segment) ?? d?.segments[0];
  const basisWords =
    d?.basis === "verified"
      ? "Chỉ tiêu tính theo số hộ trưởng thôn đã xác nhận đạt “Gia đình số”; số hộ tự khai để đối chiếu."
      : "Chỉ tiêu tính theo số hộ tự khai đạt “Gia đình số”; số hộ trưởng thôn đã xác nhận để đối chiếu.";
  return (
    <PageFrame
      title="Nhóm hộ và chỉ tiêu"
      actions={
        <button className="c-btn" type="button" disabled={busy || !d} onClick={() => void download()} data-testid="segments-excel">
          {busy ? "Đang tải…" : "Tải Excel"}
        </button>
      }
    >
      {note && (
        <Banner kind={note.ok ? "ok" : "warn"}>
          <p>{note.text}</p>
        </Banner>
      )}
      <section className="c-card" aria-labelledby="sg-commune">
        <h2 id="sg-commune">{d && d.villages.length === 1 ? d.villages[0]!.name : "Toàn xã"}</h2>
        {!d && (p.error ? <Failed message={p.error.message} retry={() => void p.reload()} /> : <Loading />)}
        {d && d.segments.length === 0 && <p className="empty">Xã chưa có nhóm hộ nào. Quản trị viên thêm nhóm ở cuối trang.</p>}
        {d && d.segments.length > 0 && (
          <>
            <p className="muted">{`${basisWords} Số liệu lúc ${at(d.asOf)}, bộ tiêu chí ${catalogueWords(d.catalogueKey)}.`}</p>
            <div className="c-table-wrap" tabIndex={0} role="region" aria-label="Bảng tiến độ các nhóm hộ">
              <table className="c-table sg-table" data-testid="segments-table">
                <caption className="sr-only">Từng nhóm hộ: số hộ, số hộ đạt “Gia đình số”, so với chỉ tiêu của nhóm</caption>
                <thead>
                  <tr>
                    <th scope="col">Nhóm hộ</th>
                    <th scope="col">Chỉ tiêu</th>
                    {HEAD.map((h) => (
                      <th scope="col" key={h}>
                        {h}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {d.segments.map((x) => (
                    <tr key={x.segmentId} data-segment={x.segmentId}>
                      <th scope="row">{x.name}</th>
                      <td>{`${x.targetPercent}%`}</td>
                      <Cells f={x.totals} />
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <p className="muted">Vạch đen trên mỗi thanh là chỉ tiêu của nhóm. “Chờ xác nhận”: hộ tự khai thuộc nhóm, trưởng thôn chưa xác nhận.</p>
          </>
        )}
      </section>

      {d && chosen && d.villages.length > 1 && (
        <section className="c-card" aria-labelledby="sg-villages">
          <div className="row-between">
            <h2 id="sg-villages">Từng thôn</h2>
            <label className="inline-field">
              <span>Nhóm hộ</span>
              <select value={chosen.segmentId} onChange={(e) => setSegment(e.target.value)} data-testid="segments-pick">
                {d.segments.map((x) => (
                  <option key={x.segmentId} value={x.segmentId}>
                    {x.name}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <div className="c-table-wrap" tabIndex={0} role="region" aria-label={`Từng thôn: ${chosen.name}`}>
            <table className="c-table sg-table" data-testid="segments-villages">
              <caption className="sr-only">{`${chosen.name}, chỉ tiêu ${chosen.targetPercent}%: từng thôn`}</caption>
              <thead>
                <tr>
                  <th scope="col">Thôn</th>
                  {HEAD.map((h) => (
                    <th scope="col" key={h}>
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {chosen.villages.map((v) => (
                  <tr key={v.villageId} data-village={v.villageId}>
                    <th scope="row">{v.villageName}</th>
                    <Cells f={v} />
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">Toàn xã</th>
                  <Cells f={chosen.totals} />
                </tr>
              </tfoot>
            </table>
          </div>
        </section>
      )}

      <CatalogueWeeks current={d?.catalogueKey} />
      {admin && <SegmentAdmin onChange={() => void p.reload()} />}
    </PageFrame>
  );
}

/** Which criteria version each frozen week was counted with: a change is marked, so trends stay comparable. */
function CatalogueWeeks({ current }: { current: string | undefined }) {
  const s = useServices();
  const t = useData<TrendResponse>("trend:12", () => segmentConsoleEndpoints(s.api).trend(12), 60_000);
  const weeks = t.data?.weeks ?? [];
  return (
    <section className="c-card" aria-labelledby="sg-catalogue">
      <h2 id="sg-catalogue">Bộ tiêu chí của từng tuần đã chốt</h2>
      {!t.data && (t.error ? <Failed message={t.error.message} retry={() => void t.reload()} /> : <Loading />)}
      {t.data && (
        <>
          <p className="muted">
            {`Mỗi tuần chốt số liệu ghi kèm phiên bản bộ tiêu chí. Đang dùng: ${current ? catalogueWords(current) : "…"}. Khi tỉnh đổi bộ tiêu chí, so sánh giữa các tuần khác phiên bản chỉ nên theo từng tiêu chí.`}
          </p>
          {weeks.length === 0 ? (
            <p className="empty">Chưa có tuần nào được chốt.</p>
          ) : (
            <table className="c-table narrow" data-testid="catalogue-weeks">
              <thead>
                <tr>
                  <th scope="col">Tuần</th>
                  <th scope="col">Bộ tiêu chí</th>
                  <th scope="col">Tỉ lệ hộ đạt</th>
                </tr>
              </thead>
              <tbody>
                {weeks.map((w, i) => {
                  // Newest first: a week whose version differs from the week before it (the next row).
                  const changed = i < weeks.length - 1 && weeks[i + 1]!.catalogueKey !== w.catalogueKey;
                  return (
                    <tr key={w.week}>
                      <th scope="row" title={w.week}>
                        {weekDays(w.week)}
                      </th>
                      <td title={w.catalogueKey}>{`${catalogueWords(w.catalogueKey)}${changed ? " (đổi từ tuần này)" : ""}`}</td>
                      <td>{pct(w.basis === "verified" ? w.totals.fullyMetVerifiedPercent : w.totals.fullyMetPercent)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}

/** The admin's edits: name and target of each segment, archive or restore, a new segment; the audited history. */
function SegmentAdmin({ onChange }: { onChange: () => void }) {
  const s = useServices();
  const api = segmentConsoleEndpoints(s.api);
  const a = useData<SegmentAdminView>("segments:admin", api.admin, 30_000);
  const [drafts, setDrafts] = useState<Record<string, { name: string; target: string }>>({});
  const [fresh, setFresh] = useState({ name: "", target: "" });
  const [busy, setBusy] = useState<string | null>(null);
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);

  const run = async (what: string, fn: () => Promise<string>) => {
    setBusy(what);
    setMsg(null);
    try {
      const text = await fn();
      await a.reload();
      onChange();
      setMsg({ ok: true, text });
    } catch (err) {
      setMsg({ ok: false, text: err instanceof ApiError ? err.message : "Chưa lưu được. Bác thử lại nhé." });
    } finally {
      setBusy(null);
    }
  };
  const names = new Map((a.data?.items ?? []).map((x) => [x.id, x.name]));
  const describe = (h: SegmentAdminView["history"][number]) => {
    if (h.kind === "seed") return `Lấy từ tệp của xã: “${h.after.name}”, chỉ tiêu ${h.after.targetPercent}%`;
    if (h.kind === "create" || !h.before) return `Thêm “${h.after.name}”, chỉ tiêu ${h.after.targetPercent}%`;
    const parts: string[] = [];
    if (h.before.name !== h.after.name) parts.push(`tên “${h.before.name}” → “${h.after.name}”`);
    if (h.before.targetPercent !== h.after.targetPercent) parts.push(`chỉ tiêu ${h.before.targetPercent}% → ${h.after.targetPercent}%`);
    if (h.before.status !== h.after.status) parts.push(h.after.status === "archived" ? "lưu trữ" : "khôi phục");
    if (h.before.position !== h.after.position) parts.push("thứ tự");
    return `${names.get(h.segmentId) ?? h.after.name}: ${parts.join(", ")}`;
  };

  return (
    <section className="c-card" aria-labelledby="sg-admin">
      <h2 id="sg-admin">Sửa nhóm hộ và chỉ tiêu</h2>
      <p className="muted">Chỉ quản trị viên thấy phần này. Mỗi lần sửa được ghi lại (ai, lúc nào, trước và sau) và áp dụng ngay.</p>
      {!a.data && (a.error ? <Failed message={a.error.message} retry={() => void a.reload()} /> : <Loading />)}
      {msg && (
        <Banner kind={msg.ok ? "ok" : "warn"}>
          <p data-testid="segments-admin-result">{msg.text}</p>
        </Banner>
      )}
      {a.data && (
        <>
          <div className="c-table-wrap" tabIndex={0} role="region" aria-label="Sửa nhóm hộ và chỉ tiêu">
            <table className="c-table sg-admin" data-testid="segments-admin">
              <thead>
                <tr>
                  <th scope="col">Tên nhóm</th>
                  <th scope="col">Chỉ tiêu (%)</th>
                  <th scope="col">Trạng thái</th>
                  <th scope="col">
                    <span className="sr-only">Việc</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {a.data.items.map((x) => {
                  const dr = drafts[x.id] ?? { name: x.name, target: String(x.targetPercent) };
                  const dirty = dr.name !== x.name || dr.target !== String(x.targetPercent);
                  const set = (p: Partial<typeof dr>) => setDrafts({ ...drafts, [x.id]: { ...dr, ...p } });
                  return (
                    <tr key={x.id} data-segment={x.id}>
                      <td>
                        <input className="sg-input" aria-label={`Tên nhóm ${x.name}`} value={dr.name} onChange={(e) => set({ name: e.target.value })} maxLength={80} />
                      </td>
                      <td>
                        <input className="sg-input sg-num" aria-label={`Chỉ tiêu của ${x.name} (%)`} inputMode="numeric" value={dr.target} onChange={(e) => set({ target: e.target.value.replace(/\D/g, "") })} maxLength={3} />
                      </td>
                      <td>{x.status === "active" ? "Đang dùng" : "Đã lưu trữ"}</td>
                      <td>
                        <div className="sg-actions">
                          <button
                            className="c-btn small"
                            type="button"
                            aria-label={`Lưu nhóm ${x.name}`}
                            disabled={!dirty || busy !== null}
                            onClick={() =>
                              void run(x.id, async () => {
                                const r = await api.update(x.id, { ...(dr.name !== x.name ? { name: dr.name } : {}), ...(dr.target !== String(x.targetPercent) ? { targetPercent: Number(dr.target) } : {}) });
                                setDrafts(({ [x.id]: _done, ...rest }) => rest);
                                return `Đã lưu “${r.name}”, chỉ tiêu ${r.targetPercent}%.`;
                              })
                            }
                          >
                            Lưu
                          </button>
                          <button
                            className="c-btn small ghost"
                            type="button"
                            aria-label={`${x.status === "active" ? "Lưu trữ" : "Khôi phục"} nhóm ${x.name}`}
                            disabled={busy !== null}
                            onClick={() =>
                              void run(x.id, async () => {
                                const r = await api.update(x.id, { status: x.status === "active" ? "archived" : "active" });
                                return r.status === "archived" ? `Đã lưu trữ “${r.name}”: nhóm không còn hiện với các hộ.` : `Đã khôi phục “${r.name}”.`;
                              })
                            }
                          >
                            {x.status === "active" ? "Lưu trữ" : "Khôi phục"}
                          </button>
                        </div>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <form
            className="sg-new"
            onSubmit={(e) => {
              e.preventDefault();
              void run("new", async () => {
                const r = await api.create({ name: fresh.name, targetPercent: Number(fresh.target) });
                setFresh({ name: "", target: "" });
                return `Đã thêm “${r.name}”, chỉ tiêu ${r.targetPercent}%.`;
              });
            }}
          >
            <label className="c-field">
              <span>Nhóm mới</span>
              <input value={fresh.name} onChange={(e) => setFresh({ ...fresh, name: e.target.value })} placeholder="Ví dụ: Gia đình hội viên Hội Cựu chiến binh" maxLength={80} />
            </label>
            <label className="c-field">
              <span>Chỉ tiêu (%)</span>
              <input className="sg-num" inputMode="numeric" value={fresh.target} onChange={(e) => setFresh({ ...fresh, target: e.target.value.replace(/\D/g, "") })} maxLength={3} placeholder="90" />
            </label>
            <button className="c-btn" type="submit" disabled={busy !== null || fresh.name.trim().length < 2 || fresh.target === ""}>
              Thêm nhóm
            </button>
          </form>
          <h3>Lịch sử sửa</h3>
          <ul className="sg-history" data-testid="segments-history">
            {a.data.history.slice(0, 12).map((h, i) => (
              <li key={i}>
                <span className="muted">{at(h.at)}</span> {describe(h)}
                {h.kind !== "seed" && <span className="muted">{` (${h.byName ?? "quản trị viên"})`}</span>}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
