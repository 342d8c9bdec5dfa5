import type { Guide } from "../schema";

export const ungDungTinh: Guide = {
  id: "ung-dung-tinh",
  title: "Cài ứng dụng {{provinceApp.name}} và gửi phản ánh hiện trường",
  shortTitle: "Ứng dụng của tỉnh",
  summary:
    "{{provinceApp.name}} là ứng dụng công dân của {{province.name}}: {{provinceApp.features}}. Cài từ kho ứng dụng, đăng nhập, rồi gửi phản ánh kèm ảnh và vị trí.",
  phrasings: [
    "Cách cài ứng dụng {{provinceApp.name}}",
    "tải app {{provinceApp.name}} ở đâu",
    "đăng ký tài khoản {{provinceApp.name}}",
    "cài app của tỉnh như thế nào",
    "ung dung cong dan so cua tinh tai o dau",
    "gửi phản ánh hiện trường trên app tỉnh",
    "đường hỏng muốn chụp ảnh gửi phản ánh lên tỉnh",
    "dang nhap app tinh bang vneid",
    "phan anh hien truong lam the nao",
    "app tỉnh có những gì",
  ],
  keywords: ["ứng dụng tỉnh", "app tỉnh", "công dân số", "phản ánh hiện trường", "{{provinceApp.name}}"],
  steps: [
    {
      text: "Bấm vào đường link để mở đúng trang cài {{provinceApp.name}}, rồi bấm “Cài đặt”.\nĐiện thoại Android: {{provinceApp.androidUrl}}\niPhone: {{provinceApp.iosUrl}}",
    },
    {
      text: "Mở ứng dụng. Khi điện thoại hỏi, bấm “Cho phép” để ứng dụng dùng vị trí, máy ảnh và gửi thông báo.",
    },
    {
      text: "Đăng ký hoặc đăng nhập. Nếu có nút đăng nhập bằng VNeID thì nên chọn (cần VNeID mức 2); nếu không, đăng ký bằng số điện thoại của mình.",
      confirmed: false,
      note: "Chưa xác nhận ứng dụng tỉnh đăng nhập bằng VNeID hay bằng số điện thoại (ứng dụng Công dân số TP.HCM dùng VNeID). Xã thử trên máy thật và sửa bước này.",
    },
    {
      text: "Thấy việc cần báo (đường hỏng, rác thải, mất an ninh trật tự...), mở chức năng “Phản ánh hiện trường”.",
      confirmed: false,
      note: "Tên nút chưa xác nhận; với i-HaTinh nguồn chỉ nói ứng dụng có chức năng phản ánh hiện trường.",
    },
    {
      text: "Chụp ảnh hoặc quay video ngay tại chỗ. Bật định vị để gửi kèm vị trí.",
    },
    {
      text: "Chọn lĩnh vực và viết ngắn gọn: việc gì, ở đâu (thôn nào, {{commune.kind}} {{commune.name}}), từ khi nào. Rồi bấm gửi.",
    },
    {
      text: "Theo dõi kết quả xử lý ngay trong ứng dụng. Chưa dùng được ứng dụng thì gọi {{hotline.province}} hoặc báo trưởng thôn, Tổ công nghệ số cộng đồng.",
    },
  ],
  confirmed: false,
  sources: [
    "https://baohatinh.vn/san-sang-van-hanh-ung-dung-i-hatinh-post307057.html",
    "https://baohatinh.vn/chuan-bi-cac-dieu-kien-trien-khai-he-thong-phan-anh-hien-truong-tinh-ha-tinh-post306780.html",
    "https://news.laodong.vn/cong-nghe/nhanh-chong-xu-ly-phan-anh-cua-nguoi-dan-qua-ung-dung-i-hatinh-1673253.ldo",
    "https://tctd.vn/print-2151.html",
  ],
  verify:
    "Cài ứng dụng của tỉnh trên một máy Android và một iPhone: kiểm tra link kho ứng dụng, cách đăng ký/đăng nhập, tên nút phản ánh hiện trường, và số đường dây nóng.",
};
