import type { FastifyPluginAsync } from "fastify";
import { controlRoutes } from "./control-routes";
import type { SimulatorOptions } from "./options";
import { createSimulator } from "./simulator";
import type { Simulator } from "./simulator";
import { zaloRoutes } from "./zalo-routes";

export type { SimulatorOptions } from "./options";
export { createSimulator } from "./simulator";
export type { Simulator } from "./simulator";

export interface SimulatorPluginOptions extends SimulatorOptions {
  /** Use this simulator instead of creating one (lets the host keep a handle on it). */
  simulator?: Simulator;
}

/**
 * Registers the Zalo-host routes under zaloPrefix and the control API + chat
 * page under controlPrefix. It decorates nothing and registers its parsers,
 * hooks and error handlers only inside its own child contexts, so the host
 * app's JSON parsing, routes (/webhooks/zalo, /healthz, ...) and error
 * handling are untouched. The simulator is closed with the host app.
 */
export const simulatorPlugin: FastifyPluginAsync<SimulatorPluginOptions> = async (app, opts) => {
  const { simulator, ...options } = opts;
  const sim = simulator ?? createSimulator(options);
  const owned = simulator === undefined;
  await app.register(zaloRoutes, { sim, prefix: sim.options.zaloPrefix });
  await app.register(controlRoutes, { sim, prefix: sim.options.controlPrefix });
  if (owned) app.addHook("onClose", async () => sim.close());
};
