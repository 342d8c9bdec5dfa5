import { officerSends, personSends, type AnonymousContent, type AnonymousKind } from "./anonymous";
import type { SimContext } from "./context";
import { DOCUMENTED_EVENTS, reshape } from "./documented-events";
import type { WebhookBody } from "./webhook-emitter";
import { ControlError } from "./zalo-errors";

export interface EmitDocumentedInput {
  /** The person (OA-scoped user id); a fixed demo id when absent. */
  user_id?: string | undefined;
  /** The anonymous person of anonymous_send_* / oa_send_anonymous_* ("anon-1" when absent). */
  anonymous_id?: string | undefined;
  /** Text of an anonymous text message. */
  text?: string | undefined;
  fields?: Record<string, unknown> | undefined;
  omit?: readonly string[] | undefined;
}

export const DEFAULT_USER_ID = "8000000000000000001";
const ANONYMOUS = /^(anonymous_send|oa_send_anonymous)_(text|image|sticker|file)$/;

/** Attachments of the anonymous pages' examples (webhook/tin-nhan/su-kien-nguoi-dung-an-danh-gui-tin-nhan). */
const ANONYMOUS_CONTENT: Record<Exclude<AnonymousKind, "text">, AnonymousContent> = {
  image: { attachments: [{ payload: { thumbnail: "https://photo-chat-widget.zdn.vn/sim-1", url: "https://photo-chat.widget.zdn.vn/w160/sim-1" }, type: "image" }] },
  sticker: { attachments: [{ payload: { id: "0", url: "https://zalo-api.zadn.vn/api/emoticon/sticker/webpc?eid=892&size=130&version=3" }, type: "sticker" }] },
  file: { attachments: [{ payload: { size: "233947", name: "developer.docx", checksum: "db8f0a790d28e3d8658a0ff0846189", type: "docx", url: "https://f7-group-zf.zdn.vn/sim/1" }, type: "file" }] },
};

/** Every event name the control API can emit. */
export function documentedEventNames(): string[] {
  const anonymous = ["text", "image", "sticker", "file"].flatMap((k) => [`anonymous_send_${k}`, `oa_send_anonymous_${k}`]);
  return [...Object.keys(DOCUMENTED_EVENTS), ...anonymous].sort();
}

export async function emitDocumented(ctx: SimContext, eventName: string, input: EmitDocumentedInput): Promise<{ event_name: string; delivered: boolean; body: WebhookBody }> {
  let emitted: WebhookBody | undefined;
  const shape = (body: WebhookBody) => {
    try {
      emitted = reshape(body, input.fields, input.omit);
    } catch (err) {
      throw new ControlError(400, (err as Error).message);
    }
    return emitted;
  };
  const anon = ANONYMOUS.exec(eventName);
  if (anon) {
    const kind = anon[2] as AnonymousKind;
    const content = kind === "text" ? { text: input.text ?? "Xin chào" } : structuredClone(ANONYMOUS_CONTENT[kind]);
    const anonId = input.anonymous_id ?? "anon-1";
    const r = anon[1] === "anonymous_send" ? await personSends(ctx, anonId, kind, content, { shape }) : await officerSends(ctx, anonId, kind, content, { shape });
    return { event_name: eventName, delivered: r.delivered, body: emitted! };
  }
  const doc = DOCUMENTED_EVENTS[eventName];
  if (!doc) throw new ControlError(404, `unknown or group event "${eventName}"; known: ${documentedEventNames().join(", ")}`);
  const body = shape(doc.build(ctx, { userId: input.user_id ?? DEFAULT_USER_ID }));
  const delivered = await ctx.emitter.emit(body).firstAttempt;
  return { event_name: eventName, delivered, body };
}
