/**
 * Text typed by one person and shown to another: invisible characters out, for checks of "is anything
 * written at all" and for quoting words on one line inside the bot's own messages.
 */

/** Format characters (zero-width, joiners, bidi controls) and control characters other than newline and tab. */
const INVISIBLE = /[\p{Cf}\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/gu;

/** The text without invisible characters ("\u200b\u200b" becomes ""). */
export function stripInvisible(s: string): string {
  return s.replace(INVISIBLE, "");
}

/**
 * The words on one line, quoted and shortened: so that what a person typed can never pass for a line
 * of the message it is quoted in (a fake system line, a fake link on its own line).
 */
export function quoteOneLine(s: string, max = 200): string {
  const flat = stripInvisible(s).replace(/\s+/gu, " ").trim();
  const cut = flat.length > max ? `${flat.slice(0, max - 1).trimEnd()}…` : flat;
  return `“${cut.replace(/[“”]/g, '"')}”`;
}
