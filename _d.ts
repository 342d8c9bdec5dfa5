import { GUIDES } from "./shared/guides/content/index";
import { createGuideMatcher } from "./shared/guides/matcher";
import { renderGuide } from "./shared/guides/placeholders";
import { SAMPLE_CONTEXT } from "./test/shared/fixtures";
const m = createGuideMatcher(GUIDES.map(g => renderGuide(g, SAMPLE_CONTEXT)));
for (const q of process.argv.slice(2)) console.log(q, m.rank(q).slice(0,3));
