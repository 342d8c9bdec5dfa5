/**
 * The mini app's state logic without a browser: progress as the server counts it, the offline queue
 * and its idempotency keys, the sender's retry and refusal rules, the API client's session handling,
 * and the cache the app opens on.
 */
import { describe, expect, it } from "vitest";
import { IdempotencyKey } from "../../shared/contracts/common";
import type { AnswersResponse, HouseholdView } from "../../shared/contracts/households";
import { ANSWER_VALUES, CATALOGUES, criterionStatus, type AnswerValue } from "../../shared/criteria";
import { ApiClient, ApiError } from "../../miniapp/src/api/client";
import type { KeyValueStore } from "../../miniapp/src/platform/types";
import { DataCache } from "../../miniapp/src/state/cache";
import { allowedAnswers, progressOf, statusFor, withPending, type PendingAnswer } from "../../miniapp/src/state/household";
import { AnswerQueue, newIdempotencyKey } from "../../miniapp/src/state/queue";
import { AnswerSync } from "../../miniapp/src/state/sync";
import { placed } from "../../miniapp/src/screens/standings";

const store = (): KeyValueStore & { map: Map<string, string> } => {
  const map = new Map<string, string>();
  return { map, getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v), removeItem: (k) => void map.delete(k) };
};
const random = (n: number) => Uint8Array.from({ length: n }, () => Math.floor(Math.random() * 256));

type Crit = HouseholdView["criteria"][number];
const crit = (id: string, pillar: Crit["pillar"], o: Partial<Crit> = {}): Crit => ({
  id,
  label: id,
  pillar,
  status: "unanswered",
  appliesByFlags: true,
  mayDecline: false,
  answer: null,
  ...o,
});
function household(criteria: Crit[]): HouseholdView {
  const pillars = (["chinh-quyen-so", "kinh-te-so", "xa-hoi-so"] as const).map((p) => ({ pillar: p, label: p, ...progressOf(criteria.filter((c) => c.pillar === p)) }));
  return {
    id: 7,
    villageId: "thon-a",
    villageName: "Thôn A",
    label: "Hộ bà Lan",
    flags: { business: false, producer: false },
    status: "active",
    createdAt: "2026-07-01T00:00:00.000Z",
    updatedAt: "2026-07-01T00:00:00.000Z",
    progress: { ...progressOf(criteria), pillars },
    criteria,
    members: [],
  };
}
const pending = (criterionId: string, value: AnswerValue, key = newIdempotencyKey(random)): PendingAnswer => ({ key, householdId: 7, criterionId, value, at: Date.parse("2026-07-02T00:00:00Z") });

describe("progress as the server counts it", () => {
  it("agrees with shared/criteria criterionStatus for every criterion, flag and answer", () => {
    for (const c of [...CATALOGUES["gia-dinh-so"]!.criteria, ...CATALOGUES["gia-dinh-so"]!.optional]) {
      for (const flags of [{ business: false, producer: false }, { business: true, producer: false }, { business: false, producer: true }]) {
        const applies = c.relevance.flags === undefined || c.relevance.flags.some((f) => flags[f]);
        for (const value of [...ANSWER_VALUES, undefined]) {
          expect(statusFor({ appliesByFlags: applies, mayDecline: c.relevance.mayDecline }, value)).toBe(criterionStatus(c, flags, value));
        }
        expect(allowedAnswers({ appliesByFlags: applies, mayDecline: c.relevance.mayDecline })).toEqual(
          ANSWER_VALUES.filter((v) => (applies ? v !== "khong_ap_dung" || c.relevance.mayDecline : v === "khong_ap_dung")),
        );
      }
    }
  });

  it("lays waiting answers over the server's household: latest wins, not applicable leaves the count, a changed value loses its check", () => {
    const h = household([
      crit("a", "chinh-quyen-so", { status: "met", answer: { value: "dat", note: null, updatedAt: "2026-07-01T00:00:00.000Z", verified: true, verifiedAt: "2026-07-01T01:00:00.000Z" } }),
      crit("b", "chinh-quyen-so"),
      crit("c", "xa-hoi-so", { mayDecline: true }),
      crit("d", "kinh-te-so", { appliesByFlags: false, status: "na" }),
    ]);
    expect(h.progress).toMatchObject({ applicable: 3, met: 1, answered: 1, fullyMet: false });
    const v = withPending(h, [pending("b", "chua_dat"), pending("b", "dat"), pending("c", "khong_ap_dung"), pending("a", "chua_dat")]);
    expect(v.criteria.map((c) => c.status)).toEqual(["unmet", "met", "na", "na"]);
    expect(v.criteria[0]!.answer).toMatchObject({ value: "chua_dat", verified: false, verifiedAt: null });
    expect(v.progress).toMatchObject({ applicable: 2, met: 1, answered: 2, assessed: true, fullyMet: false });
    expect(v.progress.pillars.find((p) => p.pillar === "xa-hoi-so")).toMatchObject({ applicable: 0, met: 0 });
    // The same value again keeps the village head's check.
    expect(withPending(h, [pending("a", "dat")]).criteria[0]!.answer).toMatchObject({ verified: true });
    // Answers of another household change nothing.
    expect(withPending(h, [{ ...pending("b", "dat"), householdId: 8 }])).toBe(h);
  });
});

describe("the offline queue", () => {
  it("keeps answers in storage with keys the server accepts, one waiting answer per criterion", () => {
    const s = store();
    const q = new AnswerQueue(s, "q");
    const first = pending("a", "dat");
    expect(IdempotencyKey.safeParse(first.key).success).toBe(true);
    q.add(first);
    q.add(pending("b", "dat"));
    const again = pending("a", "chua_dat");
    q.add(again);
    expect(q.all().map((p) => [p.criterionId, p.value])).toEqual([
      ["b", "dat"],
      ["a", "chua_dat"],
    ]);
    // What another instance reads (the app reopened) is the same.
    expect(new AnswerQueue(s, "q").all()).toEqual(q.all());
    // An answer on its way to the server is kept: it may already be there.
    q.add(pending("a", "dat"), new Set([again.key]));
    expect(q.all().filter((p) => p.criterionId === "a").map((p) => p.value)).toEqual(["chua_dat", "dat"]);
    q.remove([again.key]);
    expect(q.size()).toBe(2);
    s.setItem("q", "{broken");
    expect(q.all()).toEqual([]);
  });
});

function fakeSync(send: (hid: number, changes: { criterionId: string; idempotencyKey: string }[]) => Promise<AnswersResponse>) {
  const timers: { fn: () => void; ms: number }[] = [];
  const households: HouseholdView[] = [];
  const queue = new AnswerQueue(store(), "q");
  const sync = new AnswerSync(queue, send, {
    onHousehold: (h) => void households.push(h),
    schedule: (fn, ms) => {
      const t = { fn, ms };
      timers.push(t);
      return () => void timers.splice(timers.indexOf(t), 1);
    },
    now: () => 1_000,
  });
  return { queue, sync, timers, households };
}
const ok = (changes: { criterionId: string; idempotencyKey: string }[]): AnswersResponse => ({
  results: changes.map((c) => ({ criterionId: c.criterionId, idempotencyKey: c.idempotencyKey, outcome: "changed" as const })),
  household: household([]),
});

describe("sending the queue", () => {
  it("without a network keeps the answers, says so, retries with backoff and sends the same keys once it is back", async () => {
    const sent: string[][] = [];
    let online = false;
    const f = fakeSync(async (_h, changes) => {
      if (!online) throw new ApiError("offline", "Chưa có mạng.");
      sent.push(changes.map((c) => c.idempotencyKey));
      return ok(changes);
    });
    const a = pending("a", "dat");
    const b = pending("b", "chua_dat");
    await f.sync.answer(a);
    await f.sync.answer(b);
    expect(f.sync.status()).toMatchObject({ pending: 2, offline: true, waitingReason: "Chưa có mạng." });
    expect(f.timers.map((t) => t.ms)).toEqual([4_000]); // the second failure in a row waits longer; one retry planned
    online = true;
    f.timers[0]!.fn();
    await f.sync.flush();
    expect(sent).toEqual([[a.key, b.key]]);
    expect(f.sync.status()).toMatchObject({ pending: 0, offline: false, waitingReason: null, lastDelivered: { count: 2 } });
    expect(f.households).toHaveLength(1);
  });

  it("a response lost on the way back sends the same key again (the server answers “replayed”)", async () => {
    const keys: string[] = [];
    let lose = true;
    const f = fakeSync(async (_h, changes) => {
      keys.push(...changes.map((c) => c.idempotencyKey));
      if (lose) {
        lose = false;
        throw new ApiError("timeout", "Mạng yếu quá.");
      }
      return ok(changes);
    });
    await f.sync.answer(pending("a", "dat"));
    f.timers[0]!.fn();
    await f.sync.flush();
    expect(keys).toHaveLength(2);
    expect(keys[0]).toBe(keys[1]);
    expect(f.queue.size()).toBe(0);
  });

  it("an answer the server refuses is dropped with its reason; the others in the batch still go", async () => {
    const f = fakeSync(async (_h, changes) => {
      if (changes.some((c) => c.criterionId === "bad")) throw new ApiError("http", "Tiêu chí này chỉ áp dụng cho hộ kinh doanh.", 400, "bad_request");
      return ok(changes);
    });
    f.queue.add(pending("a", "dat"));
    f.queue.add(pending("bad", "dat"));
    f.queue.add(pending("c", "dat"));
    await f.sync.flush();
    expect(f.queue.size()).toBe(0);
    expect(f.sync.status().refused.map((r) => [r.pending.criterionId, r.message])).toEqual([["bad", "Tiêu chí này chỉ áp dụng cho hộ kinh doanh."]]);
    expect(f.sync.status().lastDelivered?.count).toBe(2);
    f.sync.clearRefused();
    expect(f.sync.status().refused).toEqual([]);
  });

  it("a refusal after an earlier delivery does not claim “sent”: lastDelivered only counts this flush", async () => {
    let refuse = false;
    const f = fakeSync(async (_h, changes) => {
      if (refuse) throw new ApiError("http", "Máy chủ của xã chưa nhận yêu cầu này.", 404);
      return ok(changes);
    });
    await f.sync.answer(pending("a", "dat"));
    expect(f.sync.status().lastDelivered?.count).toBe(1);
    refuse = true;
    await f.sync.answer(pending("b", "dat"));
    expect(f.sync.status()).toMatchObject({ pending: 0, lastDelivered: null });
    expect(f.sync.status().refused.map((r) => r.pending.criterionId)).toEqual(["b"]);
  });

  it("one flush at a time: an answer made during a send goes right after it", async () => {
    let release!: () => void;
    const batches: string[][] = [];
    const f = fakeSync(async (_h, changes) => {
      batches.push(changes.map((c) => c.criterionId));
      if (batches.length === 1) await new Promise<void>((r) => (release = r));
      return ok(changes);
    });
    const running = f.sync.answer(pending("a", "dat"));
    await Promise.resolve();
    const second = f.sync.answer(pending("b", "dat"));
    release();
    await Promise.all([running, second]);
    expect(batches).toEqual([["a"], ["b"]]);
  });
});

describe("the API client", () => {
  function fakeApi(handler: (path: string, init: RequestInit) => Response | Promise<Response>) {
    let tokens = 0;
    const calls: string[] = [];
    const fetchFn = (async (input: string | URL | Request, init?: RequestInit) => {
      calls.push(`${init?.method ?? "GET"} ${String(input)}`);
      return handler(String(input), init ?? {});
    }) as typeof fetch;
    const s = store();
    const api = new ApiClient({ base: "https://bot.example.vn", fetch: fetchFn, accessToken: async () => `zalo-${++tokens}`, store: s, timeoutMs: 50 }, "u1");
    return { api, calls, s, tokens: () => tokens };
  }
  const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
  const login = (n: number) => json(200, { session: `sess-${n}`, expiresAt: new Date(Date.now() + 3_600_000).toISOString(), me: { appUserId: "1", roles: { officer: false, admin: false, villageHeadOf: [] }, household: null } });

  it("logs in once for calls made together, keeps the session, and logs in again once on 401", async () => {
    let logins = 0;
    let expired = false;
    const f = fakeApi((path, init) => {
      if (path.endsWith("/api/auth/zalo")) return login(++logins);
      const auth = (init.headers as Record<string, string>).authorization;
      if (expired && auth === "Bearer sess-1") return json(401, { error: { code: "unauthenticated", message: "Phiên đăng nhập đã hết hạn." } });
      return json(200, { ok: auth });
    });
    const [a, b] = await Promise.all([f.api.call<{ ok: string }>("GET", "/api/me"), f.api.call<{ ok: string }>("GET", "/api/catalogue")]);
    expect([a.ok, b.ok]).toEqual(["Bearer sess-1", "Bearer sess-1"]);
    expect(logins).toBe(1);
    expect(JSON.parse(f.s.map.get("gds.session.u1")!)).toMatchObject({ session: "sess-1" });
    expired = true;
    await expect(f.api.call<{ ok: string }>("GET", "/api/me")).resolves.toEqual({ ok: "Bearer sess-2" });
    expect(logins).toBe(2);
    expect(f.tokens()).toBe(2);
  });

  it("turns failures into ApiError: the server's Vietnamese message, offline, timeout", async () => {
    const refuse = fakeApi((path) => (path.endsWith("/api/auth/zalo") ? login(1) : json(403, { error: { code: "forbidden", message: "Bạn chỉ xem và sửa được thông tin của hộ mình." } })));
    const e = (await refuse.api.call("GET", "/api/households/9").catch((x: unknown) => x)) as ApiError;
    expect(e).toMatchObject({ kind: "http", status: 403, code: "forbidden", message: "Bạn chỉ xem và sửa được thông tin của hộ mình." });
    expect(e.retryable).toBe(false);
    const down = fakeApi(() => Promise.reject(new TypeError("Failed to fetch")));
    await expect(down.api.call("GET", "/api/me")).rejects.toMatchObject({ kind: "offline", retryable: true });
    const slow = fakeApi((path, init) =>
      path.endsWith("/api/auth/zalo") ? login(1) : new Promise<Response>((_r, reject) => init.signal?.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError")))),
    );
    await expect(slow.api.call("GET", "/api/me")).rejects.toMatchObject({ kind: "timeout", retryable: true });
    const busy = fakeApi((path) => (path.endsWith("/api/auth/zalo") ? login(1) : new Response("<html>502</html>", { status: 502 })));
    await expect(busy.api.call("GET", "/api/me")).rejects.toMatchObject({ kind: "http", status: 502, retryable: true, message: "Máy chủ của xã đang bận. Bác thử lại sau ít phút nhé." });
  });

  it("never passes on a server's English: Fastify's {error:\"Not Found\"} becomes plain Vietnamese, a Vietnamese string is kept", async () => {
    const fastify = fakeApi((path) => (path.endsWith("/api/auth/zalo") ? login(1) : json(404, { error: "Not Found", message: "Route POST:/api/x not found", statusCode: 404 })));
    const e = (await fastify.api.call("POST", "/api/x", {}).catch((x: unknown) => x)) as ApiError;
    expect(e).toMatchObject({ kind: "http", status: 404, message: "Máy chủ của xã chưa nhận yêu cầu này." });
    expect(e.retryable).toBe(false);
    const vi = fakeApi((path) => (path.endsWith("/api/auth/zalo") ? login(1) : json(403, { error: "Chỉ cán bộ xã dùng được chức năng này." })));
    await expect(vi.api.call("GET", "/api/y")).rejects.toMatchObject({ status: 403, message: "Chỉ cán bộ xã dùng được chức năng này." });
  });
});

describe("the villages' places", () => {
  const v = (villageId: string, self: number | null, verified: number | null, basis: "self_declared" | "verified" = "self_declared") => ({
    villageId,
    basis,
    fullyMetPercent: self,
    fullyMetVerifiedPercent: verified,
  });
  it("equal figures share a place (1, 1, 3), a village with nothing yet has none, and the basis decides the figure", () => {
    const out = placed([v("a", 10, 0), v("b", 25.04, 5), v("c", 25, 30), v("d", 0, 0), v("e", null, null)]);
    expect(out.map((x) => [x.villageId, x.place, x.ties])).toEqual([
      ["b", 1, 1],
      ["c", 1, 1],
      ["a", 3, 0],
      ["d", null, 0],
      ["e", null, 0],
    ]);
    expect(placed([v("a", 0, 0), v("b", 0, 0)]).map((x) => x.place)).toEqual([null, null]);
    const verified = placed([v("a", 80, 10, "verified"), v("b", 20, 20, "verified")]);
    expect(verified.map((x) => [x.villageId, x.place, x.percent])).toEqual([
      ["b", 1, 20],
      ["a", 2, 10],
    ]);
  });
});

describe("the cache the app opens on", () => {
  it("keeps only the offline keys in storage, per person, and knows what came from the server this time", () => {
    const s = store();
    const c = new DataCache(s, "u1", (k) => k === "me" || k.startsWith("household:"));
    c.set("me", { a: 1 }, 10);
    c.set("commune", { big: true }, 10);
    expect([...s.map.keys()]).toEqual(["gds.c.u1.me"]);
    expect(c.isLive("me")).toBe(true);
    const reopened = new DataCache(s, "u1", (k) => k === "me");
    expect(reopened.entry("me")).toEqual({ value: { a: 1 }, at: 10 });
    expect(reopened.isLive("me")).toBe(false);
    expect(reopened.get("commune")).toBeUndefined();
    expect(new DataCache(s, "u2", () => true).get("me")).toBeUndefined();
  });
});
