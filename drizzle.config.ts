import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "sqlite",
  schema: "./bot/db/schema/*.ts",
  out: "./migrations",
});
