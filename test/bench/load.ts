import { request, Agent } from "node:http";

export interface PreparedRequest {
  body: Buffer;
  headers: Record<string, string>;
}

export interface LoadResult {
  count: number;
  errors: number;
  seconds: number;
  latenciesMs: number[];
}

const agent = (n: number) => new Agent({ keepAlive: true, maxSockets: n });

function send(port: number, path: string, req: PreparedRequest, a: Agent): Promise<number> {
  return new Promise((resolve, reject) => {
    const r = request(
      { host: "127.0.0.1", port, path, method: "POST", agent: a, headers: { ...req.headers, "content-length": String(req.body.length) } },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    r.on("error", reject);
    r.end(req.body);
  });
}

/** Closed loop: `concurrency` requests always in flight until all are sent. Measures throughput. */
export async function closedLoop(port: number, path: string, reqs: PreparedRequest[], concurrency: number): Promise<LoadResult> {
  const a = agent(concurrency);
  let next = 0;
  let errors = 0;
  const latenciesMs: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < reqs.length) {
        const req = reqs[next++]!;
        const t0 = performance.now();
        const status = await send(port, path, req, a).catch(() => 0);
        latenciesMs.push(performance.now() - t0);
        if (status !== 200) errors++;
      }
    }),
  );
  a.destroy();
  return { count: reqs.length, errors, seconds: (performance.now() - started) / 1000, latenciesMs };
}

/** Open loop: requests start on a fixed schedule (`perSecond`) whatever the answers. Measures latency. */
export async function openLoop(port: number, path: string, reqs: PreparedRequest[], perSecond: number): Promise<LoadResult> {
  const a = agent(256);
  let errors = 0;
  const latenciesMs: number[] = [];
  const started = performance.now();
  const pending: Promise<void>[] = [];
  for (let i = 0; i < reqs.length; i++) {
    const due = started + (i * 1000) / perSecond;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const t0 = performance.now();
    pending.push(
      send(port, path, reqs[i]!, a).then(
        (status) => {
          latenciesMs.push(performance.now() - t0);
          if (status !== 200) errors++;
        },
        () => {
          errors++;
        },
      ),
    );
  }
  await Promise.all(pending);
  a.destroy();
  return { count: reqs.length, errors, seconds: (performance.now() - started) / 1000, latenciesMs };
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}
