export * from "./core";
export * from "./chat";
export * from "./broadcasts";
export * from "./households";
export * from "./runtime";
export * from "./privacy";
export * from "./outbox-pause";
export * from "./groups";
