// GET /api/notifications/stream — Server-Sent Events of the signed-in user's new notifications.
//
// Authentication, and why: the web apps' cookie session works as is (EventSource sends same-origin
// cookies), and any client that can set headers (fetch, mobile, scripts) sends its bearer token. A
// browser EventSource with a bearer token cannot set the header, so it first asks for a ticket
// (POST /api/notifications/stream-ticket, with the header) and opens `?ticket=…`. A bearer token in the
// URL (?access_token=) is NOT accepted: URLs end up in proxy and access logs, browser history and
// Referer headers, where a token stays valid for hours; a ticket is random, stored hashed, valid 60
// seconds and for one connection only, so a logged URL is worthless. The stream ends when the session it
// was opened with is revoked, expires, or sits idle past the 15-minute lock; the client reconnects with
// Last-Event-ID and gets what it missed.
import { PassThrough } from 'node:stream';
import type Koa from 'koa';
import type { Services } from '../services.js';
import type { AppState } from '../api/state.js';
import { unauthorized } from '../api/errors.js';

const HEARTBEAT_MS = 25_000;
const SESSION_CHECK_MS = 30_000;
const MAX_WITHOUT_SESSION_MS = 15 * 60_000; // streams of OIDC access tokens (no session row) are re-opened

export async function openStream(ctx: Koa.ParameterizedContext<AppState>, s: Services): Promise<void> {
  let userId: number;
  let tokenId: number | undefined;
  const principal = ctx.state.principal;
  if (principal && principal.id > 0) {
    userId = principal.id;
    tokenId = ctx.state.tokenId;
  } else if (typeof ctx.query.ticket === 'string' && !principal) {
    const t = await s.notify.redeemTicket(ctx.query.ticket);
    if (!t) throw unauthorized('Vé kết nối đã hết hạn hoặc đã được dùng');
    ({ userId, tokenId } = t);
  } else throw unauthorized();

  const lastEventId = Number(ctx.get('last-event-id') || 0);
  ctx.req.socket.setTimeout(0);
  ctx.req.socket.setNoDelay(true);
  ctx.req.socket.setKeepAlive(true);
  ctx.status = 200;
  ctx.type = 'text/event-stream; charset=utf-8';
  ctx.set('Cache-Control', 'no-cache, no-transform');
  ctx.set('X-Accel-Buffering', 'no');
  const out = new PassThrough();
  ctx.body = out;

  const sent = new Set<number>();
  const send = (event: string, data: unknown, id?: number) => {
    if (id !== undefined) {
      if (sent.has(id)) return;
      sent.add(id);
      if (sent.size > 5000) sent.delete(sent.values().next().value!);
    }
    out.write(`${id !== undefined ? `id: ${id}\n` : ''}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  };
  const unsubscribe = s.notify.hub.subscribe(userId, (e) => {
    send('notification', e.notification, Number(e.notification.id));
    void s.notify.unread(userId).then((n) => send('unread', { unread: n }), () => undefined);
  });
  const opened = Date.now();
  const timers = [
    setInterval(() => out.write(': ping\n\n'), HEARTBEAT_MS),
    setInterval(() => {
      const check = tokenId ? s.notify.sessionAlive(tokenId) : Promise.resolve(Date.now() - opened < MAX_WITHOUT_SESSION_MS);
      void check.then((alive) => alive || out.end(), () => undefined);
    }, SESSION_CHECK_MS),
  ];
  const cleanup = () => {
    unsubscribe();
    for (const t of timers) clearInterval(t);
  };
  ctx.req.on('close', () => {
    cleanup();
    out.end();
  });
  out.on('close', cleanup);

  out.write('retry: 5000\n\n');
  send('unread', { unread: await s.notify.unread(userId) });
  if (lastEventId > 0) for (const n of await s.notify.since(userId, lastEventId)) send('notification', n, n.id);
}
