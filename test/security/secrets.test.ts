// Issue 4: no secret in the source. Every tracked file is scanned (git ls-files) for private keys,
// well-known credential formats and hard-coded passwords or long random secrets assigned to
// secret-named variables; only obviously test-only fixtures are allowed, by name (secret-scan.ts).
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ALLOWED, NOT_SCANNED, scanText, type Allowed, type Finding } from './secret-scan.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

test('the scanner finds planted secrets (and would fail this test on them)', () => {
  // Built at run time so this file itself holds no secret-shaped literal.
  const b = (...parts: string[]) => parts.join('');
  const planted = [
    b('-----BEGIN ', 'RSA PRIVATE KEY-----'),
    b('-----BEGIN ', 'OPENSSH PRIVATE KEY-----'),
    b('const aws = "AKIA', 'IOSFODNN7EXAMPLE";'),
    b("const password = 'Ha", "noi@2026-Secret';"),
    b("  dbPassword: 'Tr0ub4dor", "&3x!',"),
    b('OIDC_KEY_SECRET = "', '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08', '"'),
    b("const clientSecret = 'q8Zr2", "LmX7vPk4TnW9yBc3HdJ6'"),
    b("DATABASE_URL=mysql://dondoc:S3cr", 'et-Pass@db.internal:3306/dondoc'),
    b('token: "gh', 'p_', 'a'.repeat(36), '"'),
  ].join('\n');
  const findings = scanText('engine/src/planted.ts', planted);
  expect(findings.map((f) => f.rule)).toEqual([
    'private-key',
    'private-key',
    'aws-access-key',
    'hard-coded-password',
    'hard-coded-password',
    'secret-assignment',
    'hard-coded-password',
    'url-credentials',
    'github-token',
  ]);
  // the test fixture's password is allowed only where it is the test fixture
  expect(scanText('test/support/engine.ts', b("export const SEED_PASSWORD = 'Demo-Password", "-2026!';"))).toEqual([]);
  expect(scanText('engine/src/seed/accounts.ts', b("export const SEED_PASSWORD = 'Demo-Password", "-2026!';"))).toHaveLength(1);
  // what is not a secret stays quiet: wrong passwords of tests, environment lookups, placeholders, hashes' names
  const quiet = [
    "password: 'sai-mat-khau'",
    "password: 'wrong-password-123'",
    "const SECRET = 'centre-shared-secret-for-tests-0123456789';",
    'const secret = process.env.OIDC_KEY_SECRET',
    "password: '…'",
    "SEED_PASSWORD='…' npm start",
    "tokenTtlSeconds: 8 * 3600,",
    "const keyName = 'metadataDocuments';",
    'DATABASE_URL=mysql://root@127.0.0.1:3306/dondoc',
    "headers: { authorization: `Bearer ${token}` }",
  ].join('\n');
  expect(scanText('engine/src/quiet.ts', quiet)).toEqual([]);
});

test('no tracked file holds a secret', () => {
  const files = execFileSync('git', ['ls-files', '-z'], { cwd: repoRoot, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).split('\0').filter(Boolean);
  expect(files.length).toBeGreaterThan(100);
  const findings: Finding[] = [];
  const used = new Set<Allowed>();
  let scanned = 0;
  for (const file of files) {
    if (NOT_SCANNED.includes(file)) continue;
    const full = path.join(repoRoot, file);
    let buf: Buffer;
    try {
      const st = fs.statSync(full);
      if (!st.isFile() || st.size > 5 * 1024 * 1024) continue;
      buf = fs.readFileSync(full);
    } catch {
      continue; // deleted in the work tree
    }
    if (buf.subarray(0, 8000).includes(0)) continue; // binary
    scanned++;
    findings.push(...scanText(file, buf.toString('utf8'), ALLOWED, used));
  }
  console.log(`secret scan: ${scanned} tracked text files, ${findings.length} finding(s), ${ALLOWED.length} allowed test fixture(s)`);
  expect(findings).toEqual([]);
  expect(ALLOWED.filter((a) => !used.has(a))).toEqual([]); // no stale allow-list entry
});
