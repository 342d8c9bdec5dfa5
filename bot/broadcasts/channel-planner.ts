import type { CommuneConfig } from "../config/commune";
import type { ZaloUsersRepo } from "../zalo/users-repo";
import { withinConsultationWindow } from "../zalo/window";
import type { GroupStateSource } from "./audience";
import { localTime } from "./cron-match";
import type { BroadcastRepo } from "./broadcast-repo";
import type { Channel } from "../../shared/contracts/broadcasts";

export type { Channel };

export interface Plan {
  channel: Channel;
  /** Who the outbox row goes to (a group id or an OA user id); absent for relay/none. */
  recipientId?: string;
  /** Promotion at night waits for 06:00. */
  notBefore?: number;
  /** Why, in Vietnamese, for the officers' delivery report. */
  reason: string;
}

const PROMOTION_FROM_HOUR = 6;
const PROMOTION_TO_HOUR = 22;

/**
 * Picks, per recipient, what Zalo allows right now (oa-api.md §3-4): an OA-owned group through GMF;
 * a consultation message within 7 days of the person's last interaction; a promotion message to a
 * follower, one a day, 06:00-21:59; otherwise a relay through the village head. It never plans what
 * Zalo would refuse, and says why.
 */
export class ChannelPlanner {
  private groups: GroupStateSource | undefined;

  constructor(
    private readonly commune: CommuneConfig,
    private readonly users: ZaloUsersRepo,
    private readonly repo: BroadcastRepo,
  ) {}

  /** Connects the group registry: a deleted, disabled or no-longer-owned group is not posted into. */
  useGroups(groups: GroupStateSource): void {
    this.groups = groups;
  }

  planGroup(groupId: string): Plan {
    const group = this.commune.villages.flatMap((v) => v.zaloGroups).find((g) => g.groupId === groupId);
    if (!group) return { channel: "none", reason: "Nhóm không có trong cấu hình của xã." };
    if (!group.managedByOa) {
      return { channel: "relay", reason: "Nhóm do trưởng thôn tự lập: Zalo không cho trang của xã gửi vào, nhờ trưởng thôn chuyển tin." };
    }
    // As for a village without a group: the village head is asked to pass the message on.
    const unusable = this.groups?.unusable(groupId);
    if (unusable) return { channel: "relay", reason: `${unusable}: nhờ trưởng thôn chuyển tin.` };
    return { channel: "group", recipientId: groupId, reason: "Nhóm Zalo do trang của xã quản lý: đăng thẳng vào nhóm." };
  }

  /** Whether the person wrote to the OA within Zalo's 7-day window. */
  wroteRecently(userId: string, now: number): boolean {
    return withinConsultationWindow(this.users.get(userId)?.lastInteractionAt, now);
  }

  /** A person by OA user id. `allowRelay`: when Zalo allows nothing, relay through the village head. */
  planUser(userId: string | undefined, now: number, opts: { respectOptOut: boolean; allowPromotion?: boolean } = { respectOptOut: true }): Plan {
    if (!userId) return { channel: "none", reason: "Chưa có Zalo của người này." };
    if (opts.respectOptOut && this.repo.isOptedOut(userId)) return { channel: "none", reason: "Người dân đã nhắn “dừng nhận tin”." };
    const u = this.users.get(userId);
    if (withinConsultationWindow(u?.lastInteractionAt, now)) {
      return { channel: "cs", recipientId: userId, reason: "Đã nhắn trang Zalo của xã trong 7 ngày: gửi tin trả lời." };
    }
    if (u?.isFollower && opts.allowPromotion !== false) {
      const tz = this.commune.commune.timezone;
      const at = nextPromotionSlot(now, tz);
      const dayStart = startOfLocalDay(at, tz);
      if (this.repo.promotionsSince(userId, dayStart) > 0) {
        const tomorrow = nextPromotionSlot(dayStart + 24 * 3600 * 1000, tz);
        return { channel: "promotion", recipientId: userId, notBefore: tomorrow, reason: "Đã nhận 1 tin truyền thông hôm nay: gửi sáng mai từ 06:00." };
      }
      if (at > now) return { channel: "promotion", recipientId: userId, notBefore: at, reason: "Ban đêm Zalo không cho gửi tin truyền thông: chờ đến 06:00." };
      return { channel: "promotion", recipientId: userId, reason: "Quá 7 ngày chưa nhắn nhưng có quan tâm trang Zalo của xã: gửi tin thông báo (1 tin/ngày)." };
    }
    return {
      channel: "relay",
      reason: u ? "Quá 7 ngày chưa nhắn và chưa quan tâm trang Zalo của xã: nhờ trưởng thôn chuyển tin." : "Người này chưa từng nhắn trang Zalo của xã: nhờ trưởng thôn chuyển tin.",
    };
  }
}

/** `now` if it is inside 06:00-21:59 local time, else the next 06:00. */
export function nextPromotionSlot(now: number, timeZone: string): number {
  const t = localTime(now, timeZone);
  if (t.hour >= PROMOTION_FROM_HOUR && t.hour < PROMOTION_TO_HOUR) return now;
  const minutesToday = t.hour * 60 + t.minute;
  const wait = t.hour >= PROMOTION_TO_HOUR ? 24 * 60 - minutesToday + PROMOTION_FROM_HOUR * 60 : PROMOTION_FROM_HOUR * 60 - minutesToday;
  return Math.floor(now / 60_000) * 60_000 + wait * 60_000;
}

export function startOfLocalDay(now: number, timeZone: string): number {
  const t = localTime(now, timeZone);
  return Math.floor(now / 60_000) * 60_000 - (t.hour * 60 + t.minute) * 60_000;
}
