/** The REST API's contracts (zod), shared by the bot and the mini app. */
export * from "./common";
export * from "./auth";
export * from "./households";
export * from "./reports";
export * from "./api";
