import type { Guide } from "../schema";

export const guiViTriZalo: Guide = {
  id: "gui-vi-tri-zalo",
  title: "Gửi vị trí (định vị) qua Zalo",
  shortTitle: "Gửi vị trí qua Zalo",
  summary:
    "Gửi vị trí của mình qua Zalo để người thân, cán bộ thôn hoặc {{oa.name}} biết chính xác mình đang ở đâu.",
  phrasings: [
    "Cách gửi vị trí qua Zalo",
    "gui dinh vi zalo cho nguoi nha",
    "chia sẻ vị trí hiện tại trên zalo",
    "làm sao gửi định vị nhà mình cho cán bộ",
    "share location zalo",
    "gửi địa chỉ trên bản đồ qua zalo",
    "gui vi tri qua messenger",
    "bật định vị điện thoại",
  ],
  keywords: ["vị trí", "định vị", "gửi vị trí", "chia sẻ vị trí", "Zalo", "Messenger"],
  steps: [
    {
      text: "Bật định vị (GPS): kéo thanh thông báo từ trên màn hình xuống, bấm biểu tượng “Vị trí”.",
    },
    {
      text: "Mở Zalo, vào cuộc trò chuyện với người nhận, nhóm thôn hoặc {{oa.name}}.",
    },
    {
      text: "Bấm nút “…” (Thêm) cạnh ô soạn tin.",
    },
    {
      text: "Chọn “Vị trí”. Zalo hỏi quyền dùng vị trí thì bấm “Cho phép”.",
    },
    {
      text: "Chọn gửi vị trí hiện tại (hoặc chia sẻ vị trí trực tiếp trong một khoảng thời gian, nếu có).",
    },
    {
      text: "Xem chấm trên bản đồ đã đúng chỗ mình đứng chưa, rồi bấm gửi.",
    },
    {
      text: "Trên Messenger làm tương tự: mở cuộc trò chuyện, bấm dấu “+”, chọn “Vị trí”.",
      note: "Vị trí nút trên Messenger chưa xác nhận.",
    },
  ],
  confirmed: false,
  sources: [],
  verify:
    "Không có nguồn nào hướng dẫn bước này: viết theo hiểu biết chung về Zalo. Kiểm tra tên nút “…”, “Vị trí” trên Zalo Android và iPhone bản mới nhất.",
};
