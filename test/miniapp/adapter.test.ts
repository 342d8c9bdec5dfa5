/**
 * The host adapters: the Zalo one (zmp-sdk mocked: its real import logs in at load and only works
 * inside Zalo) with its timeouts and error codes, the browser one against the real simulator, and
 * the message that opens a guide in the OA chat against the bot's real matcher.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { guideContextFrom } from "../../bot/chat/guide-context";
import { GuideLibrary } from "../../bot/chat/guide-library";
import { appSecretProof } from "../../bot/auth/zalo-graph";
import { startSimulator, type StartedSimulator } from "../../bot/simulator/server";
import { createBrowserPlatform } from "../../miniapp/src/platform/browser";
import { insideZalo, lazyPlatform } from "../../miniapp/src/platform/lazy";
import { guideChatMessage } from "../../miniapp/src/platform/messages";
import { PlatformError, type KeyValueStore, type Platform } from "../../miniapp/src/platform/types";
import { demoCommune, TEST_CREDENTIALS } from "../support/env";

const never = () => new Promise<never>(() => {});

const sdk = vi.hoisted(() => ({
  getAccessToken: vi.fn<() => Promise<string>>(),
  getUserInfo: vi.fn<(a?: unknown) => Promise<{ userInfo: { id: string; name: string } }>>(),
  getSystemInfo: vi.fn<() => { zaloTheme: string }>(),
  openChat: vi.fn<(a: unknown) => Promise<void>>(),
  openShareSheet: vi.fn<(a: unknown) => Promise<{ status: 0 | 1 | 2 }>>(),
  followOA: vi.fn<(a: unknown) => Promise<void>>(),
}));
vi.mock("zmp-sdk/apis", () => sdk);

const memoryStore = (): KeyValueStore & { map: Map<string, string> } => {
  const map = new Map<string, string>();
  return { map, getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v), removeItem: (k) => void map.delete(k) };
};

describe("the Zalo adapter (the only module calling zmp-sdk)", () => {
  let zalo: Platform;
  beforeEach(async () => {
    for (const f of Object.values(sdk)) f.mockReset();
    const { createZaloPlatform } = await import("../../miniapp/src/platform/zalo");
    zalo = createZaloPlatform({ oaId: () => "2000000000000000001", timeouts: { token: 50, user: 50, chat: 50, follow: 50, share: 50 } });
  });

  it("gives the access token, and a call that never settles fails after its timeout with a Vietnamese message", async () => {
    sdk.getAccessToken.mockResolvedValueOnce("tok-123");
    await expect(zalo.accessToken()).resolves.toBe("tok-123");
    sdk.getAccessToken.mockImplementationOnce(never);
    const err = await zalo.accessToken().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PlatformError);
    expect((err as PlatformError).code).toBe("timeout");
    expect((err as PlatformError).message).toMatch(/Zalo chưa phản hồi/);
    sdk.getAccessToken.mockResolvedValueOnce("");
    await expect(zalo.accessToken()).rejects.toMatchObject({ code: "failed" });
  });

  it("maps zmp-sdk's plain-object errors by code: -1401 refused, -1404 too old, others failed", async () => {
    sdk.followOA.mockRejectedValueOnce({ code: -1401, message: "denied", api: "followOA" });
    await expect(zalo.followOA()).rejects.toMatchObject({ code: "denied" });
    sdk.followOA.mockRejectedValueOnce({ code: -201, message: "user refused" });
    await expect(zalo.followOA()).rejects.toMatchObject({ code: "denied" });
    sdk.openChat.mockRejectedValueOnce({ code: -1404, message: "This API is not supported in this version of Zalo" });
    await expect(zalo.openGuideChat({ id: "vneid-muc-2", title: "X" })).rejects.toMatchObject({ code: "unsupported" });
    sdk.openChat.mockRejectedValueOnce({ code: -2000, message: "Unknown error" });
    await expect(zalo.openGuideChat({ id: "vneid-muc-2", title: "X" })).rejects.toMatchObject({ code: "failed" });
  });

  it("opens the commune OA's chat with the guide's message ready, follows that OA, shares text", async () => {
    sdk.openChat.mockResolvedValueOnce(undefined);
    await zalo.openGuideChat({ id: "vneid-muc-2", title: "Làm tài khoản định danh điện tử VNeID mức 2" });
    expect(sdk.openChat).toHaveBeenCalledWith({ type: "oa", id: "2000000000000000001", message: "Hướng dẫn: Làm tài khoản định danh điện tử VNeID mức 2" });
    sdk.followOA.mockResolvedValueOnce(undefined);
    await zalo.followOA();
    expect(sdk.followOA).toHaveBeenCalledWith({ id: "2000000000000000001" });
    sdk.openShareSheet.mockResolvedValueOnce({ status: 2 }).mockResolvedValueOnce({ status: 0 });
    await expect(zalo.share({ title: "Nhắc", text: "Bà con ơi", link: "https://zalo.me/s/1/" })).resolves.toBe("shared");
    expect(sdk.openShareSheet).toHaveBeenCalledWith({ type: "text", data: { text: "Bà con ơi\nhttps://zalo.me/s/1/", description: "Nhắc", autoParseLink: true } });
    await expect(zalo.share({ title: "Nhắc", text: "Bà con ơi" })).resolves.toBe("cancelled");
  });

  it("follows Zalo's theme, and user info is optional: null when Zalo does not answer", async () => {
    sdk.getSystemInfo.mockReturnValueOnce({ zaloTheme: "dark" });
    await expect(zalo.theme()).resolves.toBe("dark");
    sdk.getSystemInfo.mockImplementationOnce(() => {
      throw { code: -2000 };
    });
    await expect(zalo.theme()).resolves.toBe("light");
    sdk.getUserInfo.mockImplementationOnce(never);
    await expect(zalo.userInfo()).resolves.toBeNull();
    sdk.getUserInfo.mockResolvedValueOnce({ userInfo: { id: "123", name: "Bà Lan" } });
    await expect(zalo.userInfo()).resolves.toEqual({ id: "123", name: "Bà Lan" });
    expect(sdk.getUserInfo).toHaveBeenLastCalledWith({ autoRequestPermission: false });
  });
});

describe("the message that opens a guide in the OA chat", () => {
  it("is plain Vietnamese, and the bot's matcher takes every guide's title to that guide", () => {
    const library = new GuideLibrary(guideContextFrom(demoCommune(), "https://zalo.me/s/1/"), []);
    for (const g of library.all()) {
      const text = guideChatMessage({ id: g.id, title: g.title });
      expect(text).toBe(`Hướng dẫn: ${g.title}`);
      expect(library.understand(text), text).toMatchObject({ kind: "guide", guideId: g.id });
    }
  });
});

describe("the browser adapter against the real simulator", () => {
  let sim: StartedSimulator;
  beforeAll(async () => {
    sim = await startSimulator({ ...TEST_CREDENTIALS });
  });
  afterAll(() => sim.close());

  const make = (o: Partial<Parameters<typeof createBrowserPlatform>[0]> = {}) => {
    const storage = memoryStore();
    const opened: string[] = [];
    const copied: string[] = [];
    const p = createBrowserPlatform({
      fetch,
      simulatorApi: `${sim.url}/simulator/api`,
      userId: "8900000000000000042",
      prefersDark: () => true,
      open: (u) => void opened.push(u),
      storage,
      copy: async (t) => void copied.push(t),
      ...o,
    });
    return { p, storage, opened, copied };
  };

  it("mints a mini-app token that Zalo's Graph /v2.0/me (simulated) accepts for that person", async () => {
    const { p } = make();
    const token = await p.accessToken();
    const res = await fetch(`${sim.url}/v2.0/me?fields=id,name`, { headers: { access_token: token, appsecret_proof: appSecretProof(TEST_CREDENTIALS.appSecret, token) } });
    const me = (await res.json()) as { error: number; id: string };
    expect(me.error).toBe(0);
    expect(me.id).toBe(sim.sim.user("8900000000000000042")!.user_id_by_app);
    await expect(p.userInfo()).resolves.toMatchObject({ id: me.id });
    await expect(p.theme()).resolves.toBe("dark");
  });

  it("“Hỏi trên Zalo” sends the guide's message as that person and opens the simulator's chat page as them", async () => {
    const { p, storage, opened } = make();
    await p.openGuideChat({ id: "vneid-muc-2", title: "Làm tài khoản định danh điện tử VNeID mức 2" });
    expect(sim.sim.conversation("8900000000000000042").some((m) => m.src === 1 && m.message === "Hướng dẫn: Làm tài khoản định danh điện tử VNeID mức 2")).toBe(true);
    expect(storage.map.get("sim.uid")).toBe("8900000000000000042");
    expect(opened).toEqual([`${sim.url}/simulator/`]);
    await p.followOA();
    expect(sim.sim.user("8900000000000000042")!.follower).toBe(true);
  });

  it("shares through the Web Share API, else copies; a cancelled share sheet is not an error", async () => {
    const shared: unknown[] = [];
    const withShare = make({ nativeShare: async (c) => void shared.push(c) });
    await expect(withShare.p.share({ title: "T", text: "Nội dung", link: "https://x.vn/a" })).resolves.toBe("shared");
    expect(shared).toEqual([{ title: "T", text: "Nội dung", url: "https://x.vn/a" }]);
    const cancelled = make({ nativeShare: async () => Promise.reject(Object.assign(new Error("cancel"), { name: "AbortError" })) });
    await expect(cancelled.p.share({ title: "T", text: "x" })).resolves.toBe("cancelled");
    const plain = make();
    await expect(plain.p.share({ title: "T", text: "Nội dung", link: "https://x.vn/a" })).resolves.toBe("copied");
    expect(plain.copied).toEqual(["Nội dung\nhttps://x.vn/a"]);
  });

  it("times out against a simulator that does not answer", async () => {
    const { p } = make({ fetch: () => never(), timeoutMs: 30 });
    await expect(p.accessToken()).rejects.toMatchObject({ code: "timeout" });
  });
});

describe("choosing and loading the host", () => {
  it("knows Zalo by its user agent or its mini app host", () => {
    expect(insideZalo("Mozilla/5.0 (Linux; Android 10) Zalo android/12345 ZaloTheme/light", "h5.zdn.vn", "/zapps/1/")).toBe(true);
    expect(insideZalo("Mozilla/5.0 Chrome/120", "h5.zdn.vn", "/zapps/123/")).toBe(true);
    expect(insideZalo("Mozilla/5.0 Chrome/120", "127.0.0.1", "/miniapp/")).toBe(false);
  });

  it("loads the adapter once, on first use, and tries again after a failed download", async () => {
    let loads = 0;
    const impl = { accessToken: async () => "t" } as unknown as Platform;
    const p = lazyPlatform("zalo", async () => {
      loads++;
      if (loads === 1) throw new Error("chunk download failed");
      return impl;
    });
    expect(loads).toBe(0);
    await expect(p.accessToken()).rejects.toThrow("chunk download failed");
    await expect(p.accessToken()).resolves.toBe("t");
    await expect(p.accessToken()).resolves.toBe("t");
    expect(loads).toBe(2);
  });
});
