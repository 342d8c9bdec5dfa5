/**
 * Guides and legal tips as the officers' API answers them (bot/guides), read by the PC console's
 * editor. The guide document itself is `Guide` (shared/guides/schema.ts), validated by GuideSchema.
 */
import { z } from "zod";
import { stripInvisible } from "../text/normalize";

/** A problem with a draft, in Vietnamese, where it is: "title", "steps.2.text", "phrasings", "sources.1"… */
export interface FieldIssue {
  path: string;
  message: string;
}

/** A guide document as the editor sends it (validated on the server by the guide schema). */
export type GuideDoc = Record<string, unknown>;

export const GuideIdParam = z.object({ id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "Mã hướng dẫn chưa đúng.").max(80) });

export const GuidePreviewRequest = z.object({ doc: z.record(z.string(), z.unknown()) }).strict();

export const GuideSaveRequest = z
  .object({
    doc: z.record(z.string(), z.unknown()),
    /** The version the officer started from: saving over a newer one is refused (409). */
    baseVersion: z.number().int().positive(),
    note: z.string().trim().max(300).optional(),
  })
  .strict();

export const GuideRollbackRequest = z.object({ version: z.number().int().positive(), note: z.string().trim().max(300).optional() }).strict();

export const LegalTipRequest = z
  .object({
    // Invisible characters do not count toward the lengths (nor reach the groups).
    title: z.string().transform((t) => stripInvisible(t).trim()).pipe(z.string().min(3, "Tiêu đề cần ít nhất 3 ký tự.").max(120, "Tiêu đề dài quá 120 ký tự.")),
    text: z
      .string()
      .transform((t) => stripInvisible(t).trim())
      .pipe(z.string().min(20, "Nội dung cần ít nhất 20 ký tự.").max(1500, "Nội dung dài quá 1.500 ký tự (tin nhắn nhóm Zalo).")),
  })
  .strict();

export const LegalTipIdParam = z.object({ id: z.coerce.number().int().positive() });

export interface GuideListItem {
  id: string;
  title: string;
  shortTitle: string | null;
  steps: number;
  version: number;
  /** The current content is the shipped one (not edited by the commune). */
  shipped: boolean;
  /** A shipped update waits for review (the commune had edited the guide). */
  updatePending: boolean;
  updatedAt: string;
  updatedBy: string;
}

export interface GuideChange {
  /** In words: "Tiêu đề", "Bước 3", "Câu hỏi mẫu"… */
  field: string;
  before: string | null;
  after: string | null;
}

export interface GuideVersionView {
  version: number;
  source: "shipped" | "commune";
  /** Who: an officer, or "nhà phát triển". */
  actor: string;
  at: string;
  note: string | null;
  current: boolean;
  /** What changed against the version before it (empty for the first). */
  changes: GuideChange[];
}

export interface GuideDetail {
  id: string;
  /** The title as residents read it (placeholders filled). */
  title: string;
  version: number;
  /** The current document (placeholders not filled). */
  doc: GuideDoc;
  shipped: boolean;
  /** The shipped update waiting for review, with what it would change. */
  pendingUpdate: { version: number; at: string; changes: GuideChange[] } | null;
  versions: GuideVersionView[];
  /** The placeholders a guide may use ("{{commune.name}}"), with the commune's value now. */
  placeholders: { key: string; value: string | null }[];
}

export interface ChatButtonView {
  title: string;
  kind: "query" | "url" | "phone";
  url?: string;
}

export interface ChatMessageView {
  kind: "text" | "buttons" | "image";
  text?: string;
  url?: string;
  buttons?: ChatButtonView[];
}

export interface GuidePreview {
  ok: boolean;
  issues: FieldIssue[];
  /** Each step as the chat sends it (the bot's own messages, placeholders filled). */
  chat: { step: number; messages: ChatMessageView[] }[];
  /** The guide as the mini app shows it. */
  miniapp: { id: string; title: string; summary: string; steps: { text: string; image?: { url: string; alt: string }; link?: { title: string; url: string } }[] };
}

export interface LegalTipView {
  id: number;
  title: string;
  text: string;
  position: number;
  retired: boolean;
  updatedAt: string;
  updatedBy: string;
}

export interface LegalTipList {
  items: LegalTipView[];
  /** The tip the next weekly send would use (by the date now). */
  nextId: number | null;
}
