// The bench's second baseline: the shell of zmp-cli's blank template (App, SnackbarProvider,
// ZMPRouter, AnimationRoutes, one Page), what a new Zalo mini app starts from.
import "zmp-ui/zaui.css";
import { createRoot } from "react-dom/client";
import { AnimationRoutes, App, Page, Route, SnackbarProvider, Text, ZMPRouter } from "zmp-ui";

createRoot(document.getElementById("app")!).render(
  <App>
    <SnackbarProvider>
      <ZMPRouter>
        <AnimationRoutes>
          <Route
            path="/"
            element={
              <Page>
                <Text>Xin chào</Text>
              </Page>
            }
          />
        </AnimationRoutes>
      </ZMPRouter>
    </SnackbarProvider>
  </App>,
);
