import { PrivacyScreen } from "./Privacy";
import "../ui/lazy-styles";
import { useState } from "react";
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
    <Screen title="Gia đình">
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
        </>
      )}
      {!hid && (
        <button className="link-btn" type="button" onClick={() => go("/dang-ky")}>
          <Icon p={ic.plus} />
          <span className="grow">Đăng ký hộ của tôi</span>
        </button>
      )}
      <section className="card">
        <h2>{`Kênh Zalo của ${config.data ? `${config.data.commune.kind} ${config.data.commune.name}` : "xã"}`}</h2>
        <p className="muted">Bấm “Quan tâm” để nhận thông báo và hỏi hướng dẫn trên Zalo.</p>
        <Button
          size="large"
          variant="secondary"
          className="btn-wide"
          loading={busy === "follow"}
          onClick={() =>
            void run("follow", async () => {
              await s.platform.followOA();
              toast("Đã quan tâm kênh Zalo của xã.");
            })
          }
        >
          {`Quan tâm ${config.data?.oa.name ?? "kênh Zalo của xã"}`}
        </Button>
      </section>
      <button className="link-btn" type="button" onClick={() => go("/du-lieu-cua-toi")}>
        <Icon p={ic.shield} />
        <span className="grow">Dữ liệu của tôi (tải về, xoá)</span>
      </button>
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
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const h = await moreFor(s.api).join(code, name.trim() || undefined);
      adoptHousehold(s, h);
      go("/", { replace: true });
    } catch (err) {
      setError(err instanceof ApiError ? err.message : "Chưa vào được hộ. Bác thử lại nhé.");
    } finally {
      setBusy(false);
    }
  };
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

/** The family screen, or "Dữ liệu của tôi" reached from it (one chunk for both). */
export function FamilyRoute({ me, path }: { me: Me; path: string }) {
  return path === "/du-lieu-cua-toi" ? <PrivacyScreen /> : <FamilyScreen me={me} />;
}
