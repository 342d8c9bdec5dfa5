import type { CommuneConfig, Village } from "../config/commune";
import type { Outbox } from "../outbox/outbox";
import type { HandoffRepo, HandoffRow } from "./handoff-repo";
import { quoteOneLine } from "../../shared/text";
import { fill } from "./templates";

export interface Contact {
  name: string;
  role: string;
  phone: string | undefined;
  zaloUserId: string | undefined;
}

/**
 * Hand-off to a person (seed 002): picks who answers (a volunteer of the resident's village, else the
 * village head, else a commune officer), records it, and tells that person through the outbox.
 */
export class HandoffService {
  constructor(
    private readonly repo: HandoffRepo,
    private readonly outbox: Outbox,
    private readonly commune: CommuneConfig,
    /**
     * Whether Zalo lets the OA write to this staff member now (they wrote to the OA in the last 7 days).
     * A notice to someone outside that window fails: it goes to the officers who can be reached instead.
     */
    private readonly reachable: (oaUserId: string, at: number) => boolean = () => true,
  ) {}

  contactFor(village: Village | undefined): Contact {
    const vol = village ? this.commune.volunteers.find((v) => v.villageIds.includes(village.id)) : undefined;
    if (vol) return { name: vol.name, role: vol.team ? `tình nguyện viên ${vol.team}` : "tình nguyện viên", phone: vol.phone, zaloUserId: vol.zaloUserId };
    if (village) return { name: village.head.name, role: `trưởng ${village.kind}`, phone: village.head.phone, zaloUserId: village.head.zaloUserId };
    const officer = this.commune.officers[0]!;
    return { name: officer.name, role: "cán bộ xã", phone: officer.phone, zaloUserId: officer.zaloUserId };
  }

  /** Creates the hand-off and queues the notice (to the contact, or to the officers when the contact has no Zalo id). */
  open(input: { userId: string; village: Village | undefined; reason: HandoffRow["reason"]; question: string | undefined; at: number; eventKey: string }): { handoff: HandoffRow; contact: Contact } {
    const contact = this.contactFor(input.village);
    const handoff = this.repo.create({
      userId: input.userId,
      villageId: input.village?.id ?? null,
      reason: input.reason,
      question: input.question ?? null,
      contactName: contact.name,
      contactRole: contact.role,
      contactPhone: contact.phone ?? null,
      createdAt: input.at,
    });
    const notice = fill("handoffNotice", {
      village: input.village?.name ?? "chưa rõ",
      // The resident's words, quoted on one line: they can never pass for a line of the notice itself.
      question: input.question ? quoteOneLine(input.question) : "(người dân bấm “Gặp cán bộ”)",
      oaName: this.commune.oa.name,
      handoffId: handoff.id,
    });
    const officers = this.commune.officers.flatMap((o) => (o.zaloUserId ? [o.zaloUserId] : []));
    const contactReachable = contact.zaloUserId !== undefined && this.reachable(contact.zaloUserId, input.at);
    // Nobody reachable: the ticket and the officers' daily digest are what is left (never a failing send).
    const recipients = contactReachable ? [contact.zaloUserId!] : officers.filter((o) => this.reachable(o, input.at));
    const forward = !contactReachable && contact.zaloUserId !== undefined ? fill("handoffForward", { name: contact.name, phone: contact.phone ?? "không có" }) : "";
    this.outbox.enqueue(
      ...recipients.map((r) => ({
        dedupeKey: `handoff:${handoff.id}:notify:${r}`,
        channel: "cs" as const,
        recipientId: r,
        message: { kind: "text" as const, text: `${notice}${forward}`.slice(0, 2000) },
        origin: `handoff:${handoff.id}`,
      })),
    );
    return { handoff, contact };
  }

  openFor(userId: string): HandoffRow | undefined {
    return this.repo.openFor(userId);
  }

  markAnswered(id: number, adminId: string, at: number): void {
    this.repo.markAnswered(id, adminId, at);
  }

  get(id: number): HandoffRow | undefined {
    return this.repo.get(id);
  }
}
