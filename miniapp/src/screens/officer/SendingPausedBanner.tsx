import { useState } from "react";
import { Button } from "zmp-ui";
import { ApiError } from "../../api/client";
import { staffFor } from "../../api/staff";
import { useData, useServices } from "../../app/hooks";
import { when } from "../../ui/format";
import * as ic from "../../ui/lazy-paths";
import { Banner, useToast } from "../../ui/parts";

/** GET /api/officer/outbox/pause, as the bot answers it (bot/outbox/pause-routes.ts). */
export interface SendingPause {
  paused: boolean;
  current: {
    source: "zalo" | "officer";
    code: number | null;
    since: string;
    pausedBy: string | null;
    /** Why, in plain words ("Tài khoản Zalo của xã hết tiền…"). */
    reason: string;
    /** What to do. */
    advice: string;
    /** Zalo's code and wording, for the small print. */
    detail: string;
  } | null;
  /** Officers may press "Gửi tiếp"; village heads only read. */
  canResume: boolean;
  zalo?: { connected: boolean; notice: string | null };
}

const KEY = "sending-pause";
const GAP = { marginTop: 6 };

/**
 * Shown on the officers' and village heads' screens while the bot holds every message: an account-wide
 * refusal from Zalo (out of money, account locked…), an officer's pause, or a lost Zalo connection.
 * Says why, that nothing is lost, and what to do; officers get "Gửi tiếp". Nothing when all is well
 * (or when the state cannot be read: the screen's own data says if the server is unreachable).
 */
export function SendingPausedBanner() {
  const s = useServices();
  const toast = useToast();
  const d = useData<SendingPause>(KEY, () => staffFor(s.api).sendingPause<SendingPause>(), 30_000);
  const [busy, setBusy] = useState(false);
  const p = d.data;
  if (!p) return null;
  const broken = p.zalo && !p.zalo.connected ? p.zalo.notice : null;
  if (!p.current && !broken) return null;

  const resume = async () => {
    setBusy(true);
    try {
      await staffFor(s.api).sendingPause<{ ok: true }>("resume");
      toast("Đã gửi tiếp. Các tin đang chờ sẽ lần lượt được gửi đi.");
    } catch (err) {
      toast(err instanceof ApiError ? err.message : "Chưa gửi tiếp được. Bác thử lại sau ít phút.");
    } finally {
      setBusy(false);
      void d.reload();
    }
  };

  return (
    <div className="sending-paused">
      {p.current && (
        <Banner kind="warn" icon={ic.clock} title="Tin nhắn đang được giữ lại">
          <p>{p.current.reason}</p>
          <p style={GAP}>Không tin nào bị mất: khi gửi tiếp, các tin sẽ được gửi theo đúng thứ tự.</p>
          <p style={GAP}>{p.canResume ? p.current.advice : "Cán bộ xã đang xử lý, bác không cần làm gì thêm."}</p>
          {p.canResume && (
            <Button size="large" className="btn-wide" style={{ marginTop: 8 }} loading={busy} onClick={() => void resume()}>
              Gửi tiếp
            </Button>
          )}
          <p className="muted" style={{ marginTop: 8 }}>
            {`Tạm dừng từ ${when(p.current.since)}. ${p.current.detail}`}
          </p>
        </Banner>
      )}
      {broken && (
        <Banner kind="bad" icon={ic.wifiOff} title="Mất kết nối với Zalo của xã">
          <p>{broken}</p>
        </Banner>
      )}
    </div>
  );
}
