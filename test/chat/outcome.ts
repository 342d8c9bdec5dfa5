/**
 * What the bot did with a message, read from its replies the way a resident sees them (texts and
 * button payloads), as an Outcome of test/shared/score-understanding.ts.
 */
import { TEMPLATES } from "../../bot/chat/templates";
import type { InboxItem } from "../support/resident";
import type { Outcome } from "../shared/score-understanding";

/** The fixed start of a template (up to its first placeholder). */
const head = (t: string) => t.split("{")[0]!.slice(0, 40);

const SIGNS: [string, string][] = [
  [head(TEMPLATES.scamVictim), "@scam-victim"],
  [head(TEMPLATES.askVillageHandoff), "@handoff"],
  ["Cháu đã báo", "@handoff"],
  [head(TEMPLATES.askVillageSchedule), "@team-schedule"],
  ["📅 Lịch", "@team-schedule"],
  ["Hiện chưa có lịch", "@team-schedule"],
  [head(TEMPLATES.optedOut), "@opt-out"],
  [head(TEMPLATES.optedIn), "@opt-in"],
  [head(TEMPLATES.thanks), "@thanks"],
  [head(TEMPLATES.greeting), "@greeting"],
  [head(TEMPLATES.menuTitle), "@greeting"],
  [head(TEMPLATES.askVillageRate), "@rating"],
  ["Bác chấm điểm giúp cháu", "@rating"],
  [head(TEMPLATES.rateNothing), "@rating"],
  [head(TEMPLATES.gdsAbout), "@gia-dinh-so"],
  [head(TEMPLATES.procedureNoGuide), "@procedure"],
  [head(TEMPLATES.offTopic), "@off-topic"],
];

export function outcomeOfReplies(replies: readonly InboxItem[], guideTitles: ReadonlyMap<string, string>): Outcome {
  const msgs = replies.filter((m) => !m.text.startsWith("Chào mừng bác") && !m.text.startsWith("Gia đình bác tự đánh giá"));
  for (const m of msgs) {
    if (m.text.includes("Ý bác là")) {
      const choices = m.buttons
        .map((b) => String(b.payload))
        .filter((p) => p.startsWith("#guide:") || p.startsWith("#intent:"))
        .map((p) => (p.startsWith("#guide:") ? p.slice(7) : `@${p.slice(8)}`));
      return { choices };
    }
    if (/\nBước 1\//.test(m.text)) {
      for (const [id, title] of guideTitles) if (m.text.startsWith(`${title}\nBước 1/`)) return { answer: id };
    }
    for (const [sign, label] of SIGNS) if (m.text.startsWith(sign)) return { answer: label };
  }
  return { miss: true };
}
