/**
 * Zalo's consultation window: the OA may answer a person with a consultation (cs) message for 7 days
 * after that person's last message. Everyone that decides "can we write to them now" asks here, with
 * an hour's margin so that a message queued at the edge is not refused on the way.
 */
export const CONSULTATION_WINDOW_MS = 7 * 24 * 3600_000;
const MARGIN_MS = 3600_000;

export function withinConsultationWindow(lastInteractionAt: number | null | undefined, now: number): boolean {
  return lastInteractionAt !== null && lastInteractionAt !== undefined && now - lastInteractionAt < CONSULTATION_WINDOW_MS - MARGIN_MS;
}
