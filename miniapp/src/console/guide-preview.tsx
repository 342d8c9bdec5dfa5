import type { ChatMessageView, GuidePreview } from "./guide-api";

/**
 * What the resident sees, from the bot's own answer to the preview (the chat's messages, the mini app's
 * guide): Zalo-like bubbles with their buttons, and the mini app's guide screen.
 */
export function ChatPreview({ preview, focus }: { preview: GuidePreview; focus: number | null }) {
  return (
    <div className="gp-phone gp-chat" data-testid="preview-chat">
      <div className="gp-bar">
        <span className="gp-avatar" aria-hidden="true">
          X
        </span>
        <span>Khung chat Zalo của xã</span>
      </div>
      <ol className="gp-thread" tabIndex={0} aria-label="Tin nhắn người dân nhận, từng bước">
        {preview.chat.map((s) => (
          <li key={s.step} className={focus === s.step ? "gp-step focus" : "gp-step"} data-step={s.step}>
            {s.messages.map((m, i) => (
              <Bubble key={i} m={m} />
            ))}
          </li>
        ))}
      </ol>
    </div>
  );
}

function Bubble({ m }: { m: ChatMessageView }) {
  if (m.kind === "image") {
    return (
      <div className="gp-bubble gp-image">
        <span className="gp-muted">[Hình: {m.text ?? "ảnh minh hoạ"}]</span>
      </div>
    );
  }
  return (
    <div className="gp-bubble">
      <p className="gp-text">{m.text}</p>
      {m.buttons && m.buttons.length > 0 && (
        <ul className="gp-buttons">
          {m.buttons.map((b, i) => (
            <li key={i} className={b.kind === "url" ? "gp-btn link" : "gp-btn"}>
              {b.title}
              {b.kind === "url" && <span className="sr-only"> (mở đường dẫn {b.url})</span>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The mini app's guide screen (screens/Guide.tsx): its cards and numbered steps, at a phone's width. */
export function MiniAppPreview({ preview }: { preview: GuidePreview }) {
  const g = preview.miniapp;
  return (
    <div className="gp-phone gp-app" data-testid="preview-miniapp">
      <div className="gp-bar app">
        <span aria-hidden="true">‹</span>
        <span>Hướng dẫn</span>
      </div>
      <div className="gp-app-body" tabIndex={0} role="region" aria-label="Màn hình hướng dẫn trong ứng dụng">
        <section className="card">
          <h2>{g.title}</h2>
          <p>{g.summary}</p>
        </section>
        <section className="card" aria-label="Các bước trong ứng dụng">
          <ol className="steps">
            {g.steps.map((step, i) => (
              <li key={i}>
                <div className="stack" style={{ gap: 6 }}>
                  <span>{step.text}</span>
                  {step.image && <span className="gp-muted">[Hình: {step.image.alt}]</span>}
                  {step.link && <span className="gp-applink">{step.link.title}</span>}
                </div>
              </li>
            ))}
          </ol>
        </section>
      </div>
    </div>
  );
}
