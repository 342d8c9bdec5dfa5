import { cleanText } from "./normalize";

/**
 * The words on one line, quoted and shortened: so that what a person typed can never pass for a line
 * of the message it is quoted in (a fake system line, a fake link on its own line).
 */
export function quoteOneLine(s: string, max = 200): string {
  const flat = cleanText(s);
  const cut = flat.length > max ? `${flat.slice(0, max - 1).trimEnd()}…` : flat;
  return `“${cut.replace(/[“”]/g, '"')}”`;
}
