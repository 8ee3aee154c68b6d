// The engine's Server-Sent Events stream read as a browser's EventSource would: events collected as they
// come, with a wait for one that matches and a close.
import { apiFetch } from './openapi.js';

export interface StreamEvent {
  event: string;
  data: any;
  id?: string;
}

export interface EventStream {
  res: Response;
  events: StreamEvent[];
  until(pred: (e: StreamEvent) => boolean, ms?: number): Promise<StreamEvent | undefined>;
  close(): Promise<void>;
}

/** Opens `path` of the engine at `base` (checked against its OpenAPI document) and reads its events. */
export async function openEventStream(base: string, path: string, init: RequestInit = {}): Promise<EventStream> {
  const ac = new AbortController();
  const res = await apiFetch(base, path, { ...init, signal: ac.signal });
  const events: StreamEvent[] = [];
  const reading = (async () => {
    if (res.status !== 200 || !res.body) return;
    const decoder = new TextDecoder();
    let buf = '';
    try {
      for await (const chunk of res.body as any) {
        buf += decoder.decode(chunk, { stream: true });
        let i: number;
        while ((i = buf.indexOf('\n\n')) >= 0) {
          const block = buf.slice(0, i);
          buf = buf.slice(i + 2);
          const f = Object.fromEntries(block.split('\n').filter((l) => /^(event|data|id):/.test(l)).map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1).trim()]));
          if (f.event) events.push({ event: f.event, data: JSON.parse(f.data), id: f.id });
        }
      }
    } catch {
      /* aborted */
    }
  })();
  return {
    res,
    events,
    async until(pred, ms = 5000) {
      const end = Date.now() + ms;
      while (!events.some(pred) && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
      return events.find(pred);
    },
    async close() {
      ac.abort();
      await reading;
    },
  };
}
