// Issue 4: `npm audit --omit=dev` reports no high or critical advisory for what the platform ships.
// The advisory service is a POST to the registry; where it cannot be reached (offline, or a read-only
// registry mirror answering 405) the test says so loudly and skips rather than guess.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const UNREACHABLE = /E405|E404|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|ENOAUDIT|audit endpoint returned an error|does not support audit|network|socket hang up/i;

test('npm audit --omit=dev finds no high or critical advisory', () => {
  const r = spawnSync('npm', ['audit', '--omit=dev', '--audit-level=high', '--json'], { cwd: repoRoot, encoding: 'utf8', timeout: 90_000, env: { ...process.env, npm_config_fund: 'false', npm_config_update_notifier: 'false' } });
  let report: any;
  try {
    report = JSON.parse(r.stdout || 'null');
  } catch {
    report = null;
  }
  const counts = report?.metadata?.vulnerabilities;
  if (!counts) {
    const why = `${r.error?.message ?? ''} ${r.stderr ?? ''} ${JSON.stringify(report?.error ?? '')}`.trim();
    if (r.error || UNREACHABLE.test(why)) {
      console.warn(`\n⚠️  SKIPPED: npm audit — the registry's advisory service is unreachable here (${why.split('\n').find((l) => UNREACHABLE.test(l))?.trim().slice(0, 160) ?? why.slice(0, 160)}). Run \`npm audit --omit=dev --audit-level=high\` where it answers.\n`);
      return;
    }
    throw new Error(`npm audit gave no report: ${why.slice(0, 500)}`);
  }
  const serious = Object.entries(report.vulnerabilities ?? {})
    .filter(([, v]: [string, any]) => v.severity === 'high' || v.severity === 'critical')
    .map(([name, v]: [string, any]) => `${name} (${v.severity}): ${[v.via].flat().map((x: any) => (typeof x === 'string' ? x : x.title)).join('; ')} — fix: ${JSON.stringify(v.fixAvailable)}`);
  console.log(`npm audit --omit=dev: ${JSON.stringify(counts)}`);
  expect(serious).toEqual([]);
  expect((counts.high ?? 0) + (counts.critical ?? 0)).toBe(0);
}, 120_000);
