import type { Guide } from "../schema";

export const vneidCaiDatKichHoat: Guide = {
  id: "vneid-cai-dat-kich-hoat",
  title: "Cài và kích hoạt ứng dụng VNeID",
  shortTitle: "Cài, kích hoạt VNeID",
  summary:
    "Khi công an đã đăng ký tài khoản định danh cho mình, tải VNeID về điện thoại và kích hoạt trong khoảng 10 phút. Cần thẻ căn cước và điện thoại có SIM đã đăng ký.",
  phrasings: [
    "Cách tải và cài ứng dụng VNeID",
    "tai vneid o dau",
    "kích hoạt tài khoản VNeID trên điện thoại",
    "không nhận được mã OTP khi kích hoạt vneid",
    "đặt mật khẩu vneid như thế nào",
    "passcode vneid là gì, đặt mấy số",
    "ko dang nhap dc vneid",
    "quen mat khau vneid phai lam sao",
    "vneid báo sai mật khẩu",
    "cài vneid trên iphone",
    "kich hoat tai khoan dinh danh tren app vneid",
    "đổi điện thoại mới đăng nhập vneid được không",
  ],
  keywords: ["VNeID", "cài đặt", "kích hoạt", "OTP", "mật khẩu", "passcode", "đăng nhập"],
  steps: [
    {
      text: "Mở CH Play (điện thoại Android) hoặc App Store (iPhone), gõ tìm “VNeID”, chọn đúng ứng dụng VNeID rồi bấm “Cài đặt”. Không cài VNeID từ đường link hay tệp ai gửi qua Zalo, Facebook.",
    },
    {
      text: "Mở ứng dụng VNeID, chọn “Kích hoạt tài khoản định danh điện tử”.",
    },
    {
      text: "Nhập số định danh cá nhân (12 số in trên thẻ căn cước) và số điện thoại đã đăng ký với công an, rồi bấm “Gửi yêu cầu”.",
    },
    {
      text: "Điện thoại sẽ nhận tin nhắn có mã OTP. Nhập mã này vào ứng dụng. Không đọc mã OTP cho bất kỳ ai.",
    },
    {
      text: "Đặt mật khẩu dài 8 đến 20 ký tự, có chữ hoa, chữ thường, chữ số và ký tự đặc biệt (như @ hoặc #). Ghi ra giấy và cất kỹ.",
    },
    {
      text: "Đặt passcode gồm 6 chữ số, dùng để mở ứng dụng những lần sau. Không dùng ngày sinh hay 123456.",
    },
    {
      text: "Chọn và trả lời câu hỏi bảo mật theo hướng dẫn trên màn hình, rồi đăng nhập lại.",
      confirmed: false,
      note: "Bước câu hỏi bảo mật (2 câu) chỉ thấy trong tài liệu của Hà Nam; kiểm tra trên ứng dụng hiện tại.",
    },
    {
      text: "Đăng nhập được là xong. Lưu ý: VNeID chỉ đăng nhập trên một điện thoại; đổi máy thì đăng nhập lại trên máy mới. Không có điện thoại thông minh thì có thể kích hoạt trên máy tính tại vneid.gov.vn.",
      link: { title: "Trang VNeID trên máy tính", url: "https://vneid.gov.vn" },
    },
  ],
  confirmed: true,
  sources: [
    "https://dean06.hanam.gov.vn/tailieu/dk_t5.html",
    "http://nghean24h.vn/tu-hom-nay-duoc-dung-tai-khoan-dinh-danh-dien-tu-thay-can-cuoc-cong-dan-a682292.html",
    "http://congan.kontum.gov.vn/cai-cach-hanh-chinh/linh-vuc-quan-ly-hanh-chinh/kich-hoat-tai-khoan-dinh-danh-dien-tu-khi-khong-co-dien-thoai-thong-minh-hoac-khong-tai-duoc-ung-dung-tren-dien-thoai.html",
    "https://cafef.vn/chi-duoc-dang-nhap-1-thiet-bi-nguoi-dung-vao-lai-ung-vneid-khi-mat-dien-thoai-the-nao-188251127160515534.chn",
  ],
  verify: "Tên các nút trong VNeID đổi theo phiên bản: mở ứng dụng mới nhất và đối chiếu từng bước.",
};
