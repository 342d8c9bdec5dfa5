import { Suspense, lazy, useEffect, useState, type ReactNode } from "react";
import { App as ZaUIApp, useTheme } from "zmp-ui";
import type { Me } from "../api/types";
import type { Theme } from "../platform/types";
import { HomeScreen } from "../screens/Home";
import { Icon } from "../ui/icons";
import { Failed, Loading, Screen, ToastProvider } from "../ui/parts";
import { go, match, useRoute, type Route } from "../ui/router";
import { useMe } from "./household";
import { ServicesContext } from "./hooks";
import type { AppServices } from "./services";
import * as ic from "../ui/paths";

// The checklist is in the first download; every other screen is a small chunk of its own, fetched
// when first opened (and, for a household's screens, in the background once the checklist shows).
const loadFamily = () => import("../screens/Family");
const loadGuide = () => import("../screens/Guide");
const loadOnboarding = () => import("../screens/Onboarding");
const loadVillage = () => import("../screens/Village");
// "Dữ liệu của tôi" is reached from the family screen and routed inside its chunk (first-load budget).
const FamilyScreen = lazy(() => loadFamily().then((m) => ({ default: m.FamilyRoute })));
const JoinScreen = lazy(() => loadFamily().then((m) => ({ default: m.JoinScreen })));
const GuideScreen = lazy(() => loadGuide().then((m) => ({ default: m.GuideScreen })));
const OnboardingScreen = lazy(() => loadOnboarding().then((m) => ({ default: m.OnboardingScreen })));
const VillageScreen = lazy(() => loadVillage().then((m) => ({ default: m.VillageScreen })));
// Village heads' and officers' screens: only for the few who use them.
const HeadScreens = lazy(() => import("../screens/head/Head"));
const OfficerScreens = lazy(() => import("../screens/officer/Officer"));

/** Warms the cache with the household's other screens once the first one shows (weak 4G: no waiting later). */
function prefetchHouseholdScreens(): void {
  const run = () => void Promise.all([loadGuide(), loadVillage(), loadFamily()]).catch(() => {});
  const idle = (window as { requestIdleCallback?: (fn: () => void) => void }).requestIdleCallback;
  if (idle) idle(run);
  else setTimeout(run, 1500);
}

export function Root({ services }: { services: AppServices }) {
  const [theme, setTheme] = useState<Theme>(() => (localStorage.getItem("gds.theme") === "dark" ? "dark" : "light"));
  useEffect(() => {
    void services.platform.theme().then((t) => {
      setTheme(t);
      localStorage.setItem("gds.theme", t);
    });
    void services.sync.flush();
  }, [services]);
  useEffect(() => {
    document.querySelector('meta[name="theme-color"]')?.setAttribute("content", theme === "dark" ? "#1c1d20" : "#ffffff");
  }, [theme]);
  return (
    <ZaUIApp theme={theme}>
      <FollowTheme theme={theme} />
      <ServicesContext.Provider value={services}>
        <ToastProvider>
          <div className="shell">
            <Screens />
          </div>
        </ToastProvider>
      </ServicesContext.Provider>
    </ZaUIApp>
  );
}

/** zmp-ui's App reads its theme prop once: later changes (Zalo's theme, read after start) go through its hook. */
function FollowTheme({ theme }: { theme: Theme }) {
  const [, setTheme] = useTheme() as [Theme, (t: { mode: Theme }) => void];
  useEffect(() => setTheme({ mode: theme }), [theme, setTheme]);
  return null;
}

function Screens() {
  const route = useRoute();
  const me = useMe();
  if (!me.data) {
    return (
      <Screen title="Gia đình số">
        {me.error ? <Failed message={me.error.message} retry={() => void me.reload()} /> : <Loading text="Đang mở ứng dụng…" />}
      </Screen>
    );
  }
  return (
    <>
      <Suspense fallback={<Loading />}>
        <Routed me={me.data} route={route} />
      </Suspense>
      <Tabs me={me.data} path={route.path} />
    </>
  );
}

function Routed({ me, route }: { me: Me; route: Route }) {
  const p = route.path;
  const hid = me.household?.id;
  const guide = match("/huong-dan/:id", p);
  if (guide) return <GuideScreen guideId={guide.id!} criterionId={route.query.get("tc")} householdId={hid} />;
  if (p === "/dang-ky") return <OnboardingScreen name={me.name} />;
  if (p === "/tham-gia") return <JoinScreen />;
  if (p === "/gia-dinh" || p === "/du-lieu-cua-toi") return <FamilyScreen me={me} path={p} />;
  if (p === "/thon" && me.household) return <VillageScreen villageId={me.household.villageId} />;
  if (p.startsWith("/truong-thon") && me.roles.villageHeadOf.length > 0) return <HeadScreens me={me} route={route} />;
  if (p.startsWith("/can-bo") && me.roles.officer) return <OfficerScreens route={route} />;
  if (hid) return <HomeScreen householdId={hid} onShown={prefetchHouseholdScreens} />;
  // No household yet: officers and village heads start on their own screens, residents register.
  if (p === "/" && me.roles.officer) return <Redirect to="/can-bo" />;
  if (p === "/" && me.roles.villageHeadOf.length > 0) return <Redirect to="/truong-thon" />;
  return <OnboardingScreen name={me.name} />;
}

function Redirect({ to }: { to: string }) {
  useEffect(() => go(to, { replace: true }), [to]);
  return null;
}

function Tabs({ me, path }: { me: Me; path: string }) {
  const tabs: { to: string; icon: ReactNode; label: string; active: boolean }[] = [];
  if (me.household) {
    tabs.push({ to: "/", icon: ic.home, label: "Nhà tôi", active: path === "/" || path.startsWith("/huong-dan") });
    tabs.push({ to: "/thon", icon: ic.village, label: "Thôn mình", active: path === "/thon" });
  }
  if (me.roles.villageHeadOf.length > 0) tabs.push({ to: "/truong-thon", icon: ic.head, label: "Trưởng thôn", active: path.startsWith("/truong-thon") });
  if (me.roles.officer) tabs.push({ to: "/can-bo", icon: ic.chart, label: "Cán bộ xã", active: path.startsWith("/can-bo") });
  if (tabs.length === 0 && path !== "/gia-dinh") return null;
  tabs.push({ to: "/gia-dinh", icon: ic.family, label: "Gia đình", active: path === "/gia-dinh" });
  return (
    <nav className="tabs" aria-label="Chuyển màn hình">
      {tabs.map((t) => (
        <button key={t.to} type="button" aria-current={t.active ? "page" : undefined} onClick={() => go(t.to, { replace: true })}>
          <Icon p={t.icon} size={26} />
          {t.label}
        </button>
      ))}
    </nav>
  );
}
