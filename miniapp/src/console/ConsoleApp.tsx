import { Suspense, useEffect, useMemo, useState, useSyncExternalStore, type ReactNode } from "react";
import { App as ZaUIApp } from "zmp-ui";
import type { Me } from "../api/types";
import { endpoints } from "../api/endpoints";
import { ServicesContext, useData } from "../app/hooks";
import type { AppServices } from "../app/services";
import { PlatformError, type KeyValueStore, type Platform } from "../platform/types";
import { DataCache } from "../state/cache";
import { AnswerQueue, newIdempotencyKey } from "../state/queue";
import { AnswerSync } from "../state/sync";
import { Icon } from "../ui/icons";
import { Failed, Loading, ToastProvider } from "../ui/parts";
import { match, useRoute } from "../ui/router";
import { LoginPage } from "./Login";
import type { ConsoleAuth } from "./session";
import { TicketsPage, TicketPage } from "./Tickets";
import { ReportsPage } from "./Reports";
import { BroadcastsPage, BroadcastReportPage } from "./Broadcasts";
import { ComposePage } from "./broadcast-compose";
import { SchedulesPage } from "./broadcast-schedules";
import { OverviewPage } from "./Overview";
import { SessionsPage } from "./Sessions";
import { GroupsPage } from "./Groups";
import { SegmentsPage } from "./segments-page";
import { CriteriaPage, PillarsPage, VillagePage } from "./dash-pages";
import { CalendarPage } from "./calendar-page";
import { GuideEditorPage } from "./guide-editor";
import { GuidesPage, LegalTipsPage } from "./guide-pages";
import { useEvery } from "./parts";
import { CommuneHistoryPage, CommunePeoplePage, CommuneTransferPage } from "./commune-pages";
import { CriteriaSetPage } from "./criteria-page";
import { SettingsPage } from "./settings-page";

function memoryStore(): KeyValueStore {
  const m = new Map<string, string>();
  return { getItem: (k) => m.get(k) ?? null, setItem: (k, v) => void m.set(k, v), removeItem: (k) => void m.delete(k) };
}

const noHost = () => Promise.reject(new PlatformError("unsupported", "Máy tính không làm được việc này."));
const PC_PLATFORM: Platform = { kind: "browser", accessToken: noHost, userInfo: async () => null, theme: async () => "light", openGuideChat: noHost, share: noHost, followOA: noHost, scanQR: noHost };

/** The mini app's services over the console's API client: the officers' screens of the phone work here too. Nothing is kept on disk. */
function consoleServices(auth: ConsoleAuth): AppServices {
  const api = auth.api;
  const ep = endpoints(api);
  const queue = new AnswerQueue(memoryStore(), "console");
  const sync = new AnswerSync(queue, (hid, changes) => ep.answers(hid, changes), {
    onHousehold: () => {},
    schedule: (fn, ms) => {
      const t = setTimeout(fn, ms);
      return () => clearTimeout(t);
    },
    now: Date.now,
  });
  return { platform: PC_PLATFORM, api, ep, cache: new DataCache(memoryStore(), "console", () => false), queue, sync, newKey: () => newIdempotencyKey((n) => crypto.getRandomValues(new Uint8Array(n))) };
}

/** A one-time link from the OA chat: /console/#ma=<token>. Read once, then taken out of the address bar and history. */
function takeLinkToken(): string | null {
  const m = /^#ma=([A-Za-z0-9_-]{16,128})$/.exec(location.hash);
  if (!m) return null;
  history.replaceState(null, "", `${location.pathname}${location.search}#/`);
  return m[1]!;
}

export function ConsoleRoot({ auth }: { auth: ConsoleAuth }) {
  const [linkToken] = useState(takeLinkToken);
  const session = useSyncExternalStore(
    (fn) => auth.subscribe(fn),
    () => auth.current()?.session ?? null,
  );
  // A new login (maybe another officer) starts with an empty cache.
  const services = useMemo(() => consoleServices(auth), [auth, session === null]); // eslint-disable-line react-hooks/exhaustive-deps
  return (
    <ZaUIApp theme="light">
      <ServicesContext.Provider value={services}>
        <ToastProvider>{session ? <Desktop auth={auth} /> : <LoginPage auth={auth} linkToken={linkToken} />}</ToastProvider>
      </ServicesContext.Provider>
    </ZaUIApp>
  );
}

// The sidebar's icons, as ui/paths.tsx and ui/lazy-paths.tsx draw them: copied, since each shape taken
// from the first download's chunk would be one more name it exports (see api.ts on the first download).
const chartIcon = <path d="M4 20h16M7 17v-5M12 17V7M17 17v-8" />;
const chatIcon = <path d="M4 5h16v11H9l-5 4zM8 9.5h8M8 12.5h5" />;
const villageIcon = <path d="M3 20h18M5 20v-7l5-4 5 4v7M15 20v-9l3-2 3 2v9M9 20v-4h2v4" />;
const shieldIcon = <path d="M12 3l7.5 3v5.5c0 4.5-3.2 8-7.5 9.5-4.3-1.5-7.5-5-7.5-9.5V6zM8.5 12l2.5 2.5 4.5-5" />;
const bellIcon = <path d="M6 16V11a6 6 0 0 1 12 0v5l1.5 2h-15zM10 20.5h4" />;
const reportIcon = <path d="M6 3h9l4 4v14H6zM14.5 3v4.5H19M9 12h7M9 15.5h7M9 9h3" />;
const listIcon = <path d="M9 6h11M9 12h11M9 18h11M4 6l1 1 2-2M4 12l1 1 2-2M4 18l1 1 2-2" />;
const pillarIcon = <path d="M3 20h18M5 20V9M12 20V9M19 20V9M3 9l9-5 9 5z" />;
const calendarIcon = <path d="M4 6h16v14H4zM4 10h16M8 3v5M16 3v5M8 14h3M13 14h3M8 17h3" />;

interface NavItem {
  to: string;
  label: string;
  icon: ReactNode;
  admin?: boolean;
}
const NAV: NavItem[] = [
  { to: "/", label: "Tổng quan", icon: chartIcon },
  { to: "/tieu-chi", label: "Từng tiêu chí", icon: listIcon },
  { to: "/tru-cot", label: "Từng trụ cột", icon: pillarIcon },
  { to: "/yeu-cau", label: "Yêu cầu hỗ trợ", icon: chatIcon },
  { to: "/bao-cao", label: "Báo cáo thứ Sáu", icon: reportIcon },
  { to: "/thong-bao", label: "Thông báo", icon: bellIcon },
  { to: "/nhom-zalo", label: "Nhóm Zalo", icon: villageIcon },
  { to: "/nhom-ho", label: "Nhóm hộ và chỉ tiêu", icon: <path d="M4 20h16M6 20v-6M11 20V8M16 20v-9M3 7h18" strokeDasharray="2 2" /> },
  { to: "/lich-to-luu-dong", label: "Lịch tổ lưu động", icon: calendarIcon },
  { to: "/noi-dung", label: "Hướng dẫn, pháp luật", icon: <path d="M4 5.5C6.5 4 9.5 4 12 5.5 14.5 4 17.5 4 20 5.5V19c-2.5-1.5-5.5-1.5-8 0-2.5-1.5-5.5-1.5-8 0zM12 5.5V19" /> },
  // Admin edits, officers read (settings-page.tsx).
  { to: "/thong-tin-xa", label: "Thông tin chung của xã", icon: <path d="M4 4h16v16H4zM12 8v.5M12 11v6" /> },
  { to: "/bo-tieu-chi", label: "Bộ tiêu chí", icon: <path d="M5 4h14v16H5zM8 8.5l1.5 1.5L12 7.5M8 14.5l1.5 1.5 2.5-2.5M14 9h2.5M14 15h2.5" />, admin: true },
  { to: "/thon-va-nguoi", label: "Thôn và người phụ trách", icon: <path d="M8 11a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM2.5 20c.5-3.5 2.8-5.5 5.5-5.5s5 2 5.5 5.5M16 10.5a2.5 2.5 0 1 0 0-5M17.5 14.5c2.2.4 3.7 2.2 4 5.5" />, admin: true },
  { to: "/lich-su-thay-doi", label: "Lịch sử thay đổi", icon: <path d="M4 12a8 8 0 1 0 2.4-5.7M4 4v4h4M12 8v4.5l3 2" />, admin: true },
  { to: "/du-lieu-xa", label: "Xuất / nhập dữ liệu xã", icon: <path d="M12 3v11M8 10l4 4 4-4M4 16v4h16v-4" />, admin: true },
  { to: "/may-tinh", label: "Máy tính đăng nhập", icon: shieldIcon, admin: true },
];

function Desktop({ auth }: { auth: ConsoleAuth }) {
  const route = useRoute();
  const me = useData<Me>("me", () => endpoints(auth.api).me(), 60_000);
  // Roles are looked up on every request: a PC whose session the admin ended, or whose officer lost the role, learns it within a minute.
  useEvery(60_000, () => void me.reload());
  // On a phone the pages are a row of tabs that scrolls sideways: the one opened comes into view.
  useEffect(() => {
    document.querySelector('.console-side a[aria-current="page"]')?.scrollIntoView({ block: "nearest", inline: "nearest" });
  }, [route.path, me.data !== undefined]); // eslint-disable-line react-hooks/exhaustive-deps
  if (!me.data) {
    return <main className="console-center">{me.error ? <Failed message={me.error.message} retry={() => void me.reload()} /> : <Loading text="Đang mở…" />}</main>;
  }
  const m = me.data;
  if (!m.roles.officer && !m.roles.admin) {
    return (
      <main className="console-center">
        <Failed message="Tài khoản này không phải cán bộ xã, nên không mở được trang làm việc trên máy tính." />
        <button className="c-btn" type="button" onClick={() => void auth.logout()}>
          Đăng xuất
        </button>
      </main>
    );
  }
  const p = route.path;
  const items = NAV.filter((n) => !n.admin || m.roles.admin);
  // A village's page is opened from the overview's table: the overview stays marked.
  const active = (to: string) => (to === "/" ? p === "/" || p.startsWith("/thon/") : p === to || p.startsWith(`${to}/`));
  return (
    <div className="console-shell">
      <aside className="console-side">
        <p className="console-brand">Gia đình số</p>
        <p className="console-who">{m.name ? `Cán bộ: ${m.name}` : "Cán bộ xã"}</p>
        <nav aria-label="Các trang">
          <ul>
            {items.map((n) => (
              <li key={n.to}>
                <a href={`#${n.to}`} aria-current={active(n.to) ? "page" : undefined}>
                  <Icon p={n.icon} size={22} />
                  <span>{n.label}</span>
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <button className="c-btn ghost" type="button" onClick={() => void auth.logout()}>
          Đăng xuất
        </button>
      </aside>
      <div className="console-main">
        <Suspense fallback={<Loading />}>
          <Page path={p} admin={m.roles.admin} query={route.query} />
        </Suspense>
      </div>
    </div>
  );
}

function Page({ path, admin, query }: { path: string; admin: boolean; query?: URLSearchParams }) {
  const t = match("/yeu-cau/:id", path);
  if (t) return <TicketPage id={Number(t.id)} />;
  if (path === "/yeu-cau") return <TicketsPage />;
  if (path === "/bao-cao") return <ReportsPage />;
  if (path === "/thong-bao/soan") return <ComposePage draftId={Number(query?.get("nhap")) || undefined} />;
  if (path === "/thong-bao/lich") return <SchedulesPage />;
  const b = match("/thong-bao/:id", path);
  if (b) return <BroadcastReportPage id={Number(b.id)} />;
  if (path === "/thong-bao") return <BroadcastsPage />;
  if (path === "/nhom-zalo") return <GroupsPage />;
  if (path === "/lich-to-luu-dong") return <CalendarPage />;
  if (path === "/noi-dung") return <GuidesPage />;
  if (path === "/noi-dung/phap-luat") return <LegalTipsPage />;
  const guide = match("/noi-dung/:id", path);
  if (guide) return <GuideEditorPage key={guide.id} gid={guide.id!} admin={admin} />;
  if (path === "/nhom-ho") return <SegmentsPage admin={admin} />;
  if (path === "/may-tinh" && admin) return <SessionsPage />;
  if (path === "/thon-va-nguoi" && admin) return <CommunePeoplePage />;
  if (path === "/bo-tieu-chi" && admin) return <CriteriaSetPage />;
  if (path === "/thong-tin-xa") return <SettingsPage admin={admin} />;
  if (path === "/lich-su-thay-doi" && admin) return <CommuneHistoryPage />;
  if (path === "/du-lieu-xa" && admin) return <CommuneTransferPage />;
  if (path === "/tieu-chi") return <CriteriaPage />;
  if (path === "/tru-cot") return <PillarsPage />;
  const v = match("/thon/:id", path);
  if (v) return <VillagePage id={v.id!} />;
  return <OverviewPage />;
}
