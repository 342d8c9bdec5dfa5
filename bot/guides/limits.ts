import type { FieldIssue } from "../../shared/contracts/guides";
import type { Guide } from "../../shared/guides";

/**
 * How much a guide may carry beyond what the schema checks. Every new phrasing or keyword is learnt
 * on the bot's own thread when the guide is saved (about a millisecond each): thousands in one save
 * stopped the bot for seconds (every resident's message waited). The shipped guides use at most 12
 * phrasings of 63 characters and 15 keywords of 25.
 */
export const GUIDE_LIMITS = { phrasings: 100, phrasingChars: 200, keywords: 50, keywordChars: 80, sources: 30, sourceChars: 500 } as const;

export function limitIssues(g: Pick<Guide, "phrasings" | "keywords" | "sources">): FieldIssue[] {
  const L = GUIDE_LIMITS;
  const out: FieldIssue[] = [];
  const list = (path: string, items: readonly string[], max: number, chars: number, what: string) => {
    if (items.length > max) out.push({ path, message: `Nhiều nhất ${max} ${what} (đang có ${items.length}).` });
    items.forEach((t, i) => {
      if (t.length > chars) out.push({ path: `${path}.${i}`, message: `Mỗi ${what} dài tối đa ${chars} ký tự.` });
    });
  };
  list("phrasings", g.phrasings, L.phrasings, L.phrasingChars, "câu hỏi mẫu");
  list("keywords", g.keywords ?? [], L.keywords, L.keywordChars, "từ khoá");
  list("sources", g.sources, L.sources, L.sourceChars, "nguồn");
  return out;
}
