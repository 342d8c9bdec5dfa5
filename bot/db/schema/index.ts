export * from "./core";
export * from "./chat";
