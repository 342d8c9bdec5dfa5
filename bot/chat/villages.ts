import { foldKey } from "../../shared/text";
import type { Village } from "../config/commune";

/** The numbered village list residents answer with a number or a name. */
export function villageList(villages: readonly Village[]): string {
  return villages.map((v, i) => `${i + 1}. ${v.name}`).join("\n");
}

/** "2", "dong xuan", "thôn Đông Xuân" → the village; undefined when nothing fits. */
export function resolveVillage(villages: readonly Village[], text: string): Village | undefined {
  const key = foldKey(text);
  const n = key.match(/^(?:so |thon |lang )?(\d{1,3})$/);
  if (n) return villages[Number(n[1]) - 1];
  if (key.length < 2) return undefined;
  const bare = (v: Village) => foldKey(v.name.replace(new RegExp(`^${v.kind}\\s+`, "i"), ""));
  return (
    villages.find((v) => foldKey(v.name) === key || bare(v) === key) ??
    villages.find((v) => key.includes(bare(v))) ??
    villages.find((v) => bare(v).includes(key) && key.length >= 4)
  );
}
