import type { Guide } from "../schema";

export const dichVuCong: Guide = {
  id: "dich-vu-cong",
  title: "Nộp hồ sơ trên Cổng Dịch vụ công quốc gia",
  shortTitle: "Dịch vụ công trực tuyến",
  summary:
    "Làm thủ tục hành chính tại nhà: đăng nhập Cổng Dịch vụ công bằng tài khoản VNeID, nộp hồ sơ, rồi theo dõi kết quả bằng mã hồ sơ.",
  phrasings: [
    "Cách nộp hồ sơ trực tuyến trên dịch vụ công",
    "dang nhap dich vu cong quoc gia bang vneid",
    "làm khai sinh online cho con thế nào",
    "nop ho so online o dau",
    "tra cứu hồ sơ đã nộp đến đâu rồi",
    "thủ tục hành chính trực tuyến làm sao",
    "đăng ký thường trú trên mạng được không",
    "dvc quoc gia dang nhap khong duoc",
    "nộp hồ sơ trợ cấp người cao tuổi qua mạng",
    "thanh toán lệ phí hồ sơ online",
    "mã hồ sơ xem ở đâu",
  ],
  keywords: [
    "dịch vụ công",
    "nộp hồ sơ",
    "thủ tục hành chính",
    "trực tuyến",
    "dichvucong",
    "mã hồ sơ",
    // priority procedures in the communes' plans (seed 004)
    "khai sinh",
    "khai tử",
    "kết hôn",
    "chứng thực",
    "trích lục",
    "trợ cấp xã hội",
    "mai táng phí",
    "hộ kinh doanh",
    "đất đai",
  ],
  steps: [
    {
      text: "Mở trình duyệt (Chrome, Cốc Cốc...) và gõ đúng địa chỉ {{publicServicePortal.url}}. Cẩn thận trang giả có tên gần giống.",
      link: { title: "Cổng Dịch vụ công", url: "{{publicServicePortal.url}}" },
    },
    {
      text: "Bấm “Đăng nhập”, chọn “Tài khoản định danh điện tử cấp bởi Bộ Công an” (dành cho công dân).",
    },
    {
      text: "Nhập số định danh và mật khẩu VNeID, rồi nhập mã xác nhận gửi về ứng dụng VNeID hoặc tin nhắn. Dùng máy tính thì có thể mở VNeID trên điện thoại, bấm quét mã QR để quét mã trên màn hình.",
    },
    {
      text: "Gõ tên thủ tục vào ô tìm kiếm (ví dụ: đăng ký khai sinh). Chọn cơ quan thực hiện là UBND {{commune.kind}} {{commune.name}}, rồi bấm “Nộp hồ sơ trực tuyến”.",
    },
    {
      text: "Điền tờ khai (ô có dấu * là bắt buộc). Chụp giấy tờ thật rõ, đủ sáng, rồi đính kèm.",
    },
    {
      text: "Thủ tục có phí, lệ phí thì thanh toán trực tuyến theo hướng dẫn trên trang.",
    },
    {
      text: "Xem lại, tích ô cam đoan, bấm gửi. Ghi lại mã hồ sơ.",
    },
    {
      text: "Theo dõi ở mục quản lý hồ sơ cá nhân, hoặc tra cứu bằng mã hồ sơ. Được yêu cầu bổ sung thì làm theo. Cần người giúp: {{volunteers.contact}}.",
    },
  ],
  confirmed: true,
  sources: [
    "https://huongbinh.hatinh.gov.vn/tin-tuc/huong-dan-thuc-hien-lien-thong-thu-tuc-hanh-chinh-ve-dang-ky-khai-sinh-dang-ky-thuong-tru-cap-the-bao-hiem-y-te-cho-tre-em-duoi-6-tuoi",
    "https://svhttdl.dongnai.gov.vn/Pages/newsdetail.aspx?NewsId=2797&CatId=95",
    "https://dichvucong.binhduong.gov.vn/Huong-dan/Huong-dan-nop-ho-so",
    "https://dichvucong.lamdong.gov.vn/lamdong/huongdan",
  ],
  verify:
    "Tên nút khác nhau chút ít giữa cổng quốc gia và cổng của tỉnh. Một số thủ tục (khai sinh liên thông, cư trú, hộ chiếu) có luồng riêng trên cổng Bộ Công an hoặc VNeID.",
};
