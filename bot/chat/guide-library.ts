import { GUIDES, renderGuide, validateGuides, type Guide, type GuideContext } from "../../shared/guides";
import { foldKey } from "../../shared/text";
import { createUnderstander, isIntentId, type Understander, type Understanding } from "../../shared/intents";

/**
 * The commune's guides: validated and rendered once at start with the commune's values; the
 * classifier that understands messages (guides, intents, out of scope), trained at start on the
 * guides, the intents and the phrasings officers mapped (which take effect at once).
 *
 * Officers' phrasings are stored with a guide id, or "@intent" for an action.
 */
export class GuideLibrary {
  private readonly byId: Map<string, Guide>;
  private readonly understander: Understander;
  /** A guide's title (or short title), folded: the exact words a button or the mini app sends. */
  private readonly byTitle: Map<string, string>;
  /** Start-up training time, for logs and the bench. */
  readonly trainedInMs: number;

  constructor(ctx: GuideContext, extraPhrasings: { guideId: string; text: string }[], source: readonly Guide[] = GUIDES) {
    const rendered = validateGuides([...source], { context: ctx }).map((g) => renderGuide(g, ctx));
    this.byId = new Map(rendered.map((g) => [g.id, g]));
    this.byTitle = new Map(rendered.flatMap((g) => [g.title, g.shortTitle].filter((t): t is string => !!t).map((t) => [foldKey(t), g.id] as const)));
    const known = extraPhrasings.filter((p) => this.isLabel(p.guideId));
    const t0 = performance.now();
    this.understander = createUnderstander(rendered, known.map((p) => ({ label: p.guideId, text: p.text })));
    this.trainedInMs = performance.now() - t0;
  }

  all(): Guide[] {
    return [...this.byId.values()];
  }

  get(id: string): Guide | undefined {
    return this.byId.get(id);
  }

  /** A guide id, or "@intent" for an action. */
  isLabel(label: string): boolean {
    return this.byId.has(label) || (label.startsWith("@") && isIntentId(label.slice(1)));
  }

  /**
   * What a message asks for. A guide's own title, alone or as the mini app's "Hướng dẫn: <title>"
   * ("Hỏi trên Zalo"), opens that guide whatever the classifier thinks of its words (a title can
   * share words with another guide: "Đóng tiền điện trên điện thoại").
   */
  understand(text: string): Understanding {
    const key = foldKey(text);
    const titled = this.byTitle.get(key) ?? this.byTitle.get(key.replace(/^huong dan /, ""));
    if (titled) return { kind: "guide", guideId: titled, p: 1 };
    return this.understander.understand(text);
  }

  /** Teach a new way of asking: `label` is a guide id or "@intent". Effective at once. */
  addPhrasing(label: string, text: string): void {
    if (!this.isLabel(label)) throw new Error(`unknown guide or intent ${label}`);
    this.understander.learn(label, text);
  }
}
