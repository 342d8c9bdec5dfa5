/**
 * The guide catalogue. Data only: one file per guide. Validated when imported, so a broken edit
 * stops the bot at start with a list of problems instead of showing residents a broken guide.
 */
import { validateGuides, type Guide } from "../schema";
import { banHangOnline } from "./ban-hang-online";
import { dichVuCong } from "./dich-vu-cong";
import { googleMapsTimKiem } from "./google-maps-tim-kiem";
import { guiViTriZalo } from "./gui-vi-tri-zalo";
import { luaDaoTrucTuyen } from "./lua-dao-truc-tuyen";
import { nganHangViQr } from "./ngan-hang-vi-qr";
import { nhomZaloThon } from "./nhom-zalo-thon";
import { quanTamOa } from "./quan-tam-oa";
import { tienDien } from "./tien-dien";
import { tongDaiPhanAnh } from "./tong-dai-phan-anh";
import { ungDungTinh } from "./ung-dung-tinh";
import { vneidCaiDatKichHoat } from "./vneid-cai-dat-kich-hoat";
import { vneidMuc2 } from "./vneid-muc-2";
import { vssidBhyt } from "./vssid-bhyt";

export const GUIDES: readonly Guide[] = validateGuides([
  vneidMuc2,
  vneidCaiDatKichHoat,
  ungDungTinh,
  dichVuCong,
  vssidBhyt,
  nganHangViQr,
  tienDien,
  banHangOnline,
  googleMapsTimKiem,
  guiViTriZalo,
  quanTamOa,
  tongDaiPhanAnh,
  luaDaoTrucTuyen,
  nhomZaloThon,
]);

/** Ids of the catalogue, for typed references (tests, bot menus). Checked against GUIDES in tests. */
export const GUIDE_IDS = [
  "vneid-muc-2",
  "vneid-cai-dat-kich-hoat",
  "ung-dung-tinh",
  "dich-vu-cong",
  "vssid-bhyt",
  "ngan-hang-vi-qr",
  "tien-dien",
  "ban-hang-online",
  "google-maps-tim-kiem",
  "gui-vi-tri-zalo",
  "quan-tam-oa",
  "tong-dai-phan-anh",
  "lua-dao-truc-tuyen",
  "nhom-zalo-thon",
] as const;
export type GuideId = (typeof GUIDE_IDS)[number];
