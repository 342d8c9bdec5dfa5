import type { Guide } from "../schema";

export const tongDaiPhanAnh: Guide = {
  id: "tong-dai-phan-anh",
  title: "Gọi tổng đài {{hotline.province}} để phản ánh, kiến nghị",
  shortTitle: "Gọi tổng đài phản ánh",
  summary:
    "Đường dây nóng {{hotline.province}} của {{province.name}} tiếp nhận phản ánh, kiến nghị của người dân về dịch vụ công và các việc ở địa phương.",
  phrasings: [
    "Tổng đài 1022 là gì",
    "goi tong dai {{hotline.province}} phan anh",
    "số đường dây nóng của tỉnh",
    "muốn gọi điện kiến nghị với chính quyền",
    "khiếu nại qua điện thoại gọi số nào",
    "gọi 1022 để phản ánh thế nào",
    "báo đường hỏng, rác thải gọi tổng đài nào",
    "hotline tiếp nhận phản ánh của người dân",
    "đường dây nóng của {{province.name}}",
  ],
  keywords: ["tổng đài", "1022", "đường dây nóng", "hotline", "kiến nghị", "khiếu nại", "{{hotline.province}}"],
  steps: [
    {
      text: "Trước khi gọi, ghi ra giấy: việc gì, ở đâu (thôn nào, {{commune.kind}} {{commune.name}}), từ khi nào.",
    },
    {
      text: "Bấm gọi số {{hotline.province}} và nghe hướng dẫn của tổng đài viên.",
      confirmed: false,
      note: "Số và cách gọi (có cần mã vùng không, giờ trực) theo cấu hình của xã; nguồn chỉ nói tổng đài 1022 có ở nhiều tỉnh, có tỉnh phải bấm kèm mã vùng (ví dụ 0235.1022).",
    },
    {
      text: "Nói rõ họ tên và số điện thoại để được báo lại kết quả, rồi kể việc cần phản ánh như đã ghi.",
    },
    {
      text: "Ghi lại ngày giờ gọi và mã phản ánh (nếu tổng đài viên cho) để hỏi lại khi cần.",
      confirmed: false,
      note: "Chưa xác nhận tổng đài của tỉnh có cấp mã phản ánh.",
    },
    {
      text: "Có ảnh, video thì gửi phản ánh qua ứng dụng {{provinceApp.name}} sẽ rõ hơn.",
    },
    {
      text: "Việc khẩn cấp về an ninh trật tự thì báo ngay {{police.name}}: {{police.phone}}.",
    },
  ],
  confirmed: false,
  sources: [
    "https://baoquangnam.vn/trong-9-thang-tong-dai-1022-tiep-nhan-hon-11-200-luot-phan-anh-kien-nghi-3142787.html",
    "https://baodongnai.com.vn/english/politics/202509/hotline-1022-a-communication-channel-between-citizens-and-authorities-e911061",
    "https://tctd.vn/print-2151.html",
  ],
  verify:
    "Chưa xác nhận tỉnh có tổng đài 1022 hay số đường dây nóng khác. Xã ghi số đúng vào cấu hình (hotline.province); không có đường dây nóng thì tắt hướng dẫn này.",
};
