import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from "react";
import { Icon } from "./icons";
import { back } from "./router";
import * as ic from "./paths";

/**
 * A screen: its title bar (with a back button when it is not a tab's home), an optional status line
 * that stays in view while the page scrolls (network, answers waiting), and its content.
 */
export function Screen({ title, backTo, children, status }: { title: string; backTo?: string; children: ReactNode; status?: ReactNode }) {
  useEffect(() => {
    document.title = `${title} · Gia đình số`;
  }, [title]);
  return (
    <>
      <header className="top">
        <div className="top-row">
          {backTo !== undefined && (
            <button className="icon-btn" type="button" onClick={() => back(backTo)} aria-label="Quay lại">
              <Icon p={ic.back} size={28} />
            </button>
          )}
          {/* Two lines at most (a long household name); a tap shows it whole. */}
          <h1 onClick={(e) => e.currentTarget.classList.toggle("open")}>{title}</h1>
        </div>
        {status}
      </header>
      <main>{children}</main>
    </>
  );
}

/** A progress ring: met of applicable, percent in the middle. */
export function Ring({ value, max, size = 120, label }: { value: number; max: number; size?: number; label?: string }) {
  const pct = max === 0 ? 0 : Math.round((value / max) * 100);
  const r = size / 2 - 9;
  const c = 2 * Math.PI * r;
  return (
    <div className="ring" style={{ width: size, height: size }} role="img" aria-label={`${label ?? "Tiến độ"}: ${pct}%`}>
      <svg width={size} height={size} viewBox={`0 0 ${size} ${size}`}>
        <circle cx={size / 2} cy={size / 2} r={r} fill="none" stroke="var(--ring-bg)" strokeWidth="12" />
        {pct > 0 && (
        <circle
          cx={size / 2}
          cy={size / 2}
          r={r}
          fill="none"
          stroke={pct >= 100 ? "var(--ok)" : "var(--primary)"}
          strokeWidth="12"
          strokeLinecap="round"
          strokeDasharray={`${(c * pct) / 100} ${c}`}
          transform={`rotate(-90 ${size / 2} ${size / 2})`}
        />
        )}
      </svg>
      <div className="value" aria-hidden="true">
        {pct}%<small>{`${value}/${max}`}</small>
      </div>
    </div>
  );
}

/** A horizontal bar, 0-100; children: a target mark (`<i className="target">`, styled with the lazy screens). */
export function Bar({ percent, children, ok }: { percent: number | null; children?: ReactNode; ok?: boolean }) {
  const p = Math.max(0, Math.min(100, percent ?? 0));
  return (
    <div className={ok ? "bar ok" : "bar"} role="img" aria-label={`${p}%`}>
      <span style={{ width: `${p}%` }} />
      {children}
    </div>
  );
}

export function Banner({ kind = "info", icon, title, children }: { kind?: "info" | "warn" | "ok" | "bad"; icon?: ReactNode; title?: string; children?: ReactNode }) {
  return (
    <div className={kind === "info" ? "banner" : `banner ${kind}`} role={kind === "bad" || kind === "warn" ? "alert" : "status"}>
      {icon && <Icon p={icon} />}
      <div>
        {title && <b>{title}</b>}
        {children}
      </div>
    </div>
  );
}

export function Loading({ text = "Đang tải…" }: { text?: string }) {
  return (
    <div className="card center" aria-busy="true">
      <span className="spinner" aria-hidden="true" />
      <p className="muted">{text}</p>
    </div>
  );
}

/** What failed, in Vietnamese, with "Thử lại". */
export function Failed({ message, retry }: { message: string; retry?: () => void }) {
  return (
    <Banner kind="bad" icon={ic.wifiOff} title="Chưa tải được">
      <p>{message}</p>
      {retry && (
        <button className="link-btn" type="button" style={{ marginTop: 8 }} onClick={retry}>
          Thử lại
        </button>
      )}
    </Banner>
  );
}

const ToastContext = createContext<(text: string) => void>(() => {});

export function ToastProvider({ children }: { children: ReactNode }) {
  const [text, setText] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const show = useCallback((t: string) => {
    setText(t);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setText(null), 3000);
  }, []);
  return (
    <ToastContext.Provider value={show}>
      {children}
      {text && (
        // role="status" is a polite live region by itself (ARIA): no aria-live needed (first-load budget).
        <div className="toast" role="status">
          {text}
        </div>
      )}
    </ToastContext.Provider>
  );
}

export const useToast = () => useContext(ToastContext);
