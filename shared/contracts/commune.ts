import { z } from "zod";
import { IsoTime, VillageId } from "./common";

/**
 * The commune's villages and people, edited by the admin officer in the console (issue 15). Every
 * edit names the version it started from (`baseVersion`): when someone else saved first the answer is
 * 409 and nothing changes. The whole document is validated again on the server with the file's schema.
 */

export const VILLAGE_KINDS = ["thôn", "làng", "bon", "buôn", "plei", "ấp", "bản", "tổ dân phố", "khu phố"] as const;

const Name = z.string().trim().min(1, "Cần nhập họ tên.").max(120, "Tên dài quá (tối đa 120 ký tự).");
const Phone = z
  .string()
  .trim()
  .regex(/^[0-9 +().-]{3,20}$/, "Số điện thoại chỉ gồm chữ số, dấu cách, dấu chấm hoặc gạch ngang, ví dụ 0912 345 678.");
const OptionalPhone = z.union([Phone, z.literal("").transform(() => undefined)]).optional();
const PersonKey = z.string().regex(/^[a-z0-9][a-z0-9-]{3,39}$/, "Mã người không hợp lệ.");
const BaseVersion = z.number({ error: "Thiếu số phiên bản đang sửa." }).int().positive();

export const PersonInput = z.object({ name: Name, phone: OptionalPhone });

export const ZaloGroupInput = z.object({
  groupId: z.string().trim().min(1, "Cần mã nhóm Zalo.").max(120),
  name: z.string().trim().min(1, "Cần tên nhóm.").max(120),
  cluster: z.string().trim().max(80).optional(),
  managedByOa: z.boolean(),
});

const VillageKind = z.enum(VILLAGE_KINDS, { error: "Loại phải là thôn, làng, bon, buôn, plei, ấp, bản, tổ dân phố hoặc khu phố." });
const Households = z.number({ error: "Số hộ phải là một số." }).int("Số hộ phải là số nguyên.").min(0, "Số hộ không được âm.").max(100_000);

export const CommuneEdit = z
  .discriminatedUnion("op", [
    z.object({
      op: z.literal("village.add"),
      baseVersion: BaseVersion,
      village: z.object({
        id: VillageId.optional(),
        name: z.string().trim().min(1, "Cần tên thôn.").max(120),
        kind: VillageKind,
        households: Households.optional(),
        head: PersonInput,
      }),
    }),
    z.object({
      op: z.literal("village.update"),
      baseVersion: BaseVersion,
      villageId: VillageId,
      name: z.string().trim().min(1, "Cần tên thôn.").max(120).optional(),
      kind: VillageKind.optional(),
      households: Households.nullable().optional(),
    }),
    z.object({ op: z.literal("village.remove"), baseVersion: BaseVersion, villageId: VillageId }),
    z.object({ op: z.literal("village.groups"), baseVersion: BaseVersion, villageId: VillageId, groups: z.array(ZaloGroupInput).max(50) }),
    /** A new village head: a new person (new key, not yet linked to Zalo); the old one loses the role at once. */
    z.object({ op: z.literal("village.head"), baseVersion: BaseVersion, villageId: VillageId, head: PersonInput }),
    z.object({
      op: z.literal("volunteer.add"),
      baseVersion: BaseVersion,
      volunteer: PersonInput.extend({ villageIds: z.array(VillageId).max(100), team: z.string().trim().max(120).optional() }),
    }),
    z.object({
      op: z.literal("volunteer.update"),
      baseVersion: BaseVersion,
      key: PersonKey,
      name: Name.optional(),
      phone: OptionalPhone,
      villageIds: z.array(VillageId).max(100).optional(),
    }),
    z.object({ op: z.literal("volunteer.remove"), baseVersion: BaseVersion, key: PersonKey }),
    z.object({
      op: z.literal("officer.add"),
      baseVersion: BaseVersion,
      officer: PersonInput.extend({ role: z.enum(["officer", "admin"]), title: z.string().trim().max(120).optional() }),
    }),
    z.object({
      op: z.literal("officer.update"),
      baseVersion: BaseVersion,
      key: PersonKey,
      name: Name.optional(),
      phone: OptionalPhone,
      role: z.enum(["officer", "admin"]).optional(),
      title: z.string().trim().max(120).optional(),
    }),
    z.object({ op: z.literal("officer.remove"), baseVersion: BaseVersion, key: PersonKey }),
  ], { error: "Thao tác không hợp lệ." })
  .meta({ id: "CommuneEdit" });
export type CommuneEdit = z.infer<typeof CommuneEdit>;

export const StaffPerson = z.object({
  key: z.string(),
  role: z.enum(["head", "officer", "volunteer"]),
  name: z.string(),
  phone: z.string().nullable(),
  /** Linked to an OA chat account (zaloUserId) / to the mini app (appUserId). */
  linkedOa: z.boolean(),
  linkedApp: z.boolean(),
  villageIds: z.array(z.string()),
  officerRole: z.enum(["officer", "admin"]).nullable(),
  title: z.string().nullable(),
});
export type StaffPerson = z.infer<typeof StaffPerson>;

export const CommuneVillageRow = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(VILLAGE_KINDS),
  households: z.number().nullable(),
  /** Households registered in the app (active). */
  registered: z.number(),
  head: StaffPerson,
  groups: z.array(z.object({ groupId: z.string(), name: z.string(), cluster: z.string().nullable(), managedByOa: z.boolean() })),
});

export const CommuneView = z
  .object({
    version: z.number(),
    commune: z.object({ name: z.string(), kind: z.string(), province: z.string() }),
    villages: z.array(CommuneVillageRow),
    officers: z.array(StaffPerson),
    volunteers: z.array(StaffPerson),
  })
  .meta({ id: "CommuneView" });
export type CommuneView = z.infer<typeof CommuneView>;

export const CommuneEditResponse = z.object({ version: z.number(), changes: z.array(z.string()) }).meta({ id: "CommuneEditResponse" });
export type CommuneEditResponse = z.infer<typeof CommuneEditResponse>;

export const CommuneHistoryQuery = z.object({ before: z.coerce.number().int().positive().optional(), limit: z.coerce.number().int().min(1).max(200).optional() });
export const CommuneHistory = z
  .object({
    items: z.array(z.object({ version: z.number(), at: IsoTime, actor: z.string(), section: z.string(), summary: z.string(), changes: z.array(z.string()) })),
  })
  .meta({ id: "CommuneHistory" });
export type CommuneHistory = z.infer<typeof CommuneHistory>;

export const CommuneImportRequest = z
  .object({
    /** The commune file's JSON (as exported). */
    doc: z.unknown(),
    /** False: only show what would change. True: replace (needs baseVersion). */
    apply: z.boolean().default(false),
    baseVersion: BaseVersion.optional(),
  })
  .meta({ id: "CommuneImportRequest" });
export const CommuneImportResponse = z
  .object({ applied: z.boolean(), version: z.number(), changes: z.array(z.string()), sessions: z.number() })
  .meta({ id: "CommuneImportResponse" });
export type CommuneImportResponse = z.infer<typeof CommuneImportResponse>;

export const PersonKeyParam = z.object({ personKey: PersonKey });
export const StaffLinkCodeResponse = z
  .object({ code: z.string(), expiresAt: IsoTime, name: z.string(), instructions: z.array(z.string()) })
  .meta({ id: "StaffLinkCodeResponse" });
export type StaffLinkCodeResponse = z.infer<typeof StaffLinkCodeResponse>;

/** The person enters the code in the mini app (their signed-in account is linked). */
export const StaffLinkRequest = z.object({ code: z.string().trim().regex(/^\d{6}$/, "Mã gồm 6 chữ số.") }).meta({ id: "StaffLinkRequest" });
export const StaffLinkResponse = z.object({ ok: z.literal(true), message: z.string() }).meta({ id: "StaffLinkResponse" });
