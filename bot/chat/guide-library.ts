import { createGuideMatcher, GUIDES, renderGuide, validateGuides, type Guide, type GuideContext, type GuideMatcher, type MatchResult } from "../../shared/guides";

/**
 * The commune's guides: validated and rendered once at start with the commune's values, plus the
 * matcher over their phrasings and the phrasings officers added (which take effect at once).
 */
export class GuideLibrary {
  private readonly byId: Map<string, Guide>;
  private readonly matcher: GuideMatcher;

  constructor(ctx: GuideContext, extraPhrasings: { guideId: string; text: string }[], source: readonly Guide[] = GUIDES) {
    const rendered = validateGuides([...source], { context: ctx }).map((g) => renderGuide(g, ctx));
    this.byId = new Map(rendered.map((g) => [g.id, g]));
    this.matcher = createGuideMatcher(rendered, extraPhrasings.filter((p) => this.byId.has(p.guideId)));
  }

  all(): Guide[] {
    return [...this.byId.values()];
  }

  get(id: string): Guide | undefined {
    return this.byId.get(id);
  }

  match(text: string): MatchResult {
    return this.matcher.match(text);
  }

  addPhrasing(guideId: string, text: string): void {
    if (!this.byId.has(guideId)) throw new Error(`unknown guide ${guideId}`);
    this.matcher.addPhrasing(guideId, text);
  }
}
