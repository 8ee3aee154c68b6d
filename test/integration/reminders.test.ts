// Issue 5 "must show", on one engine with a simulated clock (SQLite, or MariaDB with DATABASE_URL):
// a task due in 3 working days gets its before-due reminder once, then the on-due one, then an overdue
// reminder every 2 working days, then the escalation to the lead unit's leader after 5 — each e-mail
// arriving, in Vietnamese, at a real SMTP server started here. Publishing the policy with a rule removed
// stops that rule at the next scan. Also: a manual urge is delivered at once and pushed over SSE; the
// notifications API; digest preferences; periodic tasks; failed jobs for administrators.
import { ManualClock } from '../../engine/src/config/clock.js';
import type { Services } from '../../engine/src/services.js';
import { ApiClient, startTestPlatform } from '../support/engine.js';
import { startSmtp } from './reminders-smtp.js';
import { apiFetch } from '../support/openapi.js';
import { openEventStream } from '../support/sse.js';

// Monday 2 March 2026, 09:00 in Hanoi (02:00 UTC): no public holiday in the fortnight that follows.
const at = (day: string, hhmm = '09:00') => new Date(`${day}T${hhmm}:00+07:00`);
const clock = new ManualClock(at('2026-03-02'));
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let platform: Awaited<ReturnType<typeof startTestPlatform>>;
let s: Services;
let users: Record<string, { id: number; email: string }>;
let soNoiVu: number;

const api = () => new ApiClient(platform.url); // tokens expire as the clock jumps days: sign in afresh
const scan = () => s.jobs.runNow<any>('reminders.scan');
const deliver = () => s.jobs.runNow<any>('notify.deliver');

async function createTask(title: string, dueDate: string, extra: Record<string, unknown> = {}) {
  const r = await api().as('ubnd.leader', 'POST', '/api/tasks', {
    type: 'nhiem-vu-van-ban',
    title,
    leadUnitId: soNoiVu,
    handlerId: users['sonoivu.staff']!.id,
    monitorId: users['ubnd.staff']!.id,
    dueDate,
    data: { noiDung: `${title}.`, nguonGiao: 'van-ban' },
    ...extra,
  });
  expect(r.status).toBe(201);
  return r.body;
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

const reminderMails = () => smtp.messages.filter((m) => !/Tổng hợp nhiệm vụ/.test(m.subject));

test('3 working days before due, on due, overdue every 2 working days, escalation after 5 — once each, e-mailed in Vietnamese', async () => {
  const task = await createTask('Rà soát, sắp xếp tổ chức bộ máy các phòng chuyên môn', '2026-03-05');
  expect(task.dueDate).toBe('2026-03-05'); // Thursday: 3 working days after Monday 2 March

  const days = ['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06', '2026-03-07', '2026-03-08', '2026-03-09', '2026-03-10', '2026-03-11', '2026-03-12', '2026-03-13'];
  const seen: Record<string, string[]> = {};
  for (const day of days) {
    clock.set(at(day));
    await scan();
    await scan(); // a second scan the same day finds everything already done
    const rows = await platform.db.knex('reminders_sent').where({ task_id: task.id }).select('rule_key', 'occurrence', 'created_at');
    seen[day] = rows.filter((r) => String(r.created_at instanceof Date ? r.created_at.toISOString() : r.created_at).startsWith(at(day).toISOString().slice(0, 10))).map((r) => `${r.rule_key} ${r.occurrence}`);
    await deliver();
  }
  expect(seen).toEqual({
    '2026-03-02': ['truoc-han 2026-03-05'],
    '2026-03-03': [],
    '2026-03-04': [],
    '2026-03-05': ['den-han 2026-03-05'],
    '2026-03-06': [],
    '2026-03-07': [], // Saturday
    '2026-03-08': [],
    '2026-03-09': ['qua-han 2026-03-05#1'], // 2 working days overdue
    '2026-03-10': [],
    '2026-03-11': ['qua-han 2026-03-05#2'],
    '2026-03-12': ['bao-lanh-dao 2026-03-05'], // 5 working days overdue: to the leader of the lead unit
    '2026-03-13': ['qua-han 2026-03-05#3'],
  });

  // Who got what: handler + lead unit (its leader) before due; + monitor on due and overdue;
  // the lead unit's leader and the assigner for the escalation. Each once.
  const byKind = async (kind: string) =>
    (await platform.db.knex('notifications as n').join('users as u', 'u.id', 'n.user_id').where({ 'n.task_id': task.id, 'n.kind': kind }).select('u.username', 'n.title', 'n.dedupe_key', 'n.delivered_at'))
      .map((r) => r);
  const reminders = await byKind('reminder');
  const recipients = (key: string) => reminders.filter((r) => r.dedupe_key.includes(`:${key}:`)).map((r) => r.username).sort();
  expect(recipients('truoc-han')).toEqual(['sonoivu.leader', 'sonoivu.staff']);
  expect(recipients('den-han')).toEqual(['sonoivu.leader', 'sonoivu.staff', 'ubnd.staff']);
  expect(recipients('qua-han')).toEqual(['sonoivu.leader', 'sonoivu.leader', 'sonoivu.leader', 'sonoivu.staff', 'sonoivu.staff', 'sonoivu.staff', 'ubnd.staff', 'ubnd.staff', 'ubnd.staff']);
  const escalations = await byKind('escalation');
  expect(escalations.map((r) => r.username).sort()).toEqual(['sonoivu.leader', 'ubnd.leader']);
  expect([...reminders, ...escalations].every((r) => r.delivered_at)).toBe(true);

  // The e-mails: one per notification, at the real SMTP server, in Vietnamese with code, title, deadline and link.
  const mails = reminderMails().filter((m) => m.subject.includes(task.code));
  expect(mails).toHaveLength(reminders.length + escalations.length);
  expect(new Set(mails.map((m) => m.notificationId)).size).toBe(mails.length);
  const before = mails.find((m) => m.subject.startsWith('[Đôn Đốc] Sắp đến hạn') && m.to.includes(users['sonoivu.staff']!.email))!;
  expect(before.subject).toBe(`[Đôn Đốc] Sắp đến hạn: ${task.code} — Rà soát, sắp xếp tổ chức bộ máy các phòng chuyên môn`);
  expect(before.text).toContain('Kính gửi đồng chí Dương Thị Bích Ngọc,');
  expect(before.text).toContain('còn 3 ngày làm việc là đến hạn xử lý (05/03/2026)');
  expect(before.text).toContain(`Mã nhiệm vụ: ${task.code}`);
  expect(before.text).toContain('Hạn xử lý: 05/03/2026');
  expect(before.text).toContain(`Xem chi tiết: https://dondoc.hanoi.gov.vn/tasks/${task.id}`);
  const overdue = mails.filter((m) => m.subject.startsWith('[Đôn Đốc] Quá hạn') && m.to.includes(users['ubnd.staff']!.email));
  expect(overdue.map((m) => m.text.match(/quá hạn xử lý (\d+) ngày làm việc/)?.[1])).toEqual(['2', '4', '6']);
  const escalation = mails.find((m) => m.to.includes(users['sonoivu.leader']!.email) && m.subject.startsWith('[Đôn Đốc] Báo lãnh đạo đơn vị'))!;
  expect(escalation.text).toContain('đã quá hạn xử lý 5 ngày làm việc (hạn 05/03/2026). Đề nghị đồng chí chỉ đạo xử lý.');

  // The daily digest (policy rule "tong-hop-hang-ngay", e-mail only): one per user and working day.
  const digests = smtp.messages.filter((m) => m.subject.startsWith('[Đôn Đốc] Tổng hợp nhiệm vụ ngày') && m.to.includes(users['sonoivu.staff']!.email));
  expect(digests.map((m) => m.subject.slice(-10))).toEqual(['02/03/2026', '03/03/2026', '04/03/2026', '05/03/2026', '06/03/2026', '09/03/2026', '10/03/2026', '11/03/2026', '12/03/2026', '13/03/2026']);
  expect(digests.at(-1)!.text).toContain('1 nhiệm vụ quá hạn');
}, 120_000);

test('publishing the policy with a rule removed stops that rule at the next scan; the other rules go on', async () => {
  clock.set(at('2026-03-13', '10:00'));
  const admin = api();
  const current = (await admin.as('admin', 'GET', '/api/metadata/reminderPolicy/mac-dinh')).body.body;
  const without = { ...current, rules: current.rules.filter((r: any) => r.key !== 'qua-han') };
  expect((await admin.as('admin', 'PUT', '/api/metadata/reminderPolicy/mac-dinh', without)).status).toBe(200);
  expect((await admin.as('admin', 'POST', '/api/metadata/reminderPolicy/mac-dinh/publish')).status).toBe(200);
  const later = await createTask('Báo cáo sơ kết công tác quý I', '2026-03-18'); // Wed: before-due on Mon 16/03

  const count = (rule: string) => platform.db.knex('reminders_sent').where({ rule_key: rule }).count({ n: '*' }).first().then((r) => Number(r!.n));
  const overdueBefore = await count('qua-han');
  for (const day of ['2026-03-16', '2026-03-17', '2026-03-18', '2026-03-19']) {
    clock.set(at(day));
    await scan();
  }
  expect(await count('qua-han')).toBe(overdueBefore); // Tue 17/03 would have been the 4th overdue reminder
  const laterRows = await platform.db.knex('reminders_sent').where({ task_id: later.id }).orderBy('id').pluck('rule_key');
  expect(laterRows).toEqual(['truoc-han', 'den-han']);

  // Disabling the whole policy stops everything at the next scan.
  clock.set(at('2026-03-19', '10:00'));
  const off = { ...without, enabled: false };
  const admin2 = api();
  expect((await admin2.as('admin', 'PUT', '/api/metadata/reminderPolicy/mac-dinh', off)).status).toBe(200);
  expect((await admin2.as('admin', 'POST', '/api/metadata/reminderPolicy/mac-dinh/publish')).status).toBe(200);
  const total = await platform.db.knex('reminders_sent').count({ n: '*' }).first();
  clock.set(at('2026-03-20'));
  const r = await scan();
  expect(r.reminders).toBe(0);
  expect(r.digests).toBe(0);
  expect((await platform.db.knex('reminders_sent').count({ n: '*' }).first())!.n).toBe(total!.n);
  // … and publishing it enabled again brings the rules back.
  const admin3 = api();
  expect((await admin3.as('admin', 'PUT', '/api/metadata/reminderPolicy/mac-dinh', current)).status).toBe(200);
  expect((await admin3.as('admin', 'POST', '/api/metadata/reminderPolicy/mac-dinh/publish')).status).toBe(200);
  expect((await scan()).reminders).toBeGreaterThan(0);
  await deliver();
}, 60_000);

test('"Đôn đốc" is delivered at once (no scan), pushed over Server-Sent Events, and listed with its unread count', async () => {
  clock.set(at('2026-03-23'));
  await deliver();
  const task = await createTask('Đôn đốc thử nghiệm', '2026-04-28');
  const client = api();
  const staffToken = await client.login('sonoivu.staff');

  // The stream of the handler, read with fetch and the bearer header.
  const stream = await openEventStream(platform.url, '/api/notifications/stream', { headers: { authorization: `Bearer ${staffToken}` } });
  expect(stream.res.status).toBe(200);
  expect(stream.res.headers.get('content-type')).toContain('text/event-stream');

  const mailsBefore = smtp.messages.length;
  const urged = await client.as('ubnd.leader', 'POST', `/api/tasks/${task.id}/transitions/don-doc-tiep-nhan`, { comment: 'Đề nghị khẩn trương tiếp nhận và triển khai.' });
  expect(urged.status).toBe(200);
  // No scan, no manual delivery: the write queued the delivery.
  const mails = (await smtp.waitFor(mailsBefore + 2, 10_000)).slice(mailsBefore);
  const toStaff = mails.find((m) => m.to.includes(users['sonoivu.staff']!.email))!;
  expect(toStaff.subject).toBe(`[Đôn Đốc] Đôn đốc: ${task.code} — Đôn đốc thử nghiệm`);
  expect(toStaff.text).toContain('Đồng chí nhận được yêu cầu đôn đốc thực hiện nhiệm vụ dưới đây.');
  expect(toStaff.text).toContain('Ý kiến: Đề nghị khẩn trương tiếp nhận và triển khai.');
  expect(toStaff.text).toContain('Hạn xử lý: 28/04/2026');

  const pushed = (await stream.until((e) => e.event === 'notification' && e.data.kind === 'urge'))!;
  expect(pushed.data).toMatchObject({ kind: 'urge', taskId: task.id, title: `Đôn đốc: ${task.code} — Đôn đốc thử nghiệm` });
  expect(stream.events[0]!.event).toBe('unread');
  await stream.close();

  const list = await client.as('sonoivu.staff', 'GET', '/api/notifications?limit=5');
  expect(list.status).toBe(200);
  expect(list.body.items[0]).toMatchObject({ id: Number(pushed.id), kind: 'urge', readAt: null });
  expect(list.body.items.map((n: any) => n.id)).toEqual([...list.body.items.map((n: any) => n.id)].sort((a, b) => b - a));
  const unread = list.body.unread;
  expect(unread).toBeGreaterThan(1);
  const read = await client.as('sonoivu.staff', 'POST', `/api/notifications/${pushed.id}/read`);
  expect(read.body.unread).toBe(unread - 1);
  expect((await client.as('ubnd.staff', 'POST', `/api/notifications/${pushed.id}/read`)).status).toBe(404); // not theirs
  const all = await client.as('sonoivu.staff', 'POST', '/api/notifications/read-all');
  expect(all.body).toEqual({ marked: unread - 1, unread: 0 });
});

test('the stream takes a single-use ticket from EventSource clients, never a bearer token in the URL', async () => {
  const client = api();
  const token = await client.login('sonoivu.staff');
  expect((await apiFetch(platform.url, `/api/notifications/stream?access_token=${token}`)).status).toBe(401);
  expect((await apiFetch(platform.url, `/api/notifications/stream`)).status).toBe(401);
  const { body } = await client.as('sonoivu.staff', 'POST', '/api/notifications/stream-ticket');
  expect(body.expiresIn).toBe(60);
  const ac = new AbortController();
  const first = await apiFetch(platform.url, `/api/notifications/stream?ticket=${body.ticket}`, { signal: ac.signal });
  expect(first.status).toBe(200);
  ac.abort();
  expect((await apiFetch(platform.url, `/api/notifications/stream?ticket=${body.ticket}`)).status).toBe(401); // used
  const stored = await platform.db.knex('notification_stream_tickets').first('ticket_hash');
  expect(stored.ticket_hash).not.toBe(body.ticket);
});

test('"digest instead of single messages": reminders wait for the next digest e-mail', async () => {
  clock.set(at('2026-03-24', '07:45')); // the day's digest goes out first
  await scan();
  await deliver();
  clock.set(at('2026-03-24'));
  const client = api();
  expect((await client.as('sonoivu.staff', 'PUT', '/api/notifications/preferences', { digest: true, channels: ['inApp', 'email'] })).body).toEqual({ digest: true, channels: ['inApp', 'email'] });
  expect((await client.as('sonoivu.staff', 'PUT', '/api/notifications/preferences', { digest: 'yes' })).status).toBe(422);
  const task = await createTask('Tổng hợp ý kiến góp ý dự thảo', '2026-03-27'); // Fri: 3 working days after Tue 24/03
  const staffMail = () => smtp.messages.filter((m) => m.to.includes(users['sonoivu.staff']!.email) && m.subject.includes(task.code));
  clock.set(at('2026-03-24', '10:00'));
  await scan();
  await deliver();
  const held = await platform.db.knex('notifications').where({ user_id: users['sonoivu.staff']!.id, task_id: task.id, kind: 'reminder' }).first();
  expect(Boolean(held.digest_pending)).toBe(true);
  expect(staffMail()).toHaveLength(0); // held
  expect(smtp.messages.some((m) => m.to.includes(users['sonoivu.leader']!.email) && m.subject.includes(task.code))).toBe(true); // the leader has no digest preference

  clock.set(at('2026-03-25', '07:45')); // the next digest
  await scan();
  await deliver();
  const digest = smtp.messages.filter((m) => m.to.includes(users['sonoivu.staff']!.email) && m.subject === '[Đôn Đốc] Tổng hợp nhiệm vụ ngày 25/03/2026');
  expect(digest).toHaveLength(1);
  expect(digest[0]!.text).toContain(`Sắp đến hạn: ${task.code} — Tổng hợp ý kiến góp ý dự thảo`);
  const after = await platform.db.knex('notifications').where({ id: held.id }).first();
  expect(Boolean(after.digest_pending)).toBe(false);
  await client.as('sonoivu.staff', 'PUT', '/api/notifications/preferences', { digest: false, channels: null });
});

test('a periodic task type creates the next period’s instance once, however many runs at once', async () => {
  clock.set(at('2026-03-25'));
  const admin = api();
  const type = (await admin.as('admin', 'GET', '/api/metadata/taskType/nhiem-vu-van-ban')).body.body;
  const periodic = { ...type, name: 'Báo cáo định kỳ hằng tháng', nameEn: 'Monthly report', deadline: { kind: 'periodic', period: 'month' } };
  expect((await admin.as('admin', 'PUT', '/api/metadata/taskType/bao-cao-thang', periodic)).status).toBe(200);
  expect((await admin.as('admin', 'POST', '/api/metadata/taskType/bao-cao-thang/publish')).status).toBe(200);
  const first = await api().as('ubnd.leader', 'POST', '/api/tasks', {
    type: 'bao-cao-thang',
    title: 'Báo cáo tình hình thực hiện nhiệm vụ tháng',
    leadUnitId: soNoiVu,
    handlerId: users['sonoivu.staff']!.id,
    data: { noiDung: 'Báo cáo hằng tháng.', nguonGiao: 'van-ban' },
  });
  expect(first.status).toBe(201);
  expect(first.body).toMatchObject({ periodKey: '2026-M03', dueDate: '2026-03-31' });
  expect((await s.jobs.runNow<any>('tasks.periodic')).created).toEqual([]); // March is not over

  clock.set(at('2026-04-01'));
  const runs = await Promise.all([1, 2, 3].map(() => s.jobs.runNow<any>('tasks.periodic')));
  const created = runs.flatMap((r) => r.created);
  expect(created).toHaveLength(1);
  const april = await platform.db.knex('tasks').where({ id: created[0] }).first();
  expect(april).toMatchObject({ type_key: 'bao-cao-thang', period_key: '2026-M04', title: 'Báo cáo tình hình thực hiện nhiệm vụ tháng', state: 'cho-tiep-nhan' });
  // The period ends on 30/04, a public holiday (then 1/5 and a weekend): due the next working day.
  expect(String(april.due_date instanceof Date ? april.due_date.toISOString() : april.due_date).slice(0, 10)).toBe('2026-05-04');
  expect((await s.jobs.runNow<any>('tasks.periodic')).created).toEqual([]);
  // Its parties were told, through the same outbox.
  expect(await platform.db.knex('notifications').where({ task_id: april.id, template: 'giao-dinh-ky' }).pluck('user_id')).toEqual(expect.arrayContaining([users['sonoivu.staff']!.id]));
});

test('failed background jobs are visible to administrators only', async () => {
  const client = api();
  const r = await client.as('admin', 'GET', '/api/jobs/failed');
  expect(r.status).toBe(200);
  expect(r.body.runner).toBe(process.env.REDIS_URL ? 'bullmq' : 'in-process');
  expect(Array.isArray(r.body.items)).toBe(true);
  expect((await client.as('ubnd.staff', 'GET', '/api/jobs/failed')).status).toBe(403);
  expect((await client.as('ubnd.admin', 'POST', '/api/jobs/reminders.scan/run')).status).toBe(403);
  expect((await client.as('admin', 'POST', '/api/jobs/khong.co/run')).status).toBe(404);
});
