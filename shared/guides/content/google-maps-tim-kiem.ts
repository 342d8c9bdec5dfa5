import type { Guide } from "../schema";

export const googleMapsTimKiem: Guide = {
  id: "google-maps-tim-kiem",
  title: "Tìm thông tin trên Google và tìm đường bằng Google Maps",
  shortTitle: "Tìm kiếm, tìm đường",
  summary:
    "Hỏi Google điều mình muốn biết, xem video hướng dẫn trên YouTube, và dùng Google Maps để tìm đường đến nơi cần đi.",
  phrasings: [
    "Cách tìm đường bằng Google Maps",
    "dung google map chi duong",
    "tìm kiếm thông tin trên google thế nào",
    "tìm đường đi đến bệnh viện tỉnh",
    "xem ban do tren dien thoai",
    "tra cứu trên mạng bằng giọng nói",
    "xem video hướng dẫn trồng trọt trên youtube",
    "google maps chỉ đường xe máy",
    "tim dia chi tren ban do",
    "xem video học cách làm trên YouTube",
  ],
  keywords: ["Google", "Google Maps", "bản đồ", "tìm đường", "chỉ đường", "tìm kiếm", "YouTube"],
  steps: [
    {
      text: "Mở ứng dụng Google hoặc Chrome (có sẵn trên hầu hết điện thoại Android; iPhone tải từ App Store).",
    },
    {
      text: "Bấm vào ô tìm kiếm và gõ điều muốn biết, ví dụ “cách trồng hồ tiêu”. Không muốn gõ thì bấm hình cái micro rồi nói.",
    },
    {
      text: "Ưu tiên đọc trang tin cậy: trang có đuôi .gov.vn là của cơ quan nhà nước. Không bấm quảng cáo lạ, không nhập mật khẩu vào trang lạ.",
    },
    {
      text: "Muốn xem video hướng dẫn: mở YouTube, gõ điều muốn học vào ô tìm kiếm.",
    },
    {
      text: "Tìm đường: bật định vị trên điện thoại, mở ứng dụng Google Maps (Bản đồ).",
    },
    {
      text: "Gõ nơi muốn đến vào ô tìm kiếm, ví dụ “UBND {{commune.kind}} {{commune.name}}”, rồi chọn đúng địa điểm.",
    },
    {
      text: "Bấm “Đường đi”, chọn đi xe máy, ô tô hay đi bộ, rồi bấm “Bắt đầu” để nghe chỉ đường.",
    },
  ],
  confirmed: false,
  sources: [],
  verify: "Viết theo hiểu biết chung, chưa có nguồn: kiểm tra tên các nút trên Google Maps bản tiếng Việt hiện tại.",
};
