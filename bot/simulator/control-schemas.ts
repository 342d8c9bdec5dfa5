import { z } from "zod";

/** zod schemas of the control API (the simulator's own test/demo API). */

export const IdParam = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_.:-]+$/, "ids use letters, digits, _ . : -");

export const UserParams = z.object({ userId: IdParam });
export const GroupParams = z.object({ groupId: IdParam });

export const UpsertUserBody = z.object({
  user_id: IdParam,
  display_name: z.string().min(1).max(100).optional(),
  follower: z.boolean().optional(),
  /** Sim-clock epoch ms, or null for "never interacted". */
  last_interaction_at: z.number().int().nonnegative().nullable().optional(),
  is_sensitive: z.boolean().optional(),
  avatar: z.url().optional(),
});

export const AnonParams = z.object({ anonId: IdParam });
/** `user_id_by_app` of the anonymous event: a value, `null` to leave it out, absent for the documented derived id. */
export const AnonymousTextBody = z.object({ text: z.string().min(1).max(2000), user_id_by_app: z.string().min(1).max(64).nullable().optional() });
export const EventNameParams = z.object({ eventName: z.string().min(1).max(80).regex(/^[a-z_]+$/, "an event name is lower-case letters and _") });
export const EmitEventBody = z
  .strictObject({
    user_id: IdParam.optional(),
    anonymous_id: IdParam.optional(),
    text: z.string().min(1).max(2000).optional(),
    /** Top-level fields that replace the documented ones (e.g. `sender` with an `admin_id`). */
    fields: z.record(z.string(), z.unknown()).optional(),
    /** Top-level fields to leave out (e.g. `user_id_by_app`, `app_id`). */
    omit: z.array(z.string().min(1).max(80)).max(20).optional(),
  })
  .default({});
export const TimestampDigitsBody = z.object({ digits: z.union([z.literal(11), z.literal(12), z.literal(13)]) });
export const TextBody = z.object({ text: z.string().min(1).max(2000), quote_msg_id: z.string().min(1).optional() });
export const TapBody = z.object({ message_id: z.string().min(1).optional(), index: z.number().int().min(0) });
export const SourceBody = z.object({ source: z.string().min(1).max(50).optional() }).default({});
export const ImageBody = z.object({ url: z.url(), thumbnail: z.url().optional(), text: z.string().max(2000).optional() });
export const LocationBody = z.object({
  latitude: z.union([z.number().min(-90).max(90), z.string().regex(/^-?\d+(\.\d+)?$/)]),
  longitude: z.union([z.number().min(-180).max(180), z.string().regex(/^-?\d+(\.\d+)?$/)]),
});
export const StickerBody = z.object({ id: z.string().min(1).default("sticker-1"), url: z.url().optional() }).default({ id: "sticker-1" });
export const LinkBody = z.object({ url: z.url(), description: z.string().optional(), thumbnail: z.string().optional() });
export const FileBody = z.object({
  url: z.url().default("https://sim-file.zdn.vn/file.pdf"),
  name: z.string().min(1),
  size: z.number().int().nonnegative().optional(),
  type: z.string().optional(),
});
export const SubmitInfoBody = z
  .object({
    name: z.string().optional(),
    phone: z.union([z.string(), z.number()]).optional(),
    address: z.string().optional(),
    city: z.string().optional(),
    district: z.string().optional(),
    ward: z.string().optional(),
  })
  .catchall(z.unknown());
export const BlockBody = z.object({ blocked: z.boolean() });
export const SeenBody = z.object({ message_ids: z.array(z.string().min(1)).optional() }).default({});
export const ReceivedBody = z.object({ message_id: z.string().min(1).optional() }).default({});
export const ReactBody = z.object({ message_id: z.string().min(1), react_icon: z.string().min(1).default("/-heart") });
export const PhoneTokenBody = z.object({ phone: z.string().regex(/^\+?\d{8,15}$/) });
export const AdminReplyBody = z.object({ user_id: IdParam, text: z.string().min(1).max(2000), admin_id: z.string().min(1) });

export const UpsertGroupBody = z.object({
  group_id: IdParam.optional(),
  name: z.string().min(1).max(100),
  description: z.string().max(500).optional(),
  owned_by_oa: z.boolean(),
  member_user_ids: z.array(IdParam).optional(),
  status: z.enum(["enabled", "disabled"]).optional(),
  asset_type: z.enum(["gmf10", "gmf50", "gmf100"]).optional(),
});
export const GroupTextBody = z.object({ user_id: IdParam, text: z.string().min(1).max(2000) });
export const MembershipBody = z
  .object({ user_id: IdParam.optional(), user_ids: z.array(IdParam).min(1).optional() })
  .refine((b) => b.user_id !== undefined || b.user_ids !== undefined, { message: "user_id or user_ids is required" });

export const ClockBody = z
  .object({
    advance_ms: z.number().int().optional(),
    set_ms: z.number().int().nonnegative().optional(),
    frozen: z.boolean().optional(),
  })
  .default({});

export const FaultsBody = z.object({
  endpoint: z.enum(["message", "group", "token", "any"]).default("any"),
  errors: z
    .array(
      z
        .object({
          code: z.number().int().optional(),
          http_status: z.number().int().min(200).max(599).optional(),
          delay_ms: z.number().int().min(0).max(60_000).optional(),
        })
        .refine((f) => f.code !== undefined || f.http_status !== undefined || f.delay_ms !== undefined, {
          message: "a fault needs code, http_status or delay_ms",
        }),
    )
    .min(1),
});

export const WebhookBodySchema = z.object({ url: z.url(), enabled: z.boolean().optional() });
