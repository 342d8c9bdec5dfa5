/**
 * Vietnamese function words that must not drive a match: question frames ("làm sao", "như thế
 * nào"), politeness ("ạ", "ơi", "nhé"), pronouns ("tôi", "mình", "bác"), and "hướng dẫn" (every
 * guide is one). All in FOLDED form, as `foldKey` produces them.
 *
 * Kept OUT on purpose, although some readings are function words, because another reading is a
 * topic word once folded: "tai" (tải = download), "cai" (cài = install), "dang" (đăng ký/nhập),
 * "can" (căn cước), "the" (thẻ = card), "so" (số), "ho" (hộ, hồ sơ), "bao" (báo = report),
 * "tu" (điện tử), "vao" (vào nhóm), "dan" (công dân). "bang" (bằng, also bảng/băng) is a stop
 * word: "bằng" is in half the questions ("đăng nhập bằng VNeID").
 */
export const STOP_WORDS: ReadonlySet<string> = new Set([
  // particles, politeness, greetings
  "a", "ah", "ak", "oi", "nhe", "nha", "nhi", "ne", "nhen", "day", "vay", "u", "um", "uh", "ok",
  "alo", "hello", "hi", "chao", "da", "vang", "dum", "gium", "giup", "voi", "nho", "admin",
  "cam", "on",
  // pronouns and kin terms ("ban" stays: bán = sell)
  "toi", "minh", "em", "anh", "chi", "bac", "ong", "ba", "co", "chu", "di", "me", "con", "chau",
  "ta", "tao", "no", "nguoi",
  // question frames, modal and linking words
  "sao", "gi", "nao", "dau", "ai", "lam", "cach", "khong", "duoc", "chua", "roi", "biet", "muon",
  "phai", "hay", "hoac", "hoi", "la", "thi", "ma", "va", "cua", "de", "o", "nay", "do", "kia",
  "nhung", "cac", "mot", "nhu", "ra", "se", "van", "bi", "khi", "neu", "vi", "nen", "nua",
  "them", "nhieu", "it", "rat", "qua", "lai", "cung", "luon", "moi", "ve", "len", "xuong",
  "thoi", "cho", "xem", "giu", "bay", "gio", "hom", "ngay", "luc", "tren", "duoi", "trong",
  "den", "sang", "bang",
  // pieces of web addresses ("dichvucong.gov.vn" → "dichvucong gov vn")
  "www", "http", "https", "gov", "vn", "com", "html",
]);

/** Multi-word frames removed as a whole (their words may be topic words elsewhere). */
export const STOP_PHRASES: readonly (readonly string[])[] = [
  "lam sao", "lam the nao", "nhu the nao", "the nao", "ra sao", "nhu nao", "the nay", "the thi",
  "huong dan", "chi dan", "cho hoi", "xin hoi", "giup do", "duoc khong", "co the", "bao nhieu",
  "o dau", "la gi", "bay gio", "moi nguoi", "cam on", "xin chao", "nguoi ta", "cac buoc",
  "tung buoc", "can phai", "can lam", "the la", "sao the", "cu the", "chi tiet",
].map((p) => p.split(" "));

/**
 * Stop words only when typed WITH these accents: their folded form is a topic word
 * (mấy/máy, bạn/bán, cần/căn, tại/tải, thế/thẻ, từ/tử). Unaccented "may", "ban"... stay
 * content words.
 */
export const ACCENTED_STOP_WORDS: ReadonlySet<string> = new Set([
  "mấy", "bạn", "cần", "tại", "thế", "từ", "vậy", "hả", "hử", "nhỉ", "đấy", "ấy", "kìa", "cả",
]);

/**
 * Content words although their folded form is a stop word: kept when typed with these accents
 * (chỉ đường, ví điện tử, chụp ảnh, mã QR, quà, nhà nước, nợ tiền điện). Unaccented "ma", "vi",
 * "anh"... stay stop words: mà, vì, anh are far more common.
 */
export const ACCENTED_CONTENT_WORDS: ReadonlySet<string> = new Set(["chỉ", "ví", "ảnh", "mã", "quà", "nhà", "nợ"]);

/**
 * Which tokens are content words: false for stop words (folded, or accented as typed) and for
 * tokens inside a stop phrase.
 */
export function contentMask(tokens: readonly { folded: string; accented: string }[]): boolean[] {
  const folded = tokens.map((t) => t.folded);
  const mask = tokens.map(
    (t) =>
      (!STOP_WORDS.has(t.folded) || ACCENTED_CONTENT_WORDS.has(t.accented)) && !ACCENTED_STOP_WORDS.has(t.accented),
  );
  for (let i = 0; i < folded.length; i++) {
    for (const phrase of STOP_PHRASES) {
      if (phrase.every((w, k) => folded[i + k] === w)) {
        for (let k = 0; k < phrase.length; k++) mask[i + k] = false;
      }
    }
  }
  return mask;
}
