import { useEffect, useRef, useState } from "react";
import QRCode from "qrcode";
import { ApiError } from "../api/client";
import { Banner } from "../ui/parts";
import type { ConsoleAuth } from "./session";

interface QrRequest {
  requestId: string;
  pollSecret: string;
  qrText: string;
  expiresAt: string;
}
type PollAnswer = { status: "waiting"; expiresAt: string } | { status: "expired" } | { status: "used" } | { status: "approved"; session: string; expiresAt: string };

const POLL_MS = 2_000;

/**
 * The PC's login page: a QR code the officer scans with the mini app on their phone ("Đăng nhập trên
 * máy tính"), polled every 2 seconds, renewed when it expires; or a one-time link from the OA chat.
 */
export function LoginPage({ auth, linkToken }: { auth: ConsoleAuth; linkToken: string | null }) {
  const [qr, setQr] = useState<QrRequest | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [linkState, setLinkState] = useState<"none" | "busy" | "failed">(linkToken ? "busy" : "none");
  const [round, setRound] = useState(0);
  const canvas = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    document.title = "Đăng nhập · Gia đình số";
  }, []);

  // The one-time link first: it logs in without the phone.
  useEffect(() => {
    if (!linkToken) return;
    let stop = false;
    auth
      .publicPost<{ session: string; expiresAt: string }>("/api/console/link-login", { token: linkToken })
      .then((s) => !stop && auth.set(s))
      .catch((err: unknown) => {
        if (stop) return;
        setLinkState("failed");
        setError(err instanceof ApiError && err.status !== undefined && err.status < 500 ? "Đường link đăng nhập đã dùng rồi hoặc đã hết hạn (10 phút). Bác quét mã dưới đây, hoặc nhắn “đăng nhập máy tính” cho trang Zalo của xã để nhận link mới." : err instanceof ApiError ? err.message : "Chưa đăng nhập được.");
      });
    return () => {
      stop = true;
    };
  }, [auth, linkToken]);

  // A QR code, polled until approved; a new one when it expires or was used.
  useEffect(() => {
    if (linkState === "busy") return undefined;
    let stop = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const start = async () => {
      try {
        const r = await auth.publicPost<QrRequest>("/api/console/login-requests", {});
        if (stop) return;
        setQr(r);
        setError((e) => (linkState === "failed" ? e : null));
        const poll = async () => {
          if (stop) return;
          try {
            const a = await auth.publicPost<PollAnswer>("/api/console/login-requests/poll", { requestId: r.requestId, pollSecret: r.pollSecret });
            if (stop) return;
            if (a.status === "approved") return auth.set(a);
            if (a.status === "expired" || a.status === "used") return setRound((n) => n + 1);
          } catch {
            /* a lost poll: the next one asks again */
          }
          timer = setTimeout(() => void poll(), POLL_MS);
        };
        timer = setTimeout(() => void poll(), POLL_MS);
      } catch (err) {
        if (stop) return;
        setError(err instanceof ApiError ? err.message : "Chưa tạo được mã đăng nhập.");
        timer = setTimeout(() => setRound((n) => n + 1), 10_000);
      }
    };
    void start();
    return () => {
      stop = true;
      clearTimeout(timer);
    };
  }, [auth, round, linkState]);

  useEffect(() => {
    if (qr && canvas.current) void QRCode.toCanvas(canvas.current, qr.qrText, { width: 280, margin: 2, errorCorrectionLevel: "M" });
  }, [qr]);

  return (
    <main className="console-login">
      <div className="login-card">
        <h1>Đăng nhập trang làm việc của cán bộ xã</h1>
        {auth.reason && <Banner kind="warn" title={auth.reason} />}
        {linkState === "busy" ? (
          <p aria-busy="true">Đang đăng nhập bằng đường link…</p>
        ) : (
          <div className="login-body">
            <div className="qr-box">
              <canvas ref={canvas} width={280} height={280} role="img" aria-label="Mã đăng nhập, quét bằng điện thoại" data-testid="login-qr" data-qr={qr?.qrText ?? ""} />
              {!qr && <p className="muted">Đang tạo mã…</p>}
            </div>
            <ol className="login-steps">
              <li>
                Mở ứng dụng <b>Gia đình số</b> trên điện thoại (trong Zalo).
              </li>
              <li>
                Vào <b>Cán bộ xã</b>, bấm <b>Đăng nhập trên máy tính</b>.
              </li>
              <li>Quét mã này. Trang sẽ tự mở khi điện thoại đồng ý.</li>
            </ol>
          </div>
        )}
        {error && <Banner kind="bad" title={error} />}
        <p className="muted">Mã đổi mới sau vài phút. Không có điện thoại bên cạnh? Nhắn “đăng nhập máy tính” cho trang Zalo của xã để nhận đường link đăng nhập (dùng một lần, trong 10 phút).</p>
      </div>
    </main>
  );
}
