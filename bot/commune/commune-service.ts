import { randomInt } from "node:crypto";
import type { CommuneEdit, CommuneView, StaffPerson } from "../../shared/contracts/commune";
import { foldKey } from "../../shared/text";
import { ApiError } from "../auth/api-error";
import type { AuditLog } from "../audit/audit-log";
import type { Clock } from "../clock";
import type { CommuneConfig } from "../config/commune";
import { newPersonKey, people, type PersonRef } from "./people";
import { applySettingsPatch, settingsView } from "./settings";
import type { CommuneSection, CommuneStore } from "./store";
import type { StaffCodesRepo } from "./versions-repo";

export interface CommuneServiceDeps {
  store: CommuneStore;
  codes: StaffCodesRepo;
  audit: AuditLog;
  clock: Clock;
  /** Active households registered in a village (a village that has some cannot be removed). */
  registeredHouseholds(villageId: string): number;
  /** The mini-app id Zalo gave with this OA id in a signed event, if any (zalo_users). */
  appUserIdForOa(oaUserId: string): string | undefined;
}

export type StaffLinkResult = { ok: true; message: string } | { ok: false; reason: "invalid" | "expired" | "locked" | "busy" | "taken"; message: string };

const minutesUntil = (until: number, now: number) => Math.max(1, Math.ceil((until - now) / 60_000));

function villageIdFor(name: string, kind: string, taken: ReadonlySet<string>): string {
  const bare = foldKey(name).replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "") || "thon";
  const base = bare.startsWith(foldKey(kind).replace(/[^a-z0-9]+/g, "-")) ? bare : `${foldKey(kind).replace(/[^a-z0-9]+/g, "-")}-${bare}`;
  let id = base.slice(0, 60);
  for (let i = 2; taken.has(id); i++) id = `${base.slice(0, 56)}-${i}`;
  return id;
}

const roleWords: Record<PersonRef["role"], string> = { head: "trưởng thôn", officer: "cán bộ", volunteer: "tình nguyện viên" };

/**
 * Villages and people of the commune: the admin's edits (each a whole new validated version), the
 * views the console shows, and the one-time codes that link a person to their Zalo accounts.
 */
export class CommuneService {
  constructor(private readonly d: CommuneServiceDeps) {}

  view(): CommuneView {
    const doc = this.d.store.current();
    const person = (r: PersonRef): StaffPerson => {
      const p = r.person as PersonRef["person"] & { role?: "officer" | "admin"; title?: string; villageIds?: string[] };
      return {
        key: r.key,
        role: r.role,
        name: p.name,
        phone: p.phone ?? null,
        linkedOa: Boolean(p.zaloUserId),
        linkedApp: Boolean(p.appUserId),
        villageIds: r.role === "head" ? [r.villageId!] : (p.villageIds ?? []),
        officerRole: r.role === "officer" ? (p.role ?? "officer") : null,
        title: p.title ?? null,
      };
    };
    const all = people(doc);
    return {
      version: this.d.store.version(),
      commune: { name: doc.commune.name, kind: doc.commune.kind, province: doc.commune.province },
      villages: doc.villages.map((v, i) => ({
        id: v.id,
        name: v.name,
        kind: v.kind,
        households: v.households ?? null,
        registered: this.d.registeredHouseholds(v.id),
        head: person(all[i]!),
        groups: v.zaloGroups.map((g) => ({ groupId: g.groupId, name: g.name, cluster: g.cluster ?? null, managedByOa: g.managedByOa })),
      })),
      officers: all.filter((p) => p.role === "officer").map(person),
      volunteers: all.filter((p) => p.role === "volunteer").map(person),
      settings: settingsView(doc, this.lastSettingsChange()),
    };
  }

  /** The last change of the general information made in the console (who, when, what). */
  private lastSettingsChange(): { at: string; actor: string; summary: string } | null {
    const e = this.d.audit.list({ action: "commune.settings", limit: 1 })[0];
    if (!e) return null;
    const note = (e.note ?? {}) as { summary?: unknown };
    return { at: new Date(e.at).toISOString(), actor: e.actor, summary: typeof note.summary === "string" ? note.summary : "" };
  }

  /** One edit by the admin: applied to a copy, validated, saved as a new version (409 if stale). */
  edit(actor: string, e: CommuneEdit): { version: number; changes: string[] } {
    const doc: CommuneConfig = structuredClone(this.d.store.current());
    const village = (id: string) => {
      const v = doc.villages.find((x) => x.id === id);
      if (!v) throw new ApiError("not_found", "Không tìm thấy thôn này. Có thể người khác vừa xoá; bác tải lại trang.");
      return v;
    };
    const byKey = <T extends { key?: string | undefined; name: string }>(list: T[], key: string, what: string): T => {
      const p = list.find((x) => x.key === key);
      if (!p) throw new ApiError("not_found", `Không tìm thấy ${what} này. Có thể người khác vừa xoá; bác tải lại trang.`);
      return p;
    };
    let section: CommuneSection = "villages";
    let dropped: string | undefined;
    switch (e.op) {
      case "village.add": {
        const taken = new Set(doc.villages.map((v) => v.id));
        const id = e.village.id ?? villageIdFor(e.village.name, e.village.kind, taken);
        if (taken.has(id)) throw new ApiError("conflict", `Mã thôn “${id}” đã có. Bác chọn mã khác.`);
        if (doc.villages.some((v) => foldKey(v.name) === foldKey(e.village.name))) throw new ApiError("conflict", `Đã có “${e.village.name}” trong danh sách.`);
        doc.villages.push({
          id,
          name: e.village.name,
          kind: e.village.kind,
          ...(e.village.households !== undefined ? { households: e.village.households } : {}),
          head: { key: newPersonKey("head"), name: e.village.head.name, ...(e.village.head.phone ? { phone: e.village.head.phone } : {}) },
          zaloGroups: [],
        });
        break;
      }
      case "village.update": {
        const v = village(e.villageId);
        if (e.name !== undefined) {
          if (doc.villages.some((x) => x.id !== v.id && foldKey(x.name) === foldKey(e.name!))) throw new ApiError("conflict", `Đã có “${e.name}” trong danh sách.`);
          v.name = e.name;
        }
        if (e.kind !== undefined) v.kind = e.kind;
        if (e.households === null) delete v.households;
        else if (e.households !== undefined) v.households = e.households;
        break;
      }
      case "village.remove": {
        const v = village(e.villageId);
        const n = this.d.registeredHouseholds(v.id);
        if (n > 0)
          throw new ApiError("conflict", `Chưa bỏ được ${v.name}: thôn đang có ${n} hộ đăng ký trong ứng dụng. Các hộ này cần chuyển sang thôn khác hoặc được lưu trữ trước.`);
        if (doc.villages.length === 1) throw new ApiError("conflict", "Xã cần có ít nhất một thôn.");
        const vols = doc.volunteers.filter((x) => x.villageIds.includes(v.id));
        if (vols.length > 0) for (const x of vols) x.villageIds = x.villageIds.filter((id) => id !== v.id);
        dropped = v.head.key;
        doc.villages = doc.villages.filter((x) => x.id !== v.id);
        break;
      }
      case "village.groups": {
        const v = village(e.villageId);
        const others = new Set(doc.villages.filter((x) => x.id !== v.id).flatMap((x) => x.zaloGroups.map((g) => g.groupId)));
        const dup = e.groups.find((g) => others.has(g.groupId));
        if (dup) throw new ApiError("conflict", `Nhóm “${dup.name}” đã thuộc thôn khác.`);
        v.zaloGroups = e.groups.map((g) => ({ groupId: g.groupId, name: g.name, ...(g.cluster ? { cluster: g.cluster } : {}), managedByOa: g.managedByOa }));
        break;
      }
      case "village.head": {
        const v = village(e.villageId);
        dropped = v.head.key;
        v.head = { key: newPersonKey("head"), name: e.head.name, ...(e.head.phone ? { phone: e.head.phone } : {}) };
        break;
      }
      case "volunteer.add":
        section = "volunteers";
        for (const id of e.volunteer.villageIds) village(id);
        doc.volunteers.push({
          key: newPersonKey("volunteer"),
          name: e.volunteer.name,
          ...(e.volunteer.phone ? { phone: e.volunteer.phone } : {}),
          villageIds: e.volunteer.villageIds,
          ...(e.volunteer.team ? { team: e.volunteer.team } : {}),
        });
        break;
      case "volunteer.update": {
        section = "volunteers";
        const p = byKey(doc.volunteers, e.key, "tình nguyện viên");
        if (e.name !== undefined) p.name = e.name;
        if (e.phone !== undefined) p.phone = e.phone;
        if (e.villageIds !== undefined) {
          for (const id of e.villageIds) village(id);
          p.villageIds = e.villageIds;
        }
        break;
      }
      case "volunteer.remove":
        section = "volunteers";
        byKey(doc.volunteers, e.key, "tình nguyện viên");
        doc.volunteers = doc.volunteers.filter((p) => p.key !== e.key);
        dropped = e.key;
        break;
      case "officer.add":
        section = "officers";
        doc.officers.push({
          key: newPersonKey("officer"),
          name: e.officer.name,
          ...(e.officer.phone ? { phone: e.officer.phone } : {}),
          role: e.officer.role,
          ...(e.officer.title ? { title: e.officer.title } : {}),
        });
        break;
      case "officer.update": {
        section = "officers";
        const p = byKey(doc.officers, e.key, "cán bộ");
        if (e.name !== undefined) p.name = e.name;
        if (e.phone !== undefined) p.phone = e.phone;
        if (e.title !== undefined) p.title = e.title || undefined;
        if (e.role !== undefined) p.role = e.role;
        this.keepAnAdmin(doc);
        break;
      }
      case "officer.remove":
        section = "officers";
        byKey(doc.officers, e.key, "cán bộ");
        doc.officers = doc.officers.filter((p) => p.key !== e.key);
        if (doc.officers.length === 0) throw new ApiError("conflict", "Xã cần có ít nhất một cán bộ.");
        this.keepAnAdmin(doc);
        dropped = e.key;
        break;
      case "settings.update":
        section = "settings";
        if (e.settings.oneStopDesk && !doc.oneStopDesk && (!e.settings.oneStopDesk.place || !e.settings.oneStopDesk.hours)) {
          throw new ApiError("bad_request", "Xã chưa có thông tin Bộ phận Một cửa: bác nhập cả nơi làm việc và giờ làm việc.", {
            issues: [
              ...(e.settings.oneStopDesk.place ? [] : [{ path: ["settings", "oneStopDesk", "place"], message: "Cần nơi làm việc." }]),
              ...(e.settings.oneStopDesk.hours ? [] : [{ path: ["settings", "oneStopDesk", "hours"], message: "Cần giờ làm việc." }]),
            ],
          });
        }
        applySettingsPatch(doc, e.settings);
        break;
    }
    const r = this.d.store.update(section, doc, { actor, baseVersion: e.baseVersion });
    if (dropped) this.d.codes.dropFor(dropped);
    return r;
  }

  private keepAnAdmin(doc: CommuneConfig): void {
    if (!doc.officers.some((o) => o.role === "admin")) throw new ApiError("conflict", "Xã cần có ít nhất một quản trị viên. Bác chọn người khác làm quản trị viên trước.");
  }

  /** A fresh 6-digit code for this person (48 hours, single use); earlier codes stop working. */
  createLinkCode(actor: string, personKey: string): { code: string; expiresAt: number; name: string; instructions: string[] } {
    const doc = this.d.store.current();
    const ref = people(doc).find((p) => p.key === personKey);
    if (!ref) throw new ApiError("not_found", "Không tìm thấy người này. Có thể người khác vừa xoá; bác tải lại trang.");
    const now = this.d.clock.now();
    const code = String(randomInt(0, 1_000_000)).padStart(6, "0");
    const expiresAt = this.d.codes.create(personKey, actor, code, now);
    this.d.audit.record({ actor, action: "commune.link_code", target: `person:${personKey}`, note: { name: ref.person.name, expiresAt } });
    const oa = doc.oa.name;
    return {
      code,
      expiresAt,
      name: ref.person.name,
      instructions: [
        `Đưa mã này cho ${ref.person.name} (không gửi cho người khác). Mã dùng được một lần, trong 48 giờ.`,
        `${ref.person.name} mở Zalo trên điện thoại của mình, vào trang “${oa}”, bấm “Nhắn tin” và gửi 6 chữ số ${code}.`,
        `Trang Zalo của xã trả lời “Đã liên kết”: từ lúc đó ${ref.person.name} có quyền ${roleWords[ref.role]} trong khung chat và trong ứng dụng “Gia đình số”.`,
      ],
    };
  }

  /**
   * A code typed in the OA chat (`oaUserId`) or entered in the mini app (`appUserId`): links that
   * account to the person. Undefined when the code is not a staff code (the chat then tries the
   * households' code). Wrong codes spend a budget per account and one commune-wide.
   */
  /** A code typed in the chat that was neither a staff code nor a household's: a wrong guess. */
  recordMiss(who: { oaUserId: string }): void {
    this.d.codes.recordFailure(`oa:${who.oaUserId}`, this.d.clock.now());
  }

  redeem(code: string, who: { oaUserId?: string; appUserId?: string }, opts: { fallThrough: boolean }): StaffLinkResult | undefined {
    const subject = who.oaUserId ? `oa:${who.oaUserId}` : `app:${who.appUserId}`;
    const now = this.d.clock.now();
    const lock = this.d.codes.locked(subject, now);
    if (lock) {
      if (opts.fallThrough) return undefined;
      const wait = minutesUntil(lock.until, now);
      return lock.scope === "global"
        ? { ok: false, reason: "busy", message: `Gần đây có quá nhiều mã bị nhập sai, nên tạm thời chưa nhận mã. Vui lòng thử lại sau ${wait} phút.` }
        : { ok: false, reason: "locked", message: `Bác đã nhập sai mã ${this.d.codes.limits.perSubject} lần. Vui lòng thử lại sau ${wait} phút.` };
    }
    const found = /^\d{6}$/.test(code) ? this.d.codes.find(code) : undefined;
    // Not a staff code, in the chat: the households' code is tried next, and only a code that is
    // neither counts as a wrong guess (recordMiss): families linking their chat must not spend the
    // commune-wide budget and shut staff linking.
    if (!found && opts.fallThrough) return undefined;
    if (!found || now >= found.expiresAt) {
      this.d.codes.recordFailure(subject, now);
      return found
        ? { ok: false, reason: "expired", message: "Mã này đã hết hạn (mã dùng được 48 giờ). Bác nhờ cán bộ quản trị của xã tạo mã mới." }
        : { ok: false, reason: "invalid", message: "Mã không đúng. Bác kiểm tra lại 6 chữ số cán bộ xã đưa." };
    }
    const doc: CommuneConfig = structuredClone(this.d.store.current());
    const ref = people(doc).find((p) => p.key === found.personKey);
    if (!ref) return { ok: false, reason: "invalid", message: "Mã này không còn dùng được. Bác nhờ cán bộ quản trị của xã tạo mã mới." };
    const appUserId = who.appUserId ?? (who.oaUserId ? this.d.appUserIdForOa(who.oaUserId) : undefined);
    // An account already listed for someone else is not taken over.
    const other = people(doc).find((p) => p.key !== ref.key && ((who.oaUserId && p.person.zaloUserId === who.oaUserId) || (who.appUserId && p.person.appUserId === who.appUserId)));
    if (other) return { ok: false, reason: "taken", message: `Tài khoản Zalo này đang được ghi cho ${other.person.name}. Chưa có gì thay đổi; bác báo cán bộ quản trị của xã.` };
    if (who.oaUserId) ref.person.zaloUserId = who.oaUserId;
    if (appUserId && !people(doc).some((p) => p.key !== ref.key && p.person.appUserId === appUserId)) ref.person.appUserId = appUserId;
    // The code is spent only together with the saved link: a refused save leaves it usable.
    const used = this.d.store.atomically(() => {
      if (!this.d.codes.use(found.id, now)) return false;
      this.d.store.update("identity", doc, {
        actor: `${ref.person.name} (mã liên kết)`,
        baseVersion: this.d.store.version(),
        summary: `${ref.person.name} (${roleWords[ref.role]}) liên kết tài khoản Zalo${who.oaUserId ? " qua khung chat" : " qua ứng dụng"}`,
      });
      return true;
    });
    if (!used) return { ok: false, reason: "invalid", message: "Mã này đã được dùng. Bác nhờ cán bộ quản trị của xã tạo mã mới." };
    this.d.codes.clearFailures(subject);
    return { ok: true, message: `Đã liên kết tài khoản Zalo này với ${ref.person.name} (${roleWords[ref.role]}). Từ giờ bác dùng được các chức năng của ${roleWords[ref.role]}.` };
  }
}
