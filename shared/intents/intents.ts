/**
 * What a resident can ask for besides a guide: actions ("intents") with example phrasings, and the
 * out-of-scope class (chit-chat, other topics, look-alikes that share words with a guide).
 *
 * These phrasings train the classifier (./classifier.ts) together with the guides' phrasings and
 * generated variants (./variants.ts). They were written for training only: the held-out set
 * (test/shared/phrasings.heldout2.ts) must never be copied here.
 */
export const INTENT_IDS = [
  "handoff",
  "team-schedule",
  "opt-out",
  "opt-in",
  "thanks",
  "greeting",
  "rating",
  "gia-dinh-so",
  "scam-victim",
  "procedure",
  "off-topic",
] as const;
export type IntentId = (typeof INTENT_IDS)[number];

export function isIntentId(s: string): s is IntentId {
  return (INTENT_IDS as readonly string[]).includes(s);
}

/** Short labels for buttons ("Ý bác là…?") and for the officers' mapping screen. */
export const INTENT_LABELS: Record<IntentId, string> = {
  handoff: "Gặp cán bộ",
  "team-schedule": "Lịch tổ lưu động",
  "opt-out": "Dừng nhận tin nhắc",
  "opt-in": "Nhận lại tin nhắc",
  thanks: "Lời cảm ơn",
  greeting: "Lời chào",
  rating: "Chấm điểm",
  "gia-dinh-so": "Gia đình số là gì",
  "scam-victim": "Bị lừa, cần giúp gấp",
  procedure: "Thủ tục chưa có hướng dẫn",
  "off-topic": "Ngoài phạm vi (trò chuyện)",
};

export const INTENT_PHRASINGS: Record<IntentId, readonly string[]> = {
  handoff: [
    "gặp cán bộ", "cho gặp người thật", "muốn nói chuyện với người", "có cán bộ nào trực không", "nhờ cán bộ giúp",
    "cần người hướng dẫn", "cho tôi gặp người hỗ trợ", "kết nối với cán bộ xã", "tôi muốn hỏi người chứ không hỏi máy",
    "máy trả lời không đúng ý tôi", "bot dở quá", "trả lời sai rồi", "hỏi mãi không được", "không hiểu gì cả, gặp người đi",
    "ai đó giúp tôi với", "có ai ở đó không", "admin ơi trả lời em với", "ad ơi rep em", "anh chị cán bộ ơi",
    "cho số điện thoại cán bộ", "xin số điện thoại người phụ trách", "nhờ tình nguyện viên tới nhà chỉ", "có ai đến nhà giúp không",
    "gọi lại cho tôi", "tôi cần hỗ trợ trực tiếp", "nói chuyện với nhân viên", "liên hệ cán bộ", "cho gặp trưởng thôn",
    "đoàn thanh niên hỗ trợ giúp", "tôi già rồi không tự làm được, nhờ người giúp", "máy móc khó quá nhờ người chỉ tận nơi",
    "không muốn nói chuyện với máy", "người thật đâu", "cán bộ đâu rồi", "chán quá không ai trả lời",
    "nhắn mãi mà không ai giúp", "cần tư vấn trực tiếp", "gặp người tư vấn",
  ],
  "team-schedule": [
    "lịch lưu động", "tổ lưu động khi nào về", "lịch tổ dịch vụ công lưu động", "khi nào cán bộ xuống thôn",
    "đoàn cán bộ về làng ngày nào", "bao giờ có người về làm giấy tờ ở thôn", "lịch làm căn cước tại thôn",
    "tổ công tác xã về xóm khi nào", "tuần này có đoàn lưu động không", "tháng sau tổ lưu động về đâu",
    "các chú xã bao giờ về thôn", "mấy anh công an về thôn làm định danh ngày nào", "lịch về thôn làm thủ tục",
    "có buổi làm hồ sơ tại nhà văn hóa không", "ngày nào xã về làng", "lịch làm việc tại thôn", "xã về thôn mấy giờ",
    "cán bộ lưu động về buôn ngày mấy", "nhà văn hóa thôn có làm giấy tờ hôm nào", "khi nào có đợt làm hồ sơ tại chỗ",
    "thứ mấy tổ lưu động tới", "lịch đoàn về tận nơi", "lịch cán bộ xuống tận thôn", "đoàn xã bữa nào về",
  ],
  "opt-out": [
    "dừng nhận tin", "không nhận tin nữa", "đừng nhắn cho tôi nữa", "thôi không nhận thông báo", "hủy nhận tin nhắn",
    "tắt nhắc nhở", "ngừng gửi tin nhắn", "không muốn nhận tin", "đừng gửi thông báo nữa", "phiền quá đừng nhắn",
    "bỏ đăng ký nhận tin", "xóa tôi khỏi danh sách nhận tin", "không cần nhắc nữa", "thôi đừng gửi nữa",
    "tôi không muốn nhận nhắc nhở", "hủy đăng ký thông báo", "ngưng nhắn tin", "đừng làm phiền nữa", "tắt tin của xã",
    "không nhận tin nhắn nhắc", "unsubscribe",
  ],
  "opt-in": [
    "nhận tin lại", "nhận lại thông báo", "bật lại tin nhắn", "cho nhận tin trở lại", "đăng ký nhận tin lại",
    "muốn nhận thông báo của xã", "gửi thông báo cho tôi lại", "bật nhắc nhở lại", "tiếp tục nhận tin nhắn",
    "cho tôi nhận tin nhắc", "nhắn lại cho tôi như trước", "mở lại thông báo",
  ],
  thanks: [
    "cảm ơn", "cám ơn nhiều", "cảm ơn ad", "cảm ơn cháu nhé", "cảm ơn nhiều lắm", "thanks", "thank", "tks",
    "ok cảm ơn", "dạ cảm ơn", "được rồi cảm ơn", "làm được rồi cảm ơn nhé", "đã hiểu, cảm ơn nhiều", "xong rồi cảm ơn",
    "cảm ơn anh chị", "cảm ơn em", "cám ơn ạ", "tốt quá cảm ơn", "làm theo được rồi", "ok đã hiểu", "tuyệt vời",
    "em làm được rồi", "bác làm xong rồi, cảm ơn con", "cảm ơn xã", "cảm ơn cán bộ", "cảm ơn chú nhiều nha",
  ],
  greeting: [
    "xin chào", "chào", "chào ad", "chào cháu", "chào anh", "chào chị", "chào em", "alo", "hello", "hi", "chào buổi tối",
    "chào buổi chiều", "chào xã", "chào admin", "dạ chào", "chào bạn", "alo alo", "a lô", "chào cán bộ",
  ],
  rating: [
    "chấm 5 sao", "5 sao", "cho 4 sao", "đánh giá 5 điểm", "chấm điểm", "tôi muốn đánh giá", "góp ý",
    "rất hài lòng", "hài lòng", "không hài lòng", "chưa hài lòng", "phục vụ tốt", "cán bộ hỗ trợ tốt, 5 điểm",
    "đánh giá tổ lưu động", "cho 3 điểm", "chấm 10 điểm", "tôi cho 5", "đánh giá dịch vụ", "rất tốt 5 sao",
  ],
  "gia-dinh-so": [
    "gia đình số là gì", "gia đình số", "thế nào là gia đình số", "tiêu chí gia đình số", "hộ gia đình số cần gì",
    "nhà tôi đã là gia đình số chưa", "hộ tôi còn thiếu tiêu chí nào", "kiểm tra gia đình số của nhà mình",
    "làm sao để đạt gia đình số", "phong trào gia đình số", "công nhận gia đình số", "chấm gia đình số",
    "gia đình số gồm mấy tiêu chí", "nhà mình đủ điều kiện gia đình số chưa", "tự đánh giá gia đình số",
    "danh hiệu gia đình số", "hộ gia đình số là như thế nào", "mini app gia đình số", "đạt chuẩn gia đình số",
  ],
  "scam-victim": [
    "tôi bị lừa rồi", "bị lừa mất tiền", "tôi đã chuyển tiền cho kẻ lừa đảo", "chuyển nhầm cho người lạ rồi giờ sao",
    "có người xưng công an gọi bắt chuyển tiền", "họ nói tôi liên quan vụ án phải chuyển tiền", "giả danh công an đòi chuyển khoản",
    "trúng thưởng phải nộp phí trước", "bảo trúng giải phải chuyển tiền thuế", "mất hết tiền trong tài khoản ngân hàng",
    "tài khoản ngân hàng tự nhiên bị trừ tiền", "bấm vào đường link xong bị mất tiền", "đã đưa mã otp cho người lạ",
    "lỡ cho người ta mã otp", "zalo bị chiếm tài khoản nhắn vay tiền người quen", "facebook bị hack lừa bạn bè",
    "người lạ gọi nói con bị tai nạn cần tiền gấp", "có người đang gọi bắt chuyển tiền ngay", "nó đe dọa bắt tôi chuyển tiền",
    "đang bị lừa phải làm sao", "lấy lại tiền bị lừa", "báo công an vụ lừa đảo", "bị lừa đầu tư online mất tiền",
    "việc nhẹ lương cao bị lừa nộp tiền", "giả nhân viên điện lực đòi tiền không thì cắt điện", "giả cán bộ thuế đòi chuyển tiền",
    "bị lừa đảo", "mẹ tôi vừa chuyển tiền cho người lạ", "bị chặn sau khi chuyển tiền", "mất tiền oan", "vừa bị lừa",
    "đòi tiền chuộc", "họ bảo cài ứng dụng lạ rồi tài khoản mất tiền", "kẻ gian giả danh ngân hàng lấy mất tiền",
    "bị lừa chuyển tiền rồi phải làm sao", "bị hack zalo rồi", "bị chiếm zalo", "tài khoản bị trừ tiền không rõ lý do",
    "lỡ làm theo người lạ hướng dẫn giờ mất tiền", "bị lừa mua hàng online mất tiền cọc",
  ],
  procedure: [
    "đăng ký khai sinh cho cháu", "làm giấy khai sinh", "khai tử", "đăng ký kết hôn", "giấy xác nhận tình trạng hôn nhân",
    "trích lục hộ tịch", "chứng thực bản sao", "công chứng giấy tờ", "làm sổ đỏ", "cấp giấy chứng nhận quyền sử dụng đất",
    "sang tên sổ đỏ", "tách thửa", "chuyển mục đích sử dụng đất", "tranh chấp đất đai", "đo đạc đất", "giấy phép xây dựng",
    "trợ cấp xã hội hàng tháng", "chế độ người cao tuổi", "hồ sơ hộ nghèo", "xét hộ cận nghèo", "trợ cấp người khuyết tật",
    "chế độ người có công", "chế độ thương binh liệt sĩ", "đăng ký thường trú", "đăng ký tạm trú", "khai báo tạm vắng",
    "cấp đổi căn cước", "mất căn cước phải làm gì", "làm hộ chiếu", "mã số thuế", "đăng ký hộ kinh doanh",
    "lương hưu", "bảo hiểm thất nghiệp", "chế độ thai sản", "vay vốn ngân hàng chính sách xã hội", "hỗ trợ nhà ở",
    "đăng ký nghĩa vụ quân sự", "giấy xác nhận cư trú", "thủ tục nhận con nuôi", "ly hôn làm ở đâu", "thủ tục hành chính ở xã",
    "hồ sơ xin hỗ trợ thiên tai", "xin giấy phép kinh doanh", "làm giấy chứng tử", "bảo hiểm y tế hộ gia đình mua ở đâu",
    "xin xác nhận lý lịch", "thủ tục thừa kế đất", "giấy tờ nhà đất", "xã làm việc giờ nào", "bộ phận một cửa ở đâu",
    "thủ tục đăng ký khai sinh", "thủ tục ly hôn", "hồ sơ đất đai", "hồ sơ trợ cấp", "thủ tục cấp giấy chứng nhận đất",
    "đăng ký biến động đất đai", "thủ tục xin hỗ trợ hộ nghèo", "hồ sơ bảo trợ xã hội", "thủ tục nhập hộ khẩu",
    "thủ tục làm căn cước cho con", "xác nhận thu nhập", "hồ sơ xin việc cần xác nhận của xã", "chia đất cho con",
    "thủ tục hưởng chế độ", "đăng ký giám hộ", "cải chính hộ tịch", "thay đổi họ tên",
  ],
  "off-topic": [
    "trời hôm nay đẹp quá", "mưa to quá", "nắng nóng quá", "giá lúa bao nhiêu", "giá cà phê hôm nay", "giá tiêu",
    "giá vàng", "xổ số hôm nay", "kết quả bóng đá", "đội tuyển đá mấy giờ", "hát cho nghe đi", "nói chuyện vui đi",
    "bạn là ai", "bạn bao nhiêu tuổi", "đang ăn cơm", "đang làm gì đó", "buồn quá", "chán quá", "vui quá", "haha", "hihi",
    "kkk", "ừ", "ờ", "ok", "vâng", "dạ", "uh", "hả", "gì vậy", "test", "abc", "xyz", "...", "??",
    "điện thoại bị hỏng", "điện thoại hết pin nhanh", "màn hình điện thoại bị vỡ", "mua điện thoại cho con đi học", "sạc điện thoại không vào",
    "nạp card điện thoại", "mất điện rồi", "cúp điện", "sửa đường điện", "bóng đèn bị cháy", "quạt điện hỏng",
    "mua xe máy", "bán xe", "sửa xe", "bán heo", "bán gà", "mua phân bón", "thuốc trừ sâu loại nào", "trồng rau",
    "cây cà phê bị bệnh", "bò bị ốm", "heo bị dịch", "con chó cắn", "nhà bị dột", "đi chợ mua gì", "nấu ăn món gì",
    "ngân hàng mở cửa mấy giờ", "lãi suất gửi tiết kiệm", "vay tiền nóng", "cho mượn tiền", "bảo hiểm nhà cửa",
    "bảo hiểm nhân thọ có nên mua", "nhóm máu", "nhóm nhạc", "bản đồ việt nam", "đường về quê xa không",
    "con đi học về chưa", "học phí năm nay", "thi đại học", "đau bụng uống thuốc gì", "bị cảm", "sốt cao",
    "hôm nay ngày mấy âm lịch", "hôm nay thứ mấy", "ngày mai có mưa không", "thời tiết tuần này", "tết năm nay được nghỉ mấy ngày",
    "tui nhớ con quá", "nhà có đám cưới", "đi đám giỗ", "chúc mừng năm mới", "wifi nhà bị chậm", "mạng yếu quá",
    "cài game", "xem phim ở đâu", "tiktok lướt cả ngày", "thẻ cào", "sim điện thoại", "đổi số điện thoại",
    "mua tivi", "tủ lạnh", "điện máy", "hàng xóm ồn ào", "chó nhà ai lạc", "đi rẫy", "lên nương", "gặt lúa",
    "con tôi bị ho", "cháu bị sốt mấy ngày", "mẹ tôi bị đau lưng", "bị tai nạn giao thông nhẹ", "con bị té xe",
    "nấu món gì ngon", "làm bánh", "trồng cây gì", "mua giống lúa", "bao giờ hết mưa", "làm sao cho hết buồn",
    "cho tôi hỏi cái này", "tôi không biết", "không có gì", "chuyện nhà tôi", "ai đó nói chuyện với tôi đi cho vui",
    // other apps and what people do on the phone (no guide: out of scope, whatever the app word)
    "ứng dụng làm đẹp ảnh", "app ghép ảnh", "chỉnh sửa video trên điện thoại", "app chụp hình xóa phông", "tải nhạc về máy",
    "ứng dụng học tiếng anh cho con", "app đọc truyện", "app xem bóng đá trực tiếp", "tải phim về xem không cần mạng",
    "chơi game bị giật", "game nông trại vui vẻ", "nạp tiền vào game", "cháu chơi game cả ngày", "ứng dụng dự báo thời tiết",
    "cài bàn phím tiếng việt", "đổi hình nền điện thoại", "tăng cỡ chữ trên điện thoại", "điện thoại đầy bộ nhớ xóa bớt ảnh",
    "lướt tiktok xem video", "làm sao để có nhiều tim trên tiktok", "tạo kênh youtube", "xem youtube bị quảng cáo nhiều",
    "đổi tên facebook", "facebook bị khóa", "lấy lại mật khẩu facebook", "đăng ảnh lên facebook", "kết bạn facebook",
    "quên mật khẩu gmail", "tạo tài khoản google cho điện thoại mới", "quên mật khẩu mở máy", "đổi mật khẩu wifi",
    "zalo bị mất tin nhắn cũ", "đổi ảnh đại diện zalo", "gọi video zalo bị mờ", "zalo không gửi được ảnh", "xóa tin nhắn zalo",
    "app đặt xe ôm", "app giao đồ ăn", "mua hàng trên lazada", "săn sale shopee", "đơn hàng shopee giao chậm",
    "trả hàng trên shopee", "app xem lịch âm", "ứng dụng nghe kinh phật", "app karaoke hát trên điện thoại", "app đếm bước chân",
    "máy tính bị virus", "máy tính chạy chậm", "cài phần mềm cho máy tính", "máy in không in được", "cài lại zalo trên máy tính",
    // daily life: weather, crops, livestock, prices, health, family
    "năm nay mưa nhiều lúa đổ hết", "sương muối làm chết rau", "hạn hán không có nước tưới", "lũ về ngập đường", "gió mùa về lạnh",
    "bón phân cho cà phê mùa mưa", "cây sầu riêng bị nứt thân", "thu hoạch tiêu khi nào", "giá mủ cao su", "giá điều năm nay",
    "giá heo hơi hôm nay", "giá phân bón tăng quá", "thương lái mua bắp giá rẻ", "gà bị toi", "vịt đẻ ít trứng", "bò bị lở mồm",
    "tiêm phòng cho chó", "cá trong ao chết", "nuôi ong lấy mật", "trồng nấm rơm", "phun thuốc cỏ", "máy cày hư",
    "giá xăng hôm nay", "giá gas tăng", "giá thịt heo ngoài chợ", "giá gạo tăng", "tiền chợ mỗi ngày", "đi chợ phiên",
    "đau đầu chóng mặt", "bị tiểu đường ăn gì", "đau khớp gối", "con bị sốt xuất huyết", "cháu bị tay chân miệng",
    "tiêm vắc xin cho trẻ", "mắt mờ đọc không rõ", "răng đau nhức", "ho lâu không khỏi", "mất ngủ mấy đêm",
    "bà nội bị té", "ông ngoại yếu lắm rồi", "con gái lấy chồng xa", "con trai đi làm ăn xa", "vợ chồng cãi nhau",
    "gia đình tôi có bốn người", "gia đình đông con", "gia đình êm ấm", "gia đình nội ngoại sum họp", "nhà có ba thế hệ",
    "cưới vợ cho con", "làm đám giỗ ông", "mừng thọ bà", "xây nhà mới", "sửa mái nhà", "mua đất làm nhà",
    "lịch cắt nước", "tiền nước tăng", "nước giếng bị đục", "mua bình lọc nước", "thay ống nước", "máy bơm nước hư",
    "chập điện cháy ổ cắm", "thay công tơ điện", "kéo điện vào rẫy", "đèn năng lượng mặt trời", "mua pin dự phòng",
    // the phone and the mobile network itself
    "cước điện thoại tháng này cao", "nạp tiền điện thoại", "đăng ký gói cước 4g", "sim bị khóa", "điện thoại bị mất sóng",
    "điện thoại không nghe được", "điện thoại rơi xuống nước", "thay pin điện thoại", "điện thoại bị treo", "loa điện thoại bị rè",
    "mua điện thoại cũ", "điện thoại cảm ứng khó dùng", "tiền điện thoại trả trước", "số điện thoại bị chặn", "chặn số lạ",
    // look-alikes: words of a guide, another meaning
    "vị trí đặt bể nước", "vị trí xây chuồng bò", "nhóm bạn đi câu cá", "nhóm hụi", "nhóm nhạc trẻ", "nhóm lửa nấu cơm",
    "quan tâm đến sức khỏe", "theo dõi bệnh tình của mẹ", "theo dõi thời tiết", "tổng đài chăm sóc khách hàng nhà mạng",
    "bán đất", "bán nhà", "bán trâu", "bán lúa cho thương lái", "mua bán đồ cũ", "bán vé xe", "mua vé tàu",
    "mã giảm giá", "mã số bí mật thẻ cào", "quét nhà", "quét lá", "mức nước sông lên cao", "mức lương công nhân",
    "thẻ tín dụng", "thẻ thành viên siêu thị", "thẻ cào điện thoại", "thẻ đảng viên", "thẻ hội viên",
    "bảo hiểm xe máy", "bảo hiểm sức khỏe tư nhân", "ví da", "ví tiền bị rơi", "lừa đảo trong truyện cổ tích",
    "tin nhắn của bạn bè", "tin đồn trong xóm", "đường làng bị lầy", "đường đi học của con xa", "tìm người yêu",
    "tìm việc làm", "tìm thợ sửa nhà", "tìm con bò bị lạc", "gửi con đi nhà trẻ", "gửi đồ về quê", "gửi tiền về cho mẹ",
    "cài đặt chuông báo", "kích hoạt bảo hành tivi", "định danh loài cây", "ứng dụng phân bón cho lúa",
    "cán bộ xã đi họp", "cán bộ thôn nhiệt tình", "công an xã đi tuần", "trưởng thôn mới bầu",
  ],
};
