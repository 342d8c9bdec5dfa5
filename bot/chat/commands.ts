import { isIntentId, type IntentId } from "../../shared/intents";
import { foldKey } from "../../shared/text";

/**
 * What a resident can say at any point, as data: typed words (matched on the folded key, so with or
 * without diacritics, teencode expanded) and the hidden payloads of the bot's buttons.
 */
export type Command =
  | { kind: "next" }
  | { kind: "back" }
  | { kind: "exit" }
  | { kind: "menu" }
  | { kind: "handoff" }
  | { kind: "schedule" }
  | { kind: "rate_request" }
  | { kind: "greeting" }
  | { kind: "thanks" }
  | { kind: "opt_out" }
  | { kind: "opt_in" }
  | { kind: "open_guide"; guideId: string }
  | { kind: "rate"; score: number; subject?: "handoff" | "team_session"; subjectId?: number }
  | { kind: "village"; villageId: string }
  /** "Thôn khác": the resident's village is not among the buttons. */
  | { kind: "village_other" }
  /** A "Ý bác là…?" button for an action. */
  | { kind: "intent"; intent: IntentId }
  /** A bare number; `scored` when typed as a score ("5 sao", "4 điểm"). */
  | { kind: "number"; value: number; scored?: boolean }
  /** The 6-digit code the mini app shows to link this chat to the household. */
  | { kind: "link_code"; code: string }
  /** An officer asks for a one-time link to log in to the console on a PC (anyone else: a question). */
  | { kind: "console_login" };

type Simple = Extract<Command, { kind: "next" | "back" | "exit" | "menu" | "handoff" | "schedule" | "rate_request" | "greeting" | "thanks" | "opt_out" | "opt_in" }>["kind"];

/** Typed phrases per command. Matched whole (after folding), not as substrings. */
export const COMMAND_PHRASES: Record<Simple, string[]> = {
  next: ["tiếp", "tiếp theo", "tiếp đi", "kế tiếp", "bước tiếp", "bước tiếp theo", "xong rồi", "rồi", "ok", "okay", "được rồi", "làm xong", "next", "tiep tuc", "tiếp tục"],
  back: ["quay lại", "trở lại", "lùi lại", "lùi", "bước trước", "quay lai buoc truoc", "back", "lại"],
  exit: ["thoát", "dừng", "dừng lại", "thôi", "huỷ", "hủy", "kết thúc", "exit", "stop", "không cần nữa"],
  menu: ["menu", "danh mục", "danh sách", "bắt đầu", "trang chủ", "xem menu", "các hướng dẫn", "hướng dẫn", "giúp", "giúp đỡ", "help", "trợ giúp"],
  handoff: [
    "gặp cán bộ",
    "gặp người",
    "nói chuyện với cán bộ",
    "cho tôi gặp cán bộ",
    "tôi muốn gặp cán bộ",
    "gặp tư vấn viên",
    "gặp nhân viên",
    "cần người hỗ trợ",
    "cần người giúp",
    "nhờ cán bộ",
    "gọi cán bộ",
    "hỏi cán bộ",
    "gặp tình nguyện viên",
    "cần hỗ trợ trực tiếp",
  ],
  schedule: [
    "lịch lưu động",
    "tổ lưu động",
    "lịch tổ lưu động",
    "lịch làm việc lưu động",
    "dịch vụ công lưu động",
    "tổ dịch vụ công lưu động",
    "lịch dịch vụ công lưu động",
    "khi nào tổ lưu động đến",
    "bao giờ tổ lưu động về thôn",
    "lịch cán bộ về thôn",
    "lịch làm giấy tờ tại thôn",
    "lịch làm thủ tục tại thôn",
    "khi nào cán bộ về thôn",
    "lịch tổ công tác",
  ],
  rate_request: ["đánh giá", "chấm điểm", "góp ý", "đánh giá tổ lưu động"],
  greeting: ["xin chào", "chào", "alo", "hello", "hi", "chào bạn", "chào ad", "chào admin", "chào cán bộ", "có ai không"],
  opt_out: ["dừng nhận tin", "huỷ nhận tin", "hủy nhận tin", "không nhận tin nữa", "ngừng nhận tin", "huỷ đăng ký nhận tin", "không muốn nhận tin", "đừng nhắn nữa"],
  opt_in: ["nhận tin lại", "đăng ký nhận tin", "nhận lại tin", "tiếp tục nhận tin"],
  thanks: ["cảm ơn", "cám ơn", "cảm ơn nhiều", "thanks", "thank you", "ok cảm ơn", "cảm ơn ạ"],
};

/** Hidden payloads of the bot's own buttons (oa.query.hide): stable, never shown to residents. */
export const PAYLOAD = {
  next: "#tiep",
  back: "#lai",
  exit: "#thoat",
  menu: "#menu",
  handoff: "#canbo",
  schedule: "#lichluudong",
  guide: (id: string) => `#guide:${id}`,
  village: (id: string) => `#village:${id}`,
  villageOther: "#village-other",
  intent: (id: IntentId) => `#intent:${id}`,
  rate: (subject: "handoff" | "team_session", subjectId: number, score: number) => `#rate:${subject}:${subjectId}:${score}`,
} as const;

/** Officers only (the chat checks who asks); kept apart from the residents' phrases. */
export const CONSOLE_LOGIN_PHRASES = ["đăng nhập máy tính", "đăng nhập trên máy tính", "đăng nhập trang quản lý", "mở trang quản lý", "link đăng nhập máy tính"];
const consoleLogin = new Set(CONSOLE_LOGIN_PHRASES.map(foldKey));

const byFolded = new Map<string, Simple>();
for (const [kind, phrases] of Object.entries(COMMAND_PHRASES) as [Simple, string[]][]) {
  for (const p of phrases) byFolded.set(foldKey(p), kind);
}

const payloadKinds: Record<string, Simple> = {
  [PAYLOAD.next]: "next",
  [PAYLOAD.back]: "back",
  [PAYLOAD.exit]: "exit",
  [PAYLOAD.menu]: "menu",
  [PAYLOAD.handoff]: "handoff",
  [PAYLOAD.schedule]: "schedule",
};

/** Recognises a command, or returns undefined (then the text is a question for the guide matcher). */
export function parseCommand(text: string): Command | undefined {
  const t = text.trim();
  if (t.startsWith("#")) return parsePayload(t);
  const key = foldKey(t);
  const simple = byFolded.get(key);
  if (simple) return { kind: simple } as Command;
  if (consoleLogin.has(key)) return { kind: "console_login" };
  const link = key.match(/^(?:ma(?: lien ket)? )?(\d{6})$/);
  if (link) return { kind: "link_code", code: link[1]! };
  const digits = key.match(/^(\d{1,2})( (?:sao|diem|d))?$/);
  if (digits) return digits[2] ? { kind: "number", value: Number(digits[1]), scored: true } : { kind: "number", value: Number(digits[1]) };
  return undefined;
}

function parsePayload(t: string): Command | undefined {
  const simple = payloadKinds[t];
  if (simple) return { kind: simple } as Command;
  const guide = t.match(/^#guide:([a-z0-9-]+)$/);
  if (guide) return { kind: "open_guide", guideId: guide[1]! };
  if (t === PAYLOAD.villageOther) return { kind: "village_other" };
  const intent = t.match(/^#intent:([a-z-]+)$/);
  if (intent && isIntentId(intent[1]!)) return { kind: "intent", intent: intent[1] };
  const village = t.match(/^#village:([a-z0-9-]+)$/);
  if (village) return { kind: "village", villageId: village[1]! };
  const rate = t.match(/^#rate:(handoff|team_session):(\d+):([1-5])$/);
  if (rate) return { kind: "rate", subject: rate[1] as "handoff" | "team_session", subjectId: Number(rate[2]), score: Number(rate[3]) };
  return undefined;
}
