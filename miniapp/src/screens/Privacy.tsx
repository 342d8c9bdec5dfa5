import "../ui/lazy-styles";
import { useState } from "react";
import { Button } from "zmp-ui";
import type { ErasurePreview, ErasureResult, MyDataExport } from "../../../shared/contracts/privacy";
import { ApiError } from "../api/client";
import { useServices } from "../app/hooks";
import { Icon } from "../ui/icons";
import { Banner, Screen, useToast } from "../ui/parts";
import { useConfig } from "./Home";

/**
 * "Dữ liệu của tôi": download what the commune holds about me (JSON), and erase it after a plain
 * confirmation (Decree 13/2023: a resident may withdraw consent and have their data deleted).
 */
/** Drawn here, not in ui/paths: an icon defined there joins the first load as soon as any screen uses it. */
const downloadPath = <path d="M12 4v11M7 10l5 5 5-5M5 20h14" />;

export function PrivacyScreen() {
  const s = useServices();
  const toast = useToast();
  const retentionDays = useConfig().data?.privacy?.retentionDays;
  const [busy, setBusy] = useState<"download" | "preview" | "erase" | null>(null);
  const [preview, setPreview] = useState<ErasurePreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);

  const download = async () => {
    setBusy("download");
    setError(null);
    try {
      const data = await s.api.call<MyDataExport>("GET", "/api/me/data");
      const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: "application/json" }));
      const a = document.createElement("a");
      a.href = url;
      a.download = "du-lieu-cua-toi.json";
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 30_000);
      toast("Đã tải tệp du-lieu-cua-toi.json");
    } catch (err) {
      setError(err instanceof ApiError ? err.message : "Chưa tải được dữ liệu. Bác thử lại nhé.");
    } finally {
      setBusy(null);
    }
  };

  const ask = async () => {
    setBusy("preview");
    setError(null);
    try {
      setPreview(await s.api.call<ErasurePreview>("POST", "/api/me/data/erasure-request"));
    } catch (err) {
      setError(err instanceof ApiError ? err.message : "Chưa kết nối được. Bác thử lại nhé.");
    } finally {
      setBusy(null);
    }
  };

  const erase = async (p: ErasurePreview) => {
    setBusy("erase");
    setError(null);
    try {
      await s.api.call<ErasureResult>("POST", "/api/me/data/erase", { confirmationToken: p.confirmationToken });
      // Nothing of the person stays on this phone either: session, cached screens, answers waiting to be sent.
      s.api.forgetSession();
      for (const k of Object.keys(localStorage)) if (k.startsWith("gds.")) localStorage.removeItem(k);
      setPreview(null);
      setDone(true);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : "Chưa xoá được. Bác thử lại nhé.");
    } finally {
      setBusy(null);
    }
  };

  if (done) {
    return (
      <Screen title="Dữ liệu của tôi">
        <Banner kind="ok" title="Đã xoá dữ liệu của bác">
          <p>Xã không còn giữ thông tin của bác trong ứng dụng và trong các tin nhắn với trang Zalo của xã.</p>
        </Banner>
        <Button size="large" className="btn-wide" onClick={() => {
            history.replaceState(null, "", "#/");
            location.reload();
          }}>
          Về màn hình đầu
        </Button>
      </Screen>
    );
  }

  return (
    <Screen title="Dữ liệu của tôi" backTo="/gia-dinh">
      <section className="card">
        <h2>Xã đang giữ gì về bác</h2>
        <p className="muted">
          Tên của bác trong hộ, các câu trả lời của hộ, các tin nhắn bác gửi trang Zalo của xã, câu hỏi, yêu cầu gặp cán bộ và đánh giá.{" "}
          {retentionDays ? `Tin nhắn tự xoá sau ${retentionDays} ngày.` : "Tin nhắn tự xoá sau một thời gian."}
        </p>
        <Button size="large" variant="secondary" className="btn-wide" loading={busy === "download"} disabled={busy !== null} onClick={() => void download()}>
          <span style={{ display: "inline-flex", gap: 8, alignItems: "center" }}>
            <Icon p={downloadPath} />
            Tải dữ liệu của tôi
          </span>
        </Button>
      </section>

      <section className="card">
        <h2>Xoá dữ liệu của tôi</h2>
        {!preview ? (
          <>
            <p className="muted">Bác có quyền rút lại sự đồng ý và yêu cầu xã xoá thông tin của bác (Nghị định 13/2023/NĐ-CP).</p>
            <Button size="large" variant="tertiary" className="btn-wide" loading={busy === "preview"} disabled={busy !== null} onClick={() => void ask()}>
              Xoá dữ liệu của tôi
            </Button>
          </>
        ) : (
          <Banner kind="warn" title="Bác có chắc muốn xoá không?">
            {preview.explanation.map((line) => (
              <p key={line}>{line}</p>
            ))}
            <div style={{ display: "grid", gap: 8, marginTop: 12 }}>
              <Button size="large" type="danger" className="btn-wide" loading={busy === "erase"} disabled={busy !== null} onClick={() => void erase(preview)}>
                Có, xoá hết dữ liệu của tôi
              </Button>
              <Button size="large" variant="secondary" className="btn-wide" disabled={busy !== null} onClick={() => setPreview(null)}>
                Không, giữ lại
              </Button>
            </div>
          </Banner>
        )}
      </section>
      {error && <Banner kind="bad">{error}</Banner>}
    </Screen>
  );
}
