import type { GuideContext } from "../../shared/guides/placeholders";

/**
 * A sample commune (Sơn Tây, Hà Tĩnh, from seed 000). Phone numbers and store links are
 * obviously fake examples, not real contacts.
 */
export const SAMPLE_CONTEXT: GuideContext = {
  commune: { name: "Sơn Tây", kind: "xã" },
  province: { name: "Hà Tĩnh" },
  provinceApp: {
    name: "i-Hà Tĩnh",
    androidUrl: "https://play.google.com/store/apps/details?id=example.ihatinh",
    iosUrl: "https://apps.apple.com/vn/app/example-ihatinh/id000000000",
    features: "phản ánh hiện trường, tra cứu thủ tục hành chính, nhận thông tin của tỉnh",
  },
  police: { name: "Công an xã Sơn Tây", phone: "0000 000 000 (số ví dụ)" },
  oa: { name: "Xã Sơn Tây" },
  miniApp: { url: "https://zalo.me/s/0000000000/" },
  hotline: { province: "1022" },
  publicServicePortal: { url: "https://dichvucong.gov.vn" },
  volunteers: { contact: "Đoàn Thanh niên xã, nhà văn hóa thôn, sáng thứ Bảy" },
};
