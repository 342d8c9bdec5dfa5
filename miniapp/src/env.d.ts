/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** The bot's public origin for a build that runs inside Zalo, e.g. "https://gds.example.gov.vn". Empty: same origin. */
  readonly VITE_API_BASE_URL?: string;
  /** The commune OA's id, for "Hỏi trên Zalo" (openChat) and "Quan tâm" (followOA) inside Zalo. */
  readonly VITE_ZALO_OA_ID?: string;
  /** Override of the simulator's control API (browser adapter). */
  readonly VITE_SIMULATOR_API?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
