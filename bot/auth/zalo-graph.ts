import { createHmac } from "node:crypto";
import axios, { type AxiosInstance } from "axios";
import { z } from "zod";
import { trimBase, type ZaloEndpoints } from "../zalo/endpoints";

export type GraphIdentity =
  | { ok: true; appUserId: string; name?: string }
  /** invalid: Zalo refused the user's token; misconfigured: it refused our appsecret_proof; transient: no usable answer. */
  | { ok: false; kind: "invalid" | "misconfigured" | "transient"; reason: string };

/** appsecret_proof = HMAC-SHA256(key = app secret, message = access token), lowercase hex (oa-api.md §7). */
export function appSecretProof(appSecret: string, accessToken: string): string {
  return createHmac("sha256", appSecret).update(accessToken).digest("hex");
}

const meSchema = z.looseObject({
  error: z.coerce.number().optional(),
  message: z.string().optional(),
  id: z.union([z.string(), z.number()]).optional(),
  name: z.string().optional(),
});

/** Zalo Graph `/v2.0/me` (Social API): who owns a mini-app user access token. */
export class ZaloGraphClient {
  private readonly http: AxiosInstance;

  constructor(
    /** Read at each call: sandbox fills in the simulator's URL once its port is known. */
    private readonly endpoints: ZaloEndpoints,
    private readonly appSecret: string,
    timeoutMs = 10_000,
  ) {
    this.http = axios.create({ timeout: timeoutMs, validateStatus: () => true });
  }

  async me(accessToken: string): Promise<GraphIdentity> {
    let res;
    try {
      res = await this.http.get(`${trimBase(this.endpoints.graph)}/v2.0/me`, {
        params: { fields: "id,name" },
        headers: { access_token: accessToken, appsecret_proof: appSecretProof(this.appSecret, accessToken) },
      });
    } catch (err) {
      return { ok: false, kind: "transient", reason: `network: ${(err as { code?: string }).code ?? (err as Error).message}` };
    }
    if (res.status >= 500) return { ok: false, kind: "transient", reason: `HTTP ${res.status}` };
    const parsed = meSchema.safeParse(res.data);
    if (!parsed.success) return { ok: false, kind: "transient", reason: `unexpected answer (HTTP ${res.status})` };
    const b = parsed.data;
    if ((b.error ?? 0) === 0 && b.id !== undefined && String(b.id) !== "") {
      return { ok: true, appUserId: String(b.id), ...(b.name ? { name: b.name } : {}) };
    }
    // -242 / -1241: our appsecret_proof was refused: the app secret in the config is wrong.
    if (b.error === -242 || b.error === -1241) return { ok: false, kind: "misconfigured", reason: `${b.error} ${b.message ?? ""}`.trim() };
    if (b.error === -32 || b.error === -500) return { ok: false, kind: "transient", reason: `${b.error} ${b.message ?? ""}`.trim() };
    return { ok: false, kind: "invalid", reason: `${b.error ?? "no id"} ${b.message ?? ""}`.trim() };
  }
}
