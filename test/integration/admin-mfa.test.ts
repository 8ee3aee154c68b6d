// Issue 4: in production an administrator without TOTP cannot reach an administrative route, with TOTP
// they can; an initial password must be changed first; tokens die at logout, after 15 idle minutes and
// at their absolute lifetime (simulated clock).
import crypto from 'node:crypto';
import os from 'node:os';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { generate } from 'otplib';
import { createEngine } from '../../engine/src/app.js';
import { loadConfig } from '../../engine/src/config/index.js';
import { ManualClock } from '../../engine/src/config/clock.js';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';
import { ApiClient, startTestPlatform } from '../support/engine.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

describe('production mode', () => {
  let db: TestDatabase;
  let engine: Awaited<ReturnType<typeof createEngine>>;
  let api: ApiClient;
  let dataDir: string;
  const env = () => ({
    NODE_ENV: 'production',
    DATABASE_URL: db.url,
    DATA_DIR: dataDir,
    OIDC_KEY_SECRET: crypto.randomBytes(32).toString('hex'),
    OIDC_COOKIE_KEYS: crypto.randomBytes(24).toString('base64url'),
    LOG_LEVEL: 'silent',
  });
  let prodEnv: Record<string, string>;

  beforeAll(async () => {
    db = await createTestDatabase();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dondoc-prod-'));
    prodEnv = env();
  });
  afterAll(async () => {
    await engine?.close();
    await db?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  test('refuses to start with demo accounts or without its secrets', async () => {
    await expect(createEngine(loadConfig({ ...prodEnv, SEED_PASSWORD: 'x' }))).rejects.toThrow(/demo/);
    await expect(createEngine(loadConfig({ ...prodEnv, OIDC_KEY_SECRET: '', OIDC_COOKIE_KEYS: '' }))).rejects.toThrow(/OIDC_KEY_SECRET/);
  }, 60_000);

  test('an administrator reaches administrative routes only after changing the initial password and enrolling TOTP', async () => {
    const created = spawnSync('npm', ['run', '--silent', 'cli', '--', 'users', 'create-admin', 'quantri.thanhpho', '--name', 'Quản trị thành phố'], { cwd: repoRoot, env: { PATH: process.env.PATH, ...prodEnv }, encoding: 'utf8' });
    expect(created.status).toBe(0);
    const initial = /password[^:]*: (\S+)/.exec(created.stdout)![1]!;
    engine = await createEngine(loadConfig(prodEnv));
    api = new ApiClient((await engine.listen(0, '127.0.0.1')).url);
    expect((await api.request('POST', '/api/auth/login', { body: { username: 'admin', password: 'anything' } })).status).toBe(401); // no demo accounts

    let token = (await api.request('POST', '/api/auth/login', { body: { username: 'quantri.thanhpho', password: initial } })).body.token;
    const blocked = await api.request('GET', '/api/units', { token });
    expect(blocked.status).toBe(403);
    expect(blocked.body.error.code).toBe('password_change_required');
    const weak = await api.request('POST', '/api/auth/password', { token, body: { currentPassword: initial, newPassword: 'quantri.thanhpho123' } });
    expect(weak.status).toBe(422);
    const newPassword = 'Cây-đa-Hồ-Gươm-2026!';
    expect((await api.request('POST', '/api/auth/password', { token, body: { currentPassword: initial, newPassword } })).status).toBe(204);
    expect((await api.request('GET', '/api/units', { token })).status).toBe(401); // changing the password ended the session

    token = (await api.request('POST', '/api/auth/login', { body: { username: 'quantri.thanhpho', password: newPassword } })).body.token;
    const form = { title: 'Biểu mẫu thử', schema: { type: 'object', properties: { a: { type: 'string' } } } };
    const noMfa = await api.request('PUT', '/api/metadata/form/bieu-mau-thu', { token, body: form });
    expect(noMfa.status).toBe(403);
    expect(noMfa.body.error.code).toBe('mfa_required');
    expect((await api.request('GET', '/api/units', { token })).status).toBe(200); // not administrative

    const setup = await api.request('POST', '/api/auth/mfa/setup', { token });
    expect(setup.body.otpauthUrl).toMatch(/^otpauth:\/\/totp\//);
    const otp = await generate({ secret: setup.body.secret });
    expect((await api.request('POST', '/api/auth/mfa/enable', { token, body: { otp } })).status).toBe(200);
    expect((await api.request('PUT', '/api/metadata/form/bieu-mau-thu', { token, body: form })).status).toBe(200);

    const withoutOtp = await api.request('POST', '/api/auth/login', { body: { username: 'quantri.thanhpho', password: newPassword } });
    expect(withoutOtp.status).toBe(401);
    expect(withoutOtp.body.error.code).toBe('otp_required');
    const withOtp = await api.request('POST', '/api/auth/login', { body: { username: 'quantri.thanhpho', password: newPassword, otp: await generate({ secret: setup.body.secret }) } });
    expect(withOtp.status).toBe(200);
    expect((await api.request('POST', '/api/metadata/form/bieu-mau-thu/publish', { token: withOtp.body.token })).status).toBe(200);
    const denials = await db.knex('audit_log').where({ action: 'access.denied', actor: 'quantri.thanhpho' });
    // MariaDB's driver hands the JSON column back parsed, SQLite's as text: compare the serialised form.
    expect(denials.some((d: any) => JSON.stringify(d.detail).includes('mfa_required'))).toBe(true);
  }, 120_000);
});

test('a token is refused after 15 idle minutes and after its absolute lifetime (simulated clock)', async () => {
  const clock = new ManualClock(new Date('2026-11-27T02:00:00Z'));
  const platform = await startTestPlatform({ clock, env: { TOKEN_TTL_SECONDS: String(3600) } });
  try {
    const token = await platform.api.login('ubnd.staff');
    clock.advance(14 * 60_000);
    expect((await platform.api.request('GET', '/api/auth/me', { token })).status).toBe(200); // activity resets the idle clock
    clock.advance(14 * 60_000);
    const again = await platform.api.request('GET', '/api/auth/me', { token });
    expect([again.status, again.body]).toEqual([200, expect.anything()]);
    clock.advance(16 * 60_000);
    expect((await platform.api.request('GET', '/api/auth/me', { token })).status).toBe(401);

    const busy = (await platform.api.request('POST', '/api/auth/login', { body: { username: 'ubnd.leader', password: 'Demo-Password-2026!' } })).body.token;
    for (let i = 0; i < 4; i++) {
      clock.advance(12 * 60_000);
      expect((await platform.api.request('GET', '/api/auth/me', { token: busy })).status).toBe(200);
    }
    clock.advance(13 * 60_000); // 61 minutes after login: past the one-hour lifetime although never idle
    expect((await platform.api.request('GET', '/api/auth/me', { token: busy })).status).toBe(401);
  } finally {
    await platform.close();
  }
}, 60_000);
