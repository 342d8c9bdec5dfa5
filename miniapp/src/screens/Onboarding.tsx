import "../ui/lazy-styles";
import { lazy, useEffect, useMemo, useState } from "react";
import { Button } from "zmp-ui";
import { removeDiacritics } from "../../../shared/text/fold";
import { ApiError } from "../api/client";
import type { VillageItem } from "../api/types";
import { adoptHousehold } from "../app/adopt";
import { useData, useServices } from "../app/hooks";
import { Stale } from "./Stale";
import { Icon } from "../ui/icons";
import { Banner, Failed, Loading, Screen } from "../ui/parts";
import { back, go } from "../ui/router";
import { useCatalogue } from "./Home";
import * as ic from "../ui/lazy-paths";
import { moreFor } from "../api/more";

const fold = (s: string) => removeDiacritics(s).toLowerCase().trim();

/** What was typed so far: kept across the steps, a reload, or Zalo sending the app to the background. */
interface Draft {
  village: VillageItem | null;
  label: string;
  memberName: string;
  flags: { business: boolean; producer: boolean };
}
const DRAFT_KEY = "gds.onboarding.draft";
const emptyDraft: Draft = { village: null, label: "", memberName: "", flags: { business: false, producer: false } };
function readDraft(): Draft {
  try {
    return { ...emptyDraft, ...(JSON.parse(sessionStorage.getItem(DRAFT_KEY) ?? "null") as Partial<Draft> | null) };
  } catch {
    return emptyDraft;
  }
}

/** The step is in the address ("#/?buoc=2"): each step is a history entry, so the phone's back button goes one step back. */
function location_(): { base: string; step: number } {
  const [path = "/", q = ""] = location.hash.replace(/^#/, "").split("?");
  const n = Number(new URLSearchParams(q).get("buoc"));
  return { base: path || "/", step: n === 2 || n === 3 ? n : 1 };
}

/**
 * After registering: leaves the steps' history entries (one back() each), then lands on the checklist.
 * A person who taps elsewhere meanwhile (the Gia đình tab) stays there.
 */
function unwind(from?: string): void {
  const { base, step } = location_();
  if (from && base !== from) return;
  if (step === 1) {
    go("/", { replace: true });
    return;
  }
  window.addEventListener("hashchange", () => setTimeout(() => unwind(base)), { once: true });
  back(base);
}

// "Tôi là trưởng thôn / cán bộ, có mã liên kết" (#/dang-ky?lien-ket): a chunk of its own. Routed here,
// not in App.tsx, whose bytes are the first download (the registration is where an unlinked person lands).
const StaffLinkScreen = lazy(() => import("./staff-link/StaffLink"));

export function OnboardingScreen({ name }: { name: string | undefined }) {
  return /[?&]lien-ket(&|$)/.test(location.hash) ? <StaffLinkScreen /> : <Registration name={name} />;
}

/** First run: which village, what the family is called, business and producing flags. One question a screen. */
function Registration({ name }: { name: string | undefined }) {
  const s = useServices();
  const villages = useData<{ items: VillageItem[] }>("villages", moreFor(s.api).villages, 10 * 60_000);
  const cat = useCatalogue();
  const { base, step: asked } = location_();
  const [query, setQuery] = useState("");
  const [draft, setDraft] = useState(readDraft);
  const { village, label, memberName, flags } = draft;
  const edit = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  useEffect(() => {
    try {
      sessionStorage.setItem(DRAFT_KEY, JSON.stringify(draft));
    } catch {
      /* private mode: the draft lives as long as the screen */
    }
  }, [draft]);
  // Opened on step 2 or 3 without a village (an old link): start at step 1.
  const step = village ? asked : 1;
  const toStep = (n: number) => go(n === 1 ? base : `${base}?buoc=${n}`);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const shown = useMemo(() => {
    const q = fold(query);
    return (villages.data?.items ?? []).filter((v) => q === "" || fold(`${v.kind} ${v.name}`).includes(q));
  }, [villages.data, query]);

  const labelProblem = (() => {
    const t = label.trim();
    if (t.length < 3) return "Tên hộ ngắn quá. Bác ghi rõ hơn, ví dụ “Hộ ông Nguyễn Văn A, xóm 2”.";
    if (/\d(?:[ .-]?\d){8,}/.test(t)) return "Không ghi số căn cước, chứng minh nhân dân hay số điện thoại vào tên hộ.";
    return null;
  })();

  const submit = async () => {
    if (!village) return;
    setBusy(true);
    setError(null);
    try {
      const h = await moreFor(s.api).register({ villageId: village.id, label: label.trim(), flags, ...(memberName.trim() ? { memberName: memberName.trim() } : {}) });
      adoptHousehold(s, h);
      sessionStorage.removeItem(DRAFT_KEY);
      unwind();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : "Chưa đăng ký được. Bác thử lại nhé.");
    } finally {
      setBusy(false);
    }
  };

  return (
    <Screen
      title="Đăng ký hộ gia đình"
      {...(step > 1 ? { backTo: step === 3 ? `${base}?buoc=2` : base } : {})}
      status={<Stale d={villages} offline="Gửi đăng ký cần có mạng: bác cứ điền, có mạng thì bấm gửi." />}
    >
      {step === 1 && (
        <>
          <section className="card">
            <h2>{name ? `Chào ${name}!` : "Xin chào!"}</h2>
            <p>Ứng dụng giúp cả nhà tự đánh giá và hoàn thành các tiêu chí “Gia đình số” của xã.</p>
            <p className="muted">Bước 1/3: Hộ mình ở thôn nào?</p>
          </section>
          <label className="field">
            <span>Tìm thôn</span>
            <input type="search" value={query} placeholder="Gõ tên thôn, ví dụ: Đông Xuân" onChange={(e) => setQuery(e.target.value)} aria-label="Tìm thôn" />
          </label>
          {villages.error && !villages.data && <Failed message={villages.error.message} retry={() => void villages.reload()} />}
          {!villages.data && !villages.error && <Loading />}
          <div className="card list" role="list" aria-label="Các thôn">
            {shown.map((v) => (
              <button
                key={v.id}
                type="button"
                role="listitem"
                className="choice"
                aria-current={village?.id === v.id ? "true" : undefined}
                onClick={() => {
                  edit({ village: v });
                  toStep(2);
                }}
              >
                <Icon p={ic.village} />
                <span className="grow">{v.name}</span>
                <Icon p={ic.chevron} />
              </button>
            ))}
            {villages.data && shown.length === 0 && <p className="muted">Không thấy thôn nào có tên như vậy.</p>}
          </div>
          <button className="link-btn" type="button" onClick={() => go("/tham-gia")}>
            <Icon p={ic.family} />
            <span className="grow">Tham gia hộ: người nhà đã đăng ký và gửi mã mời</span>
            <Icon p={ic.chevron} />
          </button>
          <button className="link-btn" type="button" onClick={() => go("/dang-ky?lien-ket")}>
            <Icon p={ic.head} />
            <span className="grow">Tôi là trưởng thôn / cán bộ, có mã liên kết</span>
            <Icon p={ic.chevron} />
          </button>
        </>
      )}
      {step === 2 && village && (
        <>
          <section className="card">
            <p className="muted">{`Bước 2/3 · ${village.name}`}</p>
            <h2>Bà con vẫn gọi hộ mình là gì?</h2>
          </section>
          <label className="field">
            <span>Tên hộ</span>
            <input value={label} maxLength={120} placeholder="Hộ ông Nguyễn Văn A, xóm 2" onChange={(e) => edit({ label: e.target.value })} autoComplete="off" />
            <small className="muted">Không ghi số căn cước hay số điện thoại.</small>
            {label.trim().length > 0 && labelProblem && <small className="err">{labelProblem}</small>}
          </label>
          <label className="field">
            <span>Tên của bác trong nhà (không bắt buộc)</span>
            <input value={memberName} maxLength={80} placeholder="Ví dụ: Chị Hoa" onChange={(e) => edit({ memberName: e.target.value })} autoComplete="off" />
          </label>
          <div className="btn-row">
            <Button variant="secondary" size="large" onClick={() => back(base)}>
              Chọn lại thôn
            </Button>
            <Button size="large" disabled={labelProblem !== null} onClick={() => toStep(3)}>
              Tiếp
            </Button>
          </div>
        </>
      )}
      {step === 3 && village && (
        <>
          <section className="card">
            <p className="muted">Bước 3/3</p>
            <h2>Hộ mình có những việc này không?</h2>
            <p className="muted">Một vài tiêu chí chỉ dành cho hộ kinh doanh hoặc hộ sản xuất.</p>
          </section>
          {(cat.data?.flags ?? [
            { id: "business" as const, label: "Hộ kinh doanh, doanh nghiệp, nhà trọ, khách sạn" },
            { id: "producer" as const, label: "Hộ hoặc cơ sở sản xuất có sản phẩm để bán" },
          ]).map((f) => (
            <label key={f.id} className="toggle" data-on={flags[f.id]}>
              <input
                type="checkbox"
                role="switch"
                className="sr-only"
                checked={flags[f.id]}
                onChange={(e) => edit({ flags: { ...flags, [f.id]: e.target.checked } })}
              />
              <span className="grow">{f.label}</span>
              <span className="state" aria-hidden="true">{flags[f.id] ? "Có" : "Không"}</span>
              <span className="switch" aria-hidden="true" />
            </label>
          ))}
          {error && <Banner kind="bad">{error}</Banner>}
          <div className="btn-row">
            <Button variant="secondary" size="large" onClick={() => back(`${base}?buoc=2`)}>
              Quay lại
            </Button>
            <Button size="large" loading={busy} disabled={busy} onClick={() => void submit()}>
              Bắt đầu đánh giá
            </Button>
          </div>
        </>
      )}
    </Screen>
  );
}
