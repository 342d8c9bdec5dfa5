/**
 * Why a message did not reach its recipient, in the words an officer reads on the delivery report
 * (Zalo's own error texts are English and technical; oa-api.md §6 lists the codes).
 */
const BY_CODE: Record<number, string> = {
  [-213]: "Người này chưa quan tâm trang Zalo của xã hoặc đã bỏ quan tâm.",
  [-217]: "Người này đã chặn tin nhắn của trang Zalo của xã.",
  [-227]: "Tài khoản Zalo của người này không còn hoạt động.",
  [-230]: "Đã quá 7 ngày từ lần cuối người này nhắn trang Zalo của xã: Zalo không cho nhắn riêng.",
  [-232]: "Zalo không cho gửi loại tin này tới người này lúc này.",
  [-244]: "Người này đã tắt nhận tin từ trang Zalo của xã.",
  [-234]: "Zalo không chuyển loại tin này vào ban đêm (22:00–06:00).",
  [-218]: "Người này đã nhận đủ số tin Zalo cho phép hôm nay.",
  [-211]: "Trang Zalo của xã đã dùng hết số tin được gửi trong hôm nay.",
  [-32]: "Zalo đang quá tải, đã thử lại nhiều lần không được.",
  [-201]: "Nội dung tin không hợp lệ với Zalo (quá dài hoặc có ký tự lạ).",
  [-210]: "Nhóm hoặc người nhận không còn tồn tại trên Zalo.",
};

export function failureReasonVi(r: { status: string | null; errorCode: number | string | null; channel: string; reason: string }): string | undefined {
  if (r.channel === "none") return r.reason;
  const code = typeof r.errorCode === "string" ? Number(r.errorCode) : r.errorCode;
  if (r.status === "failed" || r.status === "outside_window" || r.status === "uncertain") {
    if (code !== null && code !== undefined && Number.isFinite(code) && BY_CODE[code]) return BY_CODE[code];
    if (r.status === "outside_window") return "Ngoài khung giờ hoặc ngoài hạn mức Zalo cho phép gửi tới người này.";
    if (r.status === "uncertain") return "Mạng chập chờn: chưa rõ Zalo đã nhận tin hay chưa.";
    return code !== null && code !== undefined ? `Zalo từ chối tin (mã lỗi ${code}).` : "Zalo từ chối tin.";
  }
  return undefined;
}
