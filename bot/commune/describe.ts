import type { CommuneConfig, Village } from "../config/commune";
import { describeSettings, withoutSettings } from "./settings";

type Officer = CommuneConfig["officers"][number];
type Volunteer = CommuneConfig["volunteers"][number];

const linked = (p: { zaloUserId?: string | undefined; appUserId?: string | undefined }) => Boolean(p.zaloUserId || p.appUserId);
const roleWord = (r: Officer["role"]) => (r === "admin" ? "quản trị viên" : "cán bộ");

function villageChanges(before: readonly Village[], after: readonly Village[], names: Map<string, string>): string[] {
  const out: string[] = [];
  const old = new Map(before.map((v) => [v.id, v]));
  const now = new Map(after.map((v) => [v.id, v]));
  for (const v of after) {
    const o = old.get(v.id);
    if (!o) {
      out.push(`Thêm ${v.name} (trưởng ${v.kind}: ${v.head.name}${v.households !== undefined ? `, ${v.households} hộ` : ""})`);
      continue;
    }
    if (o.name !== v.name) out.push(`Đổi tên ${o.name} → ${v.name}`);
    if (o.kind !== v.kind) out.push(`${v.name}: loại “${o.kind}” → “${v.kind}”`);
    if (o.households !== v.households) out.push(`${v.name}: số hộ ${o.households ?? "chưa có"} → ${v.households ?? "chưa có"}`);
    if (o.head.key !== v.head.key || o.head.name !== v.head.name) out.push(`${v.name}: trưởng ${v.kind} ${o.head.name} → ${v.head.name}`);
    else {
      if (o.head.phone !== v.head.phone) out.push(`${v.name}: số điện thoại trưởng ${v.kind} ${o.head.phone ?? "chưa có"} → ${v.head.phone ?? "chưa có"}`);
      if (linked(o.head) !== linked(v.head) || o.head.zaloUserId !== v.head.zaloUserId || o.head.appUserId !== v.head.appUserId)
        out.push(`${v.name}: ${v.head.name} ${linked(v.head) ? "đã liên kết Zalo" : "bỏ liên kết Zalo"}`);
    }
    const g = (x: Village) => JSON.stringify(x.zaloGroups);
    if (g(o) !== g(v)) {
      const was = o.zaloGroups.map((z) => z.name).join(", ") || "không có";
      const is = v.zaloGroups.map((z) => z.name).join(", ") || "không có";
      out.push(`${v.name}: nhóm Zalo ${was} → ${is}`);
    }
  }
  for (const o of before) if (!now.has(o.id)) out.push(`Bỏ ${o.name}`);
  void names;
  return out;
}

function peopleChanges<P extends Officer | Volunteer>(label: string, before: readonly P[], after: readonly P[], extra: (o: P, n: P) => string[]): string[] {
  const out: string[] = [];
  const byKey = (list: readonly P[]) => new Map(list.map((p, i) => [p.key ?? `#${i}:${p.name}`, p]));
  const old = byKey(before);
  const now = byKey(after);
  for (const [k, p] of now) {
    const o = old.get(k);
    if (!o) {
      out.push(`Thêm ${label} ${p.name}`);
      continue;
    }
    if (o.name !== p.name) out.push(`Đổi tên ${label} ${o.name} → ${p.name}`);
    if (o.phone !== p.phone) out.push(`${label} ${p.name}: số điện thoại ${o.phone ?? "chưa có"} → ${p.phone ?? "chưa có"}`);
    if (o.zaloUserId !== p.zaloUserId || o.appUserId !== p.appUserId) out.push(`${label} ${p.name} ${linked(p) ? "đã liên kết Zalo" : "bỏ liên kết Zalo"}`);
    out.push(...extra(o, p));
  }
  for (const [k, o] of old) if (!now.has(k)) out.push(`Bỏ ${label} ${o.name}`);
  return out;
}

/** What changed between two documents, in plain Vietnamese lines (history page, import preview). */
export function describeChanges(before: CommuneConfig | undefined, after: CommuneConfig): string[] {
  if (!before) return [`Dữ liệu ban đầu: ${after.villages.length} thôn, ${after.officers.length} cán bộ, ${after.volunteers.length} tình nguyện viên`];
  const names = new Map(after.villages.map((v) => [v.id, v.name]));
  for (const v of before.villages) if (!names.has(v.id)) names.set(v.id, v.name);
  const villageNames = (ids: readonly string[]) => ids.map((id) => names.get(id) ?? id).join(", ") || "chưa có thôn";
  const out = [
    ...villageChanges(before.villages, after.villages, names),
    ...peopleChanges<Officer>("cán bộ", before.officers, after.officers, (o, n) => [
      ...(o.role !== n.role ? [`Cán bộ ${n.name}: ${roleWord(o.role)} → ${roleWord(n.role)}`] : []),
      ...(o.title !== n.title ? [`Cán bộ ${n.name}: chức vụ ${o.title ?? "chưa có"} → ${n.title ?? "chưa có"}`] : []),
    ]),
    ...peopleChanges<Volunteer>("tình nguyện viên", before.volunteers, after.volunteers, (o, n) =>
      JSON.stringify(o.villageIds) !== JSON.stringify(n.villageIds) ? [`Tình nguyện viên ${n.name}: phụ trách ${villageNames(o.villageIds)} → ${villageNames(n.villageIds)}`] : [],
    ),
  ];
  // The general information the console edits, field by field; anything else in a word.
  out.push(...describeSettings(before, after));
  const rest = (d: CommuneConfig) => JSON.stringify({ ...withoutSettings(d), villages: [], officers: [], volunteers: [] });
  if (rest(before) !== rest(after)) out.push("Thông tin chung của xã thay đổi (tên, lịch gửi tin, tiêu chí...)");
  return out;
}
