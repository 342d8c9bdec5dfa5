/**
 * A hash router of a few lines. The app is served under /miniapp/ by the bot and under
 * /zapps/<id>/ inside Zalo: only the part after "#" changes, so no base path is needed, and Zalo's
 * back button (history.back) walks the same history.
 */
import { useEffect, useLayoutEffect, useState } from "react";

export interface Route {
  /** "/huong-dan/vneid-muc-2" */
  path: string;
  query: URLSearchParams;
}

function current(): Route {
  const raw = location.hash.replace(/^#/, "") || "/";
  const [path = "/", q = ""] = raw.split("?");
  return { path, query: new URLSearchParams(q) };
}

export function useRoute(): Route {
  const [route, setRoute] = useState(current);
  useEffect(() => {
    const on = () => setRoute(current());
    window.addEventListener("hashchange", on);
    return () => window.removeEventListener("hashchange", on);
  }, []);
  // A new screen starts at the top; back on a screen returns to where the reader was (kept by go()).
  // zaui.css makes <body> the scrolling box (html is overflow: hidden).
  useLayoutEffect(() => {
    document.body.scrollTo(0, history.state?.y ?? 0);
  }, [route]);
  return route;
}

/** Screens this app pushed: "back" pops them; opened straight on a screen, "back" goes to its parent. */
let pushed = 0;

export function go(path: string, opts: { replace?: boolean } = {}): void {
  const target = `#${path}`;
  if (location.hash === target) return;
  if (opts.replace) {
    history.replaceState(null, "", target);
    window.dispatchEvent(new HashChangeEvent("hashchange"));
  } else {
    pushed++;
    history.replaceState({ y: document.body.scrollTop }, "");
    location.hash = path;
  }
}

export function back(fallback = "/"): void {
  if (pushed > 0) {
    pushed--;
    history.back();
  } else {
    go(fallback, { replace: true });
  }
}

/** Matches "/ho/:id" against a path; the params or null. */
export function match(pattern: string, path: string): Record<string, string> | null {
  const p = pattern.split("/");
  const s = path.split("/");
  if (p.length !== s.length) return null;
  const out: Record<string, string> = {};
  for (let i = 0; i < p.length; i++) {
    const a = p[i]!;
    const b = s[i]!;
    if (a.startsWith(":")) out[a.slice(1)] = decodeURIComponent(b);
    else if (a !== b) return null;
  }
  return out;
}
