import { randomBytes } from "node:crypto";
import type { CommuneConfig } from "../config/commune";

export type Person = CommuneConfig["officers"][number] | CommuneConfig["volunteers"][number] | CommuneConfig["villages"][number]["head"];
export type PersonRole = "head" | "officer" | "volunteer";

export interface PersonRef {
  key: string;
  role: PersonRole;
  person: Person;
  /** For a village head: the village. */
  villageId?: string;
}

export function newPersonKey(role: PersonRole): string {
  const prefix = role === "head" ? "th" : role === "officer" ? "cb" : "tnv";
  return `${prefix}-${randomBytes(5).toString("hex")}`;
}

/** Every person of the document with their key (after ensureKeys every one has one). */
export function people(doc: CommuneConfig): PersonRef[] {
  return [
    ...doc.villages.map((v): PersonRef => ({ key: v.head.key ?? "", role: "head", person: v.head, villageId: v.id })),
    ...doc.officers.map((o): PersonRef => ({ key: o.key ?? "", role: "officer", person: o })),
    ...doc.volunteers.map((o): PersonRef => ({ key: o.key ?? "", role: "volunteer", person: o })),
  ];
}

/** The document with a key for every person who has none (new object; the input is not changed). */
export function ensureKeys(doc: CommuneConfig): CommuneConfig {
  const next = structuredClone(doc);
  const used = new Set(people(next).flatMap((p) => (p.person.key ? [p.person.key] : [])));
  const give = (p: Person, role: PersonRole) => {
    if (p.key) return;
    let k = newPersonKey(role);
    while (used.has(k)) k = newPersonKey(role);
    used.add(k);
    p.key = k;
  };
  for (const v of next.villages) give(v.head, "head");
  for (const o of next.officers) give(o, "officer");
  for (const o of next.volunteers) give(o, "volunteer");
  return next;
}

/** The document as stored: the team's sessions live in team_sessions, not here. */
export function withoutSessions(doc: CommuneConfig): CommuneConfig {
  // Kept by their own capabilities (the team calendar, the guides): never copied into every version of the document.
  const { guides: _guides, legalTips: _tips, ...rest } = doc;
  if (!rest.mobileTeam) return rest;
  return { ...rest, mobileTeam: { ...rest.mobileTeam, sessions: [] } };
}

/** Canonical JSON for comparing two documents (key order as the schema gives it). */
export function sameDoc(a: CommuneConfig, b: CommuneConfig): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The document without person keys, to compare the file (which may have none) with the database. */
export function withoutKeys(doc: CommuneConfig): CommuneConfig {
  const next = structuredClone(doc);
  for (const p of people(next)) delete p.person.key;
  return next;
}
