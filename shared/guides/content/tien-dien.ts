import type { Guide } from "../schema";

export const tienDien: Guide = {
  id: "tien-dien",
  title: "Đóng tiền điện trên điện thoại",
  shortTitle: "Đóng tiền điện",
  summary:
    "Đóng tiền điện ngay trên ứng dụng ngân hàng hoặc ví điện tử, không phải chờ người thu. Cần mã khách hàng in trên hóa đơn tiền điện.",
  phrasings: [
    "Cách đóng tiền điện online",
    "thanh toan tien dien qua app ngan hang",
    "trả tiền điện bằng điện thoại",
    "mã khách hàng tiền điện xem ở đâu",
    "dong tien dien bang momo",
    "hóa đơn tiền điện tháng này thanh toán thế nào",
    "tra cuu tien dien",
    "nộp tiền điện qua zalopay",
    "có người gọi báo nợ tiền điện có phải lừa không",
    "cài thanh toán tiền điện tự động",
  ],
  keywords: ["tiền điện", "hóa đơn điện", "điện lực", "EVN", "mã khách hàng", "thanh toán hóa đơn"],
  steps: [
    {
      text: "Tìm mã khách hàng trên hóa đơn, tin nhắn báo tiền điện hoặc hợp đồng mua điện. Mã gồm 13 ký tự, bắt đầu bằng chữ P.",
    },
    {
      text: "Mở ứng dụng ngân hàng hoặc ví điện tử (ZaloPay, VNPay, Viettel Money...) và đăng nhập.",
    },
    {
      text: "Chọn “Thanh toán hóa đơn”, rồi chọn “Điện”.",
      note: "Tên mục trong từng ví điện tử chưa xác nhận; với ứng dụng ngân hàng thì nguồn nêu đúng như vậy.",
    },
    {
      text: "Chọn nhà cung cấp là công ty điện lực nơi mình ở (Điện lực miền Bắc, miền Trung hoặc miền Nam), rồi nhập mã khách hàng.",
      confirmed: false,
      note: "Tỉnh nào thuộc tổng công ty điện lực nào là suy đoán (Hà Tĩnh → miền Bắc, Gia Lai → miền Trung, Tây Ninh → miền Nam). Xã ghi rõ tên điện lực của địa phương vào bước này.",
    },
    {
      text: "Kiểm tra tên chủ hộ và số tiền có đúng không.",
    },
    {
      text: "Xác nhận bằng mã OTP, vân tay hoặc khuôn mặt. Chờ màn hình báo thành công.",
    },
    {
      text: "Có thể lưu mẫu hoặc đăng ký tự động thanh toán để tháng sau không phải nhập lại.",
    },
    {
      text: "Cảnh giác: có kẻ gọi điện giả nhân viên điện lực báo nợ tiền điện rồi đòi chuyển khoản. Không chuyển tiền; gọi tổng đài điện lực in trên hóa đơn để hỏi lại.",
    },
  ],
  confirmed: true,
  sources: [
    "https://quantrimang.com/cach-thanh-toan-tien-dien-tren-dien-thoai-178325",
    "https://baoquangninh.vn/thanh-toan-tien-dien-truc-tuyen-xu-huong-tat-yeu-cua-ky-nguyen-so-3163286.html",
    "https://pckiengiang.evnspc.vn/H%E1%BB%97-tr%E1%BB%A3-kh%C3%A1ch-h%C3%A0ng/C%C3%A1c-h%C3%ACnh-th%E1%BB%A9c-thanh-to%C3%A1n-ti%E1%BB%81n-%C4%91i%E1%BB%87n",
    "https://www.24h.com.vn/tin-tuc-trong-ngay/nhieu-so-dien-thoai-gia-danh-nganh-dien-goi-doi-tien-dien-tai-mien-trung-tay-nguyen-c46a1352651.html",
  ],
};
