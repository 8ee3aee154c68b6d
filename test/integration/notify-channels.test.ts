// Issue 5, the channels and the outbox (SQLite, or MariaDB + Redis with DATABASE_URL/REDIS_URL):
// - the in-app channel is a channel of reminder policies like e-mail: a rule meant for "inApp" only reaches
//   GET /api/notifications and the live stream and sends no e-mail; a rule meant for "email" only is
//   e-mailed and stays out of the app's list, unread count and stream;
// - the delivery is queued once the transaction that stored the notifications has committed — not inside
//   it, and not at all when it rolls back;
// - failed deliveries: administrators list them (GET /api/notifications/deliveries?status=failed) and retry
//   them (audited); nobody else may.
import { ManualClock } from '../../engine/src/config/clock.js';
import { MAX_ATTEMPTS } from '../../engine/src/notify/delivery.js';
import { normaliseRow } from '../../engine/src/tasks/rows.js';
import type { Services } from '../../engine/src/services.js';
import { ApiClient, startTestPlatform } from '../support/engine.js';
import { startSmtp } from './reminders-smtp.js';
import { openEventStream } from '../support/sse.js';

// Monday 2 March 2026, 09:00 in Hanoi: no public holiday in the week that follows.
const at = (day: string, hhmm = '09:00') => new Date(`${day}T${hhmm}:00+07:00`);
const clock = new ManualClock(at('2026-03-02'));
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let platform: Awaited<ReturnType<typeof startTestPlatform>>;
let s: Services;
let users: Record<string, { id: number; email: string }>;
let soNoiVu: number;

const api = () => new ApiClient(platform.url);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const scan = () => s.jobs.runNow<any>('reminders.scan');
const deliver = () => s.jobs.runNow<any>('notify.deliver');

async function createTask(title: string, dueDate: string) {
  const r = await api().as('ubnd.leader', 'POST', '/api/tasks', {
    type: 'nhiem-vu-van-ban',
    title,
    leadUnitId: soNoiVu,
    handlerId: users['sonoivu.staff']!.id,
    monitorId: users['ubnd.staff']!.id,
    dueDate,
    data: { noiDung: `${title}.`, nguonGiao: 'van-ban' },
  });
  expect(r.status).toBe(201);
  return r.body;
}

/** The live stream of one user (bearer header), its events collected as they come. */
async function openStream(username: string) {
  const token = await api().login(username);
  const stream = await openEventStream(platform.url, '/api/notifications/stream', { headers: { authorization: `Bearer ${token}` } });
  expect(stream.res.status).toBe(200);
  return stream;
}

beforeAll(async () => {
  smtp = await startSmtp();
  platform = await startTestPlatform({ clock, env: { SMTP_URL: smtp.url, JOBS_SCHEDULE: 'off', PUBLIC_URL: 'https://dondoc.hanoi.gov.vn', ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}) } });
  s = platform.engine.services;
  users = Object.fromEntries((await platform.db.knex('users').select('id', 'username', 'email')).map((u) => [u.username, { id: u.id, email: u.email }]));
  soNoiVu = (await platform.db.knex('units').where({ code: '000.00.02.H26' }).first('id')).id;
}, 60_000);

afterAll(async () => {
  await platform?.close();
  await smtp?.close();
});

test('a rule meant for the app only reaches GET /api/notifications and the stream, no e-mail; a rule meant for e-mail only stays out of the app', async () => {
  const admin = api();
  const policy = (await admin.as('admin', 'GET', '/api/metadata/reminderPolicy/mac-dinh')).body.body;
  const rules = policy.rules.map((r: any) => (r.key === 'truoc-han' ? { ...r, channels: ['inApp'] } : r.key === 'den-han' ? { ...r, channels: ['email'] } : r));
  expect((await admin.as('admin', 'PUT', '/api/metadata/reminderPolicy/mac-dinh', { ...policy, rules })).status).toBe(200);
  expect((await admin.as('admin', 'POST', '/api/metadata/reminderPolicy/mac-dinh/publish')).status).toBe(200);

  const task = await createTask('Kiểm tra kênh thông báo trong ứng dụng', '2026-03-05'); // Thu: 3 working days after Mon
  clock.set(at('2026-03-02', '10:00'));
  await deliver(); // what the creation stored
  const stream = await openStream('sonoivu.staff');
  const staffMail = () => smtp.messages.filter((m) => m.to.includes(users['sonoivu.staff']!.email) && m.subject.includes(task.code));
  const mailsBefore = staffMail().length;
  const listBefore = (await api().as('sonoivu.staff', 'GET', '/api/notifications')).body;

  // Before due, "inApp" only.
  expect((await scan()).reminders).toBeGreaterThan(0);
  await deliver();
  const pushed = await stream.until((e) => e.event === 'notification' && e.data.kind === 'reminder' && e.data.taskId === task.id);
  expect(pushed?.data.title).toBe(`Sắp đến hạn: ${task.code} — Kiểm tra kênh thông báo trong ứng dụng`);
  const list = (await api().as('sonoivu.staff', 'GET', '/api/notifications')).body;
  expect(list.items[0]).toMatchObject({ id: pushed!.data.id, kind: 'reminder', taskId: task.id, readAt: null });
  expect(list.unread).toBe(listBefore.unread + 1);
  await sleep(300);
  expect(staffMail()).toHaveLength(mailsBefore); // no e-mail for an in-app rule
  const row = await platform.db.knex('notifications').where({ id: pushed!.data.id }).first('channels', 'delivered_channels', 'delivered_at');
  expect(JSON.parse(row.channels)).toEqual(['inApp']);
  expect(JSON.parse(row.delivered_channels)).toEqual(['inApp']);
  expect(row.delivered_at).toBeTruthy();

  // On the due day, "email" only: the e-mail arrives; the app's list, count and stream do not show it.
  clock.set(at('2026-03-05', '10:00'));
  const seen = stream.events.length;
  expect((await scan()).reminders).toBeGreaterThan(0);
  await deliver();
  const mails = (await smtp.waitFor(smtp.messages.length + 1, 5000)).filter((m) => m.to.includes(users['sonoivu.staff']!.email) && m.subject.startsWith('[Đôn Đốc] Đến hạn') && m.subject.includes(task.code));
  expect(mails).toHaveLength(1);
  const emailOnly = await platform.db.knex('notifications').where({ user_id: users['sonoivu.staff']!.id, task_id: task.id }).where('dedupe_key', 'like', '%:den-han:%').first('id', 'delivered_at');
  expect(emailOnly.delivered_at).toBeTruthy();
  const after = (await api().as('sonoivu.staff', 'GET', '/api/notifications?limit=200')).body;
  expect(after.items.map((n: any) => n.id)).not.toContain(Number(emailOnly.id));
  expect(after.unread).toBe(list.unread);
  expect((await api().as('sonoivu.staff', 'POST', `/api/notifications/${emailOnly.id}/read`)).status).toBe(404);
  await sleep(300);
  expect(stream.events.slice(seen).filter((e) => e.event === 'notification')).toEqual([]);
  await stream.close();

  // The seeded policy back (a new sign-in: the clock moved days).
  const admin2 = api();
  expect((await admin2.as('admin', 'PUT', '/api/metadata/reminderPolicy/mac-dinh', policy)).status).toBe(200);
  expect((await admin2.as('admin', 'POST', '/api/metadata/reminderPolicy/mac-dinh/publish')).status).toBe(200);
}, 60_000);

test('the delivery is queued once the transaction that stored notifications commits — not inside it, not after a rollback', async () => {
  const created = await createTask('Kiểm tra thời điểm gửi thông báo', '2026-04-30');
  const task = normaliseRow(await platform.db.knex('tasks').where({ id: created.id }).first());
  const kicks: string[] = [];
  let phase = 'inside';
  const enqueue = s.jobs.enqueue.bind(s.jobs);
  s.jobs.enqueue = (async (name: string, ...rest: any[]) => {
    if (name === 'notify.deliver') kicks.push(phase);
    return (enqueue as any)(name, ...rest);
  }) as any;
  try {
    await s.knex.transaction(async (trx) => {
      await s.tasks.storeNotifications(trx, [users['sonoivu.staff']!.id], task, { kind: 'transition', title: 'Thông báo trong giao dịch' });
      await sleep(100);
      expect(kicks).toEqual([]); // not yet: a delivery run could not see the rows
      phase = 'committed';
    });
    await sleep(50);
    expect(kicks).toEqual(['committed']);

    // In a nested transaction (a savepoint): once the outermost one commits, not when the savepoint is released.
    phase = 'inside';
    await s.knex.transaction(async (outer) => {
      await outer.transaction(async (inner) => {
        await s.tasks.storeNotifications(inner, [users['sonoivu.staff']!.id], task, { kind: 'transition', title: 'Thông báo trong giao dịch lồng' });
      });
      await sleep(100);
      expect(kicks).toEqual(['committed']);
      phase = 'committed';
    });
    await sleep(50);
    expect(kicks).toEqual(['committed', 'committed']);

    phase = 'rolled back';
    await expect(
      s.knex.transaction(async (trx) => {
        await s.tasks.storeNotifications(trx, [users['sonoivu.staff']!.id], task, { kind: 'transition', title: 'Thông báo bị hủy' });
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    await sleep(50);
    expect(kicks).toEqual(['committed', 'committed']);
    expect(await platform.db.knex('notifications').where({ title: 'Thông báo bị hủy' }).first('id')).toBeUndefined();
  } finally {
    s.jobs.enqueue = enqueue;
  }
  // The committed one goes out without anybody running the delivery by hand.
  const end = Date.now() + 5000;
  let row: any;
  while (Date.now() < end && !(row = await platform.db.knex('notifications').where({ title: 'Thông báo trong giao dịch' }).whereNotNull('delivered_at').first('id'))) await sleep(50);
  expect(row).toBeTruthy();
});

test('failed deliveries: administrators list and retry them (audited); nobody else may', async () => {
  clock.set(at('2026-03-06', '09:00'));
  await deliver();
  const task = await createTask('Thử gửi thư khi máy chủ thư từ chối', '2026-03-20');
  await deliver();
  smtp.refuse(true);
  const urged = await api().as('ubnd.leader', 'POST', `/api/tasks/${task.id}/transitions/don-doc-tiep-nhan`, { comment: 'Đề nghị tiếp nhận.' });
  expect(urged.status).toBe(200);
  const urge = await platform.db.knex('notifications').where({ task_id: task.id, kind: 'urge', user_id: users['sonoivu.staff']!.id }).first('id');
  // Each attempt fails at the SMTP server; the backoff is skipped by making the row due again.
  const released = async () => {
    const end = Date.now() + 10_000; // the run the transition queued may still hold the row
    let r: any;
    while ((r = await platform.db.knex('notifications').where({ id: urge.id }).first('failed_at', 'claim')).claim && Date.now() < end) await sleep(25);
    return r;
  };
  for (let i = 0; i < MAX_ATTEMPTS + 2; i++) {
    if ((await released()).failed_at) break;
    await platform.db.knex('notifications').where({ id: urge.id }).update({ next_attempt_at: null });
    await deliver();
  }
  const failedRow = await platform.db.knex('notifications').where({ id: urge.id }).first();
  expect(failedRow).toMatchObject({ failed_at: expect.anything() });
  expect(Number(failedRow.attempts)).toBe(MAX_ATTEMPTS);

  const admin = api();
  const listed = await admin.as('admin', 'GET', '/api/notifications/deliveries?status=failed');
  expect(listed.status).toBe(200);
  expect(listed.body.status).toBe('failed');
  const item = listed.body.items.find((x: any) => x.id === Number(urge.id));
  expect(item).toMatchObject({ status: 'failed', userId: users['sonoivu.staff']!.id, username: 'sonoivu.staff', kind: 'urge', taskId: task.id, attempts: MAX_ATTEMPTS, deliveredChannels: ['inApp'] });
  expect(item.lastError).toMatch(/451|không nhận/);
  expect(listed.body.total).toBe(listed.body.items.length);
  expect((await admin.as('admin', 'GET', '/api/notifications/deliveries')).body.items.map((x: any) => x.id)).toContain(Number(urge.id)); // failed by default
  expect((await admin.as('admin', 'GET', '/api/notifications/deliveries?status=retrying')).body.items.map((x: any) => x.id)).not.toContain(Number(urge.id));
  expect((await admin.as('admin', 'GET', '/api/notifications/deliveries?status=gone')).status).toBe(400);

  // Not for pillar administrators or staff: refused, and the refusal audited.
  for (const who of ['ubnd.admin', 'sonoivu.staff']) {
    expect((await api().as(who, 'GET', '/api/notifications/deliveries?status=failed')).status).toBe(403);
    expect((await api().as(who, 'POST', `/api/notifications/deliveries/${urge.id}/retry`)).status).toBe(403);
  }
  const denied = await platform.db.knex('audit_log').where({ action: 'access.denied', actor: 'ubnd.admin' }).where('subject_id', 'like', '%/api/notifications/deliveries%');
  expect(denied.length).toBeGreaterThanOrEqual(2);
  expect(Number((await platform.db.knex('notifications').where({ id: urge.id }).first('attempts')).attempts)).toBe(MAX_ATTEMPTS); // untouched

  // The mail server takes mail again; the administrator retries: audited, queued at once, sent once.
  smtp.refuse(false);
  const mailsBefore = smtp.messages.length;
  const retried = await admin.as('admin', 'POST', `/api/notifications/deliveries/${urge.id}/retry`);
  expect(retried.status).toBe(200);
  expect(retried.body).toEqual({ retried: [Number(urge.id)] });
  const mails = (await smtp.waitFor(mailsBefore + 1, 10_000)).slice(mailsBefore);
  expect(mails.filter((m) => m.notificationId === Number(urge.id))).toHaveLength(1);
  const end = Date.now() + 5000;
  let delivered: any;
  while (Date.now() < end && !(delivered = await platform.db.knex('notifications').where({ id: urge.id }).whereNotNull('delivered_at').first())) await sleep(50);
  expect(delivered).toMatchObject({ failed_at: null });
  expect(JSON.parse(delivered.delivered_channels).sort()).toEqual(['email', 'inApp']);
  const audit = await platform.db.knex('audit_log').where({ action: 'notification.retry' }).orderBy('id', 'desc').first();
  expect(audit).toMatchObject({ actor: 'admin', subject_type: 'Notification', subject_id: String(urge.id) });
  expect(JSON.stringify(audit.detail)).toMatch(/451|không nhận/);

  expect((await admin.as('admin', 'POST', `/api/notifications/deliveries/${urge.id}/retry`)).status).toBe(409); // not failed now
  expect((await admin.as('admin', 'POST', '/api/notifications/deliveries/999999999/retry')).status).toBe(404);
  expect((await admin.as('admin', 'POST', '/api/notifications/deliveries/retry', {})).body).toEqual({ retried: [] }); // nothing failed
  expect((await admin.as('admin', 'POST', '/api/notifications/deliveries/retry', { ids: ['x'] })).status).toBe(422);
}, 90_000);
