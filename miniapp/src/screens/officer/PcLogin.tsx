import { useState } from "react";
import { Button } from "zmp-ui";
import { ApiError } from "../../api/client";
import { staffFor } from "../../api/staff";
import { useServices } from "../../app/hooks";
import { PlatformError } from "../../platform/types";
import { Icon } from "../../ui/icons";
import * as ic from "../../ui/lazy-paths";
import { Banner } from "../../ui/parts";

/** What the PC's login page (/console/) puts in its QR code (shared/contracts/console.ts CONSOLE_QR_PREFIX). */
const QR_PREFIX = "GDS-MAY-TINH:";

/**
 * "Đăng nhập trên máy tính": the officer scans the QR code shown on the PC with Zalo's scanner and the
 * PC is let in with the officer's roles. Where there is no scanner (a browser), the code is pasted.
 */
export function PcLogin() {
  const s = useServices();
  const [state, setState] = useState<
    { kind: "idle" | "busy" | "done" | "paste" } | { kind: "error"; message: string } | { kind: "confirm"; code: string; device: string; at: string }
  >({ kind: "idle" });
  const [code, setCode] = useState("");
  const failed = (err: unknown) => setState({ kind: "error", message: err instanceof ApiError ? err.message : "Chưa đăng nhập được. Bác thử lại nhé." });

  /** First which PC asked and when: a QR code sent by someone else must not log a stranger in unseen. */
  const inspect = async (text: string) => {
    const t = text.trim();
    if (!t.startsWith(QR_PREFIX)) {
      setState({ kind: "error", message: "Mã này không phải mã đăng nhập của Gia đình số. Bác quét mã trên trang đăng nhập của máy tính nhé." });
      return;
    }
    setState({ kind: "busy" });
    try {
      const r = await staffFor(s.api).inspectConsoleLogin(t);
      const at = new Date(r.requestedAt).toLocaleTimeString("vi-VN", { hour: "2-digit", minute: "2-digit", timeZone: "Asia/Ho_Chi_Minh" });
      setState({ kind: "confirm", code: t, device: r.device, at });
    } catch (err) {
      failed(err);
    }
  };

  const approve = async (t: string) => {
    setState({ kind: "busy" });
    try {
      await staffFor(s.api).approveConsoleLogin(t);
      setState({ kind: "done" });
      setCode("");
    } catch (err) {
      failed(err);
    }
  };

  const scan = async () => {
    if (s.platform.kind !== "zalo") return setState({ kind: "paste" });
    setState({ kind: "busy" });
    try {
      await inspect(await s.platform.scanQR());
    } catch (err) {
      if (err instanceof PlatformError && err.code === "unsupported") return setState({ kind: "paste" });
      setState({ kind: "error", message: err instanceof PlatformError ? err.message : "Chưa quét được mã. Bác thử lại nhé." });
    }
  };

  return (
    <section className="card" aria-label="Đăng nhập trên máy tính" data-testid="pc-login">
      <div className="row" style={{ gap: 8 }}>
        <Icon p={ic.shield} />
        <h2 className="grow">Làm việc trên máy tính</h2>
      </div>
      <p className="muted">Mở trang đăng nhập của xã trên máy tính, rồi bấm nút dưới đây và quét mã hiện trên màn hình máy tính.</p>
      <Button size="large" className="btn-wide" loading={state.kind === "busy"} onClick={() => void scan()}>
        Đăng nhập trên máy tính
      </Button>
      {(state.kind === "paste" || (state.kind === "error" && s.platform.kind !== "zalo")) && (
        <form
          className="stack"
          onSubmit={(e) => {
            e.preventDefault();
            void inspect(code);
          }}
        >
          <label className="field">
            <span>Mã trên màn hình máy tính</span>
            <input name="pc-code" value={code} autoComplete="off" onChange={(e) => setCode(e.target.value)} placeholder={`${QR_PREFIX}…`} />
          </label>
          <Button htmlType="submit" size="large" variant="secondary" disabled={code.trim() === ""}>
            Xác nhận đăng nhập
          </Button>
        </form>
      )}
      {state.kind === "confirm" && (
        <Banner kind="warn" title="Máy tính này xin đăng nhập">
          {state.device}, lúc {state.at}. Chỉ đồng ý nếu đây đúng là máy tính bác đang ngồi trước mặt.
          <div className="btn-row" style={{ marginTop: 8 }}>
            <Button size="large" onClick={() => void approve(state.code)}>
              Đúng, cho đăng nhập
            </Button>
            <Button size="large" variant="secondary" onClick={() => setState({ kind: "idle" })}>
              Không phải
            </Button>
          </div>
        </Banner>
      )}
      {state.kind === "done" && (
        <Banner kind="ok" title="Máy tính đã đăng nhập">
          Bác xem tiếp trên máy tính. Khi xong việc, bấm “Đăng xuất” trên máy tính.
        </Banner>
      )}
      {state.kind === "error" && (
        <Banner kind="bad" title="Chưa đăng nhập được">
          {state.message}
        </Banner>
      )}
    </section>
  );
}
