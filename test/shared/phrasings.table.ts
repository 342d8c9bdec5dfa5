/**
 * How residents actually ask, mapped to the guide that answers. Written independently of the
 * guides' own `phrasings` (a test checks that no row is a copy of one, after folding): accented,
 * unaccented, teencode, upper case, typos. Guides are rendered with SAMPLE_CONTEXT (Sơn Tây,
 * Hà Tĩnh, app "i-Hà Tĩnh", OA "Xã Sơn Tây", hotline 1022).
 *
 * Adding a row that fails is the right way to report a matching bug: then add a phrasing or a
 * keyword to the guide (data), not a special case to the matcher.
 */
import type { GuideId } from "../../shared/guides/content/index";

export interface PhrasingRow {
  text: string;
  guide: GuideId;
}

export const PHRASING_TABLE: readonly PhrasingRow[] = [
  // VNeID level 2
  { text: "lam sao kich hoat dinh danh muc 2", guide: "vneid-muc-2" },
  { text: "định danh mức 2 cần mang theo gì ạ", guide: "vneid-muc-2" },
  { text: "cho mk hỏi đk đinh danh muc 2 ở đâu vậy", guide: "vneid-muc-2" },
  { text: "toi muon lam vneid muc do 2", guide: "vneid-muc-2" },
  { text: "tài khoản của bà mới mức 1, muốn nâng lên mức 2", guide: "vneid-muc-2" },
  { text: "có phải ra công an xã để lấy vân tay không", guide: "vneid-muc-2" },
  { text: "VNEID MỨC 2 LÀM Ở ĐÂU", guide: "vneid-muc-2" },
  { text: "ddđt mức 2 cho người già", guide: "vneid-muc-2" },
  { text: "định danh điện tử mức hai làm ở đâu", guide: "vneid-muc-2" },

  // VNeID install + activate
  { text: "cai vneid ntn", guide: "vneid-cai-dat-kich-hoat" },
  { text: "tải ứng dụng vneid về máy kiểu gì", guide: "vneid-cai-dat-kich-hoat" },
  { text: "mình quên mk vneid rồi", guide: "vneid-cai-dat-kich-hoat" },
  { text: "nhập otp vneid mãi không được", guide: "vneid-cai-dat-kich-hoat" },
  { text: "vneid hỏi passcode là gì", guide: "vneid-cai-dat-kich-hoat" },
  { text: "sao VNeID cứ bắt đăng nhập lại hoài", guide: "vneid-cai-dat-kich-hoat" },
  { text: "đổi máy mới phải kích hoạt lại vneid à", guide: "vneid-cai-dat-kich-hoat" },
  { text: "vnied cài ở đâu", guide: "vneid-cai-dat-kich-hoat" },

  // Province app
  { text: "tải app i hà tĩnh", guide: "ung-dung-tinh" },
  { text: "cài ihatinh kiểu gì", guide: "ung-dung-tinh" },
  { text: "app i-Hà Tĩnh đăng nhập thế nào", guide: "ung-dung-tinh" },
  { text: "muốn báo đường bị sạt lở lên tỉnh qua ứng dụng", guide: "ung-dung-tinh" },
  { text: "phản ánh hiện trường gửi ảnh kiểu gì", guide: "ung-dung-tinh" },
  { text: "ung dung cua tinh ten la gi", guide: "ung-dung-tinh" },
  { text: "cách dùng app tỉnh để phản ánh rác thải", guide: "ung-dung-tinh" },

  // National public-service portal
  { text: "nộp hồ sơ khai sinh trên mạng", guide: "dich-vu-cong" },
  { text: "đăng nhập dvc bằng vneid kiểu gì", guide: "dich-vu-cong" },
  { text: "cach nop ho so truc tuyen", guide: "dich-vu-cong" },
  { text: "tra cứu tình trạng hồ sơ", guide: "dich-vu-cong" },
  { text: "làm thủ tục đăng ký kết hôn online", guide: "dich-vu-cong" },
  { text: "dichvucong.gov.vn vào thế nào", guide: "dich-vu-cong" },
  { text: "nộp hs xin trợ cấp xã hội qua mạng", guide: "dich-vu-cong" },
  { text: "chứng thực bản sao online được ko", guide: "dich-vu-cong" },

  // VssID / health insurance
  { text: "xem bảo hiểm y tế trên vssid", guide: "vssid-bhyt" },
  { text: "cai vssid", guide: "vssid-bhyt" },
  { text: "thẻ bhyt của tôi hết hạn chưa", guide: "vssid-bhyt" },
  { text: "quen mat khau vss id", guide: "vssid-bhyt" },
  { text: "bảo hiểm xã hội số đăng nhập kiểu gì", guide: "vssid-bhyt" },
  { text: "đi khám bệnh dùng thẻ bảo hiểm trên điện thoại", guide: "vssid-bhyt" },
  { text: "ma so bhxh xem o dau", guide: "vssid-bhyt" },

  // Bank account, e-wallet, QR
  { text: "quét qr trả tiền kiểu gì", guide: "ngan-hang-vi-qr" },
  { text: "mở tk ngân hàng online", guide: "ngan-hang-vi-qr" },
  { text: "tao tai khoan momo", guide: "ngan-hang-vi-qr" },
  { text: "ck tiền qua điện thoại", guide: "ngan-hang-vi-qr" },
  { text: "làm thẻ atm cần gì", guide: "ngan-hang-vi-qr" },
  { text: "dùng zalopay trả tiền ở chợ", guide: "ngan-hang-vi-qr" },
  { text: "nhận tiền bằng mã qr", guide: "ngan-hang-vi-qr" },
  { text: "thanh toán ko dùng tiền mặt là sao", guide: "ngan-hang-vi-qr" },

  // Electricity bill
  { text: "đóng tiền điện qua ngân hàng", guide: "tien-dien" },
  { text: "tra tien dien online", guide: "tien-dien" },
  { text: "mã kh tiền điện ở đâu", guide: "tien-dien" },
  { text: "thanh toán hóa đơn điện tháng 7", guide: "tien-dien" },
  { text: "nộp tiền điện bằng momo", guide: "tien-dien" },
  { text: "tiền điện đóng trên zalo được không", guide: "tien-dien" },
  { text: "hd điện đóng ở đâu", guide: "tien-dien" },

  // Selling online
  { text: "bán hàng trên shopee", guide: "ban-hang-online" },
  { text: "muốn bán rau online", guide: "ban-hang-online" },
  { text: "dua hang len tiktok ban", guide: "ban-hang-online" },
  { text: "mở shop online", guide: "ban-hang-online" },
  { text: "bán gạo qua mạng thế nào", guide: "ban-hang-online" },
  { text: "đăng ký bán hàng trên sàn tmđt", guide: "ban-hang-online" },
  { text: "bán sp trên lazada", guide: "ban-hang-online" },

  // Google and Maps
  { text: "tìm đường trên gg map", guide: "google-maps-tim-kiem" },
  { text: "chỉ đường đến chợ huyện", guide: "google-maps-tim-kiem" },
  { text: "cach tra google", guide: "google-maps-tim-kiem" },
  { text: "xem youtube học nấu ăn", guide: "google-maps-tim-kiem" },
  { text: "google maps dùng sao", guide: "google-maps-tim-kiem" },
  { text: "mở bản đồ trên điện thoại", guide: "google-maps-tim-kiem" },
  { text: "tim kiem bang giong noi", guide: "google-maps-tim-kiem" },

  // Location in Zalo
  { text: "gửi định vị zalo", guide: "gui-vi-tri-zalo" },
  { text: "share vị trí cho con", guide: "gui-vi-tri-zalo" },
  { text: "gui vi tri hien tai cho nguoi than", guide: "gui-vi-tri-zalo" },
  { text: "zalo gửi location thế nào", guide: "gui-vi-tri-zalo" },
  { text: "chia se dinh vi qua zalo", guide: "gui-vi-tri-zalo" },
  { text: "bật gps gửi vị trí", guide: "gui-vi-tri-zalo" },

  // Follow the commune OA
  { text: "quan tâm oa xã", guide: "quan-tam-oa" },
  { text: "theo dõi zalo của ủy ban", guide: "quan-tam-oa" },
  { text: "oa sơn tây tìm ở đâu", guide: "quan-tam-oa" },
  { text: "nhận tin của xã trên zalo", guide: "quan-tam-oa" },
  { text: "zalo oa la gi", guide: "quan-tam-oa" },
  { text: "follow trang zalo cua xa", guide: "quan-tam-oa" },

  // Hotline
  { text: "tổng đài 1022", guide: "tong-dai-phan-anh" },
  { text: "goi 1022", guide: "tong-dai-phan-anh" },
  { text: "đường dây nóng tỉnh số mấy", guide: "tong-dai-phan-anh" },
  { text: "gọi điện phản ánh với tỉnh", guide: "tong-dai-phan-anh" },
  { text: "muốn khiếu nại thì gọi đâu", guide: "tong-dai-phan-anh" },
  { text: "hotline tỉnh hà tĩnh", guide: "tong-dai-phan-anh" },

  // Scams
  { text: "có người gọi tự xưng công an bảo cài app", guide: "lua-dao-truc-tuyen" },
  { text: "tin nhắn lạ gửi link", guide: "lua-dao-truc-tuyen" },
  { text: "bị lừa mất tiền rồi", guide: "lua-dao-truc-tuyen" },
  { text: "ai xin otp có đưa ko", guide: "lua-dao-truc-tuyen" },
  { text: "con gái nhắn zalo vay tiền gấp", guide: "lua-dao-truc-tuyen" },
  { text: "cảnh giác lừa đảo", guide: "lua-dao-truc-tuyen" },
  { text: "số lạ gọi tới đòi chuyển tiền", guide: "lua-dao-truc-tuyen" },
  { text: "nhận quà 100 nghìn của nhà nước phải bấm link", guide: "lua-dao-truc-tuyen" },

  // Village digital team's Zalo group
  { text: "vào nhóm zalo thôn", guide: "nhom-zalo-thon" },
  { text: "cho mình vào group của làng", guide: "nhom-zalo-thon" },
  { text: "nhom zalo to cong nghe so cong dong", guide: "nhom-zalo-thon" },
  { text: "mã qr nhóm thôn", guide: "nhom-zalo-thon" },
  { text: "ai quản lý nhóm zalo của xóm", guide: "nhom-zalo-thon" },
  { text: "xin link nhóm zalo thôn", guide: "nhom-zalo-thon" },
];

/** Gibberish, chit-chat and off-topic questions: must match no guide. */
export const NONE_TABLE: readonly string[] = [
  "asdkjh qwe",
  "hihi",
  "😀😀",
  "giá vàng hôm nay",
  "thời tiết mai thế nào",
  "bóng đá tối nay",
  "ok",
  "cảm ơn ạ",
  "alo",
  "xin chào",
  "ăn cơm chưa",
  "mấy giờ rồi",
  "nấu canh chua thế nào",
  "xổ số miền bắc hôm nay",
  "con tôi bị sốt",
  "giá lúa hôm nay bao nhiêu",
  "hôm nay thứ mấy",
  "ádfghjkl",
  "???",
  "dạ vâng ạ",
  "tỷ giá đô la",
  "trận việt nam thái lan mấy giờ",
  "bài hát nào hay",
  "123456",
  "làm sao cho tôi với ạ",
];
