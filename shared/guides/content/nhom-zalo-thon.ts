import type { Guide } from "../schema";

export const nhomZaloThon: Guide = {
  id: "nhom-zalo-thon",
  title: "Vào nhóm Zalo của Tổ công nghệ số cộng đồng thôn",
  shortTitle: "Nhóm Zalo của thôn",
  summary:
    "Mỗi thôn có nhóm Zalo của Tổ công nghệ số cộng đồng để báo tin và hướng dẫn bà con. Mỗi hộ nên có 1 hoặc 2 người trong nhóm.",
  phrasings: [
    "Cách vào nhóm Zalo của thôn",
    "xin vao nhom zalo to cong nghe so",
    "nhờ thêm số mình vào nhóm Zalo của làng",
    "quét mã QR để tham gia nhóm Zalo",
    "link nhom zalo cua thon o dau",
    "tổ công nghệ số cộng đồng là gì",
    "tham gia nhóm zalo khu phố",
    "ai là người hướng dẫn công nghệ số ở thôn",
    "add mk vao group thon voi",
  ],
  keywords: ["nhóm Zalo", "tổ công nghệ số", "tổ công nghệ số cộng đồng", "tham gia nhóm", "nhóm thôn", "thôn", "làng", "xóm", "ấp", "bản", "buôn", "bon", "tổ dân phố"],
  steps: [
    {
      text: "Mỗi thôn có một nhóm Zalo của Tổ công nghệ số cộng đồng. Trong nhóm có trưởng thôn, các thành viên của tổ và đại diện các hộ.",
    },
    {
      text: "Cách nhanh nhất: nhờ trưởng thôn hoặc thành viên Tổ công nghệ số thêm số Zalo của mình vào nhóm.",
    },
    {
      text: "Hoặc xin mã QR của nhóm: mở Zalo, bấm biểu tượng quét mã QR, quét mã của nhóm rồi bấm “Tham gia nhóm”.",
      confirmed: false,
      note: "Tên nút “Tham gia nhóm” và vị trí biểu tượng quét QR chưa xác nhận trên Zalo bản mới.",
    },
    {
      text: "Nếu nhóm cần trưởng nhóm duyệt thì chờ một lúc, được duyệt mới vào được.",
      confirmed: false,
      note: "Chế độ duyệt thành viên tùy cài đặt của từng nhóm; kiểm tra với trưởng thôn.",
    },
    {
      text: "Vào nhóm rồi thì bật thông báo để không lỡ tin của thôn, và đọc các tin được ghim ở đầu nhóm.",
    },
    {
      text: "Chỉ vào nhóm do trưởng thôn, cán bộ {{commune.kind}} giới thiệu. Không bấm đường link lạ, không chuyển tiền theo tin nhắn trong nhóm.",
    },
    {
      text: "Chưa biết ai phụ trách thôn mình thì liên hệ: {{volunteers.contact}}.",
    },
  ],
  confirmed: false,
  sources: [],
  verify:
    "Kế hoạch “Gia đình số” (xã Kon Chiêng) yêu cầu mỗi làng có nhóm Zalo của Tổ công nghệ số cộng đồng với đủ các hộ. Các bước thao tác trên Zalo viết theo hiểu biết chung: kiểm tra trên máy thật.",
};
