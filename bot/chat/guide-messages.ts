import type { Guide } from "../../shared/guides";
import { PAYLOAD } from "./commands";
import { button, MAX_TEXT, Reply } from "./reply";
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

export function didYouMean(reply: Reply, a: Guide, b: Guide): Reply {
  return reply.text(TEMPLATES.didYouMean, [button.query(shortTitle(a), PAYLOAD.guide(a.id)), button.query(shortTitle(b), PAYLOAD.guide(b.id)), button.menu()]);
}

function shortTitle(g: Guide | undefined): string {
  const t = g?.title ?? "";
  return t.length <= 40 ? t : `${t.slice(0, 39)}…`;
}
