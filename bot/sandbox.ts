import type { FastifyInstance } from "fastify";
import type { CommuneConfig } from "./config/commune";
import type { Services, ZaloCredentials } from "./services";
import type { ZaloEndpoints } from "./zalo/endpoints";
import { createSimulator, simulatorPlugin, type Simulator } from "./simulator/plugin";

/** Fixed, obviously fake credentials: the simulator and the bot share them in one process. */
export const SANDBOX_CREDENTIALS: ZaloCredentials = {
  appId: "1000000000000000001",
  appSecret: "sandbox-app-secret",
  oaId: "2000000000000000001",
  oaSecretKey: "sandbox-oa-secret-key",
};

const SIM_PREFIX = "/zalo-sim";

/**
 * Sandbox mode: the simulator is mounted in the bot's own server under /zalo-sim (Zalo's hosts) and
 * /simulator (control API and chat page). The same client, token store and outbox code run as in
 * production; only the base URLs and credentials differ.
 */
export function prepareSandbox(commune: CommuneConfig) {
  const sim: Simulator = createSimulator({ ...SANDBOX_CREDENTIALS, zaloPrefix: SIM_PREFIX });
  // The commune's village groups exist in the simulator (hand-made ones too, which the OA cannot post into).
  for (const village of commune.villages) {
    for (const group of village.zaloGroups) {
      sim.upsertGroup({ group_id: group.groupId, name: group.name, owned_by_oa: group.managedByOa });
    }
  }
  const endpoints: ZaloEndpoints = { openapi: "http://127.0.0.1:0", oauth: "http://127.0.0.1:0", graph: "http://127.0.0.1:0" };
  return {
    credentials: SANDBOX_CREDENTIALS,
    endpoints,
    sim,
    plugin: async (app: FastifyInstance) => {
      await app.register(simulatorPlugin, { ...SANDBOX_CREDENTIALS, zaloPrefix: SIM_PREFIX, simulator: sim });
    },
    /** Once the port is known: point the client and the webhook at each other, and connect the OA. */
    async connect(services: Services, localUrl: string) {
      const base = `${localUrl}${SIM_PREFIX}`;
      endpoints.openapi = base;
      endpoints.oauth = base;
      endpoints.graph = base;
      sim.setWebhookUrl(`${localUrl}/webhooks/zalo`);
      // The simulator's tokens live in memory: every sandbox start takes a fresh grant.
      await services.tokens.connectWithRefreshToken(sim.issueGrant().refresh_token);
    },
    close: () => sim.close(),
  };
}
