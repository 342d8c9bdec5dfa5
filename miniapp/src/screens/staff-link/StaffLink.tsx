import "../../ui/lazy-styles";
import { useState, type FormEvent } from "react";
import { Button } from "zmp-ui";
import { ApiError } from "../../api/client";
import { moreFor } from "../../api/more";
import { staffLink } from "../../api/staff-link";
import type { Me, VillageItem } from "../../api/types";
import { useServices } from "../../app/hooks";
import { PlatformError } from "../../platform/types";
import { Icon } from "../../ui/icons";
import * as ic from "../../ui/lazy-paths";
import { Banner, Screen, useToast } from "../../ui/parts";
import { go } from "../../ui/router";
import { parseStaffCode, typedCode } from "./payload";

const qr = <path d="M4 4h6v6H4zM14 4h6v6h-6zM4 14h6v6H4zM14 14h2.5v2.5H14zM17.5 17.5H20V20h-2.5zM14 20h1M20 14v1" />;

/** Where a person with these roles works, and what the app says they are now. */
async function landing(me: Me, villageName: (id: string) => Promise<string | undefined>): Promise<{ to: string; said: string } | null> {
  if (me.roles.officer) return { to: "/can-bo", said: me.roles.admin ? "Cán bộ xã (quản trị viên)" : "Cán bộ xã" };
  if (me.roles.villageHeadOf.length > 0) {
    const names = (await Promise.all(me.roles.villageHeadOf.map(villageName))).filter(Boolean);
    // "Thôn Tân Phúc" → "Trưởng thôn Tân Phúc", not "Trưởng thôn Thôn Tân Phúc"; "Làng Đắk Rơ" stays whole.
    return { to: "/truong-thon", said: names.length > 0 ? `Trưởng thôn ${names.map((n) => n!.replace(/^thôn\s+/i, "")).join(", ")}` : "Trưởng thôn" };
  }
  return null;
}

/**
 * "Liên kết tài khoản cán bộ": a village head, officer or volunteer types the 6-digit code the admin
 * gave them (or scans its QR code inside Zalo); their Zalo account gets their role at once and they
 * land on their screen. Reached from the registration's first step and from the family screen of a
 * person without a staff role (#/dang-ky?lien-ket, routed by ../Onboarding.tsx).
 */
export default function StaffLinkScreen() {
  const s = useServices();
  const toast = useToast();
  const [code, setCode] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  /** Linked, with no screen of their own in the app (a volunteer): the bot's words. */
  const [done, setDone] = useState<string | null>(null);
  // Zalo's scanner only: the sandbox's browser has none.
  const [canScan, setCanScan] = useState(s.platform.kind === "zalo");

  const villageName = async (id: string) => {
    let items = s.cache.get<{ items: VillageItem[] }>("villages")?.items;
    if (!items?.some((v) => v.id === id)) items = await moreFor(s.api).villages().then((r) => r.items, () => items);
    return items?.find((v) => v.id === id)?.name;
  };

  /** After the link: who I am now, from the bot (the new role counts at once), then my screen. */
  const arrive = async (message: string) => {
    try {
      const me = await s.ep.me();
      s.cache.set("me", me, Date.now());
      const where = await landing(me, villageName);
      if (where) {
        toast(`Đã liên kết: ${where.said}`);
        go(where.to, { replace: true });
        return;
      }
    } catch {
      /* linked all the same: the next start shows the role */
    }
    setDone(message);
  };

  const submit = async (c: string) => {
    setError(null);
    if (!/^\d{6}$/.test(c)) {
      setError("Mã gồm đúng 6 chữ số. Bác kiểm tra lại nhé.");
      return;
    }
    setBusy(true);
    try {
      const r = await staffLink(s.api, c);
      await arrive(r.message);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : "Chưa liên kết được. Bác thử lại nhé.");
    } finally {
      setBusy(false);
    }
  };

  const scan = async () => {
    setError(null);
    let text: string;
    try {
      text = await s.platform.scanQR();
    } catch (err) {
      if (err instanceof PlatformError && err.code === "unsupported") setCanScan(false);
      setError(err instanceof PlatformError ? `${err.message} Bác cũng có thể nhập 6 chữ số vào ô dưới.` : "Chưa quét được mã. Bác nhập 6 chữ số vào ô dưới nhé.");
      return;
    }
    const c = parseStaffCode(text);
    if (!c) {
      setError("Mã QR này không phải mã liên kết cán bộ của Gia đình số. Bác quét mã QR cán bộ quản trị của xã đưa, hoặc nhập 6 chữ số.");
      return;
    }
    setCode(c);
    await submit(c);
  };

  if (done) {
    return (
      <Screen title="Liên kết tài khoản cán bộ">
        <Banner kind="ok" icon={ic.check} title="Đã liên kết">
          <p>{done}</p>
        </Banner>
        <Button size="large" className="btn-wide" onClick={() => go("/", { replace: true })}>
          Về trang chính
        </Button>
      </Screen>
    );
  }

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void submit(code);
  };

  return (
    <Screen title="Liên kết tài khoản cán bộ" backTo="/">
      <section className="card">
        <h2>Trưởng thôn, cán bộ xã, tình nguyện viên</h2>
        <p>Cán bộ quản trị của xã đưa cho bác một mã gồm 6 chữ số. Nhập mã ở đây, tài khoản Zalo này sẽ có quyền làm việc của bác trong ứng dụng.</p>
      </section>
      {canScan && (
        <Button size="large" variant="secondary" className="btn-wide" disabled={busy} onClick={() => void scan()} prefixIcon={<Icon p={qr} />}>
          Quét mã QR
        </Button>
      )}
      <form className="stack" onSubmit={onSubmit} noValidate>
        <label className="field">
          <span>Mã liên kết (6 chữ số)</span>
          <input
            name="staff-code"
            value={code}
            onChange={(e) => {
              setCode(typedCode(e.target.value));
              setError(null);
            }}
            inputMode="numeric"
            autoComplete="off"
            aria-invalid={error ? true : undefined}
            style={{ fontSize: "2rem", fontWeight: 700, letterSpacing: "0.3em", textAlign: "center", fontVariantNumeric: "tabular-nums", minHeight: 64 }}
          />
        </label>
        {error && (
          <Banner kind="bad" title="Chưa liên kết được">
            <p>{error}</p>
          </Banner>
        )}
        <Button htmlType="submit" size="large" className="btn-wide" loading={busy} disabled={busy}>
          Liên kết tài khoản
        </Button>
      </form>
      <p className="muted">Chưa có mã? Bác nhờ cán bộ quản trị của xã tạo mã. Bác cũng có thể gửi 6 chữ số đó vào khung chat của trang Zalo của xã.</p>
    </Screen>
  );
}
