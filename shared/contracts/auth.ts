import { z } from "zod";
import { IsoTime, VillageId } from "./common";

export const ZaloLoginRequest = z
  .object({
    /** zmp-sdk getAccessToken(): the mini-app user access token, sent once. */
    accessToken: z.string().min(8, "Thiếu mã truy cập Zalo.").max(4000),
  })
  .meta({ id: "ZaloLoginRequest" });

export const Me = z
  .object({
    appUserId: z.string(),
    name: z.string().optional(),
    roles: z.object({
      officer: z.boolean(),
      admin: z.boolean(),
      villageHeadOf: z.array(VillageId),
    }),
    household: z.object({ id: z.number().int(), villageId: VillageId, label: z.string() }).nullable(),
  })
  .meta({ id: "Me" });
export type Me = z.infer<typeof Me>;

export const LoginResponse = z
  .object({
    /** Send as `Authorization: Bearer <session>`; log in again when it expires. */
    session: z.string(),
    expiresAt: IsoTime,
    me: Me,
  })
  .meta({ id: "LoginResponse" });
export type LoginResponse = z.infer<typeof LoginResponse>;

export const OaLinkCodeResponse = z
  .object({
    code: z.string().regex(/^\d{6}$/),
    expiresAt: IsoTime,
    /** What to tell the person (Vietnamese). */
    instructions: z.string(),
  })
  .meta({ id: "OaLinkCodeResponse" });
export type OaLinkCodeResponse = z.infer<typeof OaLinkCodeResponse>;

export const RoleGrantRequest = z
  .object({
    appUserId: z.string().regex(/^\d{1,25}$/, "Mã người dùng Zalo gồm các chữ số."),
    role: z.enum(["officer", "village_head"]),
    villageId: VillageId.optional(),
    name: z.string().trim().min(1).max(120).optional(),
  })
  .refine((g) => g.role === "officer" || g.villageId !== undefined, { message: "Trưởng thôn cần có mã thôn (villageId).", path: ["villageId"] })
  .meta({ id: "RoleGrantRequest" });

export const RoleGrantView = z
  .object({
    appUserId: z.string(),
    role: z.enum(["officer", "village_head"]),
    villageId: z.string().nullable(),
    name: z.string().nullable(),
    grantedBy: z.string(),
    grantedAt: IsoTime,
  })
  .meta({ id: "RoleGrant" });
export const RoleGrantList = z.object({ items: z.array(RoleGrantView) }).meta({ id: "RoleGrantList" });
