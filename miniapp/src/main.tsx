import "zmp-ui/zaui.css";
import "./styles.css";
import { createRoot } from "react-dom/client";
import { Root } from "./app/App";
import { createAppServices } from "./app/services";

// Inside Zalo, Zalo sets window.APP_CONFIG from app-config.json; nothing outside Zalo reads it.
// The officers' console on a PC (/console/): a chunk of its own, never in the household's first download.
if (location.pathname.startsWith("/console")) void import("./console/boot");
else createRoot(document.getElementById("app")!).render(<Root services={createAppServices()} />);
