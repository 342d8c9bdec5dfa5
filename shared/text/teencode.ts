/**
 * Chat abbreviations, teencode and unaccented shorthands as residents type them, expanded
 * token-wise on the FOLDED form (so "đc" and "dc" are one entry). Expansions are written in
 * accented Vietnamese for readability; `expandTeencode` returns them folded.
 *
 * Rules of this file:
 * - Whole tokens only (a few multi-token keys such as "vn eid"). Never inside a word.
 * - A key whose folded form is also a real, useful word is NOT listed: "hong" (hông=không, but
 *   also hỏng "broken" and hồng), "vay" (vậy, but also vay "borrow", which scam questions use),
 *   "ca" (công an? also ca, cá), "cc", "a" (anh/à/á). `ACCENTED_TEENCODE` holds the few that are
 *   safe only with their accent ("hông").
 * - An expansion of "" drops the token (laughter).
 * - Ambiguous keys are in `CONTEXTUAL_TEENCODE` with the rule that decides and why.
 */

import { canonicalTones, collapseRepeats, foldIY, foldText, removeDiacritics } from "./fold";

/** Folded token(s) → expansion. Every key is already folded (lower case, no diacritics). */
export const TEENCODE = {
  // negation and common particles
  k: "không",
  ko: "không",
  kg: "không",
  khg: "không",
  hok: "không",
  hem: "không",
  hk: "không",
  dc: "được",
  j: "gì",
  ji: "gì",
  gj: "gì",
  z: "vậy",
  v: "vậy",
  r: "rồi",
  rui: "rồi",
  roai: "rồi",
  vs: "với",
  ms: "mới",
  cx: "cũng",
  cg: "cũng",
  nhg: "nhưng",
  nma: "nhưng mà",
  thui: "thôi",
  lun: "luôn",
  wa: "qua",
  trc: "trước",
  dag: "đang",
  xog: "xong",
  bjo: "bây giờ",
  bgio: "bây giờ",
  ak: "à",
  ah: "à",
  uk: "ừ",
  ukm: "ừ",
  oke: "ok",
  oki: "ok",
  okie: "ok",
  okela: "ok",
  tks: "cảm ơn",
  thanks: "cảm ơn",
  // laughter: dropped
  hihi: "",
  haha: "",
  hehe: "",
  hjhj: "",
  kk: "",
  kaka: "",
  // question words and verbs
  ntn: "như thế nào",
  lsao: "làm sao",
  lm: "làm",
  bik: "biết",
  bjk: "biết",
  bjt: "biết",
  bit: "biết",
  bt: "biết",
  mun: "muốn",
  kiu: "kêu",
  ktra: "kiểm tra",
  kt: "kiểm tra",
  hdan: "hướng dẫn",
  hdsd: "hướng dẫn sử dụng",
  // people
  mik: "mình",
  mjk: "mình",
  mh: "mình",
  t: "tôi",
  e: "em",
  chj: "chị",
  mn: "mọi người",
  mng: "mọi người",
  ng: "người",
  ngta: "người ta",
  ae: "anh em",
  ad: "admin",
  // contact and messaging
  sdt: "số điện thoại",
  sdth: "số điện thoại",
  dt: "điện thoại",
  dthoai: "điện thoại",
  dth: "điện thoại",
  ib: "nhắn tin",
  inbox: "nhắn tin",
  nt: "nhắn tin",
  add: "thêm",
  gr: "nhóm",
  grp: "nhóm",
  group: "nhóm",
  zl: "zalo",
  fb: "facebook",
  mess: "messenger",
  dchi: "địa chỉ",
  location: "vị trí",
  // identity
  cccd: "căn cước công dân",
  cmnd: "chứng minh nhân dân",
  cmt: "chứng minh thư",
  dddt: "định danh điện tử",
  vnid: "vneid",
  vnied: "vneid",
  vneld: "vneid",
  vnneid: "vneid",
  "vn eid": "vneid",
  "vn id": "vneid",
  "vne id": "vneid",
  pass: "mật khẩu",
  pw: "mật khẩu",
  // public services and money
  dvc: "dịch vụ công",
  dvcqg: "dịch vụ công quốc gia",
  dvctt: "dịch vụ công trực tuyến",
  tthc: "thủ tục hành chính",
  ubnd: "ủy ban nhân dân",
  tk: "tài khoản",
  stk: "số tài khoản",
  nh: "ngân hàng",
  bhyt: "bảo hiểm y tế",
  bhxh: "bảo hiểm xã hội",
  tmdt: "thương mại điện tử",
  sp: "sản phẩm",
  onl: "trực tuyến",
  online: "trực tuyến",
  cskh: "chăm sóc khách hàng",
  tdai: "tổng đài",
  qrcode: "mã qr",
  "zalo pay": "zalopay",
  // apps and phones
  app: "ứng dụng",
  apps: "ứng dụng",
  ud: "ứng dụng",
  gg: "google",
  ggmap: "google map",
  gmap: "google map",
  maps: "map",
  ip: "iphone",
  scam: "lừa đảo",
  // the campaign and family
  gd: "gia đình",
  gds: "gia đình số",
  gdinh: "gia đình",
  qa: "qua",
} as const satisfies Readonly<Record<string, string>>;

export type TeencodeKey = keyof typeof TEENCODE;

/** Keys matched on the ACCENTED normalised token, because their folded form is a real word. */
export const ACCENTED_TEENCODE = {
  "hông": "không", // folded "hong" would also catch hỏng (broken), hồng
  "hổng": "không",
  "bít": "biết",
  "zô": "vô",
  "wá": "quá",
} as const satisfies Readonly<Record<string, string>>;

/**
 * An ambiguous key: `to` by default; the first alternative whose condition holds wins.
 * Conditions look at folded, already-expanded neighbours within `window` tokens
 * (`prev`: tokens before, `next`: tokens after, `any`: both sides), or at the position.
 * `to: null` leaves the token as typed.
 */
export interface ContextualRule {
  readonly to: string | null;
  readonly alternatives: readonly {
    readonly to: string;
    readonly prev?: readonly string[];
    readonly next?: readonly string[];
    readonly any?: readonly string[];
    readonly first?: boolean;
    readonly window?: number;
  }[];
  readonly note: string;
}

export const CONTEXTUAL_TEENCODE = {
  mk: {
    to: "mình",
    alternatives: [
      {
        to: "mật khẩu",
        prev: ["quen", "doi", "dat", "nhap", "sai", "lay", "cap", "mat", "reset", "tao", "go", "nho"],
        next: ["vneid", "sai", "cu", "moi", "vssid"],
        window: 1,
      },
    ],
    note:
      "mk is 'mình' (me) in chat, 'mật khẩu' (password) in login talk. Password when the word " +
      "before is a password verb (quên/đổi/đặt/nhập/sai/lấy/cấp/mất...) or the word after is " +
      "vneid/sai/cũ/mới; otherwise 'mình'. 'mk quên mk vneid' → 'mình quên mật khẩu vneid'.",
  },
  dk: {
    to: "đăng ký",
    alternatives: [{ to: "được", prev: ["khong", "chua", "co", "van", "lam", "xong", "moi", "roi"], window: 1 }],
    note:
      "đk is 'đăng ký' (register) or 'được'. 'được' right after không/chưa/có/vẫn/làm/xong " +
      "('ko đk', 'có đk ko'), otherwise 'đăng ký' ('đk vneid').",
  },
  dd: {
    to: null,
    alternatives: [
      {
        to: "định danh",
        any: ["dien", "tu", "muc", "vneid", "kich", "hoat", "tai", "khoan", "2", "dinh", "danh"],
        window: 2,
      },
    ],
    note:
      "đđ/dd is 'định danh' beside identity words (điện tử, mức, vneid, kích hoạt, tài khoản, 2); " +
      "it is also 'đầy đủ' and 'đi đâu', so elsewhere it is left as typed.",
  },
  bn: {
    to: "bao nhiêu",
    alternatives: [
      { to: "bạn", first: true },
      { to: "bạn", prev: ["cho", "giup", "voi", "cua", "hoi", "nho", "on"], next: ["oi", "cho", "co", "giup", "biet"], window: 1 },
    ],
    note:
      "bn is 'bao nhiêu' (how much) or 'bạn' (you). 'bạn' at the start or beside cho/giúp/với/của/" +
      "hỏi/nhờ/ơi; otherwise 'bao nhiêu' ('phí bn').",
  },
  bh: {
    to: "bây giờ",
    alternatives: [{ to: "bảo hiểm", any: ["y", "te", "yt", "xa", "xh", "hoi", "the", "vssid"], window: 1 }],
    note: "bh is 'bây giờ' (now) in chat, 'bảo hiểm' before y tế/xã hội/thẻ.",
  },
  hd: {
    to: "hướng dẫn",
    alternatives: [
      { to: "hóa đơn", any: ["dien", "nuoc", "tien", "dong", "thanh", "toan", "tt", "ck", "chuyen"], window: 2 },
    ],
    note: "hd is 'hướng dẫn' (guide), or 'hóa đơn' (bill) beside điện/nước/tiền/đóng/thanh toán.",
  },
  tt: {
    to: "thông tin",
    alternatives: [
      {
        to: "thanh toán",
        any: ["tien", "dien", "nuoc", "qr", "hoa", "don", "hd", "bang", "the", "momo", "zalopay", "vi", "ck", "truc", "tuyen"],
        window: 2,
      },
    ],
    note: "tt is 'thông tin' by default; 'thanh toán' beside money words (tiền, điện, QR, hóa đơn, ví...).",
  },
  tn: {
    to: "tin nhắn",
    alternatives: [{ to: "thế nào", prev: ["lam", "la", "ra", "sao", "nhu"], window: 1 }],
    note: "tn is 'tin nhắn' (message), or 'thế nào' after làm/là/ra/như ('làm tn').",
  },
  ck: {
    to: "chuyển khoản",
    alternatives: [{ to: "chồng", any: ["vk", "vo"], window: 3 }],
    note: "ck is 'chuyển khoản' here (payment talk), 'chồng' (husband) when vk/vợ is near.",
  },
  kh: {
    to: "không",
    alternatives: [{ to: "khách hàng", prev: ["ma", "cham", "soc", "cs"], window: 1 }],
    note: "kh is 'không', but 'khách hàng' after mã/chăm sóc ('mã kh' on an electricity bill).",
  },
  hs: {
    to: "hồ sơ",
    alternatives: [{ to: "học sinh", any: ["truong", "lop", "hoc"], window: 2 }],
    note: "hs is 'hồ sơ' (dossier), or 'học sinh' beside trường/lớp/học.",
  },
} as const satisfies Readonly<Record<string, ContextualRule>>;

export type ContextualTeencodeKey = keyof typeof CONTEXTUAL_TEENCODE;

// ---------------------------------------------------------------------------------------------
// Expansion
// ---------------------------------------------------------------------------------------------

/**
 * Null-prototype copies: a word a person types is looked up as a key, and "constructor" or "__proto__"
 * must not find Object.prototype's members (a resident typing "constructor" got no answer at all).
 */
const own = <T>(o: Readonly<Record<string, T>>): Readonly<Record<string, T>> => Object.assign(Object.create(null) as Record<string, T>, o);
const PLAIN: Readonly<Record<string, string>> = own(TEENCODE);
const ACCENTED: Readonly<Record<string, string>> = own(ACCENTED_TEENCODE);
const CONTEXTUAL: Readonly<Record<string, ContextualRule>> = own(CONTEXTUAL_TEENCODE);
const MAX_KEY_TOKENS = Math.max(...Object.keys(TEENCODE).map((k) => k.split(" ").length));
/** First words of the multi-token keys, so most tokens skip the phrase lookup. */
const PHRASE_STARTS: ReadonlySet<string> = new Set(
  Object.keys(TEENCODE)
    .filter((k) => k.includes(" "))
    .map((k) => k.split(" ")[0] ?? ""),
);

/** A token after expansion: the folded key, and the accented spelling it came from. */
export interface ExpandedToken {
  /** Folded search key: no diacritics, đ→d, i/y variants as i ("ki"). */
  folded: string;
  /**
   * Lower-case accented spelling with canonical tone placement and i/y (hoà→hòa, ký→kí); for a
   * teencode expansion, the expansion's spelling ("dc" → "được"). Equal to `folded` when the
   * resident typed no diacritics.
   */
  accented: string;
}

const expansionCache = new Map<string, readonly ExpandedToken[]>();
/** Tokens of an expansion ("được" → [{duoc, được}], "" → []). Cached: the maps are constant. */
function expansionTokens(expansion: string): readonly ExpandedToken[] {
  let w = expansionCache.get(expansion);
  if (w === undefined) {
    const acc = expansion.split(" ").filter((x) => x !== "");
    w = acc.map((a) => token(a, foldText(a)));
    expansionCache.set(expansion, w);
  }
  return w;
}

const NON_ASCII = /[^\u0000-\u007f]/;
/** Build a token: i/y folding on the key, and the same on the accented spelling. */
function token(accented: string, folded: string): ExpandedToken {
  const f = foldIY(folded);
  if (!NON_ASCII.test(accented)) return { folded: f, accented: f };
  let a = canonicalTones(accented);
  if (f !== folded) a = a.normalize("NFD").replace(/y(\p{M}*)$/u, "i$1").normalize("NFC");
  return { folded: f, accented: a };
}

function hasAny(words: readonly string[], wanted: readonly string[] | undefined): boolean {
  return wanted !== undefined && words.some((w) => wanted.includes(w));
}

function decide(rule: ContextualRule, before: readonly string[], after: readonly string[], isFirst: boolean): string | null {
  for (const alt of rule.alternatives) {
    const n = alt.window ?? 1;
    const prev = before.slice(Math.max(0, before.length - n));
    const next = after.slice(0, n);
    if (
      (alt.first === true && isFirst) ||
      hasAny(prev, alt.prev) ||
      hasAny(next, alt.next) ||
      hasAny(prev, alt.any) ||
      hasAny(next, alt.any)
    ) {
      return alt.to;
    }
  }
  return rule.to;
}

/**
 * Expand teencode in a list of normalised tokens (see `normalizeText`; accents may be present).
 * Longest multi-token key first; then accented keys, plain keys, contextual keys. Returns each
 * resulting token folded and with its accented spelling.
 */
export function expandTokens(normalizedTokens: readonly string[]): ExpandedToken[] {
  // Fold the whole text once (one NFD/NFC pass); per token only if a token folded to nothing.
  // Repeated letters are collapsed per token AFTER the key lookup: "cccd", "dddt" are keys.
  let raw = removeDiacritics(normalizedTokens.join(" ")).split(" ");
  if (raw.length !== normalizedTokens.length) raw = normalizedTokens.map((t) => removeDiacritics(t));
  const folded = raw.map((r) => (r in PLAIN ? r : collapseRepeats(r)));
  const out: ExpandedToken[] = [];
  const outFolded: string[] = [];
  let i = 0;
  while (i < folded.length) {
    const f = folded[i] ?? "";
    const typed = normalizedTokens[i] ?? "";
    let consumed = 1;
    let words: readonly ExpandedToken[] | undefined;

    const maxK = PHRASE_STARTS.has(f) ? Math.min(MAX_KEY_TOKENS, folded.length - i) : 0;
    for (let k = maxK; k >= 2 && words === undefined; k--) {
      const exp = PLAIN[folded.slice(i, i + k).join(" ")];
      if (exp !== undefined) {
        words = expansionTokens(exp);
        consumed = k;
      }
    }
    if (words === undefined) {
      const acc = ACCENTED[typed];
      const plain = PLAIN[f];
      const rule = CONTEXTUAL[f];
      if (acc !== undefined) words = expansionTokens(acc);
      else if (plain !== undefined) words = expansionTokens(plain);
      else if (rule !== undefined) {
        const after: string[] = [];
        for (let j = i + 1; j < folded.length && after.length < 3; j++) {
          const nf = folded[j] ?? "";
          const ne = PLAIN[nf];
          after.push(...(ne !== undefined ? expansionTokens(ne).map((t) => t.folded) : [nf]));
        }
        const to = decide(rule, outFolded, after, outFolded.length === 0);
        words = to === null ? [token(typed, f)] : expansionTokens(to);
      } else words = [token(typed, f)];
    }
    for (const w of words) {
      out.push(w);
      outFolded.push(w.folded);
    }
    i += consumed;
  }
  return out;
}

/** `expandTokens`, folded keys only. */
export function expandTeencode(normalizedTokens: readonly string[]): string[] {
  return expandTokens(normalizedTokens).map((t) => t.folded);
}
