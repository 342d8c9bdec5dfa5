import type { SimContext } from "./context";
import { opaqueToken } from "./ids";
import type { UploadRecord } from "./types";
import { invalidParam, Z, zaloError, zaloOk } from "./zalo-errors";
import type { ZaloBody, ZaloErrorBody } from "./zalo-errors";

/** /v2.0/oa/upload/image: jpg/png (by magic bytes), at most 1 MB, kept 7 days. */
export const IMAGE_MAX_BYTES = 1024 * 1024;
export const ATTACHMENT_TTL_MS = 7 * 86_400_000;

const uploadBytes = new WeakMap<UploadRecord, Buffer>();

export function sniffImage(data: Buffer): "image/jpeg" | "image/png" | undefined {
  if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return "image/jpeg";
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (data.length >= 8 && png.every((b, i) => data[i] === b)) return "image/png";
  return undefined;
}

export function uploadImage(ctx: SimContext, file: Buffer | undefined): ZaloBody<{ attachment_id: string }> {
  if (!file || file.length === 0) return invalidParam("file");
  const mime = sniffImage(file);
  if (!mime) return zaloError(Z.INVALID_PARAM, "file is invalid. We only support png and jpeg");
  if (file.length > IMAGE_MAX_BYTES) return zaloError(Z.INVALID_PARAM, "file is invalid. File size must be less than 1MB");
  const now = ctx.clock.now();
  const id = opaqueToken(24);
  const rec: UploadRecord = {
    attachment_id: id,
    url: `https://sim-photo.zdn.vn/oa/${id}.${mime === "image/png" ? "png" : "jpg"}`,
    mime,
    size: file.length,
    uploaded_at: now,
    expires_at: now + ATTACHMENT_TTL_MS,
  };
  ctx.state.uploads.set(id, rec);
  uploadBytes.set(rec, Buffer.from(file));
  return zaloOk({ attachment_id: id });
}

/** The upload behind an attachment_id, or the Zalo error for using it. */
export function resolveAttachment(ctx: SimContext, id: string): UploadRecord | ZaloErrorBody {
  const rec = ctx.state.uploads.get(id);
  if (!rec) return invalidParam("attachment_id");
  if (ctx.clock.now() >= rec.expires_at) return zaloError(Z.ATTACHMENT_EXPIRED);
  return rec;
}

/** Bytes of an upload, for the chat page. */
export function uploadContent(ctx: SimContext, id: string): { mime: string; data: Buffer } | undefined {
  const rec = ctx.state.uploads.get(id);
  const data = rec ? uploadBytes.get(rec) : undefined;
  return rec && data ? { mime: rec.mime, data } : undefined;
}
