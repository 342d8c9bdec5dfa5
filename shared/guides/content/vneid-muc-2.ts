import type { Guide } from "../schema";

export const vneidMuc2: Guide = {
  id: "vneid-muc-2",
  title: "Làm tài khoản định danh điện tử VNeID mức 2",
  shortTitle: "Định danh mức 2",
  summary:
    "Mức 2 có hai phần: đến {{police.name}} làm trực tiếp (chụp ảnh, lấy vân tay), rồi tự kích hoạt trên ứng dụng VNeID ở nhà.",
  phrasings: [
    "Làm sao để có tài khoản định danh điện tử mức 2?",
    "đăng ký định danh mức độ 2 ở đâu",
    "lam dinh danh dien tu muc 2 can mang gi",
    "VNeID mức 2 làm thế nào ạ",
    "muốn lên mức 2 vneid thì phải đến công an à",
    "ra công an xã làm định danh cần giấy tờ gì",
    "chụp ảnh lấy vân tay để làm vneid mức 2",
    "tai khoan dinh danh muc 2 la gi",
    "vneid cua toi moi muc 1 lam sao len muc 2",
    "đk định danh điện tử mức 2 cho ông bà",
    "kích hoạt định danh mức 2 xong chờ tin nhắn phê duyệt",
  ],
  keywords: ["định danh điện tử", "mức 2", "mức độ 2", "VNeID", "công an", "vân tay", "căn cước"],
  steps: [
    {
      text: "Chuẩn bị thẻ căn cước (CCCD gắn chip) và điện thoại có SIM đang dùng. Nên dùng số điện thoại đứng tên chính mình (chính chủ): số không chính chủ hay làm kích hoạt bị lỗi.",
    },
    {
      text: "Đến {{police.name}} (hoặc nơi làm thẻ căn cước), nói muốn đăng ký tài khoản định danh điện tử mức 2. Đang làm thẻ căn cước mới thì công an thường đăng ký mức 2 luôn. Hỏi giờ làm việc qua số {{police.phone}}.",
      confirmed: false,
      note: "Nguồn 2023–2024 (Nghị định 59/2022, 69/2024) đều nói mức 2 phải xác thực khuôn mặt/vân tay tại công an. Chưa xác nhận việc tự đăng ký mức 2 ngay trong ứng dụng. Nếu Công an xã cho làm trong ứng dụng, sửa bước này.",
    },
    {
      text: "Cán bộ công an nhập thông tin, chụp ảnh chân dung và lấy vân tay của mình. Phần này phải làm trực tiếp: công an không làm qua điện thoại hay Zalo.",
    },
    {
      text: "Về nhà chờ tin nhắn báo hồ sơ đã được phê duyệt. Tin có dạng: “Cuc Canh sat QLHC ve TTXH thong bao: Ho so dang ky tai khoan dinh danh dien tu cua cong dan ... da duoc phe duyet”.",
    },
    {
      text: "Có tin nhắn rồi thì tải ứng dụng VNeID. Chỉ tải từ CH Play (điện thoại Android) hoặc App Store (iPhone), không bấm đường link ai gửi.",
    },
    {
      text: "Mở VNeID, chọn “Kích hoạt tài khoản định danh điện tử”. Nhập số định danh cá nhân (12 số trên thẻ căn cước) và số điện thoại đã đăng ký, nhập mã OTP gửi về máy, rồi đặt mật khẩu và passcode 6 số.",
      note: "Chi tiết từng màn hình ở hướng dẫn “Cài và kích hoạt ứng dụng VNeID”. Tên nút có thể đổi theo phiên bản ứng dụng.",
    },
    {
      text: "Đăng nhập lại và xem tài khoản đã hiện “mức độ 2” chưa. Chưa được thì liên hệ {{volunteers.contact}} hoặc {{police.name}}.",
    },
  ],
  confirmed: true,
  sources: [
    "https://camthanh.camlo.quangtri.gov.vn/chi-tiet-tin/-/view-article/1/1697096684151/1725954691544",
    "https://dean06.hanam.gov.vn/tailieu/dk_t5.html",
    "http://eaphe.krongpac.daklak.gov.vn/huong-dan-kich-hoat-tai-khoan-dinh-danh-dien-tu-muc-do-2-tren-ung-dung-vneid-5142.html",
    "https://www.sggp.org.vn/day-manh-kich-hoat-tai-khoan-dinh-danh-dien-tu-post712410.html",
    "https://kenh14.vn/cong-an-tphcm-khuyen-cao-chieu-lua-nguoi-dan-can-can-trong-20231018110205192.chn",
  ],
  verify: "Hỏi Công an xã: còn bắt buộc đến trụ sở để đăng ký mức 2 không, giờ tiếp dân, có cần hẹn trước không.",
};
