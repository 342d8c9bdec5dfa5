import { useEffect, useMemo, useRef, useState } from "react";
import { ApiError } from "../api/client";
import type { CatalogueView, VillageItem } from "../api/types";
import { useData, useServices } from "../app/hooks";
import { useToast } from "../ui/parts";
import { go } from "../ui/router";
import { broadcastApi, WEEKDAYS, type Audience, type AudienceKind, type Broadcast, type Channel, type DraftPlan } from "./broadcast-api";
import { DayTimePicker, TimePicker, vnDate, vnEpoch } from "./broadcast-time";
import { ChannelTexts } from "./broadcast-zalo";
import { consoleEndpoints } from "./api";
import { PageFrame } from "./parts";

/** Who a broadcast can go to, in the officers' words. */
const AUDIENCES: { kind: AudienceKind; label: string; hint: string }[] = [
  { kind: "village_groups", label: "Nhóm Zalo của thôn", hint: "Đăng vào nhóm Zalo của từng thôn đã chọn." },
  { kind: "village_heads", label: "Trưởng thôn", hint: "Nhắn tới trưởng thôn của các thôn đã chọn." },
  { kind: "volunteers", label: "Tình nguyện viên", hint: "Người hỗ trợ bà con ở các thôn đã chọn." },
  { kind: "officers", label: "Cán bộ xã", hint: "Các cán bộ xã có Zalo." },
  { kind: "recent_residents", label: "Người dân nhắn xã trong 7 ngày qua", hint: "Zalo cho nhắn riêng những người này." },
  { kind: "residents", label: "Mọi người dân đã từng nhắn xã", hint: "Người quá 7 ngày chưa nhắn sẽ nhận qua tin thông báo hoặc nhờ trưởng thôn." },
  { kind: "households_missing", label: "Hộ còn thiếu một tiêu chí", hint: "Các thành viên (đã liên kết Zalo) của hộ chưa đạt tiêu chí đã chọn." },
];

const COUNT_LABELS: Record<Channel, string> = {
  group: "Đăng vào nhóm Zalo của thôn",
  cs: "Nhắn riêng (người nhắn xã trong 7 ngày qua)",
  promotion: "Tin thông báo tới người đã quan tâm (1 tin/ngày)",
  relay: "Nhờ trưởng thôn chuyển",
  none: "Không gửi được",
};

type WhenKind = "now" | "at" | "weekly";

/**
 * Soạn thông báo on a PC: the audience with live counts per channel (nothing is saved while the officer
 * picks), each channel's exact text as Zalo shows it, then a confirmation stating who gets what and
 * when before anything goes: now, at a chosen minute, or every week. "Lưu nháp" is the only way to
 * keep a draft.
 */
export function ComposePage({ draftId }: { draftId?: number | undefined }) {
  const s = useServices();
  const toast = useToast();
  const api = useMemo(() => broadcastApi(s.api), [s.api]);
  const villages = useData<{ items: VillageItem[] }>("villages", consoleEndpoints(s.api).villages, 5 * 60_000);
  const catalogue = useData<CatalogueView>("catalogue", s.ep.catalogue, 10 * 60_000);
  const [title, setTitle] = useState("");
  const [text, setText] = useState("");
  const [kind, setKind] = useState<AudienceKind>("village_groups");
  const [allVillages, setAllVillages] = useState(true);
  const [picked, setPicked] = useState<string[]>([]);
  const [criterionId, setCriterionId] = useState("");
  const [when, setWhen] = useState<WhenKind>("now");
  const [atDate, setAtDate] = useState("");
  const [atTime, setAtTime] = useState("");
  const [time, setTime] = useState("14:00");
  const [days, setDays] = useState<number[]>([5]);
  const [plan, setPlan] = useState<DraftPlan | null>(null);
  const [planError, setPlanError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState<DraftPlan | null>(null);
  const [loadedDraft, setLoadedDraft] = useState<number | undefined>(undefined);
  const dialog = useRef<HTMLDialogElement>(null);

  // A saved draft opens in the form.
  useEffect(() => {
    if (!draftId) return;
    void api.list().then((rows) => {
      const d = rows.find((r: Broadcast) => r.id === draftId && r.status === "draft");
      if (!d) return;
      setTitle(d.title);
      setText(d.text);
      const a = JSON.parse(d.audience) as Audience & { villageIds?: string[]; criterionId?: string };
      setKind(a.kind);
      setAllVillages(!a.villageIds);
      setPicked(a.villageIds ?? []);
      setCriterionId(a.criterionId ?? "");
      setLoadedDraft(d.id);
    });
  }, [api, draftId]);

  const villageScoped = kind !== "officers";
  const audience: Audience | null = useMemo(() => {
    const v = villageScoped && !allVillages ? { villageIds: picked } : {};
    if (villageScoped && !allVillages && picked.length === 0) return null;
    if (kind === "households_missing") return criterionId ? { kind, criterionId, ...v } : null;
    if (kind === "officers") return { kind };
    return { kind, ...v };
  }, [kind, allVillages, picked, criterionId, villageScoped]);
  const sendAt = when === "at" && atDate && atTime ? vnEpoch(atDate, atTime) : undefined;
  const repeat = when === "weekly" && days.length > 0 ? { time, weekdays: days } : undefined;

  // The live preview: asked again (nothing saved) 300 ms after the officer stops changing something.
  useEffect(() => {
    if (!audience) {
      setPlan(null);
      return;
    }
    let stale = false;
    const t = setTimeout(() => {
      api
        .plan({ title: title.trim(), text: text.trim(), audience, ...(sendAt ? { sendAt } : {}), ...(repeat ? { repeat } : {}) })
        .then((p) => !stale && (setPlan(p), setPlanError(null)))
        .catch((err: unknown) => !stale && setPlanError(err instanceof ApiError ? err.message : "Chưa tính được số người nhận."));
    }, 300);
    return () => {
      stale = true;
      clearTimeout(t);
    };
  }, [api, title, text, audience, sendAt, repeat?.time, repeat?.weekdays.join(",")]); // eslint-disable-line react-hooks/exhaustive-deps

  /** Why the officer cannot go on yet, in words (never only a greyed-out button). */
  const blocker = (() => {
    if (!title.trim()) return "Cần nhập tiêu đề.";
    if (!text.trim()) return "Cần nhập nội dung.";
    if (villageScoped && !allVillages && picked.length === 0) return "Chọn ít nhất một thôn, hoặc “Tất cả các thôn”.";
    if (kind === "households_missing" && !criterionId) return "Chọn tiêu chí còn thiếu.";
    if (when === "at" && (!sendAt || sendAt <= Date.now())) return "Chọn ngày giờ gửi sau bây giờ.";
    if (when === "weekly" && days.length === 0) return "Chọn ít nhất một ngày trong tuần.";
    if (plan?.empty) return plan.empty;
    if (!plan) return planError ?? "Đang tính số người nhận…";
    return null;
  })();

  const run = async (what: () => Promise<void>, failed: string) => {
    setBusy(true);
    try {
      await what();
    } catch (err) {
      toast(err instanceof ApiError ? err.message : failed);
    } finally {
      setBusy(false);
    }
  };
  const content = () => ({ title: title.trim(), text: text.trim(), audience: audience! });
  /** The confirmation is planned afresh from what the form says now (never a preview a keystroke old). */
  const openConfirm = () =>
    run(async () => {
      const fresh = await api.plan({ ...content(), ...(sendAt ? { sendAt } : {}), ...(repeat ? { repeat } : {}) });
      setPlan(fresh);
      if (fresh.empty) return;
      setConfirming(fresh);
      requestAnimationFrame(() => dialog.current?.showModal());
    }, "Chưa kiểm tra được người nhận.");
  const closeConfirm = () => {
    dialog.current?.close();
    setConfirming(null);
  };
  const saveDraft = () =>
    run(async () => {
      const b = await api.compose(content(), "draft", loadedDraft ? { draftId: loadedDraft } : {});
      setLoadedDraft(b.id);
      toast("Đã lưu bản nháp.");
    }, "Chưa lưu được bản nháp.");
  const confirmSend = () =>
    run(async () => {
      if (when === "weekly") {
        await api.createSchedule({ ...content(), time, weekdays: days });
        closeConfirm();
        toast("Đã tạo lịch gửi hằng tuần.");
        go("/thong-bao/lich");
        return;
      }
      const b = await api.compose(content(), when === "at" ? "at" : "now", { ...(when === "at" && sendAt ? { sendAt } : {}), ...(loadedDraft ? { draftId: loadedDraft } : {}) });
      closeConfirm();
      if (b.status === "queued") {
        toast("Đã bắt đầu gửi.");
        go(`/thong-bao/${b.id}`);
      } else {
        toast("Đã hẹn giờ gửi.");
        go("/thong-bao");
      }
    }, "Chưa gửi được.");

  /** "Hẹn giờ" starts at the next whole hour after one hour from now. */
  const pickLater = () => {
    if (atDate) return;
    const t = Math.ceil((Date.now() + 60 * 60_000) / 3_600_000) * 3_600_000;
    setAtDate(vnDate(t));
    setAtTime(`${String(new Date(t + 7 * 3600_000).getUTCHours()).padStart(2, "0")}:00`);
  };
  const total = plan ? plan.total : 0;
  return (
    <PageFrame
      title={loadedDraft ? "Soạn thông báo (bản nháp)" : "Soạn thông báo"}
      actions={
        <a className="c-btn ghost" href="#/thong-bao">
          ← Về danh sách
        </a>
      }
    >
      <div className="bc-compose">
        <form className="c-card bc-form" aria-labelledby="bc-form-h" onSubmit={(e) => (e.preventDefault(), !blocker && void openConfirm())}>
          <h2 id="bc-form-h">Soạn tin</h2>
          <label className="c-field">
            <span>Tiêu đề</span>
            <input value={title} maxLength={200} onChange={(e) => setTitle(e.target.value)} placeholder="Ví dụ: Đội lưu động đến thôn sáng thứ Bảy" />
          </label>
          <label className="c-field">
            <span>Nội dung</span>
            <textarea value={text} maxLength={1800} rows={6} onChange={(e) => setText(e.target.value)} />
            <small className="muted">{`${text.length}/1800 chữ`}</small>
          </label>

          <fieldset className="bc-fieldset">
            <legend>Gửi tới</legend>
            <div className="bc-choices">
              {AUDIENCES.map((a) => (
                <label key={a.kind} className="bc-choice">
                  <input type="radio" name="audience" value={a.kind} checked={kind === a.kind} onChange={() => setKind(a.kind)} />
                  <span>
                    <b>{a.label}</b>
                    <small>{a.hint}</small>
                  </span>
                </label>
              ))}
            </div>
          </fieldset>

          {kind === "households_missing" && (
            <label className="c-field">
              <span>Tiêu chí còn thiếu</span>
              <select value={criterionId} onChange={(e) => setCriterionId(e.target.value)}>
                <option value="">Chọn tiêu chí…</option>
                {(catalogue.data?.criteria ?? []).map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.label}
                  </option>
                ))}
              </select>
            </label>
          )}

          {villageScoped && (
            <fieldset className="bc-fieldset">
              <legend>Thôn</legend>
              <label className="bc-check">
                <input type="checkbox" checked={allVillages} onChange={(e) => setAllVillages(e.target.checked)} />
                <span>Tất cả các thôn</span>
              </label>
              {!allVillages && (
                <div className="bc-villages">
                  {(villages.data?.items ?? []).map((v) => (
                    <label key={v.id} className="bc-check">
                      <input type="checkbox" checked={picked.includes(v.id)} onChange={(e) => setPicked((p) => (e.target.checked ? [...p, v.id] : p.filter((x) => x !== v.id)))} />
                      <span>{v.name}</span>
                    </label>
                  ))}
                </div>
              )}
            </fieldset>
          )}

          <fieldset className="bc-fieldset">
            <legend>Khi nào gửi</legend>
            <div className="seg" role="radiogroup" aria-label="Khi nào gửi">
              {(
                [
                  ["now", "Ngay khi xác nhận"],
                  ["at", "Hẹn giờ"],
                  ["weekly", "Lặp lại hằng tuần"],
                ] as const
              ).map(([k, label]) => (
                <button key={k} type="button" role="radio" aria-checked={when === k} onClick={() => (setWhen(k), k === "at" && pickLater())}>
                  {label}
                </button>
              ))}
            </div>
            {when === "at" && <DayTimePicker date={atDate} time={atTime} now={Date.now()} onChange={(d, t) => (setAtDate(d), setAtTime(t))} />}
            {when === "weekly" && (
              <div className="bc-weekly">
                <TimePicker label="Giờ gửi" value={time} onChange={setTime} />
                <div role="group" aria-label="Các ngày trong tuần" className="bc-days">
                  {WEEKDAYS.map((w) => (
                    <label key={w.d} className="bc-check">
                      <input type="checkbox" checked={days.includes(w.d)} onChange={(e) => setDays((d) => (e.target.checked ? [...d, w.d] : d.filter((x) => x !== w.d)))} />
                      <span>{w.label}</span>
                    </label>
                  ))}
                </div>
              </div>
            )}
          </fieldset>

          {blocker && (plan !== null || (title.trim() !== "" && text.trim() !== "")) && (
            <p className="bc-why" role="status" data-testid="broadcast-blocker">
              {blocker}
            </p>
          )}
          <div className="btn-row bc-actions">
            <button className="c-btn" type="submit" disabled={busy || blocker !== null}>
              {when === "now" ? "Xem trước và gửi" : when === "at" ? "Xem trước và hẹn giờ" : "Xem trước và lập lịch"}
            </button>
            <button className="c-btn secondary" type="button" disabled={busy || !title.trim() || !text.trim() || !audience} onClick={() => void saveDraft()}>
              Lưu nháp
            </button>
          </div>
        </form>

        <aside className="c-card bc-live" aria-labelledby="bc-live-h" aria-live="polite">
          <h2 id="bc-live-h">Ai sẽ nhận</h2>
          {!plan && !planError && <p className="muted">{audience ? "Đang tính…" : "Chọn người nhận để xem số lượng."}</p>}
          {planError && <p className="bc-why">{planError}</p>}
          {plan && (
            <>
              <p className="lead" data-testid="broadcast-total">{`Tổng: ${total} nơi nhận (nhóm hoặc người)`}</p>
              <table className="c-table narrow" data-testid="broadcast-counts">
                <caption className="sr-only">Số người nhận theo cách gửi</caption>
                <tbody>
                  {(Object.keys(COUNT_LABELS) as Channel[]).map((c) => (
                    <tr key={c} data-channel={c} className={plan.counts[c] === 0 ? "bc-zero" : ""}>
                      <th scope="row">{COUNT_LABELS[c]}</th>
                      <td>{c === "relay" && plan.relay.heads > 0 ? `${plan.counts[c]} (qua ${plan.relay.heads} trưởng thôn)` : plan.counts[c]}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {plan.empty && (
                <p className="bc-why" data-testid="broadcast-empty">
                  {plan.empty}
                </p>
              )}
              {!plan.empty && <h3>Tin bà con sẽ thấy trong Zalo</h3>}
              {!plan.empty && (title.trim() || text.trim() ? <ChannelTexts plan={plan} /> : <p className="muted">Nhập tiêu đề và nội dung để xem tin.</p>)}
            </>
          )}
        </aside>
      </div>

      <dialog ref={dialog} className="bc-dialog" aria-labelledby="bc-confirm-h" onClose={() => setConfirming(null)} data-testid="broadcast-preview">
        {confirming && (
          <div className="bc-dialog-body">
            <h2 id="bc-confirm-h">Kiểm tra trước khi gửi</h2>
            <p className="bc-sentence" data-testid="broadcast-confirm-sentence">
              {confirming.confirmation}
            </p>
            {confirming.relay.stuck > 0 && <p className="muted">{`${confirming.relay.stuck} người nhận ở thôn mà trưởng thôn cũng chưa nhận được tin qua Zalo: cần báo trực tiếp.`}</p>}
            <ChannelTexts plan={confirming} />
            <div className="btn-row bc-actions">
              <button className="c-btn" type="button" disabled={busy} onClick={() => void confirmSend()}>
                {when === "now" ? "Gửi ngay" : when === "at" ? "Hẹn giờ gửi" : "Tạo lịch gửi"}
              </button>
              <button className="c-btn ghost" type="button" onClick={closeConfirm}>
                Sửa lại
              </button>
            </div>
          </div>
        )}
      </dialog>
    </PageFrame>
  );
}
