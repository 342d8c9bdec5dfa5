/**
 * The officers' console on a PC (served by the bot at /console/): the same build as the mini app, this
 * chunk loaded only there (main.tsx), so the household's first download does not grow. Its styles
 * travel inside the chunk (Zalo loads every listed CSS file up front).
 */
import "../ui/lazy-styles";
import css from "./console.css?inline";
import { createRoot } from "react-dom/client";
import { ConsoleRoot } from "./ConsoleApp";
import { ConsoleAuth } from "./session";

export function mountConsole(el: HTMLElement): void {
  if (!document.getElementById("gds-console-css")) {
    const style = document.createElement("style");
    style.id = "gds-console-css";
    style.textContent = css;
    document.head.appendChild(style);
  }
  document.documentElement.classList.add("console");
  const auth = new ConsoleAuth(sessionStorage, (import.meta.env.VITE_API_BASE_URL ?? "").replace(/\/+$/, ""));
  createRoot(el).render(<ConsoleRoot auth={auth} />);
}
