import type { Guide } from "../../shared/guides";
import type { FieldIssue } from "../../shared/contracts/guides";
import { INTENT_PHRASINGS, type IntentId } from "../../shared/intents";
import { foldKey } from "../../shared/text";
import { COMMAND_PHRASES } from "../chat/commands";

/**
 * The residents' own ways of stopping the reminders, asking for a person, saying they were scammed
 * or asking for the mobile team: a guide's title, short title, phrasing or keyword equal to one of
 * them would open the guide instead (a title is matched before anything else; a phrasing or keyword
 * learnt live takes the words from the action), so that no resident could opt out or reach a person
 * with those words. Refused when a guide is saved.
 */
const INTENT_PURPOSE: Partial<Record<IntentId, string>> = {
  handoff: "gặp cán bộ",
  "opt-out": "dừng nhận tin nhắc",
  "opt-in": "nhận lại tin nhắc",
  "scam-victim": "báo bị lừa, cần giúp gấp",
  "team-schedule": "hỏi lịch tổ lưu động",
};
const COMMAND_PURPOSE: Partial<Record<keyof typeof COMMAND_PHRASES, string>> = { handoff: "gặp cán bộ", opt_out: "dừng nhận tin nhắc", opt_in: "nhận lại tin nhắc", schedule: "hỏi lịch tổ lưu động" };

/** Folded words → what the resident asks for with them. */
const RESERVED: ReadonlyMap<string, string> = new Map([
  ...Object.entries(COMMAND_PHRASES).flatMap(([k, ps]) => ps.map((p) => [foldKey(p), COMMAND_PURPOSE[k as keyof typeof COMMAND_PHRASES] ?? "điều khiển cuộc trò chuyện"] as const)),
  ...Object.entries(INTENT_PURPOSE).flatMap(([id, purpose]) => INTENT_PHRASINGS[id as IntentId].map((p) => [foldKey(p), purpose] as const)),
]);

/** What a resident asks for with `text` when it is one of the reserved ways (folded: case, accents, spacing). */
export function reservedPhrase(text: string): string | undefined {
  return RESERVED.get(foldKey(text));
}

/** Problems of a guide whose words would take an action's. */
export function reservedIssues(g: Pick<Guide, "title" | "shortTitle" | "phrasings" | "keywords">): FieldIssue[] {
  const out: FieldIssue[] = [];
  const check = (path: string, text: string | undefined) => {
    const purpose = text === undefined ? undefined : reservedPhrase(text);
    if (purpose) out.push({ path, message: `“${text}” là câu người dân nhắn để ${purpose}: hướng dẫn không dùng câu này được (người dân nhắn câu đó sẽ mở hướng dẫn thay vì ${purpose}).` });
  };
  check("title", g.title);
  check("shortTitle", g.shortTitle);
  g.phrasings.forEach((p, i) => check(`phrasings.${i}`, p));
  (g.keywords ?? []).forEach((k, i) => check(`keywords.${i}`, k));
  return out;
}
