/** What the host adapters share: their messages, the guide's chat message, the timeout. Loaded with them only. */
import { PlatformError, type GuideRef, type PlatformErrorCode } from "./types";

export const PLATFORM_MESSAGES: Record<PlatformErrorCode, string> = {
  timeout: "Zalo chưa phản hồi. Bác thử lại sau ít phút nhé.",
  denied: "Bác chưa cho phép Zalo làm việc này.",
  unsupported: "Phiên bản Zalo này chưa hỗ trợ. Bác cập nhật Zalo rồi thử lại.",
  failed: "Có lỗi khi gọi Zalo. Bác thử lại nhé.",
};

/**
 * The text put ready in the OA chat to start a guide: plain Vietnamese the resident can read before
 * pressing send, which the bot's matcher resolves to that guide (test/miniapp/adapter.test.ts checks
 * every guide title).
 */
export function guideChatMessage(guide: GuideRef): string {
  return `Hướng dẫn: ${guide.title}`;
}

/** Settles with the promise, or rejects with PlatformError("timeout") after `ms`: some zmp-sdk calls never settle outside Zalo. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new PlatformError("timeout", PLATFORM_MESSAGES.timeout, what)), ms);
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}
