import { GUIDES, renderGuide, validateGuides, type Guide, type GuideContext } from "../../shared/guides";
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
  /** Start-up training time, for logs and the bench. */
  readonly trainedInMs: number;

  constructor(ctx: GuideContext, extraPhrasings: { guideId: string; text: string }[], source: readonly Guide[] = GUIDES) {
    const rendered = validateGuides([...source], { context: ctx }).map((g) => renderGuide(g, ctx));
    this.byId = new Map(rendered.map((g) => [g.id, g]));
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

  understand(text: string): Understanding {
    return this.understander.understand(text);
  }

  /** Teach a new way of asking: `label` is a guide id or "@intent". Effective at once. */
  addPhrasing(label: string, text: string): void {
    if (!this.isLabel(label)) throw new Error(`unknown guide or intent ${label}`);
    this.understander.learn(label, text);
  }
}
