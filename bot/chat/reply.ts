import type { MessageButton, OutgoingMessage } from "../zalo/messages";
import { PAYLOAD } from "./commands";
import { TEMPLATES } from "./templates";

/** Zalo's limits on a consultation message (oa-api.md §3). */
export const MAX_TEXT = 2000;
export const MAX_BUTTONS = 5;

/** The messages one incoming event is answered with, in order. */
export class Reply {
  readonly messages: OutgoingMessage[] = [];

  text(text: string, buttons: MessageButton[] = []): this {
    const body = text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text;
    const bs = buttons.slice(0, MAX_BUTTONS);
    this.messages.push(bs.length > 0 ? { kind: "buttons", text: body, buttons: bs } : { kind: "text", text: body });
    return this;
  }

  image(url: string, caption?: string): this {
    this.messages.push({ kind: "image", url, ...(caption ? { text: caption.slice(0, MAX_TEXT) } : {}) });
    return this;
  }
}

export const button = {
  query: (title: string, payload: string): MessageButton => ({ type: "query_hide", title: title.slice(0, 100), payload }),
  url: (title: string, url: string): MessageButton => ({ type: "url", title: title.slice(0, 100), url }),
  phone: (title: string, phone: string): MessageButton => ({ type: "phone", title: title.slice(0, 100), phone }),
  next: () => button.query(TEMPLATES.buttonNext, PAYLOAD.next),
  back: () => button.query(TEMPLATES.buttonBack, PAYLOAD.back),
  menu: () => button.query(TEMPLATES.buttonMenu, PAYLOAD.menu),
  handoff: () => button.query(TEMPLATES.buttonHandoff, PAYLOAD.handoff),
  schedule: () => button.query(TEMPLATES.buttonSchedule, PAYLOAD.schedule),
};

/** "0912 000 301" → "84912000301" for Zalo's oa.open.phone; undefined when it is not a mobile number. */
export function zaloPhone(phone: string | undefined): string | undefined {
  if (!phone) return undefined;
  const digits = phone.replace(/\D/g, "");
  const intl = digits.startsWith("84") ? digits : digits.startsWith("0") ? `84${digits.slice(1)}` : undefined;
  return intl && /^84\d{8,11}$/.test(intl) ? intl : undefined;
}
