// The network allow-list of administrative routes (DOMAIN.md, "admin functions separable (own port or
// network allow-list)"): with ADMIN_ALLOWLIST set, a route `isAdminRoute()` calls administrative answers
// 403 (audited) to any other address. The client address is ctx.ip: the socket's peer, or behind a
// reverse proxy (TRUST_PROXY=true) the address the trusted proxy saw (app.ts, TRUST_PROXY_HOPS).
import net from 'node:net';
import type Koa from 'koa';
import type { Services } from '../services.js';
import { HttpError } from './errors.js';
import type { RouteSpec } from './routes.js';
import type { AppState } from './state.js';

interface Range {
  family: 4 | 6;
  base: bigint;
  bits: number;
}

/** '::ffff:192.0.2.1' (an IPv4 client on a dual-stack socket) is 192.0.2.1; a zone index is dropped. */
export function normalizeIp(ip: string): string {
  const bare = ip.trim().replace(/%.*$/, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare);
  return mapped ? mapped[1]! : bare;
}

function v4(ip: string): bigint {
  return ip.split('.').reduce((acc, part) => (acc << 8n) | BigInt(Number(part)), 0n);
}

function v6(ip: string): bigint {
  let s = ip;
  // An embedded IPv4 tail (::ffff:1.2.3.4, 64:ff9b::1.2.3.4) becomes two groups.
  const tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  if (tail) {
    const n = v4(tail[1]!);
    s = `${s.slice(0, -tail[1]!.length)}${(n >> 16n).toString(16)}:${(n & 0xffffn).toString(16)}`;
  }
  const [head, rest] = s.split('::') as [string, string | undefined];
  const left = head ? head.split(':') : [];
  const right = rest === undefined ? [] : rest ? rest.split(':') : [];
  const groups = rest === undefined ? left : [...left, ...Array(8 - left.length - right.length).fill('0'), ...right];
  return groups.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g || '0', 16)), 0n);
}

/** The address as a number and its family, or null when it is not an IP address. */
export function parseIp(ip: string): { family: 4 | 6; value: bigint } | null {
  const a = normalizeIp(ip);
  const family = net.isIP(a);
  if (family === 4) return { family: 4, value: v4(a) };
  if (family === 6) return { family: 6, value: v6(a) };
  return null;
}

/** '10.0.0.0/8', '2001:db8::/32' or a single address; throws on anything else (a typo must not open the gate). */
export function parseRange(entry: string): Range {
  const [addr, prefix, extra] = entry.trim().split('/');
  const ip = addr ? parseIp(addr) : null;
  const max = ip?.family === 4 ? 32 : 128;
  const bits = prefix === undefined ? max : /^\d{1,3}$/.test(prefix) ? Number(prefix) : NaN;
  if (!ip || extra !== undefined || !(bits >= 0 && bits <= max)) throw new Error(`ADMIN_ALLOWLIST: "${entry}" is not an IP address or CIDR range`);
  const shift = BigInt(max - bits);
  return { family: ip.family, base: (ip.value >> shift) << shift, bits };
}

export class IpAllowlist {
  private ranges: Range[];
  constructor(entries: string[]) {
    this.ranges = entries.map(parseRange);
  }

  allows(ip: string | undefined): boolean {
    const a = ip ? parseIp(ip) : null;
    if (!a) return false;
    return this.ranges.some((r) => {
      if (r.family !== a.family) return false;
      const shift = BigInt((r.family === 4 ? 32 : 128) - r.bits);
      return (a.value >> shift) << shift === r.base;
    });
  }
}

export type AdminGate = (ctx: Koa.ParameterizedContext<AppState>, route: RouteSpec) => Promise<void>;

/** The gate of administrative routes, or null when ADMIN_ALLOWLIST is not set. Invalid entries fail the start. */
export function adminAllowlist(s: Services): AdminGate | null {
  const entries = s.config.security?.adminAllowlist;
  if (!entries?.length) return null;
  const list = new IpAllowlist(entries);
  return async (ctx, route) => {
    if (list.allows(ctx.ip)) return;
    const p = ctx.state.principal;
    await s.audit.write({
      action: 'access.denied',
      outcome: 'denied',
      actorId: p?.id || null,
      actor: p?.username ?? null,
      subjectType: route.subject,
      subjectId: `${route.method.toUpperCase()} ${ctx.path}`,
      ip: ctx.ip,
      detail: { reason: 'admin_allowlist', action: route.action },
    });
    throw new HttpError(403, 'address_not_allowed', 'Chức năng quản trị chỉ dùng được từ mạng quản trị được phép');
  };
}
