/**
 * Weekly legal information for village groups (seed 003: "phổ biến, giáo dục pháp luật"). The tips
 * live in the database (`legal_tips`, edited by officers in the console, bot/guides/legal-tips.ts);
 * this list is only the seed written there on first start. Kept to long-standing, widely published
 * rules; the commune's justice officer should check each before use.
 */
export interface LegalTip {
  title: string;
  text: string;
}

export const LEGAL_TIPS: readonly LegalTip[] = [
  {
    title: "Cảnh giác cuộc gọi giả danh công an",
    text: "Công an không làm việc qua điện thoại, không yêu cầu chuyển tiền, không gửi đường link hay đòi mã OTP. Gặp cuộc gọi như vậy, bà con hãy tắt máy và báo Công an xã.",
  },
  {
    title: "Đội mũ bảo hiểm khi đi xe máy",
    text: "Người điều khiển và người ngồi sau xe mô tô, xe gắn máy (kể cả trẻ em từ 6 tuổi trở lên) phải đội mũ bảo hiểm và cài quai đúng quy cách.",
  },
  {
    title: "Không đốt pháo nổ",
    text: "Pháo nổ bị cấm sản xuất, mua bán, tàng trữ và sử dụng. Bà con nhắc nhở con em không mua bán, đốt pháo, nhất là dịp lễ Tết.",
  },
  {
    title: "Đăng ký khai sinh đúng hạn",
    text: "Trong 60 ngày kể từ ngày sinh, cha mẹ có trách nhiệm đăng ký khai sinh cho con. Có thể nộp hồ sơ trực tuyến trên Cổng Dịch vụ công hoặc tại UBND xã.",
  },
  {
    title: "Không chia sẻ tin giả trên mạng",
    text: "Đưa tin sai sự thật, xúc phạm người khác trên mạng xã hội có thể bị xử phạt. Trước khi chia sẻ, bà con hãy kiểm tra nguồn tin từ cơ quan nhà nước.",
  },
  {
    title: "Bảo vệ thông tin cá nhân",
    text: "Không cho người lạ mượn, chụp căn cước; không đọc mã OTP, mật khẩu VNeID hay tài khoản ngân hàng cho bất kỳ ai, kể cả người xưng là cán bộ.",
  },
];

/** Where the weekly schedule reads the tips at send time: the tips in use, in rotation order. */
export interface LegalTipSource {
  active(): readonly LegalTip[];
}

/** The seed list as a source (before the database is wired, and in tests of the schedule alone). */
export const SEED_LEGAL_TIPS: LegalTipSource = { active: () => LEGAL_TIPS };

/** The tip of the week containing `now` (weeks since the epoch, in rotation); undefined when none is in use. */
export function legalTipOfWeek(source: LegalTipSource, now: number): LegalTip | undefined {
  const tips = source.active();
  if (tips.length === 0) return undefined;
  const week = Math.floor(now / (7 * 24 * 3600 * 1000));
  return tips[week % tips.length];
}
