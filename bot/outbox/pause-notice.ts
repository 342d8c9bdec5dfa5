/**
 * What officers read about a paused outbox: plain Vietnamese, no jargon in the main text (Zalo's code
 * and wording only in the small print). Shared by the officers' API (banner) and the message to the
 * admin officer.
 */
export interface PauseFacts {
  source: "zalo" | "officer";
  code: number | undefined;
  message: string;
  pausedBy?: string | undefined;
}

/** Why the messages are held, in one plain sentence. */
export function pauseReason(p: PauseFacts): string {
  if (p.source === "officer") return `Cán bộ ${p.pausedBy ?? "của xã"} đã tạm dừng việc gửi tin${p.message ? `: ${p.message}` : "."}`;
  switch (p.code) {
    case -321:
      return "Tài khoản Zalo của xã hết tiền, Zalo không cho gửi tin.";
    case -320:
      return "Tài khoản Zalo của xã chưa có tài khoản trả phí, Zalo không cho gửi tin.";
    case -204:
      return "Zalo tạm khoá tài khoản Zalo của xã.";
    case -205:
      return "Zalo không còn tìm thấy tài khoản Zalo của xã.";
    case -219:
      return "Zalo đã gỡ hoặc tạm khoá phần mềm gửi tin của xã.";
    case -221:
      return "Zalo yêu cầu tài khoản Zalo của xã phải được xác thực mới gửi được tin.";
    case -224:
      return "Gói dịch vụ Zalo của xã không có chức năng gửi tin này, cần nâng cấp gói.";
    case -209:
    case -212:
    case -223:
    case -235:
      return "Zalo chưa cho tài khoản của xã dùng chức năng gửi tin này.";
    default:
      return "Zalo đang từ chối mọi tin của xã.";
  }
}

/** What to do about it. */
export function pauseAdvice(p: PauseFacts): string {
  if (p.source === "officer") return "Khi sẵn sàng, quản trị viên của xã bấm “Gửi tiếp”.";
  switch (p.code) {
    case -321:
    case -320:
      return "Người quản lý tài khoản Zalo của xã cần nạp thêm tiền (tài khoản Zalo Cloud), xong thì bấm “Gửi tiếp”.";
    case -204:
    case -205:
    case -219:
      return "Người quản lý tài khoản Zalo của xã cần vào trang quản lý của Zalo xem lý do và làm theo hướng dẫn, xong thì bấm “Gửi tiếp”.";
    default:
      return "Người quản lý tài khoản Zalo của xã cần vào trang quản lý của Zalo kiểm tra, xong thì bấm “Gửi tiếp”.";
  }
}

/** The engineer's detail (small print). */
export function pauseDetail(p: PauseFacts): string {
  return p.source === "officer" ? "Tạm dừng bằng tay" : `Mã lỗi Zalo ${p.code ?? "không rõ"}: ${p.message}`;
}

/** The whole notice in one paragraph (API and the message to the admin officer). */
export function pauseNotice(p: PauseFacts): string {
  return `${pauseReason(p)} Việc gửi tin đã tạm dừng, không tin nào bị mất: các tin đang chờ sẽ được gửi khi bấm “Gửi tiếp”. ${pauseAdvice(p)} (${pauseDetail(p)})`;
}
