import { PrivacyScreen } from "./Privacy";
import "../ui/lazy-styles";
import { Suspense, lazy, useEffect, useState } from "react";
import { Button } from "zmp-ui";
import { ApiError } from "../api/client";
import type { HouseholdView, InviteResponse, Me } from "../api/types";
import { adoptHousehold } from "../app/adopt";
import { useHousehold } from "../app/household";
import { useServices } from "../app/hooks";
import { newSandboxUserId } from "../platform";
import { PlatformError } from "../platform/types";
import { Icon } from "../ui/icons";
import { Banner, Loading, Screen, useToast } from "../ui/parts";
import { when } from "../ui/format";
import { go } from "../ui/router";
import { useCatalogue, useConfig } from "./Home";
import * as ic from "../ui/lazy-paths";
import { moreFor } from "../api/more";
import { Stale } from "./Stale";

// "Gia đình thuộc nhóm nào?": a chunk of its own, fetched when the family screen shows.
const FamilySegments = lazy(() => import("./segments/FamilySegments"));

/** The family: members, invite someone, what kind of household, "Quan tâm" the OA; the sandbox's people. */
export function FamilyScreen({ me }: { me: Me }) {
  const s = useServices();
  const toast = useToast();
  const hid = me.household?.id;
  const h = useHousehold(hid);
  const cat = useCatalogue();
  const config = useConfig();
  const [invite, setInvite] = useState<InviteResponse | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const run = async (what: string, fn: () => Promise<void>) => {
    setBusy(what);
    try {
      await fn();
    } catch (err) {
      toast(err instanceof ApiError || err instanceof PlatformError ? err.message : "Có lỗi, bác thử lại nhé.");
    } finally {
      setBusy(null);
    }
  };

  const share = (inv: InviteResponse) =>
    run("share", async () => {
      const r = await s.platform.share({ title: "Mời vào hộ trên Gia đình số", text: `Mã mời vào hộ “${me.household?.label ?? ""}” trên ứng dụng Gia đình số: ${inv.code}\n${inv.instructions}` });
      toast(r === "copied" ? "Đã chép lời mời. Bác dán vào tin nhắn Zalo gửi người nhà." : r === "shared" ? "Đã gửi lời mời." : "Chưa gửi lời mời.");
    });

  const setFlag = (view: HouseholdView, flag: "business" | "producer", on: boolean) =>
    run(flag, async () => {
      const updated = await moreFor(s.api).updateHousehold(view.id, { flags: { [flag]: on } });
      adoptHousehold(s, updated);
    });

  return (
    <Screen title="Gia đình" status={<Stale d={h} offline="Mời người nhà, đổi loại hộ và quan tâm trang Zalo của xã cần có mạng: có mạng bác làm lại nhé." />}>
      {hid && !h.view && <Loading />}
      {h.view && (
        <>
          <section className="card" aria-label="Thành viên">
            <h2>{h.view.label}</h2>
            <p className="muted">{h.view.villageName}</p>
            <div className="list">
              {h.view.members.map((m, i) => (
                <div key={i} className="choice" style={{ cursor: "default" }}>
                  <Icon p={ic.family} />
                  <span className="grow">{`${m.name ?? "Thành viên"}${m.you ? " (chính bác)" : ""}`}</span>
                  <span className="muted">{m.chatLinked ? "Nhận tin của xã qua Zalo" : ""}</span>
                </div>
              ))}
            </div>
            {!invite ? (
              <Button size="large" className="btn-wide" loading={busy === "invite"} onClick={() => void run("invite", async () => setInvite(await moreFor(s.api).invite(h.view!.id)))}>
                Mời người nhà cùng đánh giá
              </Button>
            ) : (
              <Banner kind="ok" title={`Mã mời: ${invite.code}`}>
                <p>{invite.instructions}</p>
                <p className="muted">{`Dùng được đến ${when(invite.expiresAt)}.`}</p>
                <button className="link-btn" type="button" style={{ marginTop: 8 }} onClick={() => void share(invite)}>
                  <Icon p={ic.share} />
                  <span className="grow">Gửi mã cho người nhà qua Zalo</span>
                </button>
              </Banner>
            )}
          </section>
          <section className="card" aria-label="Loại hộ">
            <h2>Hộ mình có</h2>
            {(cat.data?.flags ?? []).map((f) => (
              <label key={f.id} className="toggle" data-on={h.view!.flags[f.id]}>
                <input type="checkbox" role="switch" className="sr-only" checked={h.view!.flags[f.id]} disabled={busy === f.id} onChange={(e) => void setFlag(h.view!, f.id, e.target.checked)} />
                <span className="grow">{f.label}</span>
                <span className="state" aria-hidden="true">{h.view!.flags[f.id] ? "Có" : "Không"}</span>
                <span className="switch" aria-hidden="true" />
              </label>
            ))}
          </section>
          <Suspense fallback={null}>
            <FamilySegments householdId={h.view.id} />
          </Suspense>
        </>
      )}
      {!hid && (
        <button className="link-btn" type="button" onClick={() => go("/dang-ky")}>
          <Icon p={ic.plus} />
          <span className="grow">Đăng ký hộ của tôi</span>
        </button>
      )}
      <section className="card" aria-label="Trang Zalo của xã">
        <h2>{`Trang Zalo của ${config.data ? `${config.data.commune.kind} ${config.data.commune.name}` : "xã"}`}</h2>
        <p className="muted">Bấm “Quan tâm” để nhận thông báo và hỏi hướng dẫn trên Zalo.</p>
        <FollowOA oaName={config.data?.oa.name ?? "trang Zalo của xã"} householdId={hid} />
      </section>
      <button className="link-btn" type="button" onClick={() => go("/du-lieu-cua-toi")}>
        <Icon p={ic.shield} />
        <span className="grow">Dữ liệu của tôi (tải về, xoá)</span>
      </button>
      {!me.roles.officer && me.roles.villageHeadOf.length === 0 && (
        <button className="link-btn" type="button" onClick={() => go("/dang-ky?lien-ket")}>
          <Icon p={ic.head} />
          <span className="grow">Tôi là trưởng thôn / cán bộ, có mã liên kết</span>
        </button>
      )}
      {config.data?.sandbox && <SandboxPeople people={config.data.sandbox.people} />}
    </Screen>
  );
}

/** Sandbox only: play someone else (a new resident, a village head, an officer) in this browser. */
function SandboxPeople({ people }: { people: { label: string; zaloUserId: string }[] }) {
  const pick = (uid: string | null) => location.assign(`${location.pathname}?as=${encodeURIComponent(uid ?? newSandboxUserId())}#/`);
  return (
    <section className="card" aria-label="Thử vai (sandbox)">
      <h2>Thử vai khác (sandbox)</h2>
      <p className="muted">Chỉ có khi chạy thử trên máy: trình mô phỏng Zalo đóng vai người dùng.</p>
      <div className="list">
        <button type="button" className="choice" onClick={() => pick(null)}>
          <Icon p={ic.plus} />
          <span className="grow">Một người dân mới</span>
        </button>
        {people.map((p) => (
          <button key={p.zaloUserId} type="button" className="choice" onClick={() => pick(p.zaloUserId)}>
            <Icon p={ic.head} />
            <span className="grow">{p.label}</span>
          </button>
        ))}
      </div>
    </section>
  );
}

/** Join a household someone in the family registered, with their invite code. */
export function JoinScreen() {
  const s = useServices();
  const [code, setCode] = useState("");
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [joined, setJoined] = useState<HouseholdView | null>(null);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const h = await moreFor(s.api).join(code, name.trim() || undefined);
      adoptHousehold(s, h);
      setJoined(h);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : "Chưa vào được hộ. Bác thử lại nhé.");
    } finally {
      setBusy(false);
    }
  };
  if (joined) return <Welcome h={joined} />;
  return (
    <Screen title="Tham gia hộ" backTo="/">
      <section className="card">
        <p>Người nhà đã đăng ký hộ sẽ gửi cho bác một mã mời gồm 8 chữ và số.</p>
      </section>
      <label className="field">
        <span>Mã mời</span>
        <input value={code} onChange={(e) => setCode(e.target.value.toUpperCase())} placeholder="K7Q2M9XA" autoCapitalize="characters" autoComplete="off" maxLength={14} />
      </label>
      <label className="field">
        <span>Tên của bác trong nhà (không bắt buộc)</span>
        <input value={name} onChange={(e) => setName(e.target.value)} placeholder="Ví dụ: Bà Lan" maxLength={80} />
      </label>
      {error && <Banner kind="bad">{error}</Banner>}
      <Button size="large" className="btn-wide" loading={busy} disabled={busy || code.trim().length < 6} onClick={() => void submit()}>
        Tham gia hộ
      </Button>
    </Screen>
  );
}

/** A family member who just joined: who they joined, what the app is for, one button to start. */
function Welcome({ h }: { h: HouseholdView }) {
  const p = h.progress;
  return (
    <Screen title="Chào mừng bác">
      <Banner kind="ok" icon={ic.check} title={`Bác đã vào hộ “${h.label}”`}>
        <p>{`Chào mừng bác về với cả nhà trên Gia đình số. Hộ đã đạt ${p.met}/${p.applicable} tiêu chí.`}</p>
      </Banner>
      <section className="card">
        <p>Cả nhà cùng đánh dấu những việc hộ đã làm được. Ai đánh dấu thì mọi người trong hộ đều thấy, bác không cần làm lại.</p>
        <p className="muted">Việc nào chưa biết làm, bác bấm “Xem hướng dẫn” ngay dưới việc đó.</p>
      </section>
      <Button size="large" className="btn-wide" onClick={() => go("/", { replace: true })}>
        Xem các việc của hộ
      </Button>
    </Screen>
  );
}

/** The family screen, or "Dữ liệu của tôi" reached from it (one chunk for both). */
export function FamilyRoute({ me, path }: { me: Me; path: string }) {
  return path === "/du-lieu-cua-toi" ? <PrivacyScreen /> : <FamilyScreen me={me} />;
}

/** The checklist's criterion about following the OAs (shared/criteria/gia-dinh-so.ts) and its guide. */
export const FOLLOW_CRITERION = "quan-tam-oa";
export const FOLLOW_GUIDE = "quan-tam-oa";

/** What Zalo last said (or what this app just did), shared by the screens that show the button. */
let known: boolean | undefined;

/**
 * "Quan tâm" the commune's OA in one tap (no QR code to scan). Once followed it says so instead of
 * offering the button again: Zalo tells whether this user follows (getUserInfo's followedOA), and a
 * follow made here counts at once. The checklist's criterion also asks for the province's channel,
 * which the app cannot see: after following, the household ticks it with one more tap, not silently.
 */
export function FollowOA({ oaName, householdId, offerTick = true }: { oaName: string; householdId: number | undefined; offerTick?: boolean }) {
  const s = useServices();
  const h = useHousehold(householdId);
  const [followed, setFollowed] = useState(known);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [justNow, setJustNow] = useState(false);
  useEffect(() => {
    let live = true;
    void s.platform.userInfo().then((u) => {
      if (live && typeof u?.followedOA === "boolean") setFollowed((known = u.followedOA));
    });
    return () => {
      live = false;
    };
  }, [s]);
  const criterion = offerTick ? h.view?.criteria.find((c) => c.id === FOLLOW_CRITERION && c.appliesByFlags) : undefined;

  const follow = async () => {
    setBusy(true);
    setError(null);
    try {
      await s.platform.followOA();
      setFollowed((known = true));
      setJustNow(true);
    } catch (err) {
      setError(err instanceof PlatformError ? err.message : "Chưa quan tâm được. Bác thử lại nhé.");
    } finally {
      setBusy(false);
    }
  };

  if (!followed) {
    return (
      <div className="stack" data-testid="follow-oa">
        <Button size="large" className="btn-wide" loading={busy} onClick={() => void follow()}>
          {`Quan tâm ${oaName}`}
        </Button>
        {error && <Banner kind="bad">{error}</Banner>}
      </div>
    );
  }
  return (
    <div className="stack" data-testid="follow-oa">
      <Banner kind="ok" icon={ic.check} title={`Bác đã quan tâm ${oaName}`}>
        <p>{justNow ? "Cảm ơn bác. Thông báo của xã sẽ đến trong Zalo." : "Thông báo của xã đến trong Zalo của bác."}</p>
      </Banner>
      {criterion && criterion.status !== "met" && (
        <div className="stack" style={{ gap: 8 }} data-testid="follow-criterion">
          <p>Tiêu chí “Quan tâm” của hộ cần cả trang Zalo của tỉnh. Nếu hộ mình đã quan tâm trang của tỉnh, bác bấm nút dưới để đánh dấu “Đạt”.</p>
          <Button size="large" variant="secondary" className="btn-wide" onClick={() => h.answer(criterion.id, "dat")}>
            Đánh dấu “Đạt” tiêu chí này
          </Button>
        </div>
      )}
      {criterion && criterion.status === "met" && justNow && <p className="muted">Tiêu chí này của hộ đã “Đạt”.</p>}
    </div>
  );
}
