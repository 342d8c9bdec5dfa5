/**
 * What the mini app needs from its host (Zalo, or a browser in sandbox and tests). Every zmp-sdk call
 * lives in ./zalo.ts; screens only see this interface. No DOM types here: unit tests run in Node.
 */
export type Theme = "light" | "dark";

/** localStorage's shape (tests pass a Map-backed one). */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface ShareContent {
  /** Shown as the title of a shared link card. */
  title: string;
  /** The message itself (what lands in the chat or group). */
  text: string;
  /** Optional link shared with the text. */
  link?: string;
}

/** shared: the host's share sheet sent it; copied: no share sheet, the text is on the clipboard. */
export type ShareResult = "shared" | "copied" | "cancelled";

export interface GuideRef {
  id: string;
  title: string;
}

export interface Platform {
  readonly kind: "zalo" | "browser";
  /** The Zalo mini-app user access token (sent once to the bot, which verifies it with Zalo). */
  accessToken(): Promise<string>;
  /**
   * Who Zalo says this is, without asking for permission; null when Zalo does not tell.
   * `followedOA`: whether this user follows the commune's OA (zmp-sdk getUserInfo), when Zalo says.
   */
  userInfo(): Promise<{ id: string; name?: string; followedOA?: boolean } | null>;
  /** The Zalo (or system) theme now. */
  theme(): Promise<Theme>;
  /** Opens the commune OA's chat with a message that starts the guide, ready to send. */
  openGuideChat(guide: GuideRef): Promise<void>;
  /** The host's share sheet (a chat or a group), e.g. a village head relaying a reminder. */
  share(content: ShareContent): Promise<ShareResult>;
  /** "Quan tâm" the commune's OA. */
  followOA(): Promise<void>;
  /** The host's QR scanner (an officer logging in on a PC): the text read. "unsupported" where there is none. */
  scanQR(): Promise<string>;
}

export type PlatformErrorCode = "timeout" | "denied" | "unsupported" | "failed";

/** A host call that did not work, with a Vietnamese message a resident can read (./messages.ts). */
export class PlatformError extends Error {
  override name = "PlatformError";
  constructor(
    readonly code: PlatformErrorCode,
    message: string,
    readonly detail?: unknown,
  ) {
    super(message);
  }
}
