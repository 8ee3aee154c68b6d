// The Runtime UI's first load (the inbox) ships at most 350 kB of gzipped JavaScript: forms (@rjsf),
// charts (ECharts), tables and date pickers load on demand. Measured on the built dist/index.html: its
// entry script and every module it preloads (test/bench/first-load.ts; figure in test/bench/RESULTS.md).
import { describe, expect, test } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import { BUDGET_BYTES, firstLoad } from '../bench/first-load.js';
import { repoRoot } from './support/browser.js';
import { ensureFrontEndsBuiltOnce } from './support/runtime.js';

describe('Runtime UI bundle', () => {
  test('the inbox’s first load is within 350 kB gzipped; forms and charts are separate chunks', () => {
    ensureFrontEndsBuiltOnce();
    const dist = path.join(repoRoot, 'runtime-ui/dist');
    const r = firstLoad(dist);
    console.log(
      `Runtime UI first load: ${(r.gzip / 1024).toFixed(1)} kB gzipped JavaScript in ${r.rows.length} files`,
    );
    expect(r.gzip).toBeLessThanOrEqual(BUDGET_BYTES);
    const names = r.rows.map((x) => x.file).join(' ');
    expect(names).not.toMatch(/echarts|MetaForm|TaskPage|DashboardPage|DocumentsPage/);
    const assets = fs.readdirSync(path.join(dist, 'assets'));
    for (const lazy of ['echarts', 'MetaForm', 'TaskPage', 'DashboardPage'])
      expect(assets.some((f) => f.startsWith(lazy))).toBe(true);
    // Installable: the service worker precaches the app shell the build produced.
    const sw = fs.readFileSync(path.join(dist, 'sw.js'), 'utf8');
    for (const row of r.rows) expect(sw).toContain(row.file);
  }, 300_000);
});
