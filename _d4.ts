import { GUIDES } from "./shared/guides/content/index";
import { createGuideMatcher } from "./shared/guides/matcher";
import { renderGuide } from "./shared/guides/placeholders";
import { SAMPLE_CONTEXT } from "./test/shared/fixtures";
import { PHRASING_TABLE } from "./test/shared/phrasings.table";
const rendered = GUIDES.map(g => renderGuide(g, SAMPLE_CONTEXT));
let t = performance.now();
const m = createGuideMatcher(rendered);
console.log("build ms", performance.now() - t);
let bad = 0;
for (const g of rendered) for (const p of g.phrasings) { const r = m.match(p); const ok = (r.kind==="clear" && r.guideId===g.id) || (r.kind==="ambiguous" && r.candidates.some(c=>c.guideId===g.id)); if (!ok) { bad++; console.log(g.id, p, JSON.stringify(r)); } }
console.log("self-phrasing failures", bad);
t = performance.now(); let n=0;
for (let k=0;k<20;k++) for (const row of PHRASING_TABLE) { m.match(row.text); n++; }
console.log("match us/query", (performance.now()-t)*1000/n);
const raw = createGuideMatcher(GUIDES);
console.log(raw.match("lam sao kich hoat dinh danh muc 2"), raw.match("cài app tỉnh"), raw.match("gọi 1022"));
