/**
 * More ways residents ask for each guide, for training the classifier only (the guides' own
 * `phrasings` stay the short list BM25 and the guide tests use). Written for training: never copy
 * rows of the held-out sets here.
 */
export const GUIDE_EXAMPLES: Readonly<Record<string, readonly string[]>> = {
  "tien-dien": [
    "trả tiền điện qua điện thoại", "thanh toán tiền điện không cần ra điểm thu", "đóng hóa đơn điện lực online",
    "tiền điện tháng này đóng bằng app ngân hàng", "nộp tiền điện qua ví", "mã khách hàng điện lực ở đâu",
    "tra cứu tiền điện tháng này", "điện lực không thu tại nhà nữa", "thanh toán evn", "app cskh điện lực",
    "nhân viên điện lực không tới thu tiền nữa giờ đóng sao", "mỗi tháng phải đi đóng tiền điện mệt quá có cách nào khác không", "hóa đơn điện gửi qua zalo rồi trả luôn trên đó được không", "tiền điện nhà tôi tháng này bao nhiêu xem ở đâu",
  ],
  "vneid-cai-dat-kich-hoat": [
    "tải ứng dụng vneid", "kích hoạt tài khoản vneid", "cài đặt vneid trên điện thoại", "vneid không nhận mã otp",
    "quên mật khẩu vneid", "đăng nhập vneid không được", "mở app vneid lần đầu", "tài khoản định danh mức 1",
    "kích hoạt định danh điện tử trên máy", "cài app bộ công an",
    "con mới mua cho cái điện thoại mới giờ muốn cài vneid mà không biết", "công an xã dặn về tự kích hoạt tài khoản trên máy", "máy báo sai mật khẩu vneid hoài không vào được", "đổi máy rồi đăng nhập lại vneid sao",
  ],
  "vneid-muc-2": [
    "định danh mức độ 2", "nâng lên mức 2", "tài khoản mức 2 làm ở công an", "đăng ký định danh mức hai",
    "tích hợp giấy tờ vào vneid mức 2", "xác thực mức độ 2", "mức 2 cần mang gì", "chụp ảnh khuôn mặt làm mức 2",
    "lên công an xã làm định danh", "đã có mức 1 giờ muốn mức 2",
    "cán bộ nói phải có tài khoản mức 2 mới làm được thủ tục online", "làm căn cước gắn chip rồi mà chưa có mức 2 thì sao", "tài khoản của tôi mới mức 1 muốn lên mức 2",
  ],
  "vssid-bhyt": [
    "dùng thẻ bhyt trên vssid khi đi khám", "tải vssid về máy", "ứng dụng bảo hiểm xã hội số", "xem bhyt bằng app",
    "thẻ bhyt điện tử", "đi khám bằng thẻ bảo hiểm trên vneid", "tra cứu hạn thẻ bảo hiểm y tế", "mất thẻ bhyt giấy",
    "đăng nhập vssid", "quá trình đóng bảo hiểm xã hội", "quên mật khẩu vssid", "vss id", "lấy lại mật khẩu bảo hiểm xã hội số",
    "đi bệnh viện quên mang thẻ bảo hiểm y tế giấy", "ra trạm y tế khám có dùng thẻ trên điện thoại được không", "thẻ bảo hiểm giấy bị rách rồi xem trên máy được không", "khám bệnh mà không có thẻ bhyt giấy thì đưa cái gì",
  ],
  "ngan-hang-vi-qr": [
    "mở tài khoản ngân hàng online", "đăng ký ngân hàng trên điện thoại", "thanh toán quét mã ở cửa hàng", "thanh toán bằng qr",
    "ví điện tử momo dùng sao", "ví zalopay", "chuyển khoản cho người khác", "app ngân hàng dùng sao", "trả tiền không dùng tiền mặt",
    "mở thẻ ngân hàng không ra quầy", "ekyc ngân hàng",
    "bán hàng ở chợ muốn khách chuyển khoản cho nhanh", "con gửi tiền về mà mẹ không có tài khoản ngân hàng", "muốn in mã qr dán ở quầy để khách quét", "nhận tiền chuyển khoản vào điện thoại",
  ],
  "ban-hang-online": [
    "bán hàng lên mạng", "bán nông sản online", "mở gian hàng trên sàn", "bán đồ qua facebook zalo",
    "đăng bán cà phê trên shopee", "bán hàng tiktok", "làm shop online", "bán sản phẩm ocop trên mạng",
    "bán trái cây cho khách ở xa", "bán gạo qua mạng", "livestream bán hàng",
    "nhà làm mật ong muốn bán cho khách ở thành phố", "rau nhà trồng nhiều muốn đăng lên mạng bán", "muốn tự bán cà phê nhà làm cho người ở xa qua mạng", "bán hàng trên zalo cho nhiều người biết",
  ],
  "dich-vu-cong": [
    "vào cổng dịch vụ công", "nộp hồ sơ trực tuyến", "làm thủ tục trên mạng không cần lên xã",
    "đăng nhập dịch vụ công bằng vneid", "tra cứu tình trạng hồ sơ đã nộp", "dịch vụ công trực tuyến",
    "nộp hồ sơ qua mạng", "trang dichvucong", "thanh toán lệ phí trực tuyến", "nộp giấy tờ online",
    "ở nhà nộp hồ sơ qua điện thoại được không", "không muốn lên xã chờ lâu thì nộp giấy tờ trên mạng sao", "nộp hồ sơ trên mạng rồi xem kết quả ở đâu",
  ],
  "google-maps-tim-kiem": [
    "tìm đường trên điện thoại", "google maps chỉ đường", "tìm địa chỉ trên bản đồ", "tra cứu trên google",
    "tìm kiếm thông tin trên mạng", "đường đến bệnh viện", "xem đường đi trên máy", "mở bản đồ trên điện thoại",
    "tìm số điện thoại cửa hàng trên google", "google tìm kiếm",
    "chở con đi thi ở trường huyện mà chưa biết đường", "tìm tiệm thuốc gần nhà trên điện thoại", "đi lên tỉnh mà không rành đường nhờ máy chỉ",
  ],
  "gui-vi-tri-zalo": [
    "gửi vị trí trên zalo cho người nhà", "chia sẻ vị trí", "gửi định vị cho người nhà", "gửi địa chỉ nhà qua zalo",
    "chia sẻ vị trí trực tiếp", "bật định vị gửi cho con", "gửi vị trí cho shipper", "gửi vị trí hiện tại",
    "con tới đón mà không biết nhà, gửi chỗ ở cho con sao", "bị lạc đường muốn báo cho con biết mình đang ở đâu", "shipper không tìm được nhà gửi địa chỉ sao cho đúng",
  ],
  "nhom-zalo-thon": [
    "vào nhóm zalo của tổ công nghệ số", "xin vào nhóm zalo của thôn", "link nhóm zalo tổ công nghệ số", "tham gia nhóm của làng",
    "nhóm zalo xóm mình", "thêm tôi vào nhóm thôn", "nhóm zalo tổ công nghệ số cộng đồng", "mã qr nhóm zalo thôn",
    "trưởng thôn hay báo tin trong nhóm zalo, cho tui vào với", "muốn vô nhóm zalo của xóm để biết tin họp",
  ],
  "quan-tam-oa": [
    "bấm quan tâm zalo oa của xã", "theo dõi zalo của xã", "follow trang zalo ubnd", "bấm quan tâm trang xã",
    "zalo official account của xã", "nhận tin từ trang zalo xã", "tìm trang zalo ubnd xã", "oa của xã",
    "muốn nhận thông báo của ủy ban xã qua zalo", "làm sao để xã gửi tin cho mình trên zalo",
  ],
  "tong-dai-phan-anh": [
    "số tổng đài phản ánh của tỉnh", "gọi 1022", "đường dây nóng của tỉnh", "gọi điện phản ánh kiến nghị",
    "hotline tỉnh", "phản ánh qua tổng đài", "gọi tổng đài kiến nghị", "số điện thoại để phản ánh",
    "ổ gà trên đường lớn muốn gọi lên tỉnh báo", "gọi số nào để phản ánh rác thải không ai dọn", "muốn gọi điện báo chính quyền việc sai trái",
  ],
  "ung-dung-tinh": [
    "cài ứng dụng của tỉnh", "app tỉnh", "gửi phản ánh hiện trường", "chụp ảnh phản ánh qua app",
    "ứng dụng công dân số của tỉnh", "tải app tỉnh về máy", "phản ánh qua ứng dụng", "báo đường hỏng qua app",
    "thấy cây đổ chắn đường muốn chụp hình gửi lên chính quyền", "gửi ảnh phản ánh lên tỉnh bằng điện thoại",
  ],
  "lua-dao-truc-tuyen": [
    "nhận biết lừa đảo qua mạng", "phòng tránh lừa đảo", "dấu hiệu cuộc gọi lừa đảo", "tin nhắn lừa đảo",
    "link lạ có nên bấm", "làm sao biết là lừa đảo", "các chiêu lừa đảo", "cảnh giác lừa đảo trên mạng",
    "số lạ gọi có phải lừa không", "giả danh công an gọi điện là thật hay giả",
    "nghe nói nhiều người bị lừa qua điện thoại, làm sao phòng", "dặn ông bà cách nhận ra cuộc gọi lừa", "có tin nhắn lạ bảo bấm vào link nhận quà có nên không",
  ],
};
