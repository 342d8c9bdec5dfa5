import { z } from "zod";
import { IsoTime, VillageId } from "./common";
import { stripInvisible } from "../text/normalize";

/**
 * The commune's villages and people, edited by the admin officer in the console (issue 15). Every
 * edit names the version it started from (`baseVersion`): when someone else saved first the answer is
 * 409 and nothing changes. The whole document is validated again on the server with the file's schema.
 */

export const VILLAGE_KINDS = ["thôn", "làng", "bon", "buôn", "plei", "ấp", "bản", "tổ dân phố", "khu phố"] as const;

const Name = z.string().trim().min(1, "Cần nhập họ tên.").max(120, "Tên dài quá (tối đa 120 ký tự).");
const PHONE_MESSAGE = "Số điện thoại chỉ gồm chữ số, dấu cách, dấu chấm hoặc gạch ngang, ví dụ 0912 345 678.";
/** Digits with their usual separators, and at least 3 digits ("((( )))" is not a number residents can call). */
const Phone = z
  .string()
  .trim()
  .regex(/^[0-9 +().-]{3,20}$/, PHONE_MESSAGE)
  .refine((p) => (p.match(/[0-9]/g) ?? []).length >= 3, PHONE_MESSAGE);
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

/**
 * The commune's general information the admin edits in the console "Thông tin chung của xã" (issue
 * 15): the same rules as the commune file's schema (bot/config/commune.ts), in Vietnamese. A patch:
 * a group or a field left out stays as it is; a phone sent as "" is removed.
 */
// Words residents read: invisible characters (zero-width, bidi overrides that turn words around) are dropped first.
const Line = (what: string, max: number) =>
  z
    .string()
    .transform((s) => stripInvisible(s).trim())
    .pipe(z.string().min(1, `Cần ${what}.`).max(max, `${what[0]!.toUpperCase()}${what.slice(1)} dài quá (tối đa ${max} ký tự).`));
const ClearablePhone = z.union([Phone, z.literal("").transform(() => null), z.null()]);
const APP_URL_MESSAGE = "Cần đường dẫn đầy đủ, bắt đầu bằng https://, ví dụ https://play.google.com/store/apps/details?id=...";
/**
 * A link residents tap in the chat and the guides: https only, to a named host with a dot (the guides
 * cannot show "https://localhost/…" and the next start would stop on it), without a user name or password.
 */
/** The settings the console edits, as `group.field` (a whole record or list counts as one field). */
export const SETTINGS_FIELDS = [
  "oneStopDesk.place",
  "oneStopDesk.hours",
  "oneStopDesk.phone",
  "police.name",
  "police.phone",
  "hotlines",
  "provinceApp.name",
  "provinceApp.androidUrl",
  "provinceApp.iosUrl",
  "provinceApp.features",
  "mobileTeam.name",
  "mobileTeam.priorityProcedures",
  "mobileTeam.papers",
  "chat.handoffSilenceMinutes",
  "target.percent",
  "target.basis",
] as const;
export type SettingsField = (typeof SETTINGS_FIELDS)[number];

const AppUrl = z
  .url({ protocol: /^https$/, hostname: z.regexes.domain, error: APP_URL_MESSAGE })
  .max(500, "Đường dẫn dài quá (tối đa 500 ký tự).")
  .refine((u) => {
    // Runs after a failed url check too: a text that is no link at all is refused by that check, not thrown here.
    if (!URL.canParse(u)) return true;
    const url = new URL(u);
    return url.username === "" && url.password === "";
  }, APP_URL_MESSAGE);
/** The province app's features together (they fill `{{provinceApp.features}}` in a guide's summary). */
export const FEATURES_MAX = 300;
const Lines = (what: string) => z.array(Line(what, 200)).max(30, "Danh sách dài quá (tối đa 30 dòng).");
/** A hotline's name in the file (`province` is the one the guides say). */
export const HOTLINE_KEY = /^[a-z0-9][a-z0-9-]{0,39}$/;
export const TARGET_BASES = ["self_declared", "verified"] as const;
export const CommuneSettingsPatch = z
  .strictObject({
    oneStopDesk: z.strictObject({ place: Line("nơi làm việc", 200), hours: Line("giờ làm việc", 300), phone: ClearablePhone }).partial(),
    police: z.strictObject({ name: Line("tên Công an xã", 120), phone: ClearablePhone }).partial(),
    /** The whole list of hotlines (replaces it). */
    hotlines: z
      .record(z.string().regex(HOTLINE_KEY, "Tên đường dây nóng chỉ gồm chữ thường không dấu, chữ số và gạch ngang, ví dụ province."), Phone)
      .refine((r) => Object.keys(r).length <= 20, "Nhiều nhất 20 đường dây nóng."),
    provinceApp: z
      .strictObject({
        name: Line("tên ứng dụng của tỉnh", 120),
        androidUrl: AppUrl,
        iosUrl: AppUrl,
        // Said in one sentence of the province app's guide (its summary: 600 characters in all).
        features: Lines("tên tính năng").refine((l) => l.join(", ").length <= FEATURES_MAX, `Các tính năng dài quá: cộng lại tối đa ${FEATURES_MAX} ký tự, bác ghi ngắn gọn.`),
      })
      .partial(),
    mobileTeam: z.strictObject({ name: Line("tên tổ lưu động", 120), priorityProcedures: Lines("tên thủ tục"), papers: Lines("tên giấy tờ") }).partial(),
    chat: z
      .strictObject({
        handoffSilenceMinutes: z
          .number({ error: "Số phút phải là một số." })
          .int("Số phút phải là số nguyên.")
          .min(1, "Ít nhất 1 phút.")
          .max(7 * 24 * 60, "Nhiều nhất 10080 phút (7 ngày)."),
      })
      .partial(),
    target: z
      .strictObject({
        percent: z.number({ error: "Chỉ tiêu phải là một số." }).min(1, "Chỉ tiêu ít nhất 1%.").max(100, "Chỉ tiêu nhiều nhất 100%."),
        basis: z.enum(TARGET_BASES, { error: "Cách tính phải là “hộ tự khai” hoặc “đã xác minh”." }),
      })
      .partial(),
  })
  .partial()
  .meta({ id: "CommuneSettingsPatch" });
export type CommuneSettingsPatch = z.infer<typeof CommuneSettingsPatch>;

/** The general information as the console shows it (officers read, the admin edits). */
export const CommuneSettingsView = z
  .object({
    oneStopDesk: z.object({ place: z.string(), hours: z.string(), phone: z.string().nullable() }).nullable(),
    police: z.object({ name: z.string(), phone: z.string().nullable() }),
    hotlines: z.record(z.string(), z.string()),
    provinceApp: z.object({ name: z.string(), androidUrl: z.string(), iosUrl: z.string(), features: z.array(z.string()) }),
    mobileTeam: z.object({ name: z.string(), priorityProcedures: z.array(z.string()), papers: z.array(z.string()) }).nullable(),
    chat: z.object({ handoffSilenceMinutes: z.number() }),
    target: z.object({ percent: z.number(), basis: z.enum(TARGET_BASES) }),
    /** The last change made in the console's page (none yet: the values come from the commune file). */
    lastChange: z.object({ at: IsoTime, actor: z.string(), summary: z.string() }).nullable(),
  })
  .meta({ id: "CommuneSettingsView" });
export type CommuneSettingsView = z.infer<typeof CommuneSettingsView>;

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
    /** The commune's general information (one-stop desk, police, hotlines, province app...): only the fields sent change. */
    z.object({ op: z.literal("settings.update"), baseVersion: BaseVersion, settings: CommuneSettingsPatch }),
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
    settings: CommuneSettingsView,
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
