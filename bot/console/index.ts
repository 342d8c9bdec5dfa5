import type { AuthService } from "../auth/auth-service";
import type { RoleResolver } from "../auth/roles";
import type { Clock } from "../clock";
import type { Db } from "../db/connection";
import { ConsoleRepo } from "./console-repo";
import { ConsoleService } from "./console-service";
import { consoleRoutes } from "./routes";

export { ConsoleService } from "./console-service";

/** The officers' console on a PC: logging in by QR code or one-time link, PC sessions the admin can end. */
export function createConsoleModule(d: { db: Db; auth: AuthService; roles: RoleResolver; clock: Clock; consoleUrl: () => string | undefined }) {
  const service = new ConsoleService({ repo: new ConsoleRepo(d.db), auth: d.auth, roles: d.roles, clock: d.clock, consoleUrl: d.consoleUrl });
  d.auth.useSessionRegistry(service);
  return { service, routes: consoleRoutes };
}

export type ConsoleModule = ReturnType<typeof createConsoleModule>;
