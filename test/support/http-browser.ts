// A minimal browser over fetch for sign-in flows: a cookie jar and manual redirects, so a test can walk
// the provider's pages step by step (and send each step to a different engine instance). Answers of the
// API (/api/…) are checked against the engine's OpenAPI document (./openapi.ts).
import { checkResponse, inApi } from './openapi.js';

export class HttpBrowser {
  private jar = new Map<string, string>();

  cookie(name: string): string | undefined {
    return this.jar.get(name);
  }

  private store(res: Response) {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair!.indexOf('=');
      const name = pair!.slice(0, i).trim();
      const value = pair!.slice(i + 1).trim();
      if (!value || /expires=Thu, 01 Jan 1970/i.test(c) || /max-age=0/i.test(c)) this.jar.delete(name);
      else this.jar.set(name, value);
    }
  }

  async request(url: string, init: { method?: string; form?: Record<string, string>; headers?: Record<string, string>; body?: string } = {}) {
    const headers: Record<string, string> = { ...init.headers };
    if (this.jar.size) headers.cookie = [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
    let body = init.body;
    if (init.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(init.form).toString();
    }
    const method = init.method ?? (body ? 'POST' : 'GET');
    const res = await fetch(url, { method, headers, body, redirect: 'manual' });
    this.store(res);
    const u = new URL(url);
    if (inApi(u.pathname)) {
      const type = res.headers.get('content-type') ?? '';
      const text = type.includes('event-stream') ? undefined : await res.clone().text();
      await checkResponse(u.origin, method, u.pathname + u.search, res, type.includes('json') && text ? JSON.parse(text) : text);
    }
    return res;
  }

  /** Follows redirects until a page (2xx/4xx) or a URL `stop` says to stop at; returns the last response and URL. */
  async follow(url: string, stop: (u: string) => boolean = () => false, rewrite: (u: string) => string = (u) => u) {
    let current = url;
    for (let i = 0; i < 20; i++) {
      const res = await this.request(rewrite(current));
      const loc = res.headers.get('location');
      if (res.status >= 300 && res.status < 400 && loc) {
        current = new URL(loc, current).toString();
        if (stop(current)) return { res, url: current };
        continue;
      }
      return { res, url: current, text: await res.text() };
    }
    throw new Error('too many redirects');
  }
}

export const hiddenField = (html: string, name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1] ?? '';
export const formAction = (html: string, contains: string) => {
  const m = [...html.matchAll(/<form method="post" action="([^"]+)"/g)].map((x) => x[1]!).find((a) => a.includes(contains));
  return m?.replace(/&#(\d+);/g, (_, c) => String.fromCharCode(Number(c)));
};
