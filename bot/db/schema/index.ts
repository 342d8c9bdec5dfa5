export * from "./core";
export * from "./chat";
export * from "./broadcasts";
