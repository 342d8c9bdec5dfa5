import { afterEach, describe, expect, it } from "vitest";
import { SESSION_MAX_LIFETIME_MS, SESSION_TTL_MS, SessionSigner } from "../../bot/auth/session";
import { createGdsApp, type GdsTestApp } from "../households/support";

/** Sessions end: after an hour, never later than 12 hours after the Zalo login, and at once when revoked. */
describe("sessions: revocation and maximum lifetime", () => {
  let t: GdsTestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  const me = (g: GdsTestApp, headers: Record<string, string>) => g.app.inject({ method: "GET", url: "/api/me", headers });
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const USER = "8222222222222222201";

  it("a revoked person's sessions get 401 at once; a session issued after the revocation works; the table holds no id", async () => {
    t = await createGdsApp();
    const g = t;
    const first = g.as(USER);
    const other = g.as("8222222222222222202");
    expect((await me(g, first)).statusCode).toBe(200);

    g.services.gds.auth.revokeSessions(USER);
    const refused = await me(g, first);
    expect(refused.statusCode).toBe(401);
    expect(refused.json().error.message).toBe("Phiên đăng nhập này đã kết thúc. Hãy mở lại ứng dụng để đăng nhập lại.");
    expect((await me(g, other)).statusCode).toBe(200); // only that person

    const rows = g.services.database.sqlite.prepare("SELECT * FROM session_revocations").all() as { user_key: string }[];
    expect(rows).toHaveLength(1);
    expect(rows[0]!.user_key).not.toContain(USER);

    g.clock.advance(1);
    const fresh = g.as(USER);
    expect((await me(g, fresh)).statusCode).toBe(200); // a new Zalo login after the revocation
    // A revocation never moves backwards: an older one recorded later keeps the newer time.
    new SessionSigner(g.services.database.db, g.clock).revokeAll(USER, 0);
    expect((await me(g, first)).statusCode).toBe(401);
    expect((await me(g, fresh)).statusCode).toBe(200);
  });

  it("an hour-long session expires; re-issued sessions never outlive 12 hours after the Zalo login", async () => {
    t = await createGdsApp();
    const g = t;
    const session = g.as(USER);
    g.clock.advance(SESSION_TTL_MS - 1);
    expect((await me(g, session)).statusCode).toBe(200);
    g.clock.advance(1);
    const expired = await me(g, session);
    expect(expired.statusCode).toBe(401);
    expect(expired.json().error.message).toContain("hết hạn");

    // Any re-issue keeps the login time: 11.5 h after the login, the new session lasts 30 minutes, not an hour.
    const signer = new SessionSigner(g.services.database.db, g.clock);
    const login = g.clock.now();
    g.clock.advance(SESSION_MAX_LIFETIME_MS - 30 * 60_000);
    const late = signer.issue(USER, undefined, login);
    expect(late.expiresAt - g.clock.now()).toBe(30 * 60_000);
    expect((await me(g, bearer(late.token))).statusCode).toBe(200);
    g.clock.advance(30 * 60_000);
    expect((await me(g, bearer(late.token))).statusCode).toBe(401);
    expect(() => signer.issue(USER, undefined, login)).toThrow(/maximum session lifetime/);
  });

  it("a session whose claims were edited (longer expiry, older login) is refused", async () => {
    t = await createGdsApp();
    const g = t;
    const token = g.as(USER).authorization!.slice("Bearer ".length);
    const [prefix, body, sig] = token.split(".") as [string, string, string];
    const claims = JSON.parse(Buffer.from(body, "base64url").toString("utf8"));
    for (const edit of [{ exp: claims.exp + 24 * 3600_000 }, { auth: claims.auth + 24 * 3600_000 }, { sub: "8222222222222222299" }]) {
      const forged = `${prefix}.${Buffer.from(JSON.stringify({ ...claims, ...edit })).toString("base64url")}.${sig}`;
      expect((await me(g, bearer(forged))).statusCode).toBe(401);
    }
  });
});
