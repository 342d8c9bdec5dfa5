/** The staff link code call ("Liên kết tài khoản cán bộ"): loaded with that screen only (first-load budget). */
import type { z } from "zod";
import type { StaffLinkResponse } from "../../../shared/contracts/commune";
import type { ApiClient } from "./client";

export type StaffLinkAnswer = z.infer<typeof StaffLinkResponse>;

/** POST /api/staff-link: links the signed-in account to the person the admin made the code for. */
export const staffLink = (api: ApiClient, code: string) => api.call<StaffLinkAnswer>("POST", "/api/staff-link", { code });
