import type { FastifyInstance } from "fastify";
import { boundaryOf, parseMultipart } from "./multipart";
import { openapi } from "./openapi-guard";
import type { Simulator } from "./simulator";
import { uploadImage } from "./uploads";
import { invalidParam } from "./zalo-errors";

/** openapi.zalo.me: POST /v2.0/oa/upload/image (multipart, field "file"). */
export async function uploadRoutes(app: FastifyInstance, opts: { sim: Simulator }): Promise<void> {
  const ctx = opts.sim.ctx;
  app.post("/v2.0/oa/upload/image", openapi(), async (req) => {
    const boundary = boundaryOf(req.headers["content-type"]);
    if (!boundary || !Buffer.isBuffer(req.body)) return invalidParam("file");
    const parts = parseMultipart(req.body, boundary);
    const file = parts?.find((p) => p.name === "file");
    return uploadImage(ctx, file?.data);
  });
}
