import type {
  AccessTokenRecord,
  AuthCodeRecord,
  MiniAppTokenRecord,
  PhoneCodeRecord,
  RefreshTokenRecord,
  SimAnonymousChat,
  SimGroup,
  SimStats,
  SimUser,
  UploadRecord,
} from "./types";
import { emptyStats } from "./types";

/** The in-memory model of one OA on Zalo: users, groups, tokens, uploads, counters. */
export class SimState {
  users = new Map<string, SimUser>();
  groups = new Map<string, SimGroup>();
  /** Anonymous chats by anonymous_id. */
  anonymous = new Map<string, SimAnonymousChat>();
  accessTokens = new Map<string, AccessTokenRecord>();
  refreshTokens = new Map<string, RefreshTokenRecord>();
  authCodes = new Map<string, AuthCodeRecord>();
  miniAppTokens = new Map<string, MiniAppTokenRecord>();
  phoneCodes = new Map<string, PhoneCodeRecord>();
  uploads = new Map<string, UploadRecord>();
  /** Tag names of the OA (tags exist on their own; rmtag deletes one). */
  tags = new Set<string>();
  /** Permission requests waiting for a click when autoApproveOAuth is false. */
  pendingConsents = new Map<string, { redirect_uri: string; code_challenge?: string; state?: string }>();
  stats: SimStats = emptyStats();

  reset(): void {
    this.users.clear();
    this.groups.clear();
    this.anonymous.clear();
    this.accessTokens.clear();
    this.refreshTokens.clear();
    this.authCodes.clear();
    this.miniAppTokens.clear();
    this.phoneCodes.clear();
    this.uploads.clear();
    this.tags.clear();
    this.pendingConsents.clear();
    this.stats = emptyStats();
  }

  countEndpoint(name: string): void {
    this.stats.byEndpoint[name] = (this.stats.byEndpoint[name] ?? 0) + 1;
  }

  countError(code: number): void {
    if (code === 0) return;
    const k = String(code);
    this.stats.errors[k] = (this.stats.errors[k] ?? 0) + 1;
  }
}
