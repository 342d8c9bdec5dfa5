/**
 * Weekly legal information for village groups (seed 003: "phổ biến, giáo dục pháp luật"). Content is
 * data: a commune replaces or extends the list. Kept to long-standing, widely published rules; the
 * commune's justice officer should check each before use.
 */
export const LEGAL_TIPS: readonly { title: string; text: string }[] = [
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
