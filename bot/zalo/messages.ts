import { z } from "zod";

/** What the product sends, independent of Zalo's JSON; validated before it enters the outbox. */
const buttonSchema = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("query_hide"), title: z.string().min(1).max(100), payload: z.string().min(1).max(1000) }),
  z.strictObject({ type: z.literal("query_show"), title: z.string().min(1).max(100), payload: z.string().min(1).max(1000) }),
  z.strictObject({ type: z.literal("url"), title: z.string().min(1).max(100), url: z.url() }),
  z.strictObject({ type: z.literal("phone"), title: z.string().min(1).max(100), phone: z.string().regex(/^84\d{8,11}$/) }),
]);

export const outgoingMessageSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("text"), text: z.string().min(1).max(2000) }),
  z.strictObject({
    kind: z.literal("buttons"),
    text: z.string().min(1).max(2000),
    buttons: z.array(buttonSchema).min(1).max(5),
  }),
  z
    .strictObject({
      kind: z.literal("image"),
      text: z.string().max(2000).optional(),
      url: z.url().optional(),
      attachmentId: z.string().min(1).optional(),
    })
    .refine((m) => (m.url === undefined) !== (m.attachmentId === undefined), "an image needs either url or attachmentId"),
]);

export type OutgoingMessage = z.infer<typeof outgoingMessageSchema>;
export type MessageButton = z.infer<typeof buttonSchema>;

const ZALO_BUTTON_TYPES = {
  query_hide: "oa.query.hide",
  query_show: "oa.query.show",
  url: "oa.open.url",
  phone: "oa.open.phone",
} as const;

function toZaloButton(b: MessageButton): Record<string, unknown> {
  switch (b.type) {
    case "query_hide":
    case "query_show":
      return { title: b.title, type: ZALO_BUTTON_TYPES[b.type], payload: b.payload };
    case "url":
      return { title: b.title, type: ZALO_BUTTON_TYPES.url, payload: { url: b.url } };
    case "phone":
      return { title: b.title, type: ZALO_BUTTON_TYPES.phone, payload: { phone_code: b.phone } };
  }
}

/** The `message` object of Zalo's Message API v3 (oa-api.md §3). */
export function toZaloMessage(m: OutgoingMessage): Record<string, unknown> {
  switch (m.kind) {
    case "text":
      return { text: m.text };
    case "buttons":
      return { text: m.text, attachment: { type: "template", payload: { buttons: m.buttons.map(toZaloButton) } } };
    case "image": {
      const element = m.url ? { media_type: "image", url: m.url } : { media_type: "image", attachment_id: m.attachmentId };
      return {
        ...(m.text ? { text: m.text } : {}),
        attachment: { type: "template", payload: { template_type: "media", elements: [element] } },
      };
    }
  }
}
