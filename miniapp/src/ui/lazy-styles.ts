/**
 * Zalo loads every CSS file listed in app-config.json up front, so the styles of screens that are not
 * in the first download travel inside their JavaScript chunk and are added when one of them loads.
 */
import css from "./screens.css?inline";

if (typeof document !== "undefined" && !document.getElementById("gds-screens-css")) {
  const style = document.createElement("style");
  style.id = "gds-screens-css";
  style.textContent = css;
  document.head.appendChild(style);
}
