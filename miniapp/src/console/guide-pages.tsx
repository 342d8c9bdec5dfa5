import { useId, useState } from "react";
import { ApiError } from "../api/client";
import { useData, useServices } from "../app/hooks";
import { Failed, Loading, useToast } from "../ui/parts";
import { guideEndpoints, type GuideListItem, type LegalTipList, type LegalTipView } from "./guide-api";
import { Who } from "./guide-editor";
import { PageFrame, at } from "./parts";

/** Nội dung: every guide with its version and state (shipped, edited, an update waiting), and the legal tips. */
export function GuidesPage() {
  const s = useServices();
  const d = useData<GuideListItem[]>("console-guides", () => guideEndpoints(s.api).guides(), 5_000);
  const waiting = (d.data ?? []).filter((g) => g.updatePending).length;
  return (
    <PageFrame
      title="Hướng dẫn và pháp luật"
      actions={
        <a className="c-btn secondary" href="#/noi-dung/phap-luat">
          Pháp luật trong tuần
        </a>
      }
    >
      <p className="lead">Các hướng dẫn người dân đọc trong khung chat Zalo và trong ứng dụng. Sửa xong bấm “Lưu”: người dân thấy ngay, bản cũ vẫn được giữ.</p>
      {waiting > 0 && (
        <p className="gf-note" role="status">
          {waiting} hướng dẫn có bản cập nhật từ nhà phát triển đang chờ xã xem.
        </p>
      )}
      {!d.data && (d.error ? <Failed message={d.error.message} retry={() => void d.reload()} /> : <Loading />)}
      {d.data && (
        <div className="c-table-wrap">
          <table className="c-table" data-testid="console-guides">
            <caption className="sr-only">Các hướng dẫn</caption>
            <thead>
              <tr>
                <th scope="col">Hướng dẫn</th>
                <th scope="col">Số bước</th>
                <th scope="col">Bản</th>
                <th scope="col">Tình trạng</th>
                <th scope="col">Sửa lần cuối</th>
              </tr>
            </thead>
            <tbody>
              {d.data.map((g) => (
                <tr key={g.id} data-guide={g.id}>
                  <th scope="row">
                    <a href={`#/noi-dung/${g.id}`}>{g.title}</a>
                  </th>
                  <td>{g.steps}</td>
                  <td>{g.version}</td>
                  <td>
                    {g.updatePending ? <span className="gf-badge warn">Có bản cập nhật từ nhà phát triển</span> : g.shipped ? "Bản gốc" : <span className="gf-badge">Xã đã sửa</span>}
                  </td>
                  <td>
                    {at(g.updatedAt)}
                    <br />
                    <span className="gp-muted">
                      <Who actor={g.updatedBy} />
                    </span>
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

function TipForm({ initial, submit, label, cancel }: { initial: { title: string; text: string }; submit: (t: { title: string; text: string }) => Promise<boolean>; label: string; cancel?: () => void }) {
  const [title, setTitle] = useState(initial.title);
  const [text, setText] = useState(initial.text);
  const [busy, setBusy] = useState(false);
  const key = useId();
  return (
    <form
      className="gf-tip-form"
      aria-label={label}
      onSubmit={(e) => {
        e.preventDefault();
        setBusy(true);
        void submit({ title, text }).then((ok) => {
          setBusy(false);
          if (ok && !cancel) {
            setTitle("");
            setText("");
          }
        });
      }}
    >
      <div className="c-field gf-field">
        <label htmlFor={`tip-title-${key}`}>Tiêu đề</label>
        <input id={`tip-title-${key}`} type="text" value={title} onChange={(e) => setTitle(e.target.value)} maxLength={120} />
      </div>
      <div className="c-field gf-field">
        <label htmlFor={`tip-text-${key}`}>Nội dung gửi vào nhóm Zalo các thôn</label>
        <textarea id={`tip-text-${key}`} rows={3} value={text} onChange={(e) => setText(e.target.value)} maxLength={1500} />
      </div>
      <div className="gf-actions">
        <button className="c-btn" type="submit" disabled={busy}>
          {label}
        </button>
        {cancel && (
          <button className="c-btn ghost" type="button" onClick={cancel}>
            Thôi
          </button>
        )}
      </div>
    </form>
  );
}

/** Pháp luật trong tuần: the tips sent to the village groups in turn, one a week; add, edit, retire. */
export function LegalTipsPage() {
  const s = useServices();
  const toast = useToast();
  const api = guideEndpoints(s.api);
  const d = useData<LegalTipList>("console-legal-tips", api.legalTips, 5_000);
  const [editing, setEditing] = useState<number | null>(null);
  const run = async (what: () => Promise<unknown>, done: string): Promise<boolean> => {
    try {
      await what();
      toast(done);
      await d.reload();
      return true;
    } catch (err) {
      toast(err instanceof ApiError ? err.message : "Chưa làm được, bác thử lại.");
      return false;
    }
  };
  const row = (t: LegalTipView) => (
    <li key={t.id} className={t.retired ? "gf-tip retired" : "gf-tip"} data-tip={t.id}>
      {editing === t.id ? (
        <TipForm initial={t} label="Lưu mục này" cancel={() => setEditing(null)} submit={(v) => run(() => api.editLegalTip(t.id, v), "Đã lưu. Lần gửi tới dùng nội dung mới.").then((ok) => (ok && setEditing(null), ok))} />
      ) : (
        <>
          <h3>
            {t.title}
            {d.data?.nextId === t.id && <span className="gf-badge">gửi lần tới</span>}
            {t.retired && <span className="gf-badge muted">đã thôi dùng</span>}
          </h3>
          <p>{t.text}</p>
          <p className="gp-muted small">
            Sửa lần cuối {at(t.updatedAt)} · {t.updatedBy}
          </p>
          <div className="gf-actions">
            <button className="c-btn small secondary" type="button" onClick={() => setEditing(t.id)}>
              Sửa<span className="sr-only"> mục “{t.title}”</span>
            </button>
            {t.retired ? (
              <button className="c-btn small ghost" type="button" onClick={() => void run(() => api.restoreLegalTip(t.id), "Đã dùng lại mục này.")}>
                Dùng lại<span className="sr-only"> mục “{t.title}”</span>
              </button>
            ) : (
              <button className="c-btn small ghost" type="button" onClick={() => void run(() => api.retireLegalTip(t.id), "Đã thôi dùng mục này.")}>
                Thôi dùng<span className="sr-only"> mục “{t.title}”</span>
              </button>
            )}
          </div>
        </>
      )}
    </li>
  );
  return (
    <PageFrame
      title="Pháp luật trong tuần"
      actions={
        <a className="c-btn ghost" href="#/noi-dung">
          Các hướng dẫn
        </a>
      }
    >
      <p className="lead">Mỗi tuần một mục được gửi vào nhóm Zalo các thôn, lần lượt theo thứ tự dưới đây. Sửa hay thêm là lần gửi tới dùng ngay.</p>
      <section className="c-card" aria-labelledby="tip-add-h">
        <h2 id="tip-add-h">Thêm mục mới</h2>
        <TipForm initial={{ title: "", text: "" }} label="Thêm mục" submit={(v) => run(() => api.addLegalTip(v), "Đã thêm mục mới.")} />
      </section>
      {!d.data && (d.error ? <Failed message={d.error.message} retry={() => void d.reload()} /> : <Loading />)}
      {d.data && <ol className="gf-tips">{d.data.items.map(row)}</ol>}
    </PageFrame>
  );
}
