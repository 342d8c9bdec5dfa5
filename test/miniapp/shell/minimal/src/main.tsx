// The bench's baseline: the smallest zmp-ui + React app (zmp-ui's stylesheet, its App, one Text).
import "zmp-ui/zaui.css";
import { createRoot } from "react-dom/client";
import { App, Text } from "zmp-ui";

createRoot(document.getElementById("app")!).render(
  <App>
    <Text>Xin chào</Text>
  </App>,
);
