/**
 * Vietnamese function words that must not drive a match: question frames ("làm sao", "như thế
 * nào"), politeness ("ạ", "ơi", "nhé"), pronouns ("tôi", "mình", "bác"), and "hướng dẫn" (every
 * guide is one). All in FOLDED form, as `foldKey` produces them.
 *
 * Kept OUT on purpose, although some readings are function words, because another reading is a
 * topic word once folded: "tai" (tải = download), "cai" (cài = install), "dang" (đăng ký/nhập),
 * "can" (căn cước), "the" (thẻ = card), "so" (số), "ho" (hộ, hồ sơ), "bao" (báo = report),
 * "tu" (điện tử), "vao" (vào nhóm), "dan" (công dân).
 */
export const STOP_WORDS: ReadonlySet<string> = new Set([
  // particles, politeness, greetings
  "a", "ah", "ak", "oi", "nhe", "nha", "nhi", "ne", "nhen", "day", "vay", "u", "um", "uh", "ok",
  "alo", "hello", "hi", "chao", "da", "vang", "xin", "dum", "gium", "giup", "voi", "nho", "admin",
  "cam", "on",
  // pronouns and kin terms ("ban" stays: bán = sell)
  "toi", "minh", "em", "anh", "chi", "bac", "ong", "ba", "co", "chu", "di", "me", "con", "chau",
  "ta", "tao", "no", "nguoi",
  // question frames, modal and linking words
  "sao", "gi", "nao", "dau", "ai", "lam", "cach", "khong", "duoc", "chua", "roi", "biet", "muon",
  "phai", "hay", "hoac", "hoi", "la", "thi", "ma", "va", "cua", "de", "o", "nay", "do", "kia",
  "nhung", "cac", "mot", "nhu", "ra", "se", "van", "bi", "khi", "neu", "vi", "nen", "nua",
  "them", "nhieu", "it", "rat", "qua", "lai", "cung", "luon", "moi", "ve", "len", "xuong",
  "thoi", "cho", "xem", "giu", "dua", "bay", "gio", "hom", "ngay", "luc",
]);

/** Multi-word frames removed as a whole (their words may be topic words elsewhere). */
export const STOP_PHRASES: readonly (readonly string[])[] = [
  "lam sao", "lam the nao", "nhu the nao", "the nao", "ra sao", "nhu nao", "the nay", "the thi",
  "huong dan", "chi dan", "cho hoi", "xin hoi", "giup do", "duoc khong", "co the", "bao nhieu",
  "o dau", "la gi", "bay gio", "moi nguoi", "cam on", "xin chao", "nguoi ta", "cac buoc",
  "tung buoc", "can phai", "can lam", "the la", "sao the", "cu the", "chi tiet",
].map((p) => p.split(" "));

/**
 * Which tokens of a folded token list are content words: false for stop words and for tokens
 * inside a stop phrase (longest phrase first).
 */
export function contentMask(foldedTokens: readonly string[]): boolean[] {
  const mask = foldedTokens.map((t) => !STOP_WORDS.has(t));
  for (let i = 0; i < foldedTokens.length; i++) {
    for (const phrase of STOP_PHRASES) {
      if (phrase.length > 1 && phrase.every((w, k) => foldedTokens[i + k] === w)) {
        for (let k = 0; k < phrase.length; k++) mask[i + k] = false;
      }
    }
  }
  return mask;
}
