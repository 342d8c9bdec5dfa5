import type { GdsTestApp } from "../households/support";

/** Every (method, path) Fastify serves under /api, from its printed route tree (no HEAD/OPTIONS). */
export function apiRoutes(app: GdsTestApp["app"]): { method: string; path: string }[] {
  const out: { method: string; path: string }[] = [];
  const stack: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split("\n")) {
    const m = line.match(/^((?:│ {3}| {4})*)(?:├── |└── )(\S+)(?: \(([A-Z, ]+)\))?$/u);
    if (!m) continue;
    const depth = [...m[1]!].length / 4;
    const path = (stack[depth - 1] ?? "") + m[2]!;
    stack[depth] = path;
    stack.length = depth + 1;
    if (!m[3] || !path.startsWith("/api/")) continue;
    for (const method of m[3].split(",").map((x) => x.trim())) {
      if (method !== "HEAD" && method !== "OPTIONS") out.push({ method, path });
    }
  }
  return out;
}
