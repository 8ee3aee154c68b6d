// Issue 4: accounts unused for 45 days (INACTIVE_DAYS) are disabled — no sign-in since then, or never
// signed in and created before then, by the engine's clock — each audited; their tokens end; demo
// accounts in demo mode are exempt. Also through `users disable-inactive`.
import { jest } from '@jest/globals';
import { ManualClock } from '../../engine/src/config/clock.js';
import { loadConfig } from '../../engine/src/config/index.js';
import { toDbTime } from '../../engine/src/db/time.js';
import { hashPassword } from '../../engine/src/identity/passwords.js';
import { disableInactiveAccounts } from '../../engine/src/identity/inactive.js';
import usersDisableInactive from '../../engine/src/cli/users-disable-inactive.js';
import { SEED_PASSWORD, startTestPlatform } from '../support/engine.js';

const DAY = 24 * 3600_000;
// The engine's clock ends the test at the real "now", so the CLI (system clock) sees the same ages.
const start = new Date(Date.now() - 60 * DAY);
const clock = new ManualClock(start);
let platform: Awaited<ReturnType<typeof startTestPlatform>>;

async function addUser(username: string, createdDaysAgo: number, lastLoginDaysAgo: number | null) {
  const now = clock.now().getTime();
  const [id] = await platform.db.knex('users').insert({
    username,
    full_name: username,
    pillar: 'ubnd',
    password_hash: await hashPassword(SEED_PASSWORD),
    must_change_password: false,
    active: true,
    created_at: toDbTime(new Date(now - createdDaysAgo * DAY)),
    updated_at: toDbTime(new Date(now - createdDaysAgo * DAY)),
    last_login_at: lastLoginDaysAgo === null ? null : toDbTime(new Date(now - lastLoginDaysAgo * DAY)),
  });
  const unit = await platform.db.knex('units').where({ code: '000.01.01.H26' }).first('id');
  await platform.db.knex('positions').insert({ user_id: Number(id), unit_id: unit.id, role_key: 'chuyen-vien', title: 'Chuyên viên', active: true });
}

beforeAll(async () => {
  platform = await startTestPlatform({ clock });
  clock.set(new Date(start.getTime() + 60 * DAY - 60_000));
  await addUser('nv.chua-dang-nhap', 50, null); // never signed in, created 50 days ago
  await addUser('nv.moi', 10, null); // new
  await addUser('nv.van-dung', 100, 20); // signed in 20 days ago
  await addUser('nv.nghi-lau', 120, 46); // last sign-in 46 days ago
  await addUser('nv.sat-nguong', 120, 44); // 44 days: still within
}, 180_000);
afterAll(async () => {
  await platform?.close();
});

test('the command lists, then the function disables, exactly the accounts unused for 45 days; demo accounts in demo mode are exempt', async () => {
  const token = await platform.api.login('nv.nghi-lau'); // a live session of the account about to be disabled…
  await platform.db.knex('users').where({ username: 'nv.nghi-lau' }).update({ last_login_at: toDbTime(new Date(clock.now().getTime() - 46 * DAY)) });
  const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: platform.db.url, DATA_DIR: platform.engine.services.config.dataDir });
  const log = jest.spyOn(console, 'log').mockImplementation(() => {});
  try {
    expect(await usersDisableInactive.run(config, ['--dry-run'])).toBe(0);
    expect(log.mock.calls.flat().filter((l) => String(l).startsWith('would disable')).sort()).toEqual(['would disable nv.chua-dang-nhap', 'would disable nv.nghi-lau']);
  } finally {
    log.mockRestore();
  }
  expect(await platform.db.knex('users').where({ active: false })).toHaveLength(0); // a dry run changes nothing

  const r = await disableInactiveAccounts(platform.engine.services);
  expect(r.days).toBe(45);
  expect(r.disabled.sort()).toEqual(['nv.chua-dang-nhap', 'nv.nghi-lau']);
  const inactive = (await platform.db.knex('users').where({ active: false }).pluck('username')).sort();
  expect(inactive).toEqual(['nv.chua-dang-nhap', 'nv.nghi-lau']);
  const audit = await platform.db.knex('audit_log').where({ action: 'user.disable_inactive' });
  expect(audit.map((a: any) => [a.subject_id, a.pillar, a.subject_type]).sort()).toEqual([
    ['nv.chua-dang-nhap', 'ubnd', 'User'],
    ['nv.nghi-lau', 'ubnd', 'User'],
  ]);
  // …ends, and the account cannot sign in again
  expect((await platform.api.request('GET', '/api/auth/me', { token })).status).toBe(401);
  expect((await platform.api.request('POST', '/api/auth/login', { body: { username: 'nv.nghi-lau', password: SEED_PASSWORD } })).status).toBe(401);
  expect((await platform.api.request('POST', '/api/auth/login', { body: { username: 'nv.sat-nguong', password: SEED_PASSWORD } })).status).toBe(200);
  // the demo accounts were created 60 days ago and never used, but demo mode keeps them
  expect((await platform.api.request('POST', '/api/auth/login', { body: { username: 'ubnd.clerk', password: SEED_PASSWORD } })).status).toBe(200);
  // running again finds nothing more
  expect((await disableInactiveAccounts(platform.engine.services)).disabled).toEqual([]);
});

test('outside demo mode the demo accounts are not exempt; INACTIVE_DAYS sets the threshold, 0 turns it off', async () => {
  const s = platform.engine.services;
  const prod = { ...s, config: { ...s.config, demoSeed: false } };
  const dry = await disableInactiveAccounts(prod, { dryRun: true });
  expect(dry.disabled).toContain('thanhuy.staff');
  expect(dry.disabled).not.toContain('ubnd.clerk'); // signed in just now
  expect(dry.disabled).not.toContain('nv.moi');
  const strict = { ...s, config: { ...s.config, security: { ...s.config.security!, inactiveDays: 5 } } };
  expect((await disableInactiveAccounts(strict, { dryRun: true })).disabled).toEqual(expect.arrayContaining(['nv.moi']));
  const off = { ...s, config: { ...s.config, security: { ...s.config.security!, inactiveDays: 0 } } };
  expect((await disableInactiveAccounts(off)).disabled).toEqual([]);
  expect(await platform.db.knex('users').where({ active: false })).toHaveLength(2);
});

test('the jobs runner has the daily run, and running it now disables the next account to fall idle', async () => {
  const s = platform.engine.services;
  clock.advance(2 * DAY); // two days on, nv.sat-nguong's last sign-in is 46 days old
  await platform.db.knex('users').where({ username: 'nv.sat-nguong' }).update({ last_login_at: toDbTime(new Date(clock.now().getTime() - 46 * DAY)) });
  const r = await s.jobs.runNow<{ days: number; disabled: string[] }>('users.disableInactive');
  expect(r).toEqual({ days: 45, disabled: ['nv.sat-nguong'] });
  const entry = await platform.db.knex('audit_log').where({ action: 'user.disable_inactive', subject_id: 'nv.sat-nguong' }).first();
  expect(entry.actor).toBe('job:manual');
  const { jobHandlers } = await import('../../engine/src/jobs/index.js');
  const job = jobHandlers.find((h) => h.name === 'users.disableInactive')!;
  expect(job.everyMs!(s)).toBe(24 * 3600_000);
  expect(job.everyMs!({ ...s, config: { ...s.config, security: { ...s.config.security!, inactiveDays: 0 } } })).toBeUndefined();
});
