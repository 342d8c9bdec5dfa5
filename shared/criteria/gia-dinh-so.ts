/**
 * The "Gia đình số" criteria of seed 001 (Kế hoạch triển khai Phong trào "Gia đình số", xã Kon
 * Chiêng, tỉnh Gia Lai, 10/2025), section II.2, in its three pillars. Wording is kept close to the
 * plan, in residents' words (a Zalo Official Account is "trang Zalo", never "OA"); labels are what a
 * household reads in the mini app, `help` says what counts as "đạt". Ids never change.
 *
 * Bump `version` when a criterion is added, removed or changes meaning: weekly snapshots record the
 * version they were taken with, so earlier weeks stay readable and comparable criterion by criterion.
 */
import type { CatalogueInput } from "./schema";

export const GIA_DINH_SO_2025: CatalogueInput = {
  id: "gia-dinh-so",
  version: "2025.10",
  title: "Bộ tiêu chí “Gia đình số”",
  source: "Kế hoạch triển khai Phong trào “Gia đình số” (xã Kon Chiêng, tỉnh Gia Lai, 10/2025), mục II.2",
  criteria: [
    // 2.1 Chính quyền số
    {
      id: "vneid-muc-2",
      pillar: "chinh-quyen-so",
      label: "Có tài khoản định danh điện tử VNeID mức độ 2",
      help: "Các thành viên trong hộ từ 14 tuổi trở lên đã kích hoạt tài khoản VNeID mức độ 2.",
      guideId: "vneid-muc-2",
    },
    {
      id: "nhom-zalo-to-cns",
      pillar: "chinh-quyen-so",
      label: "Có tham gia Tổ công nghệ số cộng đồng hoặc nhóm Zalo của Tổ",
      help: "Ít nhất một người trong hộ là thành viên Tổ công nghệ số cộng đồng hoặc đã vào nhóm Zalo của Tổ ở thôn.",
      guideId: "nhom-zalo-thon",
    },
    {
      id: "quan-tam-oa",
      pillar: "chinh-quyen-so",
      label: "Có bấm “Quan tâm” trang Zalo của tỉnh và trang Zalo “{{oa.name}}”",
      help: "Ít nhất một người trong hộ đã bấm “Quan tâm” trang Zalo “Chính quyền số” của tỉnh và trang Zalo “{{oa.name}}” của {{commune.kind}}.",
      guideId: "quan-tam-oa",
    },
    {
      id: "cong-thong-tin",
      pillar: "chinh-quyen-so",
      label: "Biết xem thông tin, tin tức trên Cổng/Trang thông tin điện tử của tỉnh, {{commune.kind}}",
      help: "Ít nhất một người trong hộ biết tự mở trang thông tin điện tử của tỉnh, {{commune.kind}} để đọc tin, thông báo.",
    },
    {
      id: "dich-vu-cong",
      pillar: "chinh-quyen-so",
      label: "Biết nộp hồ sơ trực tuyến trên Cổng dịch vụ công quốc gia",
      help: "Ít nhất một người trong hộ biết đăng nhập Cổng dịch vụ công quốc gia bằng VNeID và nộp hoặc tra cứu hồ sơ.",
      guideId: "dich-vu-cong",
    },
    // 2.2 Kinh tế số
    {
      id: "tai-khoan-ngan-hang",
      pillar: "kinh-te-so",
      label: "Có tài khoản ngân hàng",
      help: "Ít nhất một người lớn trong hộ có tài khoản ngân hàng đứng tên mình.",
      guideId: "ngan-hang-vi-qr",
    },
    {
      id: "phan-mem-quan-ly",
      pillar: "kinh-te-so",
      label: "Có sử dụng phần mềm quản lý (doanh nghiệp, hộ kinh doanh, nhà trọ...)",
      help: "Cơ sở kinh doanh của hộ dùng phần mềm quản lý bán hàng, kho, phòng trọ...",
      relevance: { flags: ["business"] },
    },
    {
      id: "hoa-don-dien-tu",
      pillar: "kinh-te-so",
      label: "Có sử dụng hóa đơn điện tử (doanh nghiệp, hộ kinh doanh, nhà trọ...)",
      help: "Cơ sở kinh doanh của hộ xuất hóa đơn điện tử theo quy định.",
      relevance: { flags: ["business"] },
    },
    {
      id: "thanh-toan-khong-tien-mat",
      pillar: "kinh-te-so",
      label: "Có nhận thanh toán không dùng tiền mặt (hộ kinh doanh, khách sạn, nhà trọ...)",
      help: "Cơ sở kinh doanh của hộ nhận tiền qua chuyển khoản, mã QR hoặc ví điện tử.",
      guideId: "ngan-hang-vi-qr",
      relevance: { flags: ["business"] },
    },
    {
      id: "thanh-toan-dien-tu",
      pillar: "kinh-te-so",
      label: "Biết sử dụng dịch vụ thanh toán điện tử",
      help: "Ít nhất một người trong hộ biết chuyển tiền, trả tiền bằng ứng dụng ngân hàng hoặc ví điện tử.",
      guideId: "ngan-hang-vi-qr",
    },
    {
      id: "mua-hang-truc-tuyen",
      pillar: "kinh-te-so",
      label: "Biết mua hàng trực tuyến",
      help: "Ít nhất một người trong hộ đã tự đặt mua hàng trên mạng (sàn thương mại điện tử, Zalo, Facebook...).",
    },
    {
      id: "tien-dien-truc-tuyen",
      pillar: "kinh-te-so",
      label: "Biết thanh toán hóa đơn tiền điện trực tuyến",
      help: "Ít nhất một người trong hộ biết trả tiền điện qua ứng dụng ngân hàng, ví điện tử hoặc ứng dụng EVN.",
      guideId: "tien-dien",
    },
    {
      id: "ban-hang-online",
      pillar: "kinh-te-so",
      label: "Biết và có giới thiệu sản phẩm bán online lên sàn thương mại điện tử",
      help: "Hộ có sản phẩm (nông sản, hàng thủ công...) đã đưa sản phẩm lên sàn thương mại điện tử hoặc bán qua mạng.",
      guideId: "ban-hang-online",
      relevance: { flags: ["producer", "business"] },
    },
    // 2.3 Xã hội số
    {
      id: "dien-thoai-thong-minh",
      pillar: "xa-hoi-so",
      label: "Có sử dụng điện thoại thông minh",
      help: "Ít nhất một người trong hộ dùng điện thoại thông minh.",
    },
    {
      id: "ket-noi-internet",
      pillar: "xa-hoi-so",
      label: "Có kết nối mạng Internet hoặc 4G/5G",
      help: "Nhà có wifi hoặc điện thoại có gói dữ liệu 4G/5G.",
    },
    {
      id: "ung-dung-tinh",
      pillar: "xa-hoi-so",
      label: "Có cài đặt, sử dụng ứng dụng “{{provinceApp.name}}”",
      help: "Ít nhất một người trong hộ đã cài, đăng ký, kích hoạt và dùng ứng dụng {{provinceApp.name}}.",
      guideId: "ung-dung-tinh",
    },
    {
      id: "vssid-bhyt",
      pillar: "xa-hoi-so",
      label: "Có cài đặt ứng dụng Y tế (VssID); tham gia bảo hiểm y tế",
      help: "Các thành viên tham gia bảo hiểm y tế và trong hộ có người đã cài VssID để xem thẻ.",
      guideId: "vssid-bhyt",
    },
    {
      id: "ung-dung-nong-nghiep",
      pillar: "xa-hoi-so",
      label: "Có cài đặt ứng dụng Nông nghiệp",
      help: "Hộ sản xuất nông nghiệp có cài một ứng dụng về nông nghiệp (giá cả, kỹ thuật, thời tiết...).",
      relevance: { mayDecline: true, declineHint: "Hộ không sản xuất nông nghiệp" },
    },
    {
      id: "tong-dai-phan-anh",
      pillar: "xa-hoi-so",
      label: "Biết sử dụng Tổng đài {{hotline.province}} để phản ánh, kiến nghị với chính quyền",
      help: "Ít nhất một người trong hộ biết gọi hoặc nhắn Tổng đài {{hotline.province}} để phản ánh, kiến nghị.",
      guideId: "tong-dai-phan-anh",
    },
    {
      id: "google-youtube-map",
      pillar: "xa-hoi-so",
      label: "Biết sử dụng Google, YouTube để tìm thông tin; biết dùng Google Maps",
      help: "Ít nhất một người trong hộ biết tìm thông tin trên Google, YouTube và tìm đường trên Google Maps.",
      guideId: "google-maps-tim-kiem",
    },
    {
      id: "gui-dinh-vi",
      pillar: "xa-hoi-so",
      label: "Biết gửi định vị qua Zalo, Messenger",
      help: "Ít nhất một người trong hộ biết gửi vị trí của mình qua Zalo hoặc Messenger.",
      guideId: "gui-vi-tri-zalo",
    },
    {
      id: "doc-tai-lieu-mang",
      pillar: "xa-hoi-so",
      label: "Biết đọc và tham khảo tài liệu trên mạng Internet",
      help: "Ít nhất một người trong hộ biết tìm và đọc tài liệu, hướng dẫn trên mạng.",
    },
  ],
  optional: [
    {
      id: "phong-chong-lua-dao",
      pillar: "xa-hoi-so",
      label: "Biết nhận diện và phòng tránh lừa đảo trên mạng",
      help: "Các thành viên biết không đưa mã OTP, mật khẩu cho ai và không bấm đường link lạ.",
      guideId: "lua-dao-truc-tuyen",
    },
    {
      id: "binh-dan-hoc-vu-so",
      pillar: "xa-hoi-so",
      label: "Có người tham gia lớp “Bình dân học vụ số” hoặc được Tổ công nghệ số cộng đồng hướng dẫn",
      help: "Ít nhất một người trong hộ đã học lớp “Bình dân học vụ số” hoặc được Tổ công nghệ số hướng dẫn trực tiếp.",
    },
  ],
};
