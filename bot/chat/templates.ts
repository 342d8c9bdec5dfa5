import { PILLAR_LABELS, type Pillar } from "../../shared/criteria";
/**
 * Every sentence the bot says, as data (Vietnamese, with diacritics). `{name}` placeholders are
 * filled by `fill`; a commune can reword these without touching the conversation logic.
 */
export const TEMPLATES = {
  welcome:
    "Chào mừng bác đến với {oaName}! 🌾\nCháu là trợ lý hướng dẫn của {communeKind} {communeName}: chỉ từng bước cài VNeID, ứng dụng {provinceApp}, nộp hồ sơ trực tuyến, trả tiền không dùng tiền mặt...\n\nBác cứ gõ câu hỏi (có dấu hay không dấu đều được), ví dụ: “làm sao kích hoạt định danh mức 2”.",
  miniApp: "Gia đình bác tự đánh giá “Gia đình số” tại đây: {miniAppUrl}",
  menuTitle: "Các hướng dẫn bác có thể chọn (gõ số hoặc gõ câu hỏi):",
  menuFooter: "Gõ “lịch lưu động” để xem lịch Tổ dịch vụ công về thôn, “gặp cán bộ” để nhờ người hỗ trợ.",
  stepHeader: "{title}\nBước {step}/{total}",
  lastStepFooter: "✅ Đây là bước cuối. Gõ “menu” để xem hướng dẫn khác, hoặc “gặp cán bộ” nếu còn vướng.",
  stepFooter: "Gõ “tiếp” để sang bước sau, “quay lại” để xem lại bước trước.",
  guideFinished: "🎉 Bác đã xem hết hướng dẫn “{title}”. Làm được chưa ạ? Nếu còn vướng, gõ “gặp cán bộ”.",
  alreadyFirst: "Đây đã là bước đầu tiên rồi ạ.",
  noGuideOpen: "Bác chưa mở hướng dẫn nào. Bác gõ câu hỏi hoặc chọn trong danh sách nhé.",
  exited: "Đã dừng hướng dẫn. Khi cần, bác cứ nhắn câu hỏi hoặc gõ “menu”.",
  didYouMean: "Ý bác là hướng dẫn nào ạ?",
  notUnderstood: "Xin lỗi, cháu chưa hiểu câu hỏi. Bác thử hỏi ngắn hơn, ví dụ “cài VNeID”, “đóng tiền điện”, hoặc chọn trong danh sách.",
  secondMiss: "Cháu vẫn chưa hiểu ý bác. Bác có muốn nhờ cán bộ hỗ trợ trực tiếp không ạ?",
  greeting: "Chào bác ạ! Bác cần hướng dẫn gì? Gõ câu hỏi hoặc “menu” để xem danh sách.",
  thanks: "Dạ không có gì ạ! Cần gì bác cứ nhắn nhé. 🌾",
  askVillage: "Bác ở thôn/làng nào ạ? Gõ số hoặc tên:\n{villages}",
  villageUnknown: "Cháu chưa nhận ra tên thôn. Bác gõ số thứ tự trong danh sách nhé:\n{villages}",
  handoffDone:
    "Cháu đã báo {contactRole} {contactName} hỗ trợ bác. {contactName} sẽ nhắn lại cho bác ngay trong Zalo này.{phoneLine}",
  handoffPhone: "\nNếu cần gấp, bác gọi: {phone}.",
  handoffNotice:
    "🔔 Người dân cần hỗ trợ\nThôn: {village}\nCâu hỏi (người dân viết): {question}\nVào trang Zalo {oaName} (mục Tin nhắn) để trả lời người dân. (Mã hỗ trợ #{handoffId})",
  scheduleHeader: "📅 Lịch {teamName} tại {village}:",
  scheduleItem: "• {weekday} {date}, {start}–{end} tại {place}{note}",
  scheduleProcedures: "Thủ tục ưu tiên giải quyết: {procedures}.",
  schedulePapers: "Giấy tờ mang theo: {papers}.",
  scheduleNone: "Hiện chưa có lịch {teamName} sắp tới tại {village}. Cán bộ sẽ thông báo trong nhóm Zalo của thôn khi có lịch.",
  ratePrompt: "Bác chấm điểm giúp cháu cho {what} (1 = chưa hài lòng, 5 = rất hài lòng):",
  rateWhatHandoff: "sự hỗ trợ của cán bộ vừa rồi",
  rateWhatTeam: "buổi làm việc của {teamName} ngày {date}",
  rateThanks: "Cảm ơn bác đã chấm {score}/5! Ý kiến của bác giúp xã phục vụ tốt hơn.",
  rateNothing: "Hiện chưa có buổi làm việc nào để chấm điểm ạ.",
  rateInvalid: "Bác chấm từ 1 đến 5 điểm nhé.",
  optedOut: "Đã dừng gửi tin nhắc cho bác. Khi muốn nhận lại, bác nhắn “nhận tin lại”. Bác vẫn hỏi hướng dẫn bình thường được ạ.",
  optedIn: "Đã bật lại tin nhắc từ xã cho bác. Cảm ơn bác!",
  unsupportedMedia: "Cháu chưa xem được ảnh, âm thanh hay tệp ạ. Bác gõ câu hỏi bằng chữ, hoặc gõ “gặp cán bộ” để nhờ người xem giúp.",
  askVillageHandoff: "Để cháu báo đúng người phụ trách thôn của bác (tình nguyện viên hoặc trưởng thôn), bác ở thôn/làng nào ạ? Bấm nút hoặc gõ tên:",
  askVillageSchedule: "Để xem lịch Tổ lưu động về đúng thôn của bác, bác ở thôn/làng nào ạ? Bấm nút hoặc gõ tên:",
  askVillageRate: "Để biết bác chấm điểm buổi làm việc ở thôn nào, bác ở thôn/làng nào ạ? Bấm nút hoặc gõ tên:",
  askVillageOther: "Bác gõ số thứ tự hoặc tên thôn/làng của bác:\n{villages}",
  buttonOtherVillage: "Thôn khác",
  notUnderstoodShort: "Cháu chưa hiểu bác cần gì ạ. Bác nói thêm một chút về việc bác muốn làm, ví dụ “cài VNeID”, “đóng tiền điện”, hoặc chọn trong danh sách.",
  notUnderstoodLong: "Cháu chưa hiểu bác cần hướng dẫn việc nào ạ. Bác chọn trong danh sách, hoặc bấm “Gặp cán bộ” để cháu nhờ người đọc tin của bác.",
  notUnderstoodEmpty: "Cháu chỉ đọc được chữ thôi ạ. Bác gõ câu hỏi, hoặc chọn trong danh sách.",
  offTopic: "Dạ, cháu là trợ lý của {oaName} nên chỉ giúp được việc của xã: hướng dẫn dùng điện thoại (VNeID, dịch vụ công, tiền điện, ngân hàng...), lịch Tổ lưu động, báo lừa đảo, và nhờ cán bộ hỗ trợ. Bác cần việc nào cứ nhắn cháu nhé!",
  scamVictim: "⚠️ Bác bình tĩnh, làm ngay mấy việc sau:\n1. Không chuyển thêm tiền, không đọc mã OTP cho ai, tắt cuộc gọi lạ.\n2. Gọi ngay tổng đài ngân hàng của bác (số in sau thẻ ATM hoặc trong ứng dụng ngân hàng) để khóa tài khoản, báo giao dịch bị lừa.\n3. Báo công an: {policeName}{policePhone}, hoặc gọi 113.\n4. Giữ lại tin nhắn, số điện thoại, biên lai chuyển tiền để đưa công an.\n\nCháu cũng báo cán bộ hỗ trợ bác ngay.",
  scamPolicePhone: " – gọi {phone}",
  procedureNoGuide: "Thủ tục này cháu chưa có hướng dẫn từng bước ạ. Bác làm ở đây:\n• {deskPlace}, {deskHours}{deskPhone}.\n• Hoặc tìm đúng thủ tục trên Cổng Dịch vụ công quốc gia: {portalUrl}\n• Tổ lưu động về thôn cũng nhận một số thủ tục (gõ “lịch lưu động”).\nNếu cần, bấm “Gặp cán bộ” để cán bộ chỉ thêm.",
  procedureDeskPhone: " (điện thoại {phone})",
  procedureDeskDefaultPlace: "Bộ phận Một cửa của UBND {communeKind}",
  procedureDeskDefaultHours: "trong giờ hành chính",
  gdsAbout: "“Gia đình số” là phong trào của {communeKind}: mỗi hộ biết dùng điện thoại để làm việc với chính quyền và trong đời sống. Tiêu chí chính:\n{criteria}\n\nHộ của bác tự đánh giá và xem còn thiếu gì trong ứng dụng “Gia đình số” trên Zalo.",
  gdsMet: "🎉 Hộ “{label}” đã đạt đủ các tiêu chí “Gia đình số” theo những gì hộ đã khai. Cảm ơn gia đình bác!",
  gdsMissing: "Hộ “{label}” còn {count} tiêu chí “Gia đình số” chưa đạt:\n{items}\n\nBấm vào hướng dẫn bên dưới để làm, hoặc mở ứng dụng “Gia đình số” để cập nhật.",
  ratingNoSubject: "Cảm ơn bác đã góp ý ạ! Để chấm điểm, bác chọn buổi làm việc của Tổ lưu động, hoặc chấm sau khi cán bộ hỗ trợ xong.",
  handoffForward: "\n(Chưa nhắn được cho {name} qua Zalo vì 7 ngày nay {name} chưa nhắn trang Zalo của xã: nhờ cán bộ gọi {name} ({phone}) hoặc trả lời người dân trong trang quản lý.)",
  consoleLink:
    "Đường dẫn đăng nhập trang quản lý trên máy tính (dùng một lần, hết hạn lúc {until}):\n{url}\n\nChỉ mở trên máy tính anh/chị đang dùng; đừng gửi đường dẫn này cho người khác.",
  consoleNoIdentity:
    "Chưa tạo được đường dẫn đăng nhập: tài khoản Zalo này chưa được nhận ra là tài khoản cán bộ trong ứng dụng của xã. Anh/chị hãy đăng nhập bằng mã QR trên máy tính (quét bằng ứng dụng của xã trên điện thoại).",
  consoleNoAddress: "Trang quản lý trên máy tính chưa có địa chỉ công khai. Anh/chị hãy báo người quản trị máy chủ của xã.",
  buttonMiniApp: "Mở ứng dụng Gia đình số",
  buttonPortal: "Cổng Dịch vụ công",
  buttonNext: "Tiếp ▶",
  buttonBack: "◀ Quay lại",
  buttonMenu: "☰ Danh mục",
  buttonHandoff: "Gặp cán bộ",
  buttonSchedule: "Lịch lưu động",
} as const;

export type TemplateKey = keyof typeof TEMPLATES;

/**
 * Fills `{name}` placeholders; a placeholder without a value is an error, never left in the text. Only
 * the values' own properties count: `{constructor}` or `{toString}` are not values.
 */
export function fill(key: TemplateKey, values: Record<string, string | number> = {}): string {
  return TEMPLATES[key].replace(/\{(\w+)\}/g, (_, name: string) => {
    const v = Object.hasOwn(values, name) ? values[name] : undefined;
    if (typeof v !== "string" && typeof v !== "number") throw new Error(`template ${key}: no value for {${name}}`);
    return String(v);
  });
}

/** "• Chính quyền số (5 tiêu chí)" per pillar, for the commune's criteria as they are now (issue 15: a commune adopts its own set). */
export function criteriaPerPillar(criteria: readonly { pillar: Pillar }[]): string {
  const counts = new Map<Pillar, number>();
  for (const c of criteria) counts.set(c.pillar, (counts.get(c.pillar) ?? 0) + 1);
  return [...counts].map(([p, n]) => `• ${PILLAR_LABELS[p]} (${n} tiêu chí)`).join("\n");
}
