import { createHash } from "node:crypto";
import type { PreparedRequest } from "./load";

export const BENCH_CREDENTIALS = {
  appId: "4400000000000000009",
  appSecret: "bench-app-secret",
  oaId: "5500000000000000009",
  oaSecretKey: "bench-oa-secret",
};

let seq = 0;
/**
 * Distinct signed `user_send_text` events, signed the way Zalo signs them. `tag` keeps the senders
 * and message ids of one bench group apart from another's ("84"/"app"/"bench", "85"/"exp"/"bench-export").
 */
export function signedTextEvents(n: number, tag: { sender: string; app: string; msg: string }): PreparedRequest[] {
  return Array.from({ length: n }, () => {
    const i = ++seq;
    const timestamp = String(Date.now());
    const raw = JSON.stringify({
      app_id: BENCH_CREDENTIALS.appId,
      sender: { id: `${tag.sender}${String(i % 5000).padStart(17, "0")}` },
      user_id_by_app: `${tag.app}${i % 5000}`,
      recipient: { id: BENCH_CREDENTIALS.oaId },
      event_name: "user_send_text",
      message: { text: "lam sao kich hoat dinh danh muc 2", msg_id: `${tag.msg}-${process.pid}-${i}` },
      timestamp,
    });
    const mac = createHash("sha256").update(BENCH_CREDENTIALS.appId + raw + timestamp + BENCH_CREDENTIALS.oaSecretKey).digest("hex");
    return { body: Buffer.from(raw), headers: { "content-type": "application/json", "x-zevent-signature": `mac=${mac}` } };
  });
}
