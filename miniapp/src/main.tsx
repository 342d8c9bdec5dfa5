import "zmp-ui/zaui.css";
import "./styles.css";
import { createRoot } from "react-dom/client";
import { Root } from "./app/App";
import { createAppServices } from "./app/services";

// Inside Zalo, Zalo sets window.APP_CONFIG from app-config.json; nothing outside Zalo reads it.
// (The officers' console on a PC is a build of its own: miniapp/vite.console.config.ts.)
createRoot(document.getElementById("app")!).render(<Root services={createAppServices()} />);
