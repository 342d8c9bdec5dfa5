import { readFileSync } from "node:fs";
import { z } from "zod";
import { ConfigError } from "./env";
import { formatZodIssues } from "./format-issues";
import { CatalogueChoiceSchema } from "../../shared/criteria/schema";

const id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "lowercase letters, digits and dashes only");
const phone = z.string().regex(/^[0-9 +().-]{3,20}$/, "a phone number such as 0239 3855 123 or 1022");
const zaloUserId = z.string().regex(/^[0-9]{1,25}$/, "a Zalo user id (digits)");
const hhmm = z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, "a time HH:MM");

/** A person's stable key in the commune document (generated on first start when the file has none). */
export const personKey = z.string().regex(/^[a-z0-9][a-z0-9-]{3,39}$/, "lowercase letters, digits and dashes (4-40)");

const person = z.strictObject({
  /** Stable key of this person (village head, officer, volunteer): edits and Zalo link codes name it. */
  key: personKey.optional(),
  name: z.string().min(1),
  phone: phone.optional(),
  zaloUserId: zaloUserId.optional(),
  /** The same person's mini-app-scoped Zalo id (Graph /v2.0/me `id`), for roles in the mini app. */
  appUserId: zaloUserId.optional(),
});

const zaloGroup = z.strictObject({
  /** GMF group id: only groups the OA itself owns can receive messages through the API. */
  groupId: z.string().min(1),
  name: z.string().min(1),
  /** Cụm dân cư served by this group; a village may need several groups (at most 100 members each). */
  cluster: z.string().optional(),
  /**
   * True for a group the OA created itself (GMF): the OA can post into it. False for a group a village
   * head made by hand: no API reaches it, so messages for it are relayed through the village head.
   */
  managedByOa: z.boolean().default(true),
});

const village = z.strictObject({
  id,
  name: z.string().min(1),
  kind: z.enum(["thôn", "làng", "bon", "buôn", "plei", "ấp", "bản", "tổ dân phố", "khu phố"]),
  households: z.number().int().nonnegative().optional(),
  head: person,
  zaloGroups: z.array(zaloGroup).default([]),
});

/** A link a resident taps: https, to a host with a dot, without a user name or password. */
const httpsUrl = z
  .url({ protocol: /^https$/, hostname: z.regexes.domain, error: "an https:// link to a host such as example.vn" })
  .refine((u) => {
    // Runs after a failed url check too: a text that is no link at all is refused by that check, not thrown here.
    if (!URL.canParse(u)) return true;
    const url = new URL(u);
    return url.username === "" && url.password === "";
  }, "a link without a user name or password");

const teamSession = z.strictObject({
  villageId: id,
  /** Local date YYYY-MM-DD. */
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date YYYY-MM-DD"),
  start: hhmm,
  end: hhmm,
  place: z.string().min(1),
  procedures: z.array(z.string().min(1)).optional(),
  /** Papers to bring to this session, when they differ from the team's list. */
  papers: z.array(z.string().min(1)).optional(),
  note: z.string().optional(),
  /** Where a moved session was first planned ("YYYY-MM-DD HH:MM"): residents read "đã dời từ …". */
  movedFrom: z.string().regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/, "a date and time YYYY-MM-DD HH:MM").optional(),
});

const officer = person.extend({
  role: z.enum(["officer", "admin"]).default("officer"),
  title: z.string().optional(),
});

const volunteer = person.extend({
  villageIds: z.array(id).default([]),
  team: z.string().optional(),
});

export const communeConfigSchema = z.strictObject({
    /** True for the shipped demo: fictional villages and people. */
    demo: z.boolean().default(false),
    commune: z.strictObject({
      name: z.string().min(1),
      kind: z.enum(["xã", "phường", "đặc khu"]),
      district: z.string().optional(),
      province: z.string().min(1),
      timezone: z.string().default("Asia/Ho_Chi_Minh"),
    }),
    oa: z.strictObject({ name: z.string().min(1) }),
    provinceApp: z.strictObject({
      name: z.string().min(1),
      // Links residents tap in the chat and the guides: https only (never javascript:, data:, file:).
      androidUrl: httpsUrl,
      iosUrl: httpsUrl,
      features: z.array(z.string().min(1)).default([]),
    }),
    police: z.strictObject({ name: z.string().min(1), phone: phone.optional() }),
    /** The one-stop desk (Bộ phận Một cửa): where residents do the procedures the bot has no guide for. */
    oneStopDesk: z.strictObject({ place: z.string().min(1), hours: z.string().min(1), phone: phone.optional() }).optional(),
    hotlines: z.record(z.string(), phone).default({}),
    miniApp: z.strictObject({ appId: z.string().optional(), url: httpsUrl.optional() }).default({}),
    villages: z.array(village).min(1),
    officers: z.array(officer).min(1),
    volunteers: z.array(volunteer).default([]),
    /** The mobile public-service team (seed 004): its priority procedures, papers to bring, sessions. */
    mobileTeam: z
      .strictObject({
        name: z.string().min(1).default("Tổ dịch vụ công lưu động"),
        priorityProcedures: z.array(z.string().min(1)).default([]),
        papers: z.array(z.string().min(1)).default([]),
        sessions: z.array(teamSession).default([]),
      })
      .optional(),
    broadcasts: z
      .strictObject({
        /** The Friday report reminder goes this many minutes before the deadline. */
        reportReminderLeadMinutes: z.number().int().min(5).max(24 * 60).default(120),
        /** A firing missed while the server was down is still sent if at most this late; older ones are skipped and logged. */
        catchUpHours: z.number().min(0).max(72).default(6),
        /** Weekly nudges to households about what they have not done: cron in the commune's time zone. */
        nudgeCron: z.string().default("0 9 * * 6"),
        legalTipCron: z.string().default("0 19 * * 3"),
        rankingCron: z.string().default("0 17 * * 5"),
      })
      .default({ reportReminderLeadMinutes: 120, catchUpHours: 6, nudgeCron: "0 9 * * 6", legalTipCron: "0 19 * * 3", rankingCron: "0 17 * * 5" }),
    chat: z
      .strictObject({
        /** After an officer answers from the OA chat, the bot stays silent this long for that resident. */
        handoffSilenceMinutes: z.number().int().min(1).max(7 * 24 * 60).default(120),
      })
      .default({ handoffSilenceMinutes: 120 }),
    reporting: z
      .strictObject({
        weekday: z.number().int().min(1).max(7).default(5),
        dueTime: hhmm.default("16:00"),
      })
      .default({ weekday: 5, dueTime: "16:00" }),
    target: z
      .strictObject({
        percent: z.number().min(1).max(100).default(80),
        /**
         * Which "fully met" count the target and the ranking use: what households declared themselves,
         * or only what the village head (or an officer) confirmed. The other is always shown beside it.
         */
        basis: z.enum(["self_declared", "verified"]).default("self_declared"),
      })
      .default({ percent: 80, basis: "self_declared" }),
    /** Which "Gia đình số" criteria catalogue applies, what it leaves out, adds or extends (shared/criteria). */
    criteria: CatalogueChoiceSchema.optional(),
    /**
     * Household groups the campaign plan sets its own target for (families of officials and teachers,
     * of Party members...): the first start seeds the database's segments from it (bot/segments).
     */
    segments: z
      .array(z.strictObject({ id, name: z.string().min(1).max(80), targetPercent: z.number().int().min(1).max(100) }))
      .refine((l) => new Set(l.map((s) => s.id)).size === l.length, "duplicate segment id")
      .optional(),
    /** Residents' personal data: raw webhook bodies and chat texts are purged after this many days. */
    privacy: z
      .strictObject({ retentionDays: z.number().int().min(1).max(3650).default(90) })
      .default({ retentionDays: 90 }),
    /**
     * The guides the commune edited (whole guide documents, shared/guides/schema.ts), and the legal
     * tips it added, edited or retired (`{ position, title, text, retired? }`): an export carries
     * them, an import (and the first start) applies them. Checked in full, in Vietnamese, by
     * bot/guides/file-part.ts as the console's editor checks a save. Last in the file, in the order
     * the export adds them.
     */
    guides: z.array(z.unknown()).optional(),
    legalTips: z.array(z.unknown()).optional(),
  });

/**
 * Cross-references (unique village ids, volunteers' villages), checked on the raw input so they are
 * reported together with the field errors instead of only after those are fixed.
 */
function crossReferenceProblems(raw: unknown): string[] {
  const problems: string[] = [];
  const cfg = (typeof raw === "object" && raw !== null ? raw : {}) as { villages?: unknown; volunteers?: unknown };
  const villages = Array.isArray(cfg.villages) ? cfg.villages : [];
  const ids = new Set<string>();
  villages.forEach((v, i) => {
    const vid = (v as { id?: unknown })?.id;
    if (typeof vid !== "string") return;
    if (ids.has(vid)) problems.push(`villages.${i}.id: duplicate village id "${vid}"`);
    ids.add(vid);
  });
  const sessions = (cfg as { mobileTeam?: { sessions?: unknown } }).mobileTeam?.sessions;
  (Array.isArray(sessions) ? sessions : []).forEach((sess, i) => {
    const vid = (sess as { villageId?: unknown })?.villageId;
    if (typeof vid === "string" && !ids.has(vid)) problems.push(`mobileTeam.sessions.${i}.villageId: unknown village "${vid}"`);
  });
  const volunteers = Array.isArray(cfg.volunteers) ? cfg.volunteers : [];
  const officers = Array.isArray((cfg as { officers?: unknown }).officers) ? ((cfg as { officers: unknown[] }).officers) : [];
  const keys = new Set<string>();
  const people: [string, unknown][] = [
    ...villages.map((v, i): [string, unknown] => [`villages.${i}.head.key`, (v as { head?: { key?: unknown } })?.head?.key]),
    ...officers.map((o, i): [string, unknown] => [`officers.${i}.key`, (o as { key?: unknown })?.key]),
    ...volunteers.map((o, i): [string, unknown] => [`volunteers.${i}.key`, (o as { key?: unknown })?.key]),
  ];
  for (const [path, key] of people) {
    if (typeof key !== "string") continue;
    if (keys.has(key)) problems.push(`${path}: duplicate person key "${key}"`);
    keys.add(key);
  }
  volunteers.forEach((vol, i) => {
    const list = (vol as { villageIds?: unknown })?.villageIds;
    if (!Array.isArray(list)) return;
    list.forEach((vid, j) => {
      if (typeof vid === "string" && !ids.has(vid)) problems.push(`volunteers.${i}.villageIds.${j}: unknown village "${vid}"`);
    });
  });
  return problems;
}

export type CommuneConfig = z.infer<typeof communeConfigSchema>;
export type Village = CommuneConfig["villages"][number];

export function parseCommuneConfig(raw: unknown, source = "commune config"): CommuneConfig {
  const result = communeConfigSchema.safeParse(raw);
  const problems = [...(result.success ? [] : formatZodIssues(result.error)), ...crossReferenceProblems(raw)];
  if (!result.success || problems.length > 0) throw new ConfigError(source, problems);
  return result.data;
}

export function loadCommuneConfig(path: string): CommuneConfig {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    throw new ConfigError(path, [`cannot read the file: ${(err as Error).message}`]);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(path, [`not valid JSON: ${(err as Error).message}`]);
  }
  return parseCommuneConfig(raw, path);
}

/**
 * A value derived from the commune document (a live one: bot/commune/live.ts), rebuilt only when the document changed (same object: the
 * store replaces the document on every save).
 */
export function derived<T>(commune: CommuneConfig, build: (c: CommuneConfig) => T): () => T {
  let seen: unknown;
  let seenOfficers: unknown;
  let seenVolunteers: unknown;
  let value: T;
  return () => {
    const v = commune.villages;
    const o = commune.officers;
    const w = commune.volunteers;
    if (v !== seen || o !== seenOfficers || w !== seenVolunteers) {
      value = build(commune);
      seen = v;
      seenOfficers = o;
      seenVolunteers = w;
    }
    return value;
  };
}
