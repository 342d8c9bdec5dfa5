import type { FastifyInstance } from "fastify";
import { DashParams, DashQuery } from "../../shared/contracts/reports";
import type { Principal } from "../auth/roles";
import type { Clock } from "../clock";
import type { CommuneConfig } from "../config/commune";
import { errorHandlerFor, parseInput } from "../ops/error-handler";
import { apiScope } from "../ops/documented-routes";
import type { EffectiveCatalogue } from "../../shared/criteria";
import { DashService } from "./dash-service";
import type { ReportsService } from "./reports-service";
import type { VillageReportsService } from "./village-reports";

export interface DashRouteDeps {
  dash: DashService;
  authenticate(authorization: string | undefined): Principal;
}

/** The dashboards' service over the reports the household module built. */
export function createDash(d: { reports: ReportsService; villageReports: VillageReportsService; catalogue: EffectiveCatalogue; commune: CommuneConfig; clock: Clock }): DashService {
  return new DashService(d);
}

/**
 * The console's dashboards: GET /api/reports/dash/:view (the table as JSON) and
 * GET /api/reports/dash/:view/excel (the same table as .xlsx, streamed). Thin: parse, authenticate, call.
 */
export async function dashRoutes(app: FastifyInstance, d: DashRouteDeps): Promise<void> {
  await app.register(async (api) => {
    const route = apiScope(api, "dashboards: unexpected error");
    route("GET", "/api/reports/dash/:view", async (req) => {
      const p = d.authenticate(req.headers.authorization);
      const { view } = parseInput(DashParams, req.params, "đường dẫn");
      return d.dash.table(p, view, parseInput(DashQuery, req.query, "truy vấn"));
    });
    route("GET", "/api/reports/dash/:view/excel", async (req, reply) => {
      const p = d.authenticate(req.headers.authorization);
      const { view } = parseInput(DashParams, req.params, "đường dẫn");
      const x = d.dash.excel(p, view, parseInput(DashQuery, req.query, "truy vấn"));
      return reply
        .type("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        .header("content-disposition", `attachment; filename="${x.filename}"`)
        .send(x.body);
    });
  });
}
