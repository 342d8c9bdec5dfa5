/**
 * Erasure of a staff member from kept commune versions (bot/privacy): every person entry carrying one
 * of the erased ids loses its ids and phone, and its name becomes "[đã xoá]". Pure: JSON in, JSON out,
 * with the names that were removed (to scrub the summaries and the audit log too).
 */
export function scrubPersonFromDoc(docJson: string, ids: readonly string[]): { doc: string; names: string[]; otherIds: string[]; phones: string[] } {
  const doc = JSON.parse(docJson) as { villages?: { head?: Entry }[]; officers?: Entry[]; volunteers?: Entry[] };
  const names: string[] = [];
  const otherIds: string[] = [];
  const phones: string[] = [];
  const wanted = new Set(ids);
  const scrub = (p: Entry | undefined) => {
    if (!p) return;
    if (!(p.zaloUserId && wanted.has(p.zaloUserId)) && !(p.appUserId && wanted.has(p.appUserId))) return;
    if (p.name && p.name !== ERASED) names.push(p.name);
    for (const id of [p.zaloUserId, p.appUserId]) if (id && !wanted.has(id)) otherIds.push(id);
    if (p.phone) phones.push(p.phone);
    p.name = ERASED;
    delete p.phone;
    delete p.zaloUserId;
    delete p.appUserId;
  };
  for (const v of doc.villages ?? []) scrub(v.head);
  for (const o of doc.officers ?? []) scrub(o);
  for (const o of doc.volunteers ?? []) scrub(o);
  return { doc: JSON.stringify(doc), names, otherIds, phones };
}

interface Entry {
  name?: string;
  phone?: string;
  zaloUserId?: string;
  appUserId?: string;
}

export const ERASED = "[đã xoá]";
