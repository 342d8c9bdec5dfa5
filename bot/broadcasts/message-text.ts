import { hhmm, localDate, weekdayVi } from "../chat/dates";
import type { Village } from "../config/commune";
import type { Audience } from "./audience";
import type { Channel } from "./channel-planner";

/**
 * The texts a broadcast carries, shared by the preview (what the officer sees) and the outbox (what
 * Zalo gets), so the two never differ.
 */

/** The post: the officer's title on its own line, then the text (unless the text already says it, or a schedule wrote it). */
export function postText(title: string, text: string, withTitle: boolean): string {
  const t = title.trim();
  if (!withTitle || t === "" || text.toLocaleLowerCase("vi").includes(t.toLocaleLowerCase("vi"))) return text;
  return `📢 ${t}\n\n${text}`;
}

/** What a village head receives to pass on: to the village's group, or to the households Zalo cannot reach. */
export function relayText(village: Village, households: number, toGroup: boolean, post: string): string {
  const intro = toGroup
    ? `📣 Nhờ ${village.kind === "tổ dân phố" ? "tổ trưởng" : "trưởng thôn"} chuyển tin sau vào nhóm Zalo của ${village.name} (mở ứng dụng “Gia đình số” để chia sẻ một chạm):`
    : `📣 Nhờ bác chuyển tin sau tới ${households} hộ ở ${village.name} chưa nhận được qua Zalo:`;
  return `${intro}\n\n${post}`;
}

/** "14:00 thứ Sáu 4/12" in the commune's time zone. */
export function whenWords(at: number, timeZone: string): string {
  const date = localDate(at, timeZone);
  const [, m, d] = date.split("-").map(Number) as [number, number, number];
  const wd = weekdayVi(date);
  return `${hhmm(at, timeZone)} ${wd === "Chủ nhật" ? wd : wd.replace("Thứ", "thứ")} ${d}/${m}`;
}

/** "Gửi tới 12 nhóm Zalo thôn, 3 trưởng thôn chuyển tiếp, lúc 14:00 thứ Sáu 4/12." */
export function confirmationSentence(
  counts: Record<Channel, number>,
  relay: { heads: number; stuck: number },
  sendAt: number | undefined,
  now: number,
  timeZone: string,
  /** A recurring schedule's words ("Thứ Sáu hằng tuần, 14:00") in place of a time. */
  repeat?: string,
): string {
  const parts: string[] = [];
  if (counts.group) parts.push(`${counts.group} nhóm Zalo thôn`);
  if (counts.cs) parts.push(`${counts.cs} người nhắn riêng`);
  if (counts.promotion) parts.push(`${counts.promotion} người đã quan tâm trang Zalo của xã (tin thông báo)`);
  if (relay.heads) parts.push(`${relay.heads} trưởng thôn chuyển tiếp`);
  const when = repeat ? `lặp lại: ${repeat}` : sendAt ? `lúc ${whenWords(sendAt, timeZone)}` : `ngay bây giờ (${whenWords(now, timeZone)})`;
  const unreachable = counts.none + relay.stuck;
  const tail = unreachable > 0 ? ` ${unreachable} người nhận không gửi được qua Zalo (xem lý do bên dưới).` : "";
  if (parts.length === 0) return `Không có ai nhận được tin này qua Zalo.${tail}`;
  return `Gửi tới ${parts.join(", ")}, ${when}.${tail}`;
}

/** Why an audience gets nothing, in the officer's words; null when someone gets it. */
export function emptyAudienceReason(audience: Audience, deliveries: { plan: { channel: Channel; reason: string } }[], relayHeads: number, householdsKnown: boolean): string | null {
  const reaching = deliveries.some((d) => d.plan.channel !== "none" && d.plan.channel !== "relay") || relayHeads > 0;
  if (reaching) return null;
  if (deliveries.length === 0) {
    switch (audience.kind) {
      case "village_groups":
      case "village_heads":
        return "Không có thôn nào khớp với lựa chọn.";
      case "volunteers":
        return "Chưa có tình nguyện viên nào phụ trách các thôn đã chọn.";
      case "officers":
        return "Xã chưa khai báo cán bộ nào có Zalo.";
      case "residents":
        return "Chưa có người dân nào ở các thôn đã chọn nhắn tin cho trang Zalo của xã, nên chưa biết Zalo của ai để gửi.";
      case "recent_residents":
        return "Không có ai ở các thôn đã chọn nhắn tin cho trang Zalo của xã trong 7 ngày qua.";
      case "households_missing":
        return householdsKnown
          ? "Không có hộ nào (đã liên kết Zalo) ở các thôn đã chọn còn thiếu tiêu chí này."
          : "Chưa có số liệu hộ gia đình để biết hộ nào còn thiếu.";
    }
  }
  const why = deliveries.find((d) => d.plan.channel === "none")?.plan.reason ?? deliveries[0]!.plan.reason;
  return `Không ai trong số ${deliveries.length} người nhận này nhận được tin qua Zalo lúc này. Lý do: ${why}`;
}
