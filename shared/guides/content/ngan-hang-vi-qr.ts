import type { Guide } from "../schema";

export const nganHangViQr: Guide = {
  id: "ngan-hang-vi-qr",
  title: "Mở tài khoản ngân hàng, ví điện tử và trả tiền bằng mã QR",
  shortTitle: "Ngân hàng, ví, mã QR",
  summary:
    "Có tài khoản ngân hàng hoặc ví điện tử thì mua bán, nhận tiền, đóng phí không cần tiền mặt: chỉ cần quét mã QR.",
  phrasings: [
    "Cách mở tài khoản ngân hàng trên điện thoại",
    "mo the ngan hang can giay to gi",
    "cách quét mã QR để trả tiền",
    "thanh toán bằng mã QR ở chợ",
    "cài ví momo zalopay như thế nào",
    "chuyen khoan qua dien thoai lam sao",
    "làm sao nhận tiền bằng mã QR",
    "tao vi dien tu",
    "mở tài khoản agribank online",
    "chuyển tiền cho người khác bằng app ngân hàng",
    "thanh toán không dùng tiền mặt",
  ],
  keywords: ["ngân hàng", "tài khoản ngân hàng", "thẻ ATM", "ví điện tử", "mã QR", "chuyển khoản", "MoMo", "ZaloPay", "không dùng tiền mặt"],
  steps: [
    {
      text: "Chọn một ngân hàng hoặc ví điện tử mình tin dùng, ví dụ Agribank, MoMo, ZaloPay, VNPT Money, Viettel Money. Cách chắc nhất: mang thẻ căn cước ra quầy giao dịch ngân hàng gần nhà, nhờ nhân viên mở tài khoản và cài ứng dụng giúp.",
    },
    {
      text: "Muốn tự mở trên điện thoại: tải ứng dụng của ngân hàng hoặc ví từ CH Play hoặc App Store. Không cài từ đường link người lạ gửi.",
    },
    {
      text: "Mở ứng dụng, chọn mở tài khoản hoặc đăng ký, nhập số điện thoại chính chủ, rồi chụp hai mặt thẻ căn cước và chụp khuôn mặt theo hướng dẫn trên màn hình.",
      confirmed: false,
      note: "Cách mở tài khoản trực tuyến (chụp giấy tờ, khuôn mặt) theo hiểu biết chung; mỗi ngân hàng, ví một khác. Xã kiểm tra với ngân hàng, ví phổ biến ở địa phương.",
    },
    {
      text: "Đặt mật khẩu và mã PIN của riêng mình. Không cho ai biết mật khẩu, mã PIN, mã OTP.",
    },
    {
      text: "Nạp tiền vào tài khoản: nộp tiền mặt tại quầy ngân hàng hoặc nhờ người chuyển khoản vào. Ví điện tử thì liên kết với tài khoản ngân hàng để nạp tiền.",
      confirmed: false,
      note: "Cách nạp tiền theo hiểu biết chung; kiểm tra với ngân hàng, ví ở địa phương.",
    },
    {
      text: "Trả tiền bằng mã QR: mở ứng dụng, bấm nút quét mã QR, đưa camera vào mã QR của cửa hàng, nhập số tiền.",
    },
    {
      text: "Kiểm tra đúng tên người nhận và số tiền, rồi xác nhận bằng mã PIN, vân tay hoặc khuôn mặt. Chờ màn hình báo thành công.",
    },
    {
      text: "Nhận tiền: mở mã QR tài khoản của mình trong ứng dụng để người trả quét. Nhận tiền không bao giờ cần đưa mã OTP cho ai.",
    },
  ],
  confirmed: false,
  sources: [
    "https://plo.vn/cong-an-tphcm-otp-chi-de-chuyen-tien-khong-bao-gio-de-nhan-tien-post890510.html",
    "https://cafef.vn/bo-cong-an-khuyen-cao-4-dieu-nguoi-dan-can-luu-y-de-tranh-bi-chiem-doat-tai-khoan-ngan-hang-188240208104440651.chn",
  ],
  verify:
    "Chưa có nguồn cho từng bước mở tài khoản và trả tiền bằng QR (viết theo hiểu biết chung). Xã chọn một hai ngân hàng, ví phổ biến ở địa phương và sửa cho đúng tên nút.",
};
