import { useMemo, useState } from "react";
import { Button } from "zmp-ui";
import { ApiError } from "../../api/client";
import type { BroadcastChannel, BroadcastReport, BroadcastRow, VillageItem } from "../../api/types";
import { broadcastApi, type Audience, type AudienceKind, type DraftPlan } from "../../console/broadcast-api";
import { DayTimePicker, vnDate, vnEpoch } from "../../console/broadcast-time";
import { ChannelTexts } from "../../console/broadcast-zalo";
import { useData, useServices } from "../../app/hooks";
import { Banner, Failed, Loading, Screen, useToast } from "../../ui/parts";
import { when } from "../../ui/format";
import { useCatalogue } from "../Home";
import { staffFor } from "../../api/staff";
import { moreFor } from "../../api/more";

/**
 * What each channel means, in the words officers use (Zalo's rules decide which one a recipient gets):
 * no "OA", "tin tư vấn" or "tin truyền thông" (Zalo's terms for group, consultation and promotion messages).
 */
export const CHANNEL_LABELS: Record<BroadcastChannel, string> = {
  group: "Đăng thẳng vào nhóm Zalo của thôn",
  cs: "Nhắn riêng (người nhắn xã trong 7 ngày qua)",
  promotion: "Tin thông báo đến người đã quan tâm (1 tin/ngày)",
  relay: "Nhờ trưởng thôn chuyển",
  none: "Không gửi được",
};
const CHANNELS = Object.keys(CHANNEL_LABELS) as BroadcastChannel[];

const AUDIENCES: { kind: AudienceKind; label: string }[] = [
  { kind: "village_groups", label: "Nhóm Zalo của thôn" },
  { kind: "village_heads", label: "Trưởng thôn" },
  { kind: "volunteers", label: "Tình nguyện viên" },
  { kind: "officers", label: "Cán bộ xã" },
  { kind: "recent_residents", label: "Người dân nhắn xã trong 7 ngày qua" },
  { kind: "residents", label: "Người đã nhắn tin cho xã" },
  { kind: "households_missing", label: "Hộ còn thiếu một tiêu chí" },
];

/** Officers: compose a broadcast, preview who gets it through which channel, send, follow the delivery report. */
export function Broadcasts({ title: screenTitle }: { title: string }) {
  const s = useServices();
  const toast = useToast();
  const cat = useCatalogue();
  const villages = useData<{ items: VillageItem[] }>("villages", moreFor(s.api).villages, 5 * 60_000);
  const list = useData<BroadcastRow[]>("broadcasts", staffFor(s.api).broadcasts, 10_000);
  const [title, setTitle] = useState("");
  const [text, setText] = useState("");
  const [kind, setKind] = useState<AudienceKind>("village_groups");
  const [criterionId, setCriterionId] = useState("");
  const [villageId, setVillageId] = useState("");
  const [later, setLater] = useState<{ date: string; time: string } | null>(null);
  const [draft, setDraft] = useState<DraftPlan | null>(null);
  const [open, setOpen] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const bapi = useMemo(() => broadcastApi(s.api), [s.api]);

  const audience = (): Audience => {
    const v = villageId ? { villageIds: [villageId] } : {};
    if (kind === "officers") return { kind };
    return kind === "households_missing" ? { kind, criterionId, ...v } : { kind, ...v };
  };
  const sendAt = later ? vnEpoch(later.date, later.time) : undefined;
  const ready = title.trim() !== "" && text.trim() !== "" && (kind !== "households_missing" || criterionId !== "");
  const content = () => ({ title: title.trim(), text: text.trim(), audience: audience() });
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
  // Previewing saves nothing: only "Lưu nháp" keeps a draft.
  const preview = () =>
    run(async () => {
      setDraft(await bapi.plan({ ...content(), ...(sendAt ? { sendAt } : {}) }));
    }, "Chưa xem trước được.");
  const saveDraft = () =>
    run(async () => {
      await bapi.compose(content(), "draft");
      toast("Đã lưu bản nháp.");
      void list.reload();
    }, "Chưa lưu được bản nháp.");
  // The preview is the confirmation step: "Gửi ngay" / "Hẹn giờ gửi" shows only under the sentence saying who gets what and when.
  const send = () =>
    run(async () => {
      const b = await bapi.compose(content(), sendAt ? "at" : "now", sendAt ? { sendAt } : {});
      toast(b.status === "queued" ? "Đã đưa thông báo vào hàng gửi." : "Đã hẹn giờ gửi.");
      setDraft(null);
      setTitle("");
      setText("");
      setLater(null);
      if (b.status === "queued") setOpen(b.id);
      void list.reload();
    }, "Chưa gửi được.");

  return (
    <Screen title={screenTitle} backTo="/can-bo">
      <section className="card" aria-label="Soạn thông báo">
        <h2>Soạn thông báo</h2>
        <label className="field">
          <span>Tiêu đề</span>
          <input value={title} maxLength={200} onChange={(e) => (setTitle(e.target.value), setDraft(null))} placeholder="Ví dụ: Đội lưu động đến thôn sáng thứ Bảy" />
        </label>
        <label className="field">
          <span>Nội dung</span>
          <textarea value={text} maxLength={2000} rows={5} onChange={(e) => (setText(e.target.value), setDraft(null))} />
        </label>
        <label className="field">
          <span>Gửi tới</span>
          <select name="audience" value={kind} onChange={(e) => (setKind(e.target.value as AudienceKind), setDraft(null))}>
            {AUDIENCES.map((a) => (
              <option key={a.kind} value={a.kind}>
                {a.label}
              </option>
            ))}
          </select>
        </label>
        {kind === "households_missing" && (
          <label className="field">
            <span>Tiêu chí còn thiếu</span>
            <select name="criterionId" value={criterionId} onChange={(e) => (setCriterionId(e.target.value), setDraft(null))}>
              <option value="">Chọn tiêu chí…</option>
              {(cat.data?.criteria ?? []).map((c) => (
                <option key={c.id} value={c.id}>
                  {c.label}
                </option>
              ))}
            </select>
          </label>
        )}
        <label className="field">
          <span>Thôn</span>
          <select name="villageId" value={villageId} disabled={kind === "officers"} onChange={(e) => (setVillageId(e.target.value), setDraft(null))}>
            <option value="">Tất cả các thôn</option>
            {(villages.data?.items ?? []).map((v) => (
              <option key={v.id} value={v.id}>
                {v.name}
              </option>
            ))}
          </select>
        </label>
        <label className="row" style={{ gap: 8, alignItems: "center", minHeight: 44 }}>
          <input
            type="checkbox"
            checked={later !== null}
            style={{ width: 22, height: 22 }}
            onChange={(e) => {
              const t = Math.ceil((Date.now() + 3_600_000) / 3_600_000) * 3_600_000;
              setLater(e.target.checked ? { date: vnDate(t), time: `${String(new Date(t + 7 * 3_600_000).getUTCHours()).padStart(2, "0")}:00` } : null);
              setDraft(null);
            }}
          />
          <span>Hẹn giờ gửi (không chọn: gửi ngay khi xác nhận)</span>
        </label>
        {later && <DayTimePicker fieldClass="field" date={later.date} time={later.time} now={Date.now()} onChange={(date, time) => (setLater({ date, time }), setDraft(null))} />}
        {!ready && (title.trim() !== "" || text.trim() !== "") && <p className="muted">{!title.trim() ? "Cần nhập tiêu đề." : !text.trim() ? "Cần nhập nội dung." : "Chọn tiêu chí còn thiếu."}</p>}
        <div className="btn-row">
          <Button size="large" disabled={!ready || busy} onClick={() => void preview()}>
            Xem trước
          </Button>
          <Button size="large" variant="secondary" disabled={!ready || busy} onClick={() => void saveDraft()}>
            Lưu nháp
          </Button>
        </div>
        {draft && (
          <div className="stack" data-testid="broadcast-preview">
            <h3>Sẽ gửi qua</h3>
            <Counts counts={draft.counts} />
            {draft.counts.none > 0 && <p className="muted">“Không gửi được”: Zalo không cho phép gửi lúc này (người dân không nhắn trang Zalo của xã trong 7 ngày qua và chưa bấm “Quan tâm” trang, hoặc đã từ chối nhận tin).</p>}
            {draft.counts.relay > 0 && <p className="muted">“Nhờ trưởng thôn chuyển”: trưởng thôn nhận nội dung để chuyển vào nhóm của thôn.</p>}
            <ChannelTexts plan={draft} />
            {draft.empty ? (
              <Banner kind="warn" title="Chưa gửi được">
                <p data-testid="broadcast-empty">{draft.empty}</p>
              </Banner>
            ) : (
              <p data-testid="broadcast-confirm-sentence">
                <b>{draft.confirmation}</b>
              </p>
            )}
            <div className="btn-row">
              <Button size="large" disabled={busy || draft.empty !== null} onClick={() => void send()}>
                {sendAt ? "Hẹn giờ gửi" : "Gửi ngay"}
              </Button>
            </div>
          </div>
        )}
      </section>

      <section className="card" aria-label="Thông báo đã soạn">
        <h2>Thông báo đã soạn</h2>
        {!list.data && (list.error ? <Failed message={list.error.message} retry={() => void list.reload()} /> : <Loading />)}
        {list.data?.length === 0 && <p className="muted">Chưa có thông báo nào.</p>}
        {list.data
          ?.slice()
          .sort((a, b) => b.id - a.id)
          .slice(0, 20)
          .map((b) => (
            <div key={b.id} className="stack" data-broadcast={b.id} style={{ gap: 4, borderTop: "1px solid var(--line, #e5e7eb)", paddingTop: 8 }}>
              <div className="row between">
                <b>{b.title}</b>
                <span className="muted">{b.status === "queued" ? "Đã gửi" : b.status === "scheduled" ? "Đã hẹn giờ" : "Bản nháp"}</span>
              </div>
              <p className="muted">{`${b.createdBy.replace(/\s*\(\d+\)$/, "")} · ${b.status === "scheduled" && b.sendAt ? `hẹn gửi ${when(new Date(b.sendAt).toISOString())}` : when(new Date(b.createdAt).toISOString())}`}</p>
              {b.status === "queued" &&
                (open === b.id ? (
                  <Report id={b.id} />
                ) : (
                  <Button size="small" variant="secondary" onClick={() => setOpen(b.id)}>
                    Xem báo cáo gửi
                  </Button>
                ))}
            </div>
          ))}
      </section>
    </Screen>
  );
}

function Counts({ counts }: { counts: Partial<Record<BroadcastChannel, number>> }) {
  return (
    <ul className="stack" style={{ gap: 4, listStyle: "none", paddingLeft: 0 }}>
      {CHANNELS.map((c) => (
        <li key={c} className="row between" data-channel={c}>
          <span>{CHANNEL_LABELS[c]}</span>
          <b>{counts[c] ?? 0}</b>
        </li>
      ))}
    </ul>
  );
}

/** The delivery report: sent, received and seen (Zalo's delivery webhooks), refused with the reason, relayed. */
function Report({ id }: { id: number }) {
  const s = useServices();
  const d = useData<BroadcastReport>(`broadcast-report:${id}`, () => staffFor(s.api).broadcastReport(id), 3_000);
  if (!d.data) return d.error ? <Failed message={d.error.message} retry={() => void d.reload()} /> : <Loading />;
  const r = d.data.summary;
  const refused = d.data.deliveries.filter((x) => x.status === "failed" || x.status === "outside_window");
  const reasons = new Map<string, number>();
  for (const x of refused) {
    const why = x.errorMessage ?? (x.status === "outside_window" ? "Ngoài khung giờ hoặc hạn mức Zalo cho phép" : x.reason);
    reasons.set(why, (reasons.get(why) ?? 0) + 1);
  }
  const rows: [string, number][] = [
    ["Đã gửi", r.sent],
    ["Đã nhận", r.received],
    ["Đã xem", r.seen],
    ["Bị từ chối", r.refused],
    ["Nhờ trưởng thôn chuyển", r.relayed],
    ["Không gửi được", r.unreachable],
    ["Đang chờ gửi", r.pending],
  ];
  return (
    <div className="stack" data-testid={`broadcast-report-${id}`} style={{ gap: 4 }}>
      <p className="muted">{`Tổng ${r.total} người nhận`}</p>
      <ul className="stack" style={{ gap: 4, listStyle: "none", paddingLeft: 0 }}>
        {rows.map(([label, n]) => (
          <li key={label} className="row between">
            <span>{label}</span>
            <b>{n}</b>
          </li>
        ))}
      </ul>
      {reasons.size > 0 && (
        <Banner kind="warn" title="Lý do bị từ chối">
          <ul>
            {[...reasons].map(([why, n]) => (
              <li key={why}>{`${why} (${n})`}</li>
            ))}
          </ul>
        </Banner>
      )}
    </div>
  );
}
