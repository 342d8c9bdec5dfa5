import type { Guide } from "../schema";

export const banHangOnline: Guide = {
  id: "ban-hang-online",
  title: "Bán hàng trên sàn thương mại điện tử",
  shortTitle: "Bán hàng online",
  summary:
    "Đưa nông sản, sản phẩm của gia đình lên sàn thương mại điện tử hoặc Zalo, Facebook để bán cho người ở xa.",
  phrasings: [
    "Cách bán hàng online cho hộ gia đình",
    "dua san pham len san thuong mai dien tu",
    "mở gian hàng trên shopee thế nào",
    "bán nông sản qua mạng",
    "dang ky ban hang tren tiktok shop",
    "bán cà phê, hồ tiêu online được không",
    "tao shop tren lazada",
    "làm sao để người ở xa mua hàng của mình",
    "đăng sản phẩm lên mạng bán",
    "kinh doanh online can giay phep gi",
  ],
  keywords: ["bán hàng", "bán online", "sàn thương mại điện tử", "Shopee", "Lazada", "TikTok Shop", "gian hàng", "nông sản"],
  steps: [
    {
      text: "Chọn nơi bán: sàn thương mại điện tử như Shopee, Lazada, TikTok Shop, hoặc đăng bán trên Zalo, Facebook của mình. Người mới nên bắt đầu với một nơi.",
    },
    {
      text: "Tải ứng dụng của sàn từ CH Play hoặc App Store, đăng ký tài khoản bằng số điện thoại chính chủ.",
    },
    {
      text: "Vào phần dành cho người bán, điền tên cửa hàng, địa chỉ lấy hàng, và xác minh giấy tờ theo yêu cầu của sàn.",
      confirmed: false,
      note: "Tên mục người bán và giấy tờ cần xác minh khác nhau theo sàn và thay đổi thường xuyên.",
    },
    {
      text: "Chụp ảnh sản phẩm rõ, đủ sáng, nhiều góc. Ghi tên sản phẩm, mô tả thật (xuất xứ, khối lượng, hạn dùng) và giá bán.",
    },
    {
      text: "Chọn cách giao hàng của sàn, và liên kết tài khoản ngân hàng để nhận tiền bán hàng.",
    },
    {
      text: "Có đơn thì đóng gói cẩn thận, giao cho bên vận chuyển đúng hẹn, trả lời tin nhắn của khách lịch sự.",
    },
    {
      text: "Bán thường xuyên thì hỏi cán bộ {{commune.kind}} về đăng ký hộ kinh doanh, hóa đơn điện tử và thuế. Cần người hướng dẫn: {{volunteers.contact}}.",
    },
  ],
  confirmed: false,
  sources: [],
  verify:
    "Chưa có nguồn cho các bước (viết theo hiểu biết chung). Xã hoặc Hội Phụ nữ, Hội Nông dân nên chọn một sàn cụ thể đang hỗ trợ địa phương và sửa theo.",
};
