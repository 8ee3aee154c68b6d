// The notification outbox in the Admin Studio: a delivery that failed at the mail server shows with its
// error to the platform administrator, who sends it again from the page; a pillar administrator has no
// such menu item.
import type { Browser } from 'playwright-core';
import { MAX_ATTEMPTS } from '../../engine/src/notify/delivery.js';
import { startSmtp } from '../integration/reminders-smtp.js';
import { startTestPlatform } from '../support/engine.js';
import { browserTestsCanRun, ensureFrontEndsBuilt, launch, screenshot, studioPage } from './studio-helpers.js';

const run = browserTestsCanRun('studio-deliveries.test.ts');
const maybe = run ? describe : describe.skip;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A working day about three weeks from now, as the API takes a due date. */
function dueInThreeWeeks(): string {
  const d = new Date(Date.now() + 21 * 86_400_000);
  while (d.getUTCDay() === 0 || d.getUTCDay() === 6) d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

maybe('Admin Studio: failed notification deliveries', () => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let platform: Awaited<ReturnType<typeof startTestPlatform>>;
  let browser: Browser;
  let failedId: number;

  beforeAll(async () => {
    ensureFrontEndsBuilt();
    smtp = await startSmtp();
    platform = await startTestPlatform({ env: { SMTP_URL: smtp.url, JOBS_SCHEDULE: 'off' } });
    browser = await launch();
    const knex = platform.db.knex;
    const deliver = () => platform.engine.services.jobs.runNow<any>('notify.deliver');
    const users = Object.fromEntries((await knex('users').select('id', 'username')).map((u) => [u.username, Number(u.id)]));
    const unit = (await knex('units').where({ code: '000.00.02.H26' }).first('id')).id;

    // As test/integration/notify-channels.test.ts: a task, its own notifications out, then the mail
    // server refuses (451) and an urge to the handler fails at every attempt (the backoff skipped).
    const created = await platform.api.as('ubnd.leader', 'POST', '/api/tasks', {
      type: 'nhiem-vu-van-ban',
      title: 'Thử gửi lại thông báo từ Studio',
      leadUnitId: unit,
      handlerId: users['sonoivu.staff'],
      monitorId: users['ubnd.staff'],
      dueDate: dueInThreeWeeks(),
      data: { noiDung: 'Thử gửi lại thông báo từ Studio.', nguonGiao: 'van-ban' },
    });
    expect(created.status).toBe(201);
    await deliver();
    smtp.refuse(true);
    const urged = await platform.api.as('ubnd.leader', 'POST', `/api/tasks/${created.body.id}/transitions/don-doc-tiep-nhan`, { comment: 'Đề nghị tiếp nhận.' });
    expect(urged.status).toBe(200);
    failedId = Number((await knex('notifications').where({ task_id: created.body.id, kind: 'urge', user_id: users['sonoivu.staff'] }).first('id')).id);
    const released = async () => {
      const end = Date.now() + 10_000; // the run the transition queued may still hold the row
      let r: any;
      while ((r = await knex('notifications').where({ id: failedId }).first('failed_at', 'claim')).claim && Date.now() < end) await sleep(25);
      return r;
    };
    for (let i = 0; i < MAX_ATTEMPTS + 2; i++) {
      if ((await released()).failed_at) break;
      await knex('notifications').where({ id: failedId }).update({ next_attempt_at: null });
      await deliver();
    }
    const listed = await platform.api.as('admin', 'GET', '/api/notifications/deliveries?status=failed');
    expect(listed.body.items.find((x: any) => x.id === failedId)).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS, username: 'sonoivu.staff' });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await platform?.close();
    await smtp?.close();
  });

  test('the administrator sees the failed delivery with its error and sends it again; it leaves the list and goes out', async () => {
    const { page, external } = await studioPage(browser, platform.url, 'admin');
    await page.getByRole('menuitem', { name: 'Thông báo gửi lỗi' }).click();
    await page.waitForURL(/\/studio\/deliveries/);
    await page.getByRole('heading', { name: 'Thông báo gửi lỗi' }).waitFor();
    const failed = (await platform.api.as('admin', 'GET', '/api/notifications/deliveries?status=failed')).body.total;
    await page.getByText(`${failed} thông báo`, { exact: true }).waitFor();
    const row = page.getByRole('row').filter({ hasText: 'sonoivu.staff' }).filter({ hasText: /451|không nhận/ });
    await row.waitFor();
    expect(await row.count()).toBe(1);
    await row.getByText(String(MAX_ATTEMPTS), { exact: true }).waitFor();
    await row.getByText(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/).waitFor(); // dd/MM/yyyy HH:mm
    await page.getByRole('button', { name: 'Gửi lại tất cả' }).waitFor();
    await page.mouse.move(0, 0);
    await screenshot(page, 'studio-deliveries');

    // The mail server takes mail again; "Gửi lại" on the row, confirmed.
    smtp.refuse(false);
    await row.getByRole('button', { name: 'Gửi lại' }).click();
    const confirm = page.locator('.ant-popconfirm:visible');
    await confirm.getByText('Gửi lại thông báo cho').waitFor();
    await confirm.getByRole('button', { name: 'Gửi lại' }).click();
    await page.getByText('Đã đưa 1 thông báo vào hàng đợi gửi lại').waitFor();
    await row.waitFor({ state: 'detached' }); // the list was read again

    const stillFailed = (await platform.api.as('admin', 'GET', '/api/notifications/deliveries?status=failed')).body.items.map((x: any) => x.id);
    expect(stillFailed).not.toContain(failedId);
    // Retried: a new series of attempts, which delivers it — no longer in any status of the outbox.
    const end = Date.now() + 15_000;
    const outbox = async () => {
      const ids: number[] = [];
      for (const status of ['failed', 'retrying', 'pending']) ids.push(...(await platform.api.as('admin', 'GET', `/api/notifications/deliveries?status=${status}`)).body.items.map((x: any) => x.id));
      return ids;
    };
    while ((await outbox()).includes(failedId) && Date.now() < end) await sleep(100);
    expect(await outbox()).not.toContain(failedId);
    expect(smtp.messages.filter((m) => m.notificationId === failedId)).toHaveLength(1);
    const audit = await platform.db.knex('audit_log').where({ action: 'notification.retry', subject_id: String(failedId) }).first();
    expect(audit).toMatchObject({ actor: 'admin' });
    expect(external).toEqual([]);
  }, 120_000);

  test('a pillar administrator has no such menu item', async () => {
    const { page } = await studioPage(browser, platform.url, 'ubnd.admin');
    await page.getByRole('menuitem', { name: 'Gói cấu hình' }).waitFor();
    expect(await page.getByRole('menuitem', { name: 'Thông báo gửi lỗi' }).count()).toBe(0);
  }, 60_000);
});
