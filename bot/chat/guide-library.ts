import { GUIDES, GuideValidationError, renderGuide, validateGuides, type Guide, type GuideContext } from "../../shared/guides";
import { foldKey } from "../../shared/text";
import { adoptTrainedWeights, createUnderstander, isIntentId, type TrainedWeights, type Understander, type Understanding } from "../../shared/intents";

/** Where the library reads its guides from on every rebuild (the database; at first the shipped files). */
export interface GuideLibrarySource {
  /** The guides as they are now, placeholders not filled. */
  guides(): readonly Guide[];
  /** The phrasings officers mapped from unanswered questions (a guide id, or "@intent"). */
  phrasings(): { guideId: string; text: string }[];
  /** The commune's values for the placeholders, as they are now. */
  context(): GuideContext;
  /** The stored version of each guide (the mini app's ETag), when the source keeps versions. */
  versions?(): ReadonlyMap<string, number>;
}

/**
 * Trains the classifier on these rendered guides and extra phrasings somewhere else (a worker
 * thread: training takes seconds) and answers with the weights (bot/guides/background-training.ts).
 */
export type BackgroundTrainer = (guides: readonly Guide[], extra: readonly { label: string; text: string }[]) => Promise<TrainedWeights>;

export interface RebuildReport {
  /** Time the bot's thread spent (validation, rendering, incremental learning, swap), ms. */
  ms: number;
  /**
   * What the classifier needed: nothing ("same"), only new phrasings or titles, learnt at once
   * ("incremental"), or a full training (removed phrasings, a new guide): started in the background,
   * the new phrasings learnt at once meanwhile ("retrain").
   */
  classifier: "same" | "incremental" | "retrain";
  /** Resolves when a background training is swapped in (at once otherwise); never rejects. */
  trained: Promise<{ ms: number; swapped: boolean }>;
}

interface Snapshot {
  byId: Map<string, Guide>;
  byTitle: Map<string, string>;
  versions: ReadonlyMap<string, number>;
  understander: Understander;
  /** Every (label, text) the understander has learnt, trained or incrementally. */
  known: Set<string>;
}

/** Training inputs of the rendered guides and extra phrasings, as "label\ttext" (keywords marked). */
function inputsOf(guides: readonly Guide[], extra: readonly { label: string; text: string }[]): Map<string, { label: string; text: string }> {
  const out = new Map<string, { label: string; text: string }>();
  const put = (label: string, text: string, kind = "") => out.set(`${kind}${label}\t${text}`, { label, text });
  for (const g of guides) {
    put(g.id, g.title);
    for (const k of g.keywords ?? []) put(g.id, k, "k:");
    for (const p of g.phrasings) put(g.id, p);
  }
  for (const e of extra) put(e.label, e.text);
  return out;
}

function staticSource(ctx: GuideContext, extraPhrasings: { guideId: string; text: string }[], guides: readonly Guide[]): GuideLibrarySource {
  return { guides: () => guides, phrasings: () => extraPhrasings, context: () => ctx };
}

/**
 * The commune's guides: validated and rendered with the commune's values; the classifier that
 * understands messages (guides, intents, out of scope), trained at start on the guides, the intents
 * and the phrasings officers mapped (which take effect at once).
 *
 * Live (issue 15): `rebuild()` reads the source again (an officer's edit, a rollback, the commune's
 * names) and swaps everything at once. New phrasings and titles are learnt at once on the bot's
 * thread (milliseconds); a change that needs the classifier trained anew (a phrasing removed, a new
 * guide) is trained in a worker thread and swapped in when ready, the old classifier answering meanwhile.
 *
 * Officers' phrasings are stored with a guide id, or "@intent" for an action.
 */
export class GuideLibrary {
  private snap: Snapshot;
  private readonly source: GuideLibrarySource;
  private readonly trainer: BackgroundTrainer | undefined;
  /** Told when a background training failed (logged as a warning; nothing else changes). */
  private readonly trainingFailed: ((err: unknown) => void) | undefined;
  /** Background trainings asked for; only the newest one is swapped in. */
  private trainings = 0;
  /** Start-up training time, for logs and the bench. */
  readonly trainedInMs: number;

  constructor(ctx: GuideContext, extraPhrasings: { guideId: string; text: string }[], source?: readonly Guide[]);
  constructor(source: GuideLibrarySource, options?: { trainer?: BackgroundTrainer; trainingFailed?: (err: unknown) => void });
  constructor(a: GuideContext | GuideLibrarySource, b?: { guideId: string; text: string }[] | { trainer?: BackgroundTrainer }, c: readonly Guide[] = GUIDES) {
    if ("guides" in a && typeof a.guides === "function") {
      this.source = a;
      this.trainer = (b as { trainer?: BackgroundTrainer } | undefined)?.trainer;
      this.trainingFailed = (b as { trainingFailed?: (err: unknown) => void } | undefined)?.trainingFailed;
    } else {
      this.source = staticSource(a as GuideContext, (b as { guideId: string; text: string }[] | undefined) ?? [], c);
      this.trainer = undefined;
      this.trainingFailed = undefined;
    }
    const { rendered, extra, versions } = this.read();
    const t0 = performance.now();
    const understander = createUnderstander(rendered, extra);
    this.trainedInMs = performance.now() - t0;
    this.snap = this.snapshot(rendered, versions, understander, new Set(inputsOf(rendered, extra).keys()));
  }

  /**
   * Whether every guide of the source can still be shown with these commune values (a changed link,
   * name or an emptied mini app link): the problems, or [] when all can. The commune's document is
   * checked with it before it is saved, so a change never leaves the chat unable to rebuild.
   */
  showable(ctx: GuideContext): string[] {
    try {
      validateGuides([...this.source.guides()], { context: ctx }).forEach((g) => renderGuide(g, ctx));
      return [];
    } catch (err) {
      if (err instanceof GuideValidationError) return [...err.issues];
      return [(err as Error)?.message ?? String(err)];
    }
  }

  /** The source read, validated and rendered; throws (changing nothing) when a guide cannot be shown. */
  private read() {
    const ctx = this.source.context();
    const rendered = validateGuides([...this.source.guides()], { context: ctx }).map((g) => renderGuide(g, ctx));
    const ids = new Set(rendered.map((g) => g.id));
    const isLabel = (l: string) => ids.has(l) || (l.startsWith("@") && isIntentId(l.slice(1)));
    const extra = this.source
      .phrasings()
      .filter((p) => isLabel(p.guideId))
      .map((p) => ({ label: p.guideId, text: p.text }));
    return { rendered, extra, versions: this.source.versions?.() ?? new Map<string, number>() };
  }

  private snapshot(rendered: Guide[], versions: ReadonlyMap<string, number>, understander: Understander, known: Set<string>): Snapshot {
    return {
      byId: new Map(rendered.map((g) => [g.id, g])),
      byTitle: new Map(rendered.flatMap((g) => [g.title, g.shortTitle].filter((t): t is string => !!t).map((t) => [foldKey(t), g.id] as const))),
      versions,
      understander,
      known,
    };
  }

  /**
   * Reads the source again and swaps the guides in at once (chat, menu, mini app); the classifier
   * learns what is new at once, or is trained anew in the background (see `RebuildReport`). Throws,
   * changing nothing, when the source's guides do not validate or render (e.g. a link the commune removed).
   */
  rebuild(): RebuildReport {
    const t0 = performance.now();
    const { rendered, extra, versions } = this.read();
    const wanted = inputsOf(rendered, extra);
    const old = this.snap;
    const labels = new Set(old.understander.labels);
    const added = [...wanted].filter(([k]) => !old.known.has(k));
    const removed = [...old.known].some((k) => !wanted.has(k));
    const newGuide = rendered.some((g) => !labels.has(g.id));
    const known = new Set(old.known);
    // What is new is learnt now, on the classifier in use (as an officer's mapping always was).
    for (const [k, { label, text }] of added) {
      if (!labels.has(label)) continue;
      old.understander.learn(label, text);
      known.add(k);
    }
    this.snap = this.snapshot(rendered, versions, old.understander, known);
    const ms = performance.now() - t0;
    if (!removed && !newGuide) {
      return { ms, classifier: added.length > 0 ? "incremental" : "same", trained: Promise.resolve({ ms: 0, swapped: false }) };
    }
    return { ms, classifier: "retrain", trained: this.retrain(rendered, extra, wanted) };
  }

  /** Trains anew in the background (or, without a trainer, here) and swaps the classifier in if no newer rebuild came meanwhile. */
  private async retrain(rendered: Guide[], extra: { label: string; text: string }[], wanted: Map<string, unknown>): Promise<{ ms: number; swapped: boolean }> {
    const mine = ++this.trainings;
    // What the library knows when the training starts: anything learnt after it (an officer's mapping) is learnt again on the new classifier.
    const atStart = new Set(this.snap.known);
    try {
      if (this.trainer) adoptTrainedWeights(await this.trainer(rendered, extra));
      if (mine !== this.trainings) return { ms: 0, swapped: false };
      const t0 = performance.now();
      // With the adopted weights this copies them instead of training (the examples are built again: ~0.1-0.4 s).
      const understander = createUnderstander(rendered, extra);
      // Phrasings learnt since the training started (an officer's mapping) are learnt again.
      const known = new Set(wanted.keys());
      const now = this.snap;
      for (const k of now.known) {
        if (known.has(k) || atStart.has(k)) continue;
        const [label, text] = k.replace(/^k:/, "").split("\t") as [string, string];
        if (understander.labels.includes(label)) {
          understander.learn(label, text);
          known.add(k);
        }
      }
      this.snap = { ...now, understander, known };
      return { ms: performance.now() - t0, swapped: true };
    } catch (err) {
      // The classifier in use keeps answering (it knows every new phrasing already); the next rebuild tries again.
      this.trainingFailed?.(err);
      return { ms: 0, swapped: false };
    }
  }

  all(): Guide[] {
    return [...this.snap.byId.values()];
  }

  get(id: string): Guide | undefined {
    return this.snap.byId.get(id);
  }

  /** The commune's values the guides are filled with, as they are now. */
  context(): GuideContext {
    return this.source.context();
  }

  /** The stored version of a guide (0 when the source keeps none). */
  version(id: string): number {
    return this.snap.versions.get(id) ?? 0;
  }

  /** A guide id, or "@intent" for an action. */
  isLabel(label: string): boolean {
    return this.snap.byId.has(label) || (label.startsWith("@") && isIntentId(label.slice(1)));
  }

  /**
   * What a message asks for. A guide's own title, alone or as the mini app's "Hướng dẫn: <title>"
   * ("Hỏi trên Zalo"), opens that guide whatever the classifier thinks of its words (a title can
   * share words with another guide: "Đóng tiền điện trên điện thoại").
   */
  understand(text: string): Understanding {
    const s = this.snap;
    const key = foldKey(text);
    const titled = s.byTitle.get(key) ?? s.byTitle.get(key.replace(/^huong dan /, ""));
    if (titled) return { kind: "guide", guideId: titled, p: 1 };
    return s.understander.understand(text);
  }

  /** Teach a new way of asking: `label` is a guide id or "@intent". Effective at once. */
  addPhrasing(label: string, text: string): void {
    if (!this.isLabel(label)) throw new Error(`unknown guide or intent ${label}`);
    const s = this.snap;
    s.understander.learn(label, text);
    s.known.add(`${label}\t${text}`);
  }
}
