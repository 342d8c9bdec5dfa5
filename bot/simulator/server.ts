import Fastify from "fastify";
import type { SimulatorOptions } from "./options";
import { simulatorPlugin } from "./plugin";
import { createSimulator } from "./simulator";
import type { Simulator } from "./simulator";

export interface StartedSimulator {
  /** Base URL, e.g. "http://127.0.0.1:3900" (Zalo routes at the root, control API at /simulator/api). */
  url: string;
  sim: Simulator;
  close(): Promise<void>;
}

/** A standalone Fastify server with the simulator; Zalo routes at the "" prefix. Port 0 = random. */
export async function startSimulator(
  opts: SimulatorOptions & { port?: number; host?: string; logger?: boolean },
): Promise<StartedSimulator> {
  const { port = 0, host = "127.0.0.1", logger = false, ...simOpts } = opts;
  const sim = createSimulator({ ...simOpts, zaloPrefix: simOpts.zaloPrefix ?? "" });
  const app = Fastify({ logger });
  await app.register(simulatorPlugin, { ...sim.options, simulator: sim });
  try {
    await app.listen({ port, host });
  } catch (e) {
    await sim.close();
    throw e;
  }
  const addr = app.server.address();
  const actualPort = typeof addr === "object" && addr ? addr.port : port;
  const shownHost = host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host;
  let closed = false;
  return {
    url: `http://${shownHost.includes(":") ? `[${shownHost}]` : shownHost}:${actualPort}`,
    sim,
    close: async () => {
      if (closed) return;
      closed = true;
      await sim.close();
      await app.close();
    },
  };
}
