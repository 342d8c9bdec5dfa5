import "../ui/lazy-styles";
import { Button } from "zmp-ui";
import type { GuideView } from "../api/types";
import { useHousehold } from "../app/household";
import { useData, useServices } from "../app/hooks";
import { PlatformError } from "../platform/types";
import { Icon } from "../ui/icons";
import { Failed, Loading, Screen, useToast } from "../ui/parts";
import { back } from "../ui/router";
import { SyncBanner } from "./SyncBanner";
import { Stale } from "./Stale";
import * as ic from "../ui/lazy-paths";
import { moreFor } from "../api/more";
import { useConfig } from "./Home";
// The follow button lives with the family screen (no chunk of its own: first-load budget).
import { FOLLOW_GUIDE, FollowOA } from "./Family";

/** A guide's steps inside the app, from the bot (rendered with the commune's names and links). */
export function GuideScreen({ guideId, criterionId, householdId }: { guideId: string; criterionId: string | null; householdId: number | undefined }) {
  const s = useServices();
  const toast = useToast();
  const g = useData<GuideView>(`guide:${guideId}`, () => moreFor(s.api).guide(guideId), 30 * 60_000);
  const h = useHousehold(householdId);
  const config = useConfig();
  const criterion = criterionId ? h.view?.criteria.find((c) => c.id === criterionId) : undefined;
  if (!g.data) {
    return <Screen title="Hướng dẫn" backTo="/">{g.error ? <Failed message={g.error.message} retry={() => void g.reload()} /> : <Loading />}</Screen>;
  }
  const guide = g.data;
  const ask = async () => {
    try {
      await s.platform.openGuideChat({ id: guide.id, title: guide.title });
      if (s.platform.kind === "browser") toast("Đã gửi câu hỏi vào khung chat của xã (trình mô phỏng Zalo).");
    } catch (err) {
      toast(err instanceof PlatformError ? err.message : "Chưa mở được khung chat Zalo.");
    }
  };
  return (
    <Screen
      title="Hướng dẫn"
      backTo="/"
      status={
        <>
          <SyncBanner />
          <Stale d={g} offline={null} />
        </>
      }
    >
      <section className="card">
        <h2>{guide.title}</h2>
        <p>{guide.summary}</p>
      </section>
      {guide.id === FOLLOW_GUIDE && (
        <section className="card" aria-label="Quan tâm bằng một nút bấm">
          <h3>Cách nhanh nhất: một nút bấm</h3>
          <p>Bác bấm nút dưới đây là xong, không cần quét mã QR hay tìm kiếm.</p>
          <FollowOA oaName={config.data?.oa.name ?? "trang Zalo của xã"} householdId={householdId} offerTick={false} />
        </section>
      )}
      <section className="card" aria-label="Các bước">
        {guide.id === FOLLOW_GUIDE && <h3>Hoặc tự làm trong Zalo</h3>}
        <ol className="steps">
          {guide.steps.map((step, i) => (
            <li key={i}>
              <div className="stack" style={{ gap: 6 }}>
                <span>{step.text}</span>
                {step.image && <img src={step.image.url} alt={step.image.alt} loading="lazy" />}
                {step.link && (
                  <a href={step.link.url} target="_blank" rel="noopener noreferrer">
                    {step.link.title}
                  </a>
                )}
              </div>
            </li>
          ))}
        </ol>
      </section>
      <div className="stack">
        {criterion && criterion.status !== "met" && (
          <Button
            size="large"
            className="btn-wide"
            onClick={() => {
              h.answer(criterion.id, "dat");
              toast("Đã đánh dấu “Đạt”. Cảm ơn bác!");
              back("/");
            }}
          >
            Tôi đã làm được: đánh dấu “Đạt”
          </Button>
        )}
        <button className="link-btn" type="button" onClick={() => void ask()}>
          <Icon p={ic.chat} />
          <span className="grow">Vẫn chưa làm được? Hỏi trên Zalo</span>
        </button>
      </div>
    </Screen>
  );
}
