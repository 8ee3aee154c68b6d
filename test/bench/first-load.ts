// The JavaScript the Runtime UI's first page (the inbox) loads: the entry script of dist/index.html and
// every module it preloads (its static imports), gzipped at level 9 as the build output reports them.
// Lazy pages (task page, forms, charts, documents, reports) are not counted: they load on demand.
//   npx vite build runtime-ui && node --import tsx test/bench/first-load.ts
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

export const BUDGET_BYTES = 350 * 1024;

export function firstLoad(dist: string) {
  const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
  const files = [
    ...html.matchAll(
      /<(?:script[^>]*type="module"[^>]*src|link[^>]*rel="modulepreload"[^>]*href)="([^"]+\.js)"/g,
    ),
  ].map((m) => m[1]!);
  const unique = [...new Set(files)];
  const rows = unique.map((f) => {
    const buf = fs.readFileSync(path.join(dist, f.replace(/^\//, '')));
    return { file: f, bytes: buf.length, gzip: zlib.gzipSync(buf, { level: 9 }).length };
  });
  return { rows, bytes: rows.reduce((a, r) => a + r.bytes, 0), gzip: rows.reduce((a, r) => a + r.gzip, 0) };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../runtime-ui/dist');
  const r = firstLoad(dist);
  for (const row of r.rows)
    console.log(
      `${row.file.padEnd(48)} ${(row.bytes / 1024).toFixed(2).padStart(9)} kB │ gzip: ${(row.gzip / 1024).toFixed(2).padStart(8)} kB`,
    );
  console.log(
    `first load of the inbox: ${(r.bytes / 1024).toFixed(2)} kB, gzip ${(r.gzip / 1024).toFixed(2)} kB (budget ${BUDGET_BYTES / 1024} kB)`,
  );
}
