import "zmp-ui/zaui.css";
import "./styles.css";
import { createRoot } from "react-dom/client";
import { Root } from "./app/App";
import { createAppServices } from "./app/services";

// Inside Zalo, Zalo sets window.APP_CONFIG from app-config.json; nothing outside Zalo reads it.
createRoot(document.getElementById("app")!).render(<Root services={createAppServices()} />);
