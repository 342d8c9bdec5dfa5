import type { Guide } from "../schema";

export const vssidBhyt: Guide = {
  id: "vssid-bhyt",
  title: "Xem thẻ bảo hiểm y tế trên điện thoại (VssID)",
  shortTitle: "Thẻ BHYT (VssID)",
  summary:
    "Ứng dụng VssID của Bảo hiểm xã hội Việt Nam cho xem thẻ bảo hiểm y tế, hạn dùng và quá trình đóng bảo hiểm. Khi đi khám chỉ cần đưa mã QR trên điện thoại.",
  phrasings: [
    "Cách cài VssID xem bảo hiểm y tế",
    "xem the bhyt tren dien thoai",
    "the bao hiem y te dien tu o dau",
    "đăng nhập VssID bằng VNeID",
    "quên mật khẩu vssid",
    "kiểm tra thẻ bảo hiểm y tế còn hạn không",
    "tra cuu ma so bao hiem xa hoi",
    "đi khám bệnh không mang thẻ bảo hiểm được không",
    "tai app bao hiem xa hoi so",
    "xem hạn dùng bảo hiểm y tế ở đâu",
  ],
  keywords: ["VssID", "bảo hiểm y tế", "BHYT", "bảo hiểm xã hội", "thẻ BHYT", "khám bệnh"],
  steps: [
    {
      text: "Tải ứng dụng “VssID – Bảo hiểm xã hội số” từ CH Play hoặc App Store.",
    },
    {
      text: "Đã có VNeID mức 2: ở màn hình đăng nhập chọn “Đăng nhập bằng tài khoản định danh điện tử”. Ứng dụng chuyển sang VNeID; đăng nhập, bấm xác nhận rồi quay lại VssID.",
      confirmed: false,
      note: "Nguồn (2023) nói cần đã có tài khoản giao dịch điện tử BHXH. Chưa xác nhận người mới có thể bỏ qua bước đăng ký VssID và chỉ dùng VNeID.",
    },
    {
      text: "Chưa có tài khoản VssID: bấm đăng ký ngay trong ứng dụng. Chuẩn bị ảnh hai mặt thẻ căn cước, ảnh chân dung, mã số bảo hiểm xã hội (10 số cuối trên thẻ BHYT) và số điện thoại chính chủ; chọn cơ quan BHXH tiếp nhận.",
    },
    {
      text: "Chờ tài khoản và mật khẩu gửi về qua tin nhắn hoặc email. Đăng nhập bằng mã số BHXH và mật khẩu, rồi đổi mật khẩu mới ở lần đầu.",
    },
    {
      text: "Vào mục thẻ BHYT để xem ảnh thẻ, hạn sử dụng và nơi khám ban đầu. Khi đi khám, đưa mã QR trên thẻ BHYT điện tử cho nhân viên y tế.",
      confirmed: false,
      note: "Tên mục trong VssID hiện tại chưa xác nhận.",
    },
    {
      text: "Quên mật khẩu: từ số điện thoại đã đăng ký, nhắn BH MK <mã số BHXH> gửi 8079. Tổng đài Bảo hiểm xã hội Việt Nam: 1900 9068. Nhập sai mật khẩu 5 lần thì tài khoản bị khóa 15 phút.",
    },
    {
      text: "Thông tin thẻ BHYT cũng hiện trong ứng dụng VNeID khi đã tích hợp.",
    },
  ],
  confirmed: false,
  sources: [
    "https://vssid.net/dieu-kiende-dang-nhap-app-vssid-bang-vneid-la-gi/",
    "https://hvnh.edu.vn/yte/vi/thong-bao/huong-dan-sinh-vien-cai-dat-ung-dung-vssid-bao-hiem-xa-hoi-so-131.html",
    "https://nld.com.vn/cong-doan/xin-lai-mat-khau-dang-nhap-vssid-20220829195551872.htm",
    "https://ebh.vn/tin-tuc/cach-dang-nhap-vssid",
  ],
  verify: "Mở VssID bản mới nhất: kiểm tra tên các mục, cách đăng nhập bằng VNeID cho người chưa có tài khoản VssID, cú pháp tin nhắn lấy lại mật khẩu.",
};
