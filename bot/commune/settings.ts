import { SETTINGS_FIELDS, type CommuneSettingsPatch, type CommuneSettingsView, type SettingsField } from "../../shared/contracts/commune";
import type { CommuneConfig } from "../config/commune";

/**
 * The commune's general information edited in the console "Thông tin chung của xã" (issue 15): the
 * fields, how a patch applies to the document, and which fields the console has edited (a restart
 * keeps those: bot/commune/store.ts `followFileSettings`). Time zone, cron times, reporting day and
 * time (read at start by the schedulers) and the commune's name, kind and province (identity) are
 * not here: they stay in the file.
 */

export { SETTINGS_FIELDS, type SettingsField } from "../../shared/contracts/commune";

/** What each field is called in the change history (plain words). */
export const SETTINGS_LABELS: Record<SettingsField, string> = {
  "oneStopDesk.place": "Nơi làm việc của Bộ phận Một cửa",
  "oneStopDesk.hours": "Giờ làm việc của Bộ phận Một cửa",
  "oneStopDesk.phone": "Số điện thoại của Bộ phận Một cửa",
  "police.name": "Tên Công an xã",
  "police.phone": "Số điện thoại Công an xã",
  hotlines: "Đường dây nóng",
  "provinceApp.name": "Tên ứng dụng của tỉnh",
  "provinceApp.androidUrl": "Đường dẫn tải ứng dụng của tỉnh cho Android",
  "provinceApp.iosUrl": "Đường dẫn tải ứng dụng của tỉnh cho iPhone",
  "provinceApp.features": "Tính năng của ứng dụng của tỉnh",
  "mobileTeam.name": "Tên tổ dịch vụ công lưu động",
  "mobileTeam.priorityProcedures": "Thủ tục tổ lưu động ưu tiên",
  "mobileTeam.papers": "Giấy tờ mang theo khi gặp tổ lưu động",
  "chat.handoffSilenceMinutes": "Số phút trợ lý im lặng sau khi cán bộ trả lời",
  "target.percent": "Chỉ tiêu hộ đạt",
  "target.basis": "Cách tính chỉ tiêu",
};

type Group = "oneStopDesk" | "police" | "provinceApp" | "mobileTeam" | "chat" | "target";

function split(f: SettingsField): [keyof CommuneConfig, string | undefined] {
  const [g, k] = f.split(".") as [keyof CommuneConfig, string | undefined];
  return [g, k];
}

/** A field's value in the document (undefined when the document has none). */
export function settingValue(doc: CommuneConfig, f: SettingsField): unknown {
  const [g, k] = split(f);
  const group = doc[g] as Record<string, unknown> | undefined;
  if (k === undefined) return group;
  return group?.[k];
}

/** Sets (or, with undefined, removes) a field in `doc` (changed in place; a missing group is created). */
function setValue(doc: CommuneConfig, f: SettingsField, value: unknown): void {
  const [g, k] = split(f);
  const d = doc as unknown as Record<string, unknown>;
  if (k === undefined) {
    d[g] = value;
    return;
  }
  const group = { ...((d[g] as Record<string, unknown> | undefined) ?? {}) };
  if (value === undefined) delete group[k];
  else group[k] = value;
  d[g] = group;
}

/** The settings fields of a document, for the audit's before/after. */
export function settingsSection(doc: CommuneConfig): Partial<Record<SettingsField, unknown>> {
  const out: Partial<Record<SettingsField, unknown>> = {};
  for (const f of SETTINGS_FIELDS) {
    const v = settingValue(doc, f);
    if (v !== undefined) out[f] = v;
  }
  return out;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The settings fields that differ between two documents. */
export function changedSettings(before: CommuneConfig, after: CommuneConfig): SettingsField[] {
  return SETTINGS_FIELDS.filter((f) => !same(settingValue(before, f), settingValue(after, f)));
}

/** The fields an audited settings change (its before/after, as `settingsSection` gives them) touched. */
export function fieldsOfAudit(before: unknown, after: unknown): SettingsField[] {
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  return SETTINGS_FIELDS.filter((f) => !same(b[f], a[f]));
}

/** The patch applied to `doc` (a copy the caller owns, changed in place). A phone sent as "" (null) is removed. */
export function applySettingsPatch(doc: CommuneConfig, patch: CommuneSettingsPatch): void {
  for (const g of Object.keys(patch) as (keyof CommuneSettingsPatch)[]) {
    const value = patch[g];
    if (value === undefined) continue;
    if (g === "hotlines") {
      setValue(doc, "hotlines", { ...value });
      continue;
    }
    for (const [k, v] of Object.entries(value)) {
      if (v === undefined) continue;
      setValue(doc, `${g as Group}.${k}` as SettingsField, v === null ? undefined : v);
    }
  }
}

/** The document's fields `fields` as `source` has them (a restart keeps what the console edited). */
export function keepSettings(next: CommuneConfig, source: CommuneConfig, fields: readonly SettingsField[]): void {
  for (const f of fields) {
    const [g] = split(f);
    // A group the console's document does not have (never created there) follows the file.
    if (source[g] === undefined) continue;
    setValue(next, f, structuredClone(settingValue(source, f)));
  }
}

/** The view the console reads. */
export function settingsView(doc: CommuneConfig, lastChange: CommuneSettingsView["lastChange"]): CommuneSettingsView {
  return {
    oneStopDesk: doc.oneStopDesk ? { place: doc.oneStopDesk.place, hours: doc.oneStopDesk.hours, phone: doc.oneStopDesk.phone ?? null } : null,
    police: { name: doc.police.name, phone: doc.police.phone ?? null },
    hotlines: { ...doc.hotlines },
    provinceApp: { name: doc.provinceApp.name, androidUrl: doc.provinceApp.androidUrl, iosUrl: doc.provinceApp.iosUrl, features: [...doc.provinceApp.features] },
    mobileTeam: doc.mobileTeam ? { name: doc.mobileTeam.name, priorityProcedures: [...doc.mobileTeam.priorityProcedures], papers: [...doc.mobileTeam.papers] } : null,
    chat: { handoffSilenceMinutes: doc.chat.handoffSilenceMinutes },
    target: { percent: doc.target.percent, basis: doc.target.basis },
    lastChange,
  };
}

const BASIS_WORDS: Record<string, string> = { self_declared: "theo hộ tự khai", verified: "chỉ tính hộ đã được xác minh" };

function words(f: SettingsField, v: unknown): string {
  if (v === undefined || v === null || (Array.isArray(v) && v.length === 0)) return "chưa có";
  if (f === "target.percent") return `${String(v)}%`;
  if (f === "target.basis") return BASIS_WORDS[String(v)] ?? String(v);
  if (f === "chat.handoffSilenceMinutes") return `${String(v)} phút`;
  if (f === "hotlines") {
    const e = Object.entries(v as Record<string, string>);
    return e.length === 0 ? "chưa có" : e.map(([k, p]) => `${k === "province" ? "của tỉnh" : k}: ${p}`).join(", ");
  }
  if (Array.isArray(v)) return v.join(", ");
  return `“${String(v)}”`;
}

/** One plain line per changed settings field: "Giờ làm việc của Bộ phận Một cửa: “…” → “…”". */
export function describeSettings(before: CommuneConfig, after: CommuneConfig): string[] {
  // A list that was not there and is now empty says the same ("chưa có"): not a change a person made.
  return changedSettings(before, after)
    .map((f) => [f, words(f, settingValue(before, f)), words(f, settingValue(after, f))] as const)
    .filter(([, b, a]) => b !== a)
    .map(([f, b, a]) => `${SETTINGS_LABELS[f]}: ${b} → ${a}`);
}

/** The document without the settings fields (what else changed). */
export function withoutSettings(doc: CommuneConfig): CommuneConfig {
  const next = structuredClone(doc);
  for (const f of SETTINGS_FIELDS) setValue(next, f, undefined);
  // A group left with nothing but empty lists (the team's sessions kept elsewhere) is no content: a group
  // the page just created and one that was never there compare the same, whatever their key order.
  const d = next as unknown as Record<string, unknown>;
  for (const f of SETTINGS_FIELDS) {
    const [g] = split(f);
    const group = d[g];
    if (typeof group === "object" && group !== null && !Array.isArray(group) && Object.values(group).every((v) => Array.isArray(v) && v.length === 0)) delete d[g];
  }
  return next;
}
