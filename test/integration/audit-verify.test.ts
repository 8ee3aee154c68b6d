// `npm run cli -- audit verify` detects an altered or deleted history row, names it and exits non-zero.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startTestPlatform } from '../support/engine.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
let platform: Awaited<ReturnType<typeof startTestPlatform>>;

beforeAll(async () => {
  platform = await startTestPlatform();
});
afterAll(async () => {
  await platform?.close();
});

function cli(...args: string[]) {
  const r = spawnSync('npm', ['run', '--silent', 'cli', '--', ...args], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH, DATABASE_URL: platform.db.url, NODE_ENV: 'test' },
    encoding: 'utf8',
  });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

test('an intact history verifies; an altered row and a deleted row are named and fail the check', async () => {
  const units = (await platform.api.as('admin', 'GET', '/api/units')).body.items;
  const lead = units.find((u: any) => u.code === '000.00.02.H26');
  const ids: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t = await platform.api.as('ubnd.leader', 'POST', '/api/tasks', { type: 'nhiem-vu-van-ban', title: `Nhiệm vụ ${i}`, leadUnitId: lead.id, data: { noiDung: 'x', nguonGiao: 'van-ban' } });
    ids.push(t.body.id);
    await platform.api.as('sonoivu.leader', 'POST', `/api/tasks/${t.body.id}/transitions/tiep-nhan`, {});
  }
  const ok = cli('audit', 'verify');
  expect(ok.out).toContain('OK');
  expect(ok.status).toBe(0);

  const knex = platform.db.knex;
  const victim = await knex('task_events').where({ task_id: ids[1], seq: 1 }).first();
  await knex('task_events').where({ id: victim.id }).update({ note: 'sửa trộm' });
  const altered = cli('audit', 'verify');
  expect(altered.status).not.toBe(0);
  expect(altered.out).toContain(`task_events row id ${victim.id}`);
  expect(altered.out).toMatch(/altered/);

  await knex('task_events').where({ id: victim.id }).update({ note: victim.note });
  expect(cli('audit', 'verify').status).toBe(0);

  const last = await knex('task_events').where({ task_id: ids[2] }).orderBy('seq', 'desc').first();
  await knex('task_events').where({ id: last.id }).delete();
  const deleted = cli('audit', 'verify');
  expect(deleted.status).not.toBe(0);
  expect(deleted.out).toContain(`task ${ids[2]}`);
  expect(deleted.out).toMatch(/deleted/);
}, 60_000);
