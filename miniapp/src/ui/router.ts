/**
 * A hash router of a few lines. The app is served under /miniapp/ by the bot and under
 * /zapps/<id>/ inside Zalo: only the part after "#" changes, so no base path is needed, and Zalo's
 * back button (history.back) walks the same history.
 */
import { useEffect, useState } from "react";

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
    const on = () => {
      setRoute(current());
      // zaui.css makes <body> the scrolling box (html is overflow: hidden).
      document.body.scrollTo(0, 0);
    };
    window.addEventListener("hashchange", on);
    return () => window.removeEventListener("hashchange", on);
  }, []);
  return route;
}

/** Screens this app pushed: "back" pops them; opened straight on a screen, "back" goes to its parent. */
let pushed = 0;

export function go(path: string, opts: { replace?: boolean } = {}): void {
  const target = `#${path}`;
  if (location.hash === target) return;
  if (opts.replace) {
    history.replaceState(history.state, "", target);
    window.dispatchEvent(new HashChangeEvent("hashchange"));
  } else {
    pushed++;
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
