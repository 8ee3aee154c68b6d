// Sums the per-file lines OPENAPI_STATS=<file> wrote (test/support/openapi.ts): answers validated against
// the OpenAPI document, by file and by operation. Usage: node test/support/openapi-stats.mjs <file> [--operations]
import fs from 'node:fs';
import path from 'node:path';

const [file, flag] = process.argv.slice(2);
if (!file) throw new Error('usage: node test/support/openapi-stats.mjs <stats file> [--operations]');
const lines = fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
const operations = new Map();
let validated = 0, outside = 0, mismatches = 0;
for (const l of lines) {
  validated += l.validated;
  outside += l.outside;
  mismatches += l.mismatches;
  console.log(`${String(l.validated).padStart(6)}  ${path.relative(process.cwd(), l.file)}${l.mismatches ? `  (${l.mismatches} mismatches)` : ''}`);
  for (const [k, n] of Object.entries(l.operations)) {
    const op = k.replace(/ → \d+$/, '');
    operations.set(op, (operations.get(op) ?? 0) + n);
  }
}
if (flag === '--operations') for (const [k, n] of [...operations].sort()) console.log(`  ${String(n).padStart(6)}  ${k}`);
console.log(`${validated} answers validated against the OpenAPI document in ${lines.length} files (${operations.size} distinct operations); ${mismatches} mismatches; ${outside} answers outside the API (/oidc, web apps) not in the document`);
