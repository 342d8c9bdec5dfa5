import "../ui/lazy-styles";
import { useMemo, useState } from "react";
import { Button } from "zmp-ui";
import { removeDiacritics } from "../../../shared/text/fold";
import { ApiError } from "../api/client";
import type { VillageItem } from "../api/types";
import { adoptHousehold } from "../app/adopt";
import { useData, useServices } from "../app/hooks";
import { Icon } from "../ui/icons";
import { Banner, Failed, Loading, Screen } from "../ui/parts";
import { go } from "../ui/router";
import { useCatalogue } from "./Home";
import * as ic from "../ui/paths";
import { moreFor } from "../api/more";

const fold = (s: string) => removeDiacritics(s).toLowerCase().trim();

/** First run: which village, what the family is called, business and producing flags. One question a screen. */
export function OnboardingScreen({ name }: { name: string | undefined }) {
  const s = useServices();
  const villages = useData<{ items: VillageItem[] }>("villages", moreFor(s.api).villages, 10 * 60_000);
  const cat = useCatalogue();
  const [step, setStep] = useState(1);
  const [query, setQuery] = useState("");
  const [village, setVillage] = useState<VillageItem | null>(null);
  const [label, setLabel] = useState("");
  const [memberName, setMemberName] = useState("");
  const [flags, setFlags] = useState({ business: false, producer: false });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const shown = useMemo(() => {
    const q = fold(query);
    return (villages.data?.items ?? []).filter((v) => q === "" || fold(`${v.kind} ${v.name}`).includes(q));
  }, [villages.data, query]);

  const labelProblem = (() => {
    const t = label.trim();
    if (t.length < 3) return "Tên hộ cần ít nhất 3 chữ, ví dụ “Hộ ông Nguyễn Văn A, xóm 2”.";
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
      go("/", { replace: true });
    } catch (err) {
      setError(err instanceof ApiError ? err.message : "Chưa đăng ký được. Bác thử lại nhé.");
    } finally {
      setBusy(false);
    }
  };

  return (
    <Screen title="Đăng ký hộ gia đình" {...(step > 1 ? { backTo: "/" } : {})}>
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
                onClick={() => {
                  setVillage(v);
                  setStep(2);
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
            <input value={label} maxLength={120} placeholder="Hộ ông Nguyễn Văn A, xóm 2" onChange={(e) => setLabel(e.target.value)} autoComplete="off" />
            <small className="muted">Không ghi số căn cước hay số điện thoại.</small>
            {label.trim().length > 0 && labelProblem && <small className="err">{labelProblem}</small>}
          </label>
          <label className="field">
            <span>Tên của bác trong nhà (không bắt buộc)</span>
            <input value={memberName} maxLength={80} placeholder="Ví dụ: Chị Hoa" onChange={(e) => setMemberName(e.target.value)} autoComplete="off" />
          </label>
          <div className="btn-row">
            <Button variant="secondary" size="large" onClick={() => setStep(1)}>
              Chọn lại thôn
            </Button>
            <Button size="large" disabled={labelProblem !== null} onClick={() => setStep(3)}>
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
                className="sr-only"
                checked={flags[f.id]}
                onChange={(e) => setFlags((x) => ({ ...x, [f.id]: e.target.checked }))}
              />
              <span className="grow">{f.label}</span>
              <span className={flags[f.id] ? "chip" : "chip warn"}>{flags[f.id] ? "Có" : "Không"}</span>
            </label>
          ))}
          {error && <Banner kind="bad">{error}</Banner>}
          <div className="btn-row">
            <Button variant="secondary" size="large" onClick={() => setStep(2)}>
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
