import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../support/app";
import { TEST_CREDENTIALS } from "../support/env";
import { macFor, rawRequest } from "./support";

const OA = TEST_CREDENTIALS.oaId;
const APP = TEST_CREDENTIALS.appId;
const USER = "8400000000000000001";

/**
 * Documented events nothing acts on yet. Field lists from Zalo's webhook pages (developers.zalo.me/docs/
 * official-account/webhook: calls "goi-thoai", management "quan-ly", widget), as summarised in
 * shared/zalo/oa-api.md §1 and in a public integration note of those pages; values are illustrative.
 * JSON types of times and durations are not shown there: both strings and numbers appear below.
 */
function documented(): Record<string, Record<string, unknown>> {
  const timestamp = String(Date.now());
  return {
    // Only sent to the app whose id is the extension's: no app_id in the body (issue 11 item 1).
    extension_purchased: { event_name: "extension_purchased", oa_id: OA, extension_id: APP, extension_sub_info: { valid_start_date: "01/12/2026", valid_through_date: "01/12/2027", duration_month: 12 }, timestamp },
    oa_send_consent: { app_id: APP, event_name: "oa_send_consent", oa_id: OA, user_id: USER, phone: "84987654321", request_type: "SENT", create_time: 1764400000000, expired_time: "1765000000000", timestamp },
    user_reply_consent: { app_id: APP, event_name: "user_reply_consent", oa_id: OA, user_id: USER, phone: 84987654321, user_consent: "ALLOW", confirmed_time: "1764400000000", expired_time: 0, timestamp },
    user_call_oa: { app_id: APP, event_name: "user_call_oa", oa_id: OA, user_id: USER, call_id: "c-1", call_type: "AUDIO", init_time: 1764400000000, call_duration: 61000, waiting_time: 5, talk_time: 56000, status_code: 0, timestamp },
    oa_call_user: { app_id: APP, event_name: "oa_call_user", oa_id: OA, phone: "84987654321", call_id: 77, call_type: "VIDEO", init_time: "1764400000000", call_duration: "0", waiting_time: "30", talk_time: "0", status_code: "-1", timestamp },
    widget_failed_to_sync_user_external_id: { app_id: APP, event_name: "widget_failed_to_sync_user_external_id", data: { user_id: USER, user_external_id: "ho-123", message: "user already has user_external_id" }, timestamp },
  };
}

describe("item 8: every documented event has a schema; rejected events are counted on /readyz", () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
    t.services.worker.start();
  });
  afterEach(async () => t.close());

  const statuses = () => t.services.database.sqlite.prepare("SELECT event_name, status FROM inbox_events ORDER BY id").all() as { event_name: string; status: string }[];
  const readyCheck = async () => ((await t.app.inject({ method: "GET", url: "/readyz" })).json() as { checks: Record<string, { ok: boolean; degraded?: boolean; detail: any }> }).checks.webhookEvents;

  it("stores the documented consent, call, widget and extension events as handled, not rejected", async () => {
    for (const [name, body] of Object.entries(documented())) {
      const raw = JSON.stringify(body);
      const res = await t.app.inject(rawRequest(raw, macFor(raw, APP)));
      expect(res.statusCode, name).toBe(200);
      expect(res.json(), name).toMatchObject({ ok: true, stored: true, event: name });
    }
    await t.services.worker.drain();
    expect(statuses().every((r) => r.status === "done")).toBe(true);
    expect(await readyCheck()).toEqual({ ok: true, detail: { rejected: 0, byEvent: {} } });
  });

  it("counts unknown and malformed events per name and marks readiness degraded, without failing it", async () => {
    const unknown = JSON.stringify({ app_id: APP, event_name: "change_oa_daily_quota", oa_id: OA, quota: 5000, timestamp: String(Date.now()) });
    const malformed = JSON.stringify({ app_id: APP, event_name: "user_send_text", sender: { id: USER }, recipient: { id: OA }, message: { msg_id: "x-1" }, timestamp: String(Date.now()) });
    for (const raw of [unknown, unknown.replace("5000", "6000"), malformed]) {
      expect((await t.app.inject(rawRequest(raw))).statusCode).toBe(200);
    }
    const check = await readyCheck();
    expect(check).toMatchObject({ ok: true, degraded: true, detail: { rejected: 3, byEvent: { change_oa_daily_quota: 2, user_send_text: 1 } } });
    expect(Date.parse(check!.detail.lastRejectedAt)).toBeGreaterThan(Date.now() - 60_000);
  });
});
