import type { Guide } from "../../shared/guides";
import { PAYLOAD } from "./commands";
import type { IntentId } from "../../shared/intents";
import { INTENT_LABELS } from "../../shared/intents";
import type { Village } from "../config/commune";
import type { MessageButton } from "../zalo/messages";
import { button, MAX_BUTTONS, MAX_TEXT, Reply } from "./reply";
import { fill, TEMPLATES } from "./templates";

/** One guide step as messages: an optional picture, then the text with next/back/menu (and link) buttons. */
export function stepMessages(reply: Reply, guide: Guide, step: number): Reply {
  const s = guide.steps[step - 1]!;
  const total = guide.steps.length;
  const last = step === total;
  const header = fill("stepHeader", { title: guide.title, step, total });
  const footer = last ? TEMPLATES.lastStepFooter : TEMPLATES.stepFooter;
  const buttons = [
    ...(last ? [] : [button.next()]),
    ...(step > 1 ? [button.back()] : []),
    ...(s.link ? [button.url(s.link.title, s.link.url)] : []),
    ...(last ? [button.handoff()] : []),
    button.menu(),
  ];
  if (s.image) reply.image(s.image.url, s.image.alt);
  const full = `${header}\n\n${s.text}\n\n${footer}`;
  if (full.length <= MAX_TEXT) return reply.text(full, buttons);
  // A long step keeps its own text whole: the header goes first, alone.
  reply.text(header);
  return reply.text(s.text, buttons);
}

/** The menu: every guide numbered, plus buttons for the schedule and a person. */
export function menuMessages(reply: Reply, guides: readonly Guide[]): Reply {
  const lines = [TEMPLATES.menuTitle, ...guides.map((g, i) => `${i + 1}. ${g.title}`), "", TEMPLATES.menuFooter];
  return reply.text(lines.join("\n"), [
    button.query(shortTitle(guides[0]), PAYLOAD.guide(guides[0]!.id)),
    button.query(shortTitle(guides[1]), PAYLOAD.guide(guides[1]!.id)),
    button.query(shortTitle(guides[2]), PAYLOAD.guide(guides[2]!.id)),
    button.schedule(),
    button.handoff(),
  ]);
}

/** "Ý bác là…?" between two guides or actions (labels: a guide id or "@intent"). */
export function didYouMean(reply: Reply, choices: readonly (Guide | IntentId)[]): Reply {
  return reply.text(TEMPLATES.didYouMean, [...choices.map(choiceButton), button.menu()]);
}

export function choiceButton(c: Guide | IntentId): MessageButton {
  return typeof c === "string" ? button.query(INTENT_LABELS[c], PAYLOAD.intent(c)) : button.query(shortTitle(c), PAYLOAD.guide(c.id));
}

/** The guide's button label: its `shortTitle`, else the title cut at 40 characters. */
export function shortTitle(g: Guide | undefined): string {
  if (g?.shortTitle) return g.shortTitle;
  const t = g?.title ?? "";
  return t.length <= 40 ? t : `${t.slice(0, 39)}…`;
}

/**
 * A question about the resident's village, saying why it is asked: villages as buttons (all of
 * them when they fit in Zalo's five, else four and "Thôn khác", which lists them all).
 */
export function askVillage(reply: Reply, why: string, villages: readonly Village[]): Reply {
  const buttons =
    villages.length <= MAX_BUTTONS
      ? villages.map((v) => button.query(v.name, PAYLOAD.village(v.id)))
      : [...villages.slice(0, MAX_BUTTONS - 1).map((v) => button.query(v.name, PAYLOAD.village(v.id))), button.query(TEMPLATES.buttonOtherVillage, PAYLOAD.villageOther)];
  return reply.text(why, buttons);
}
