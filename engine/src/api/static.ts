// Serves the built front ends: Runtime UI at /, Admin Studio at /studio/, each with an SPA fallback to
// its index.html. Every asset comes from the engine itself (on-premise: no CDN).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type Koa from 'koa';
import send from 'koa-send';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export function staticApps(): Koa.Middleware {
  const apps = [
    { prefix: '/studio', root: path.join(repoRoot, 'admin-studio/dist') },
    { prefix: '', root: path.join(repoRoot, 'runtime-ui/dist') },
  ];
  return async (ctx, next) => {
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') return next();
    if (ctx.path.startsWith('/api/') || ctx.path.startsWith('/oidc') || ctx.path === '/healthz') return next();
    if (ctx.path === '/studio') return ctx.redirect('/studio/');
    const app = apps.find((a) => a.prefix === '' || ctx.path.startsWith(`${a.prefix}/`))!;
    if (!fs.existsSync(path.join(app.root, 'index.html'))) return next();
    const rel = ctx.path.slice(app.prefix.length) || '/';
    const immutable = rel.startsWith('/assets/');
    try {
      const file = path.join(app.root, rel);
      if (rel !== '/' && fs.existsSync(file) && fs.statSync(file).isFile()) {
        await send(ctx, rel, { root: app.root, immutable, maxage: immutable ? 365 * 24 * 3600 * 1000 : 0 });
        return;
      }
    } catch {
      /* fall through to the SPA index */
    }
    if (path.extname(rel) && !rel.endsWith('.html')) return next(); // a missing asset is a 404, not the index
    ctx.set('Cache-Control', 'no-cache');
    await send(ctx, 'index.html', { root: app.root });
  };
}
