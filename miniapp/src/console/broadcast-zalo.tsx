import type { CSSProperties } from "react";
import type { Channel, DraftPlan } from "./broadcast-api";

/**
 * Each channel's message as residents will see it in Zalo: a chat bubble from the commune's page (or,
 * for the relay, the message the village head receives to pass on). Styled inline: the phone's mini app
 * shows it too, without the console's stylesheet.
 */
const frame: CSSProperties = { background: "#e2e9f1", borderRadius: 12, padding: "10px 12px 12px", margin: 0 };
const head: CSSProperties = { display: "flex", alignItems: "center", gap: 8, margin: "0 0 8px", fontSize: 14, color: "#1f2937" };
const avatar: CSSProperties = {
  width: 30,
  height: 30,
  borderRadius: "50%",
  background: "#0068ff",
  color: "#fff",
  display: "inline-flex",
  alignItems: "center",
  justifyContent: "center",
  fontWeight: 700,
  fontSize: 13,
  flex: "none",
};
const bubble: CSSProperties = {
  background: "#fff",
  borderRadius: "4px 14px 14px 14px",
  padding: "9px 12px",
  whiteSpace: "pre-wrap",
  overflowWrap: "anywhere",
  fontSize: 16,
  lineHeight: 1.45,
  color: "#111827",
  boxShadow: "0 1px 1px rgba(0,0,0,.08)",
  maxWidth: 520,
};

export const CHANNEL_TITLES: Record<Exclude<Channel, "none">, { title: string; where: string }> = {
  group: { title: "Bài đăng trong nhóm Zalo của thôn", where: "Nhóm Zalo của thôn" },
  cs: { title: "Tin nhắn riêng", where: "Trò chuyện với trang Zalo của xã" },
  promotion: { title: "Tin thông báo tới người đã quan tâm", where: "Tin thông báo của trang Zalo của xã" },
  relay: { title: "Tin nhờ trưởng thôn chuyển", where: "Trưởng thôn nhận trong Zalo" },
};

export function ZaloBubble({ channel, text, note }: { channel: Exclude<Channel, "none">; text: string; note?: string }) {
  const t = CHANNEL_TITLES[channel];
  return (
    <figure className="zalo-preview" data-zalo={channel} style={{ margin: 0 }}>
      <figcaption style={{ fontWeight: 700, fontSize: 15, margin: "0 0 6px" }}>
        {t.title}
        {note && <span style={{ fontWeight: 400, color: "#4b5563" }}>{` (${note})`}</span>}
      </figcaption>
      <div style={frame}>
        <p style={head}>
          <span style={avatar} aria-hidden="true">
            X
          </span>
          <span>
            <b>Trang Zalo của xã</b>
            <span style={{ color: "#4b5563" }}>{` · ${t.where}`}</span>
          </span>
        </p>
        <div style={bubble} data-testid={`zalo-text-${channel}`}>
          {text}
        </div>
      </div>
    </figure>
  );
}

/** Every channel this audience uses, in Zalo's look. */
export function ChannelTexts({ plan }: { plan: DraftPlan }) {
  const t = plan.texts;
  const any = t.group || t.cs || t.promotion || t.relay;
  if (!any) return null;
  return (
    <div style={{ display: "grid", gap: 14 }}>
      {t.group && <ZaloBubble channel="group" text={t.group} note={`${plan.counts.group} nhóm`} />}
      {t.cs && <ZaloBubble channel="cs" text={t.cs} note={`${plan.counts.cs} người`} />}
      {t.promotion && <ZaloBubble channel="promotion" text={t.promotion} note={`${plan.counts.promotion} người`} />}
      {t.relay && <ZaloBubble channel="relay" text={t.relay.text} note={plan.relay.heads > 1 ? `ví dụ: ${t.relay.villageName}, ${plan.relay.heads} trưởng thôn` : t.relay.villageName} />}
    </div>
  );
}
