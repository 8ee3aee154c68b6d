// HTTP load on loopback with autocannon: a fixed duration (or a fixed number of requests), a number of
// concurrent connections, and a request factory that may vary the path and body per request.
import autocannon from 'autocannon';

export interface Measured {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export interface LoadOptions {
  url: string;
  token: string;
  connections: number;
  duration?: number;
  amount?: number;
  method?: 'GET' | 'POST';
  /** Path (and body) of the n-th request of connection `slot`. */
  request: (slot: number, n: number) => { path: string; body?: unknown };
  onBody?: (status: number, body: string) => void;
}

export async function load(o: LoadOptions): Promise<Measured & { non2xx: number; errors: number }> {
  let slots = 0;
  const result = await autocannon({
    url: o.url,
    connections: o.connections,
    ...(o.amount ? { amount: o.amount } : { duration: o.duration ?? 10 }),
    headers: { authorization: `Bearer ${o.token}`, 'content-type': 'application/json' },
    initialContext: {},
    requests: [
      {
        method: o.method ?? 'GET',
        // Each connection gets a slot number of its own, so write requests can keep to disjoint tasks.
        setupRequest: (req: any, ctx: any) => {
          if (ctx.slot === undefined) {
            ctx.slot = slots++;
            ctx.n = 0;
          }
          const r = o.request(ctx.slot, ctx.n++);
          return { ...req, path: r.path, ...(r.body === undefined ? {} : { body: JSON.stringify(r.body) }) };
        },
        onResponse: o.onBody ? (status: number, body: string) => o.onBody!(status, body) : undefined,
      } as any,
    ],
  });
  return { rps: result.requests.total / result.duration, p50: result.latency.p50, p99: result.latency.p99, requests: result.requests.total, non2xx: result.non2xx, errors: result.errors };
}
