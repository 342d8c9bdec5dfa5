import { z } from "zod";
import { invalidParam, Z, zaloError } from "./zalo-errors";
import type { ZaloErrorBody } from "./zalo-errors";
import type { ButtonView } from "./types";

/**
 * Validation of the `message` object of /v3.0/oa/message/{cs,transaction,promotion}
 * and /v3.0/oa/group/message, per shared/zalo/oa-api.md §3-4. Bad shapes answer
 * -201 "<field> is invalid"; an attachment type or template the simulator (or
 * Zalo's v3 API) does not support answers -233.
 */

export type MessageEndpoint = "cs" | "transaction" | "promotion" | "group";

export interface OutgoingContent {
  text: string;
  buttons: ButtonView[];
  image?: { media_type: "image" | "gif"; url?: string; attachment_id?: string };
  form?: { title: string; subtitle?: string; image_url?: string };
  template_type?: string;
  quote_message_id?: string;
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: ZaloErrorBody };

const TEXT_MAX = 2000;

const queryPayload = z.string().min(1).max(1000);

function buttonSchema(titleMax: number) {
  const title = z.string().min(1).max(titleMax);
  const icon = { image_icon: z.string().optional() };
  return z.discriminatedUnion("type", [
    z.object({ title, type: z.literal("oa.open.url"), payload: z.object({ url: z.url() }), ...icon }),
    z.object({ title, type: z.literal("oa.query.show"), payload: queryPayload, ...icon }),
    z.object({ title, type: z.literal("oa.query.hide"), payload: queryPayload, ...icon }),
    z.object({ title, type: z.literal("oa.open.phone"), payload: z.object({ phone_code: z.string().min(1) }), ...icon }),
    z.object({
      title,
      type: z.literal("oa.open.sms"),
      payload: z.object({ content: z.string().min(1).max(160), phone_code: z.string().min(1) }),
      ...icon,
    }),
  ]);
}

const ButtonsTemplate = z.array(buttonSchema(100)).min(1).max(5);
const RichButtons = z.array(buttonSchema(35)).max(4);

const MediaElement = z
  .object({
    media_type: z.enum(["image", "gif"]),
    url: z.url().optional(),
    attachment_id: z.string().min(1).optional(),
    width: z.number().int().positive().optional(),
    height: z.number().int().positive().optional(),
  })
  .refine((e) => (e.url === undefined) !== (e.attachment_id === undefined), {
    message: "exactly one of url or attachment_id",
    path: ["attachment_id"],
  })
  .refine((e) => e.media_type !== "gif" || (e.width !== undefined && e.height !== undefined), {
    message: "gif needs width and height",
    path: ["width"],
  });

const FormElement = z.object({
  title: z.string().min(1).max(100),
  subtitle: z.string().max(500).optional(),
  image_url: z.url().optional(),
});

const RichElement = z.discriminatedUnion("type", [
  z.object({ type: z.literal("banner"), image_url: z.url().optional(), attachment_id: z.string().optional() }),
  z.object({ type: z.literal("header"), content: z.string().min(1).max(100), align: z.string().optional() }),
  z.object({ type: z.literal("text"), content: z.string().min(1).max(250), align: z.string().optional() }),
  z.object({
    type: z.literal("table"),
    content: z.array(z.object({ key: z.string().min(1).max(35), value: z.string().min(1).max(100), style: z.string().optional() })).min(1),
  }),
]);

const TRANSACTION_TEMPLATES = new Set([
  "transaction_billing",
  "transaction_order",
  "transaction_reward",
  "transaction_contract",
  "transaction_booking",
  "transaction_membership",
  "transaction_event",
  "transaction_transaction",
  "transaction_account",
  "transaction_internal",
  "transaction_partnership",
  "transaction_education",
  "transaction_rating",
]);

const MessageShape = z.object({
  text: z.string().optional(),
  quote_message_id: z.string().min(1).optional(),
  attachment: z.unknown().optional(),
});

const AttachmentShape = z.object({ type: z.string(), payload: z.record(z.string(), z.unknown()) });

function fieldOf(issues: z.core.$ZodIssue[], fallback: string): string {
  const path = issues[0]?.path ?? [];
  for (let i = path.length - 1; i >= 0; i -= 1) {
    const seg = path[i];
    if (typeof seg === "string") return seg;
  }
  return fallback;
}

function fail(field: string): { ok: false; error: ZaloErrorBody } {
  return { ok: false, error: invalidParam(field) };
}

function unsupported(): { ok: false; error: ZaloErrorBody } {
  return { ok: false, error: zaloError(Z.MESSAGE_TYPE_INVALID) };
}

function toButtons(list: { title: string; type: string; payload: unknown }[]): ButtonView[] {
  return list.map((b) => ({ title: b.title, type: b.type, payload: b.payload }));
}

/** Validates and normalises a `message` object for the given endpoint. */
export function parseOutgoingMessage(raw: unknown, endpoint: MessageEndpoint): ParseResult<OutgoingContent> {
  const m = MessageShape.safeParse(raw);
  if (!m.success) return fail(raw === undefined || typeof raw !== "object" ? "message" : fieldOf(m.error.issues, "message"));
  const { text, quote_message_id, attachment } = m.data;
  if (text !== undefined && (text.length > TEXT_MAX || text.length === 0)) return fail("text");
  if (text === undefined && attachment === undefined) return fail("message");
  const content: OutgoingContent = { text: text ?? "", buttons: [] };
  if (quote_message_id) {
    if (endpoint === "group") return fail("quote_message_id");
    content.quote_message_id = quote_message_id;
  }
  if (attachment === undefined) return { ok: true, value: content };

  const a = AttachmentShape.safeParse(attachment);
  if (!a.success) return fail(fieldOf(a.error.issues, "attachment"));
  if (a.data.type !== "template") return unsupported();
  const payload = a.data.payload;
  const templateType = payload.template_type;

  if (templateType === undefined) {
    // Buttons template: {buttons: [...]}, shown with message.text. Not for groups.
    if (endpoint === "group") return unsupported();
    const b = ButtonsTemplate.safeParse(payload.buttons);
    if (!b.success) return fail(b.error.issues[0]?.path.length ? fieldOf(b.error.issues, "buttons") : "buttons");
    content.buttons = toButtons(b.data);
    return { ok: true, value: content };
  }

  if (templateType === "media") {
    const els = payload.elements;
    if (!Array.isArray(els) || els.length !== 1) return fail("elements");
    const e = MediaElement.safeParse(els[0]);
    if (!e.success) return fail(fieldOf(e.error.issues, "elements"));
    const { media_type, url, attachment_id } = e.data;
    content.image = { media_type, ...(url ? { url } : {}), ...(attachment_id ? { attachment_id } : {}) };
    return { ok: true, value: content };
  }

  if (templateType === "request_user_info") {
    if (endpoint === "group" || endpoint === "promotion") return unsupported();
    const els = payload.elements;
    if (!Array.isArray(els) || els.length !== 1) return fail("elements");
    const e = FormElement.safeParse(els[0]);
    if (!e.success) return fail(fieldOf(e.error.issues, "elements"));
    content.form = e.data;
    content.template_type = "request_user_info";
    return { ok: true, value: content };
  }

  const isPromotion = templateType === "promotion";
  const isTransaction = typeof templateType === "string" && TRANSACTION_TEMPLATES.has(templateType);
  if ((isPromotion && endpoint === "promotion") || (isTransaction && endpoint === "transaction")) {
    const els = z.array(RichElement).min(1).safeParse(payload.elements);
    if (!els.success) return fail(fieldOf(els.error.issues, "elements"));
    const btn = RichButtons.safeParse(payload.buttons ?? []);
    if (!btn.success) return fail(btn.error.issues[0]?.path.length ? fieldOf(btn.error.issues, "buttons") : "buttons");
    if (payload.language !== undefined && payload.language !== "VI" && payload.language !== "EN") return fail("language");
    const lines: string[] = [];
    let banner: OutgoingContent["image"];
    let texts = 0;
    for (const el of els.data) {
      if (el.type === "banner") {
        if (!el.image_url && !el.attachment_id) return fail("image_url");
        banner = { media_type: "image", ...(el.image_url ? { url: el.image_url } : {}), ...(el.attachment_id ? { attachment_id: el.attachment_id } : {}) };
      } else if (el.type === "header" || el.type === "text") {
        if (el.type === "text" && ++texts > 2) return fail("elements");
        lines.push(el.content);
      } else {
        for (const row of el.content) lines.push(`${row.key}: ${row.value}`);
      }
    }
    content.template_type = templateType as string;
    content.text = [content.text, ...lines].filter((s) => s.length > 0).join("\n");
    content.buttons = toButtons(btn.data);
    if (banner) content.image = banner;
    return { ok: true, value: content };
  }

  return unsupported();
}

/** The OA-scoped recipient id, accepted as a string or (loosely) a number. */
export const UserIdSchema = z.union([z.string().min(1), z.number().int().nonnegative()]).transform((v) => String(v));
