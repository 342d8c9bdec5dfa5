import type { Guide } from "../schema";

export const quanTamOa: Guide = {
  id: "quan-tam-oa",
  title: "Quan tâm (theo dõi) trang Zalo {{oa.name}}",
  shortTitle: "Quan tâm Zalo của xã",
  summary:
    "{{oa.name}} là tài khoản Zalo chính thức của {{commune.kind}} {{commune.name}}. Bấm “Quan tâm” để nhận thông báo và hỏi đáp với {{commune.kind}} ngay trên Zalo.",
  phrasings: [
    "Cách quan tâm Zalo OA của xã",
    "theo doi trang zalo cua xa",
    "tìm trang Zalo chính thức của {{commune.kind}} {{commune.name}}",
    "quét mã QR để quan tâm OA",
    "lam sao nhan thong bao cua xa qua zalo",
    "bấm quan tâm {{oa.name}}",
    "zalo official account cua phuong",
    "kết bạn zalo với ủy ban xã được không",
    "bỏ quan tâm OA",
    "nhận tin tức, thông báo của xã trên Zalo",
  ],
  keywords: ["Zalo OA", "OA", "quan tâm", "theo dõi", "trang chính thức", "{{oa.name}}"],
  steps: [
    {
      text: "Mở Zalo.",
    },
    {
      text: "Bấm biểu tượng quét mã QR trong Zalo, quét mã QR của {{oa.name}} dán ở bộ phận một cửa, nhà văn hóa thôn, trạm y tế, trường học. Hoặc gõ “{{oa.name}}” vào ô tìm kiếm của Zalo.",
      confirmed: false,
      note: "Vị trí biểu tượng quét QR trong giao diện Zalo hiện tại chưa xác nhận.",
    },
    {
      text: "Kiểm tra đúng tên cơ quan. Ưu tiên tài khoản có dấu xác thực; kẻ gian có thể làm trang giả mạo cơ quan nhà nước.",
    },
    {
      text: "Bấm “Quan tâm”. Trang Zalo của {{commune.kind}} không kết bạn như tài khoản cá nhân: mình phải bấm “Quan tâm” hoặc nhắn tin trước thì mới nhận được tin.",
    },
    {
      text: "Nhắn tin hoặc bấm vào menu của trang để hỏi, xem hướng dẫn. Ứng dụng “Gia đình số” của {{commune.kind}} trên Zalo: {{miniApp.url}}",
    },
    {
      text: "Có thể bỏ quan tâm bất cứ lúc nào.",
    },
  ],
  confirmed: true,
  sources: [
    "https://vietnamnet.vn/gia-lai-ket-noi-he-thong-hanh-chinh-cong-voi-zalo-oa-vi-su-tien-loi-cua-nhan-dan-2445378.html",
    "https://blog.zinbox.net/blog/zalo-oa-co-ket-ban-duoc-khong.html",
    "http://tintuc.vdong.vn/08/1447944.htm",
  ],
};
