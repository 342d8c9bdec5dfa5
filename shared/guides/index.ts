/** Guides: typed content, validation, rendering with the commune's values, and matching. */
export { GUIDES, GUIDE_IDS, type GuideId } from "./content/index";
export {
  GuideSchema,
  GuideValidationError,
  StepSchema,
  placeholdersIn,
  validateGuides,
  type Guide,
  type GuideStep,
} from "./schema";
export {
  DEFAULT_PUBLIC_SERVICE_PORTAL_URL,
  GuideRenderError,
  MAX_STEP_CHARS,
  PLACEHOLDER_KEYS,
  PlaceholderError,
  fillPlaceholders,
  renderGuide,
  type GuideContext,
  type PlaceholderKey,
} from "./placeholders";
export {
  DEFAULT_MATCHER_OPTIONS,
  createGuideMatcher,
  type GuideMatcher,
  type GuideMatcherOptions,
  type MatchCandidate,
  type MatchResult,
  type RankedCandidate,
} from "./matcher";
