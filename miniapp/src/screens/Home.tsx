import { useEffect, useState } from "react";
import type { AnswerValue, CatalogueView, HouseholdView, MiniAppConfig } from "../api/types";
import { useHousehold } from "../app/household";
import { useData, useServices } from "../app/hooks";
import { PlatformError } from "../platform/types";
import { allowedAnswers, type CriterionState } from "../state/household";
import { Badge, Icon } from "../ui/icons";
import { Bar, Failed, Loading, Ring, Screen, useToast } from "../ui/parts";
import { go } from "../ui/router";
import { SyncBanner } from "./SyncBanner";
import * as ic from "../ui/paths";

const ANSWER_TEXT: Record<AnswerValue, string> = { dat: "Đạt", chua_dat: "Chưa đạt", khong_ap_dung: "Không áp dụng" };
const ANSWER_ICON = { dat: ic.check, chua_dat: ic.cross, khong_ap_dung: ic.dash };

export function useCatalogue() {
  const { ep } = useServices();
  return useData<CatalogueView>("catalogue", ep.catalogue, 10 * 60_000);
}

export function useConfig() {
  const { ep } = useServices();
  return useData<MiniAppConfig>("config", ep.config, 10 * 60_000);
}

/** The household's checklist by pillar, its progress and the "Gia đình số" badge. */
export function HomeScreen({ householdId, onShown }: { householdId: number; onShown: () => void }) {
  const h = useHousehold(householdId);
  const cat = useCatalogue();
  const view = h.view;
  const catalogue = cat.data;
  const ready = !!view && !!catalogue;
  // The commune changed its set since the catalogue was cached: the household's list (the server's words) says so first.
  const stale = ready && view.criteria.map((c) => c.label).join() != catalogue.criteria.map((c) => c.label).join();
  useEffect(() => {
    if (ready) onShown();
  }, [ready, onShown]);
  useEffect(() => {
    if (stale) void cat.reload();
  }, [stale]); // eslint-disable-line react-hooks/exhaustive-deps
  if (!ready) {
    const err = h.error ?? cat.error;
    return (
      <Screen title="Hộ của tôi">
        {err ? <Failed message={err.message} retry={() => void (h.reload(), cat.reload())} /> : <Loading />}
      </Screen>
    );
  }
  const applies = view.criteria.filter((c) => c.appliesByFlags);
  const notApplying = view.criteria.filter((c) => !c.appliesByFlags);
  return (
    <Screen title={view.label} status={<SyncBanner stale={h} />}>
      <ProgressCard view={view} />
      {catalogue.pillars.map((pl) => {
        const items = applies.filter((c) => c.pillar === pl.id);
        if (!items.length) return null;
        const p = view.progress.pillars.find((x) => x.pillar === pl.id);
        return (
          <section key={pl.id} className="stack" aria-label={pl.label}>
            <h2 className="section-title">
              {pl.label}
              {p && <span className="muted">{`Đạt ${p.met}/${p.applicable}`}</span>}
            </h2>
            {items.map((c) => (
              <CriterionCard
                key={c.id}
                c={c}
                meta={catalogue.criteria.find((x) => x.id == c.id)}
                pending={h.pendingIds.has(c.id)}
                refused={h.sync.refused.some((r) => r.pending.criterionId === c.id && r.pending.value !== c.answer?.value)}
                onAnswer={(v) => h.answer(c.id, v)}
              />
            ))}
          </section>
        );
      })}
      {notApplying.length > 0 && (
        <details className="card">
          <summary>{`${notApplying.length} tiêu chí không áp dụng cho hộ mình`}</summary>
          <ul className="muted" style={{ margin: 0, paddingLeft: 20 }}>
            {notApplying.map((c) => (
              <li key={c.id}>{c.label}</li>
            ))}
          </ul>
          <p className="muted">Nếu hộ có kinh doanh hoặc sản xuất để bán, bác sửa ở mục “Gia đình”.</p>
        </details>
      )}
    </Screen>
  );
}

function ProgressCard({ view }: { view: HouseholdView }) {
  const p = view.progress;
  return (
    <section className="card" aria-label="Tiến độ của hộ">
      <div className="row">
        {p.fullyMet ? <Badge size={96} /> : <Ring value={p.met} max={p.applicable} size={112} label="Tiêu chí đã đạt" />}
        <div className="stack" style={{ gap: 4 }}>
          {p.fullyMet ? (
            <>
              <h2 data-testid="badge">Hộ đã đạt “Gia đình số”</h2>
              <p className="muted">{`Đạt cả ${p.applicable}/${p.applicable} tiêu chí. Cảm ơn gia đình!`}</p>
            </>
          ) : (
            <>
              <h2 data-testid="progress">{`Đã đạt ${p.met}/${p.applicable} tiêu chí`}</h2>
              <p className="muted">{`Còn ${p.applicable - p.met} tiêu chí nữa là hộ đạt “Gia đình số”.`}</p>
              {p.answered < p.applicable && <p className="muted">{`Chưa trả lời: ${p.applicable - p.answered}`}</p>}
            </>
          )}
        </div>
      </div>
      <div className="stack" style={{ gap: 6 }}>
        {p.pillars.map((pl) => (
          <div key={pl.pillar}>
            <div className="row between muted">
              <span>{pl.label}</span>
              <span>{`${pl.met}/${pl.applicable}`}</span>
            </div>
            <Bar percent={pl.applicable ? (pl.met / pl.applicable) * 100 : 0} ok={pl.fullyMet} />
          </div>
        ))}
      </div>
    </section>
  );
}

type Meta = CatalogueView["criteria"][number] | undefined;

function CriterionCard({ c, meta, pending, refused, onAnswer }: { c: CriterionState; meta: Meta; pending: boolean; refused: boolean; onAnswer: (v: AnswerValue) => void }) {
  const s = useServices();
  const toast = useToast();
  const config = useConfig();
  const [asking, setAsking] = useState(false);
  const value = c.answer?.value;
  const choices = allowedAnswers(c);
  const guideId = meta?.guideId;
  const guideTitle = config.data?.guides.find((g) => g.id === guideId)?.title ?? c.label;
  const needsHelp = c.status === "unmet" || c.status === "unanswered";
  const ask = async () => {
    if (!guideId) return;
    setAsking(true);
    try {
      await s.platform.openGuideChat({ id: guideId, title: guideTitle });
      if (s.platform.kind === "browser") toast("Đã gửi câu hỏi vào khung chat của xã (trình mô phỏng Zalo).");
    } catch (err) {
      toast(err instanceof PlatformError ? err.message : "Chưa mở được khung chat Zalo.");
    } finally {
      setAsking(false);
    }
  };
  return (
    <article className={`card criterion ${c.status}`} data-criterion={c.id} aria-label={c.label}>
      <p className="label">{c.label}</p>
      {meta?.help && (
        <details>
          <summary className="muted">Thế nào là đạt?</summary>
          <p className="muted">{meta.help}</p>
        </details>
      )}
      <div className="answers" role="group" aria-label="Trả lời">
        {choices.map((v) => (
          <button key={v} type="button" className={v} aria-pressed={value === v} onClick={() => value !== v && onAnswer(v)}>
            <Icon p={ANSWER_ICON[v]} size={20} />
            {ANSWER_TEXT[v]}
          </button>
        ))}
      </div>
      {choices.includes("khong_ap_dung") && meta?.relevance.declineHint && <p className="muted">{`“Không áp dụng”: ${meta.relevance.declineHint}.`}</p>}
      <div className="row" style={{ flexWrap: "wrap", gap: 8 }}>
        {pending && (
          <span className="chip warn">
            <Icon p={ic.clock} size={16} />
            Chờ gửi
          </span>
        )}
        {refused && <span className="chip bad">Câu trả lời chưa được nhận</span>}
        {c.answer?.verified && (
          <span className="chip ok">
            <Icon p={ic.shield} size={16} />
            Trưởng thôn đã xác nhận
          </span>
        )}
      </div>
      {needsHelp && guideId && (
        <div className="btn-row">
          <button className="link-btn" type="button" onClick={() => go(`/huong-dan/${guideId}?tc=${c.id}`)}>
            <Icon p={ic.book} />
            <span className="grow">Xem hướng dẫn</span>
          </button>
          <button className="link-btn" type="button" onClick={() => void ask()} disabled={asking}>
            <Icon p={ic.chat} />
            <span className="grow">Hỏi trên Zalo</span>
          </button>
        </div>
      )}
    </article>
  );
}
