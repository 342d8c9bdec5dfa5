/** The simulator's public surface. */
export { simulatorPlugin } from "./plugin";
export type { SimulatorPluginOptions } from "./plugin";
export { createSimulator } from "./simulator";
export type { Simulator, GroupView } from "./simulator";
export type { SimulatorOptions } from "./options";
export { startSimulator } from "./server";
export type { StartedSimulator } from "./server";
export { SimClock } from "./clock";
export type { DeliveryLogEntry, WebhookState } from "./webhook-emitter";
export type { InboxItem, GroupMessageItem, ConversationItem, SimStats, TokenPair } from "./types";
export { webhookMac, appSecretProof, pkceChallenge } from "./signing";
export { vnTime } from "./vn-time";
