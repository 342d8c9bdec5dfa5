import { useEffect, useRef, type ReactNode } from "react";

/** A page of the console: its title (also the tab's title), actions beside it, and content. */
export function PageFrame({ title, actions, children }: { title: string; actions?: ReactNode; children: ReactNode }) {
  useEffect(() => {
    document.title = `${title} · Gia đình số`;
  }, [title]);
  return (
    <main className="console-page">
      <header className="console-head">
        <h1>{title}</h1>
        {actions}
      </header>
      {children}
    </main>
  );
}

/** "5 phút", "2 giờ 10 phút", "3 ngày 4 giờ". */
export function waitedWords(minutes: number): string {
  if (minutes < 1) return "dưới 1 phút";
  if (minutes < 60) return `${minutes} phút`;
  const h = Math.floor(minutes / 60);
  if (h < 24) return minutes % 60 ? `${h} giờ ${minutes % 60} phút` : `${h} giờ`;
  const d = Math.floor(h / 24);
  return h % 24 ? `${d} ngày ${h % 24} giờ` : `${d} ngày`;
}

/** Runs `fn` every `ms` while the page shows (and is visible); the data stays live without a reload button. */
export function useEvery(ms: number, fn: () => void): void {
  const ref = useRef(fn);
  ref.current = fn;
  useEffect(() => {
    const t = setInterval(() => {
      if (document.visibilityState === "visible") ref.current();
    }, ms);
    return () => clearInterval(t);
  }, [ms]);
}

/** "14:05, 27/11/2026" in the commune's time (Vietnam), whatever the PC's clock zone. */
export function at(iso: string | number): string {
  const d = new Date(iso);
  return d.toLocaleString("vi-VN", { hour: "2-digit", minute: "2-digit", day: "2-digit", month: "2-digit", year: "numeric", timeZone: "Asia/Ho_Chi_Minh" });
}
