/**
 * HELD-OUT SET 2 (issue 12). NEVER TUNE ON THIS FILE.
 *
 * Written before any matcher change of issue 12 and without looking at the guides' phrasings,
 * phrasings.table.ts or phrasings.heldout.ts: messages as residents of a commune would type them
 * on Zalo (no diacritics, teencode, Central/Highlands words, voice-to-text run-ons, one-word
 * messages, two topics at once, stories, procedures we have no guide for, chit-chat, look-alikes).
 *
 * Do not add rows that the matcher fails on after seeing them, do not edit rows to make them pass,
 * do not copy rows into phrasings, intents, generated variants or the development set
 * (test/shared/phrasings.dev.ts is the one to tune on). If the set must grow, write new rows
 * blind and say so in the commit.
 *
 * `want`: a guide id, or an action "@intent". `also`: other answers that are equally right
 * (two topics at once). Kinds: guide/action/scam/gds/procedure are real requests (accuracy);
 * offtopic/lookalike are out of scope (a guide or an action other than @off-topic / @procedure /
 * a miss counts as wrong, unless listed in `also`).
 */
export type HeldoutKind = "guide" | "action" | "scam" | "gds" | "procedure" | "offtopic" | "lookalike";
export interface HeldoutRow {
  text: string;
  want: string;
  kind: HeldoutKind;
  also?: string[];
}

const g = (want: string, text: string, also?: string[]): HeldoutRow => ({ text, want, kind: "guide", ...(also ? { also } : {}) });
const a = (want: string, text: string, also?: string[]): HeldoutRow => ({ text, want, kind: "action", ...(also ? { also } : {}) });
const scam = (text: string, also?: string[]): HeldoutRow => ({ text, want: "@scam-victim", kind: "scam", ...(also ? { also } : {}) });
const gds = (text: string): HeldoutRow => ({ text, want: "@gia-dinh-so", kind: "gds" });
const proc = (text: string, also?: string[]): HeldoutRow => ({ text, want: "@procedure", kind: "procedure", ...(also ? { also } : {}) });
const off = (text: string, also?: string[]): HeldoutRow => ({ text, want: "@off-topic", kind: "offtopic", ...(also ? { also } : {}) });
const look = (want: string, text: string, also?: string[]): HeldoutRow => ({ text, want, kind: "lookalike", ...(also ? { also } : {}) });

export const HELDOUT2: HeldoutRow[] = [
  // tien-dien
  g("tien-dien", "dong tien dien bang dien thoai the nao"),
  g("tien-dien", "tháng này tiền điện nhà tui chưa đóng, nghe nói đóng trên mạng được hả con"),
  g("tien-dien", "thanh toan hoa don evn tren app"),
  g("tien-dien", "tiền điện"),
  g("tien-dien", "ck tien dien qua ngan hang dc ko ad"),
  g("tien-dien", "ủa giờ đóng tiền điện khỏi ra bưu điện hả, chỉ tui với"),
  g("tien-dien", "nhân viên điện lực không đi thu nữa thì đóng tiền điện kiểu chi"),
  g("tien-dien", "điện tháng 11 nhà em hết 300 nghìn trả online kiểu gì"),
  g("tien-dien", "đóng tiền điện răng rứa"),
  g("tien-dien", "ck tiền đjện qa app đc hk"),
  g("tien-dien", "alo alo cho hỏi cái là cái tiền điện á tháng này nhà tui chưa có đóng mà con tui nó nói là đóng trên điện thoại được thì làm sao chỉ tui với tui già rồi không rành mấy cái này"),
  g("tien-dien", "tui muốn đóng tiền điện mà chưa có tài khoản ngân hàng", ["ngan-hang-vi-qr"]),
  // vneid-cai-dat-kich-hoat
  g("vneid-cai-dat-kich-hoat", "cai vneid"),
  g("vneid-cai-dat-kich-hoat", "con tui mới làm căn cước, giờ cài vneid kích hoạt sao"),
  g("vneid-cai-dat-kich-hoat", "kich hoat tai khoan dinh danh dien tu", ["vneid-muc-2"]),
  g("vneid-cai-dat-kich-hoat", "tai app vneid o dau v"),
  g("vneid-cai-dat-kich-hoat", "vneid no bat nhap ma kich hoat ma em ko thay tin nhan"),
  g("vneid-cai-dat-kich-hoat", "em chưa có vneid, mún cài vô máy mà ko bik làm"),
  g("vneid-cai-dat-kich-hoat", "cài vneid ở mô"),
  g("vneid-cai-dat-kich-hoat", "e mún cài vneid mà k bik lm sao"),
  g("vneid-cai-dat-kich-hoat", "vneid"),
  g("vneid-cai-dat-kich-hoat", "cho hỏi cài vneid với cả xem thẻ bảo hiểm trên đó luôn", ["vssid-bhyt"]),
  // vneid-muc-2
  g("vneid-muc-2", "lam dinh danh muc 2"),
  g("vneid-muc-2", "định danh mức 2 phải lên công an xã hả"),
  g("vneid-muc-2", "nâng cấp vneid lên mức 2 cần giấy tờ gì"),
  g("vneid-muc-2", "muc 2"),
  g("vneid-muc-2", "tài khoản tui mới mức 1, muốn lên mức 2 để tích hợp bằng lái"),
  g("vneid-muc-2", "dinh danh cap 2 la gi vay"),
  g("vneid-muc-2", "mấy đứa nói phải có định danh mức hai mới rút lương hưu được, làm sao đây"),
  g("vneid-muc-2", "ờ thì tui muốn hỏi là cái vụ định danh mức hai á mấy bữa trước lên xã người ta nói phải về làm trên điện thoại mà tui không biết làm sao hết trơn"),
  g("vneid-muc-2", "bít định danh mức 2 hk ad"),
  // vssid-bhyt
  g("vssid-bhyt", "xem the bhyt tren dien thoai"),
  g("vssid-bhyt", "bảo hiểm y tế điện tử coi ở đâu"),
  g("vssid-bhyt", "the bao hiem y te bi mat thi lam sao kham benh"),
  g("vssid-bhyt", "cai vssid"),
  g("vssid-bhyt", "bhyt"),
  g("vssid-bhyt", "đi khám bệnh quên thẻ bảo hiểm, trên điện thoại có xem được không"),
  g("vssid-bhyt", "app bảo hiểm xã hội số tra quá trình đóng bảo hiểm"),
  g("vssid-bhyt", "mần răng để coi thẻ bảo hiểm trên điện thoại"),
  g("vssid-bhyt", "tui muốn hỏi là cái thẻ bảo hiểm y tế của tui hình như bị mất rồi mà mai phải đi khám ở trạm y tế thì có cách nào coi trên điện thoại không"),
  // ngan-hang-vi-qr
  g("ngan-hang-vi-qr", "quet ma qr tra tien"),
  g("ngan-hang-vi-qr", "mở tài khoản ngân hàng trên điện thoại được không"),
  g("ngan-hang-vi-qr", "vi momo cai sao"),
  g("ngan-hang-vi-qr", "đi chợ người ta bảo quét mã mà em hông biết"),
  g("ngan-hang-vi-qr", "tao tk ngan hang online ko can ra quay"),
  g("ngan-hang-vi-qr", "chuyển khoản"),
  g("ngan-hang-vi-qr", "mình muốn dùng ví điện tử để trả tiền ở tạp hóa"),
  g("ngan-hang-vi-qr", "mo the atm tren app duoc ko"),
  // ban-hang-online
  g("ban-hang-online", "ban hang tren shopee"),
  g("ban-hang-online", "nhà tui có mấy chục ký cà phê muốn bán lên mạng"),
  g("ban-hang-online", "đưa sản phẩm ocop lên sàn thương mại điện tử"),
  g("ban-hang-online", "mo gian hang tiktok shop"),
  g("ban-hang-online", "bán online"),
  g("ban-hang-online", "lam sao de ban trai cay qua mang cho khach o xa"),
  g("ban-hang-online", "e mún bán mắm ruốc trên lazada"),
  g("ban-hang-online", "tau muốn bán cà phê trên mạng, chỉ tau với"),
  g("ban-hang-online", "dạ cho em hỏi là nhà em có cái vườn sầu riêng muốn bán lên mạng cho người ta mua mà không biết bắt đầu từ đâu hết mong anh chị chỉ giùm em"),
  // dich-vu-cong
  g("dich-vu-cong", "nop ho so truc tuyen tren cong dich vu cong"),
  g("dich-vu-cong", "dịch vụ công quốc gia đăng nhập sao"),
  g("dich-vu-cong", "dich vu cong"),
  g("dich-vu-cong", "làm thủ tục online khỏi lên xã được không"),
  g("dich-vu-cong", "tra cứu hồ sơ đã nộp trên cổng dịch vụ công"),
  g("dich-vu-cong", "cong dvc quoc gia"),
  g("dich-vu-cong", "nộp giấy tờ qua mạng thì vô trang nào"),
  // google-maps-tim-kiem
  g("google-maps-tim-kiem", "tim duong bang google map"),
  g("google-maps-tim-kiem", "chỉ đường đi bệnh viện tỉnh trên điện thoại"),
  g("google-maps-tim-kiem", "gu gồ map"),
  g("google-maps-tim-kiem", "tra google"),
  g("google-maps-tim-kiem", "làm sao tìm số điện thoại của tiệm trên mạng"),
  g("google-maps-tim-kiem", "con tui ở sài gòn, tui muốn coi đường tới nhà nó trên máy"),
  g("google-maps-tim-kiem", "ban do chi duong"),
  // gui-vi-tri-zalo
  g("gui-vi-tri-zalo", "gui vi tri qua zalo"),
  g("gui-vi-tri-zalo", "chia sẻ định vị cho con"),
  g("gui-vi-tri-zalo", "gửi địa chỉ nhà mình cho shipper trên zalo sao"),
  g("gui-vi-tri-zalo", "định vị"),
  g("gui-vi-tri-zalo", "send location zalo"),
  g("gui-vi-tri-zalo", "người giao hàng hỏi nhà ở đâu, tui muốn gửi cái chấm đỏ vị trí"),
  g("gui-vi-tri-zalo", "gửi vị trí nhà tui ở mô cho con"),
  g("gui-vi-tri-zalo", "cảm ơn nhé, mà cho hỏi thêm cách gửi vị trí", ["@thanks"]),
  // nhom-zalo-thon
  g("nhom-zalo-thon", "vao nhom zalo thon"),
  g("nhom-zalo-thon", "xin link nhóm zalo của thôn mình"),
  g("nhom-zalo-thon", "nhóm tổ công nghệ số thôn ở đâu cho em vô với"),
  g("nhom-zalo-thon", "tham gia group zalo thon dong xuan"),
  g("nhom-zalo-thon", "nhom zalo"),
  g("nhom-zalo-thon", "cho tui vô nhóm của xóm"),
  g("nhom-zalo-thon", "ad ơi add em vào nhóm thôn"),
  g("nhom-zalo-thon", "nhóm zalo của buôn mình vô răng"),
  g("nhom-zalo-thon", "chào ad, chỉ em cách vô nhóm zalo thôn", ["@greeting"]),
  // quan-tam-oa
  g("quan-tam-oa", "quan tam oa"),
  g("quan-tam-oa", "theo dõi trang zalo của xã thế nào"),
  g("quan-tam-oa", "bấm quan tâm ở đâu"),
  g("quan-tam-oa", "follow oa ubnd xa"),
  g("quan-tam-oa", "chỉ bà con theo dõi zalo của xã"),
  g("quan-tam-oa", "mình muốn người nhà cũng quan tâm trang này"),
  g("quan-tam-oa", "theo doi oa"),
  // tong-dai-phan-anh
  g("tong-dai-phan-anh", "goi tong dai 1022"),
  g("tong-dai-phan-anh", "phản ánh đường hư thì gọi số nào", ["ung-dung-tinh"]),
  g("tong-dai-phan-anh", "tổng đài kiến nghị của tỉnh"),
  g("tong-dai-phan-anh", "1022"),
  g("tong-dai-phan-anh", "muốn phản ánh chuyện xả rác mà gọi điện được không", ["ung-dung-tinh"]),
  g("tong-dai-phan-anh", "so dien thoai duong day nong cua tinh"),
  g("tong-dai-phan-anh", "gọi điện kiến nghị lên tỉnh"),
  // ung-dung-tinh
  g("ung-dung-tinh", "cai app i ha tinh"),
  g("ung-dung-tinh", "ứng dụng của tỉnh tải ở đâu"),
  g("ung-dung-tinh", "phản ánh hiện trường bằng app"),
  g("ung-dung-tinh", "i-hà tĩnh"),
  g("ung-dung-tinh", "chụp hình ổ gà gửi lên app tỉnh"),
  g("ung-dung-tinh", "ihatinh"),
  g("ung-dung-tinh", "tải app tỉnh để gửi phản ánh"),
  // lua-dao-truc-tuyen (prevention)
  g("lua-dao-truc-tuyen", "lam sao biet tin nhan lua dao"),
  g("lua-dao-truc-tuyen", "cách nhận biết cuộc gọi lừa đảo"),
  g("lua-dao-truc-tuyen", "lua dao"),
  g("lua-dao-truc-tuyen", "con ơi mấy cái link lạ có nên bấm không"),
  g("lua-dao-truc-tuyen", "phong chong lua dao tren mang"),
  g("lua-dao-truc-tuyen", "người ta giả danh ngân hàng nhắn tin thì phân biệt thế nào"),
  g("lua-dao-truc-tuyen", "so la goi bao trung thuong co phai lua dao ko", ["@scam-victim"]),

  // hand-off
  a("@handoff", "cho tui nói chuyện với người thật"),
  a("@handoff", "gap can bo"),
  a("@handoff", "bot nói gì tui không hiểu, cho gặp ai đó đi"),
  a("@handoff", "hỏi hoài mà máy trả lời lung tung, có ai trực không"),
  a("@handoff", "can nguoi huong dan truc tiep"),
  a("@handoff", "ad oi ad, ad có đó k, rep e vs"),
  a("@handoff", "toi muon gap nhan vien xa de hoi"),
  a("@handoff", "nhờ ai tới nhà chỉ giùm được không"),
  a("@handoff", "goi dien cho toi duoc khong"),
  a("@handoff", "chán cái máy này quá, toàn trả lời không đúng"),
  a("@handoff", "cho xin số điện thoại cán bộ phụ trách"),
  a("@handoff", "răng bot không trả lời tau, cho tau gặp người"),
  a("@handoff", "cko e gặp ng thật đj"),
  a("@handoff", "xin lịch lưu động với cho gặp cán bộ luôn", ["@team-schedule"]),
  // mobile team schedule
  a("@team-schedule", "lich luu dong"),
  a("@team-schedule", "tháng 12 tổ lưu động về thôn Hạ Tiến ngày nào"),
  a("@team-schedule", "mấy chú xã khi nào xuống làng đắk rơ"),
  a("@team-schedule", "bao giờ có đoàn về làm căn cước tại thôn"),
  a("@team-schedule", "tổ dịch vụ công đi xuống thôn lịch sao"),
  a("@team-schedule", "tuan sau co ai ve thon dong xuan lam giay to khong"),
  a("@team-schedule", "cán bộ về nhà văn hóa làm thủ tục hôm nào"),
  a("@team-schedule", "lich xa ve thon"),
  a("@team-schedule", "thứ bảy này có tổ lưu động không"),
  a("@team-schedule", "đoàn làm giấy tờ lưu động"),
  a("@team-schedule", "chừ đoàn xã về làng bữa mô"),
  // opt-out
  a("@opt-out", "đừng gửi tin cho tui nữa"),
  a("@opt-out", "khong nhan thong bao nua"),
  a("@opt-out", "thôi đừng nhắn nữa phiền quá"),
  a("@opt-out", "huy dang ky nhan tin"),
  a("@opt-out", "stop"),
  a("@opt-out", "tắt thông báo của xã"),
  a("@opt-out", "tui không muốn nhận tin nhắn nhắc nhở"),
  a("@opt-out", "ngung gui tin"),
  a("@opt-out", "hok nhận tin nữa"),
  // opt-in
  a("@opt-in", "nhan tin lai"),
  a("@opt-in", "cho tôi nhận thông báo trở lại"),
  a("@opt-in", "bật lại thông báo"),
  a("@opt-in", "đăng ký nhận tin của xã", ["quan-tam-oa"]),
  a("@opt-in", "gửi tin cho tui lại đi"),
  // thanks
  a("@thanks", "cam on"),
  a("@thanks", "cảm ơn con nhiều nha"),
  a("@thanks", "tks ad"),
  a("@thanks", "oke hiểu rồi, cám ơn"),
  a("@thanks", "thank you"),
  a("@thanks", "dạ em cảm ơn ạ"),
  a("@thanks", "hay quá, làm được rồi"),
  a("@thanks", "thanks ad nhìu"),
  // greeting
  a("@greeting", "alo"),
  a("@greeting", "chao ad"),
  a("@greeting", "xin chào"),
  a("@greeting", "hello"),
  a("@greeting", "chào buổi sáng"),
  a("@greeting", "e chào a chị ạ"),
  // rating
  a("@rating", "5 sao"),
  a("@rating", "cho 5 điểm"),
  a("@rating", "tui chấm 4 điểm"),
  a("@rating", "danh gia 5*"),
  a("@rating", "rất hài lòng"),

  // scam stories (as it happens, and after money was transferred)
  scam("co nguoi goi xung cong an bao tui dinh vao vu an bat chuyen tien, gio sao"),
  scam("em lỡ chuyển 5 triệu cho người lạ rồi, họ chặn zalo em luôn"),
  scam("mẹ tui bị lừa mất tiền trong tài khoản, giúp với"),
  scam("nó bảo tui trúng xe máy phải nộp phí 2 triệu trước, tui chuyển rồi"),
  scam("bị hack zalo, nó mượn tiền bạn bè tui"),
  scam("vua bam vao link xong tk ngan hang bi tru het tien"),
  scam("đang có người gọi nói con tui bị tai nạn cần chuyển tiền mổ gấp"),
  scam("bi lua dao chuyen khoan roi lam sao lay lai tien"),
  scam("có ông xưng điện lực nói cắt điện nếu không chuyển tiền ngay"),
  scam("tui lỡ đọc mã otp cho nó rồi giờ sao"),
  scam("ai đó giả làm cán bộ xã nhắn tui đóng tiền vô tài khoản lạ"),
  scam("ad ơi e bị lừa mất 3tr r"),
  scam("hôm qua có một ông gọi cho tui nói là công an quận gì đó bảo tui dính vô đường dây rửa tiền phải chuyển hết tiền vô tài khoản tạm giữ tui sợ quá không biết làm sao"),

  // "Gia đình số"
  gds("gia dinh so la gi"),
  gds("nhà tui đạt gia đình số chưa"),
  gds("tiêu chí gia đình số gồm những gì"),
  gds("muốn được công nhận gia đình số thì làm sao"),
  gds("hộ mình còn thiếu gì để thành gia đình số"),
  gds("phong trao gia dinh so cua xa"),
  gds("gia đình số"),
  gds("chi rứa, gia đình số là chi"),

  // procedures the commune has no guide for
  proc("làm giấy khai sinh cho con"),
  proc("dang ky ket hon can giay to gi"),
  proc("xin cấp sổ đỏ cho miếng đất vườn"),
  proc("thủ tục tách thửa đất"),
  proc("hồ sơ xin trợ cấp người cao tuổi"),
  proc("đăng ký hộ nghèo"),
  proc("lam lai can cuoc bi mat"),
  proc("xin giấy xác nhận độc thân"),
  proc("chứng thực bản sao giấy tờ ở đâu"),
  proc("đăng ký thường trú cho vợ"),
  proc("khai tử cho ông nội"),
  proc("thủ tục chuyển nhượng đất"),
  proc("trợ cấp khuyết tật làm hồ sơ sao"),
  proc("xin giấy phép xây nhà"),
  proc("đăng ký tạm trú cho người thuê trọ"),
  proc("hồ sơ hưởng chế độ người có công"),

  // off-topic
  off("hôm nay trời mưa quá"),
  off("giá heo hôm nay bao nhiêu"),
  off("ad ăn cơm chưa", ["@greeting"]),
  off("hahaha"),
  off("ai biết chỗ sửa xe máy gần đây không"),
  off("bóng đá tối nay ai thắng"),
  off("tui buồn quá"),
  off("kể chuyện cười đi"),
  off("mấy giờ rồi"),
  off("mai đi rẫy sớm"),
  off("con gà nhà tui bị dịch"),
  off("asdfgh"),
  off("năm nay cà phê được mùa không"),
  off("cho tui mượn 500 nghìn"),

  // look-alikes: share words with a guide, mean something else
  look("@off-topic", "điện thoại tui bị hư loa, sửa ở đâu"),
  look("@off-topic", "mất điện từ sáng tới giờ", ["tong-dai-phan-anh", "@handoff"]),
  look("@off-topic", "mua điện thoại mới loại nào tốt"),
  look("@procedure", "ngân hàng chính sách cho vay vốn hộ nghèo"),
  look("@procedure", "tui muốn bán miếng đất"),
  look("@off-topic", "thẻ cào điện thoại nạp sao"),
  look("@off-topic", "bảo hiểm xe máy mua ở đâu"),
  look("@off-topic", "zalo bị khóa tài khoản", ["@handoff"]),
  look("@off-topic", "nhóm máu của tui là gì"),
  look("@procedure", "mã số thuế cá nhân tra ở đâu"),
  look("@off-topic", "điện máy xanh có bán tủ lạnh không"),
  look("@off-topic", "con tui học online bằng zoom"),
  look("@off-topic", "thôn mình có bao nhiêu hộ"),
  look("@procedure", "tiền lương hưu tháng này khi nào có"),
  look("@off-topic", "gọi điện cho con ở nước ngoài có mất tiền không"),
  look("@off-topic", "ổ điện trong nhà bị chập"),
  look("@off-topic", "định vị xe máy bị mất", ["@handoff"]),
  look("@procedure", "công an xã làm việc mấy giờ", ["@off-topic"]),
  look("@off-topic", "máy bị đơ cài lại sao"),
  look("@off-topic", "bán cho tui 2 bao phân"),
  look("@off-topic", "tiền điện tháng này sao cao quá vậy", ["tong-dai-phan-anh", "tien-dien", "@handoff"]),
];

export const REAL_REQUEST_KINDS: ReadonlySet<HeldoutKind> = new Set(["guide", "action", "scam", "gds", "procedure"]);
