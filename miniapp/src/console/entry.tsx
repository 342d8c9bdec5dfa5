/**
 * The officers' console on a PC, its own build (miniapp/vite.console.config.ts → miniapp/www-console,
 * served by the bot at /console/): the same source as the mini app's officer screens, none of it in the
 * household's download inside Zalo.
 */
import "zmp-ui/zaui.css";
import "../styles.css";
import { mountConsole } from "./main";

mountConsole(document.getElementById("app")!);
