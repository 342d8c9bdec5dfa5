import type { Guide } from "../schema";

export const luaDaoTrucTuyen: Guide = {
  id: "lua-dao-truc-tuyen",
  title: "Nhận biết lừa đảo qua điện thoại và trên mạng",
  shortTitle: "Nhận biết lừa đảo",
  summary:
    "Những chiêu lừa hay gặp: giả công an gọi điện, gửi đường link cài ứng dụng, xin mã OTP, giả người thân vay tiền. Nhớ vài điều dưới đây để giữ tiền của mình.",
  phrasings: [
    "Có người xưng công an gọi bảo cài lại VNeID",
    "nhận được tin nhắn lạ có đường link có bấm không",
    "ngân hàng gọi xin mã OTP có đưa không",
    "làm sao để không bị lừa chuyển tiền",
    "cách nhận biết cuộc gọi lừa đảo",
    "nguoi than nhan zalo muon vay tien",
    "tin nhắn báo trúng thưởng nhận quà",
    "có người gọi bảo chuẩn hóa thông tin thường trú",
    "lua dao qua mang",
    "số lạ gọi từ nước ngoài",
    "cách giữ tài khoản zalo không bị chiếm",
  ],
  keywords: ["lừa đảo", "giả danh", "công an gọi", "OTP", "đường link lạ", "phòng tránh", "cảnh giác", "vay tiền"],
  steps: [
    {
      text: "Công an không gọi điện hay nhắn Zalo để hướng dẫn kích hoạt định danh, “chuẩn hóa thông tin” hay “cập nhật thường trú”. Ai gọi như vậy là lừa đảo. Muốn làm thì đến {{police.name}}. Thông tin thường trú sau sáp nhập được hệ thống tự cập nhật, không mất phí.",
    },
    {
      text: "Chỉ cài ứng dụng từ CH Play hoặc App Store. Không bấm đường link lạ, không cài tệp gửi qua Zalo, Facebook. Ứng dụng giả có thể đọc tin nhắn OTP và lấy tiền trong tài khoản ngân hàng.",
    },
    {
      text: "Không đưa mã OTP, mật khẩu, số thẻ cho bất kỳ ai, kể cả người xưng là công an hay ngân hàng. Mã OTP dùng để chuyển tiền đi, không bao giờ cần để nhận tiền.",
    },
    {
      text: "Nhà nước tặng quà, tiền hỗ trợ không bao giờ bắt bấm đường link, điền thông tin hay “cài VNeID để nhận quà”. Nghi ngờ thì hỏi UBND {{commune.kind}}.",
    },
    {
      text: "Người thân nhắn tin hay gọi video hỏi vay tiền: gọi lại vào số quen để hỏi trước. Kẻ gian giả được cả mặt và giọng nói.",
    },
    {
      text: "Người xưng là công an, viện kiểm sát, tòa án, điện lực đòi chuyển tiền: tắt máy. Số gọi đến bắt đầu bằng dấu + hoặc 00 mà hai số tiếp theo không phải 84 là cuộc gọi từ nước ngoài.",
    },
    {
      text: "Lỡ bị lừa: gọi ngay tổng đài ngân hàng để khóa tài khoản, rồi báo {{police.name}} ({{police.phone}}). Không tin ai hứa “lấy lại tiền” mà đòi phí trước.",
    },
  ],
  confirmed: true,
  sources: [
    "https://cafef.vn/bo-cong-an-khuyen-cao-4-dieu-nguoi-dan-can-luu-y-de-tranh-bi-chiem-doat-tai-khoan-ngan-hang-188240208104440651.chn",
    "https://kienthuc.net.vn/xa-hoi/canh-giac-lua-dao-mao-danh-cong-an-yeu-cau-dong-bo-vneid-1972778.html",
    "https://cafef.vn/nghe-dien-thoai-co-noi-dung-nay-hay-tat-may-ngay-lap-tuc-18825081006551938.chn",
    "https://plo.vn/cong-an-tphcm-otp-chi-de-chuyen-tien-khong-bao-gio-de-nhan-tien-post890510.html",
    "https://dantri.com.vn/phap-luat/canh-bao-3-thu-doan-lua-dao-lien-quan-chinh-sach-tang-100000-dong-ngay-29-20250829133346193.htm",
    "https://baohatinh.vn/luc-luong-vu-trang/cong-an-ha-tinh-canh-bao-cac-phuong-thuc-thu-doan-lua-dao-moi-va-tinh-vi/229166.htm",
  ],
};
