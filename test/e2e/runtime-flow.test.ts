// The Runtime UI in a real browser against a real engine: a specialist signs in through SSO, opens the
// task assigned to them, acknowledges it, reports progress with an attachment and asks for an extension
// (surviving a lost session on the way without losing what was typed); the leader approves it and the
// dashboard's numbers move accordingly; a task title holding HTML shows as text. Screenshots at
// 1366×768 under test/e2e/screenshots/.
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { browserTestsCanRun, DESKTOP, screenshot } from './support/browser.js';
import { pickEach, pickOption } from './support/antd.js';
import {
  completeSsoForm,
  expectClean,
  kpi,
  watchedPage,
  startRuntimeSuite,
  stopRuntimeSuite,
  type RuntimeSuite,
} from './support/runtime.js';
import { LEADER, SPECIALIST, XSS_TITLE, type Scenario } from './support/runtime-scenario.js';

const maybe = browserTestsCanRun('runtime-flow.test.ts') ? describe : describe.skip;

jest.setTimeout(120_000);

function hanoiDay(offset: number): { iso: string; vn: string } {
  const d = new Date(Date.now() + 7 * 3600_000);
  d.setUTCDate(d.getUTCDate() + offset);
  const iso = d.toISOString().slice(0, 10);
  return { iso, vn: `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` };
}

maybe('Runtime UI: specialist, leader, dashboard (desktop)', () => {
  let platform: RuntimeSuite['platform'];
  let browser: Browser;
  let s: Scenario;
  let dashboardBefore: { openOverdue: number; openOnTime: number };

  beforeAll(async () => void ({ platform, browser, s } = await startRuntimeSuite()), 300_000);
  afterAll(() => stopRuntimeSuite({ platform, browser }));

  test('the leader’s dashboard before: the overdue task is counted', async () => {
    const w = await watchedPage(browser, DESKTOP);
    await w.page.goto(`${platform.url}/dashboard`);
    await completeSsoForm(w.page, LEADER);
    await w.page.getByRole('heading', { name: 'Tổng hợp tình hình thực hiện', exact: true }).waitFor();
    await w.page.getByTestId('kpi-openOverdue').waitFor();
    dashboardBefore = {
      openOverdue: await kpi(w.page, 'openOverdue'),
      openOnTime: await kpi(w.page, 'openOnTime'),
    };
    expect(dashboardBefore.openOverdue).toBeGreaterThanOrEqual(1);
    await w.page.locator('.dd-charts svg').first().waitFor(); // ECharts loaded on demand and drawn
    await screenshot(w.page, 'runtime-dashboard-desktop');
    expectClean(w);
    await w.context.close();
  });

  test('a specialist signs in, sees the inbox in Vietnamese with the XSS title as text, and works the task', async () => {
    const w = await watchedPage(browser, DESKTOP);
    const { page } = w;
    await page.goto(`${platform.url}/`);
    await completeSsoForm(page, SPECIALIST);

    // Inbox: my tasks, category badges, overdue highlighted, the hostile title shown as text.
    await page.getByRole('heading', { name: 'Hộp việc' }).waitFor();
    await page.getByRole('link', { name: 'Rà soát thủ tục hành chính quý III' }).waitFor();
    expect(await page.getByTestId('category-openOverdue').innerText()).toContain('1');
    await expect(page.getByText(XSS_TITLE, { exact: true }).isVisible()).resolves.toBe(true);
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(await page.locator('.dd-row-overdue').count()).toBe(1);
    await screenshot(page, 'runtime-inbox-desktop');

    // Keyboard: the first Tab reaches the skip link, and what has focus shows it.
    await page.reload();
    await page.getByRole('link', { name: 'Rà soát thủ tục hành chính quý III' }).waitFor();
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = (globalThis as any).document.activeElement;
      const style = (globalThis as any).getComputedStyle(el);
      return { text: el?.textContent ?? '', outline: style.outlineStyle, width: style.outlineWidth };
    });
    expect(focused.text).toBe('Bỏ qua, đến nội dung chính');
    expect(focused.outline).not.toBe('none');

    // The XSS task's own page: the title is text there too.
    await page.getByRole('link', { name: XSS_TITLE }).click();
    await page.getByRole('heading', { name: XSS_TITLE }).waitFor();
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    await page.getByRole('link', { name: '← Hộp việc' }).click();

    // Open the assigned task; acknowledge it.
    await page.getByRole('link', { name: 'Rà soát thủ tục hành chính quý III' }).click();
    await page.getByRole('heading', { name: 'Rà soát thủ tục hành chính quý III' }).waitFor();
    await page.getByText('quá hạn', { exact: false }).first().waitFor();
    await page.getByRole('button', { name: 'Tiếp nhận' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Tiếp nhận' }).click();
    await page.getByText('Đã thực hiện: Tiếp nhận').waitFor();
    await page.locator('.dd-task-tags').getByText('Đang thực hiện').waitFor();

    // Report progress: the task form's progress field, an opinion and a file, uploaded with progress.
    await page.getByRole('button', { name: 'Cập nhật tiến độ' }).click();
    await dialog.getByText('Tiến độ (%)').waitFor();
    await dialog.locator('.ant-slider-handle').focus();
    for (let i = 0; i < 40; i++) await page.keyboard.press('ArrowRight');
    await dialog
      .getByLabel('Ý kiến, lý do (bắt buộc)')
      .fill('Đã rà soát 40% thủ tục, dự kiến cần thêm thời gian.');
    await dialog.locator('input[type=file]').setInputFiles({
      name: 'bao-cao-tien-do.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('Báo cáo tiến độ: 12/30 thủ tục đã rà soát.\n'),
    });
    await dialog.getByText('bao-cao-tien-do.txt').waitFor();
    await dialog.locator('.ant-upload-list-item-done').waitFor();
    await dialog.getByRole('button', { name: 'Cập nhật tiến độ' }).click();
    await page.getByText('Đã thực hiện: Cập nhật tiến độ').waitFor();
    await page.getByLabel('Tiến độ 40%').first().waitFor();
    // The file is in the timeline and in the task's attachments, and previews as text.
    await page.locator('.dd-file-list').getByRole('link', { name: 'bao-cao-tien-do.txt' }).waitFor();
    await page
      .locator('.dd-file-list')
      .getByRole('button', { name: 'Xem trước bao-cao-tien-do.txt' })
      .click();
    await page.getByText('Báo cáo tiến độ: 12/30 thủ tục đã rà soát.').waitFor();
    await page.keyboard.press('Escape');

    // Ask for an extension; the session is lost before sending: what was typed survives a new sign-in.
    const newDue = hanoiDay(20);
    await page.getByRole('button', { name: 'Đề nghị gia hạn' }).click();
    await dialog.getByText('Hạn đề nghị gia hạn').waitFor();
    await dialog
      .locator('#tr-xin-gia-han_hanDeNghi, [id^="tr-xin-gia-han"][id$="hanDeNghi"]')
      .first()
      .click();
    await page.keyboard.type(newDue.vn);
    await page.keyboard.press('Enter');
    await dialog
      .getByLabel('Ý kiến, lý do (bắt buộc)')
      .fill('Cần thêm thời gian để lấy ý kiến các sở, ngành.');
    await page.waitForTimeout(400); // the draft is saved (debounced)
    await w.context.clearCookies(); // the session ends (expiry, idle timeout or sign-out elsewhere)
    await dialog.getByRole('button', { name: 'Đề nghị gia hạn' }).click();
    await page.getByText('Phiên đăng nhập đã hết hạn').first().waitFor();
    await page.getByTestId('session-sign-in').click();
    await completeSsoForm(page, SPECIALIST);
    await page.getByText('Đã khôi phục nội dung bạn nhập trước đó.').waitFor();
    expect(await dialog.getByLabel('Ý kiến, lý do (bắt buộc)').inputValue()).toBe(
      'Cần thêm thời gian để lấy ý kiến các sở, ngành.',
    );
    await dialog.getByRole('button', { name: 'Đề nghị gia hạn' }).click();
    await page.getByText('Đã thực hiện: Đề nghị gia hạn').waitFor();
    await page.locator('.dd-task-tags').getByText('Chờ duyệt gia hạn').waitFor();
    await page.locator('.dd-timeline').getByText('Cần thêm thời gian để lấy ý kiến các sở, ngành.').waitFor();
    await screenshot(page, 'runtime-task-desktop');

    const history = await platform.api.as(LEADER, 'GET', `/api/tasks/${s.overdueTaskId}/history`);
    const request = history.body.items.find((e: any) => e.transition === 'xin-gia-han');
    expect(request.changes.hanDeNghi[1]).toBe(newDue.iso);
    expect(history.body.items.find((e: any) => e.transition === 'cap-nhat-tien-do').attachments).toHaveLength(
      1,
    );
    expectClean(w);
    await w.context.close();
  });

  test('the leader approves the extension; the dashboard counts the task as on time; drill-down lists the tasks', async () => {
    const w = await watchedPage(browser, DESKTOP);
    const { page } = w;
    await page.goto(`${platform.url}/tasks/${s.overdueTaskId}`);
    await completeSsoForm(page, LEADER);
    await page.getByRole('heading', { name: 'Rà soát thủ tục hành chính quý III' }).waitFor();
    await page.getByRole('button', { name: 'Duyệt gia hạn' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Duyệt gia hạn' }).click();
    await page.getByText('Đã thực hiện: Duyệt gia hạn').waitFor();
    await page.getByText(/hạn ban đầu/).waitFor();
    await page.getByText('Đang thực hiện trong hạn').first().waitFor();

    await page.getByRole('link', { name: 'Tổng hợp' }).click();
    await page.getByTestId('kpi-openOverdue').waitFor();
    await page.waitForFunction(
      (n) =>
        Number(
          (globalThis as any).document
            .querySelector('[data-testid="kpi-openOverdue"] .ant-statistic-content-value')
            ?.textContent?.replace(/\D/g, ''),
        ) === n,
      dashboardBefore.openOverdue - 1,
    );
    expect(await kpi(page, 'openOverdue')).toBe(dashboardBefore.openOverdue - 1);
    expect(await kpi(page, 'openOnTime')).toBe(dashboardBefore.openOnTime + 1);
    await screenshot(page, 'runtime-dashboard-after-desktop');

    // Drill down: the open-on-time tasks of the leader's unit, the approved one among them.
    await page.getByTestId('kpi-openOnTime').click();
    await page.getByRole('heading', { name: 'Hộp việc' }).waitFor();
    await page.getByRole('link', { name: 'Rà soát thủ tục hành chính quý III' }).waitFor();
    expect(new URL(page.url()).searchParams.get('category')).toBe('openOnTime');

    // The bell is live: the specialist reports completion (through the API) and the leader's unread
    // count goes up without a reload, fed by Server-Sent Events.
    const bell = page.getByTestId('notification-bell');
    const unread = async () =>
      Number(/(\d+) chưa đọc/.exec((await bell.getAttribute('aria-label')) ?? '')?.[1] ?? 0);
    const before = await unread();
    const done = await platform.api.as(
      SPECIALIST,
      'POST',
      `/api/tasks/${s.overdueTaskId}/transitions/bao-cao-hoan-thanh`,
      { data: { ketQua: 'Đã rà soát xong 30 thủ tục.' } },
    );
    expect(done.status).toBe(200);
    await page.waitForFunction(
      (n) =>
        Number(
          /(\d+) chưa đọc/.exec(
            (globalThis as any).document
              .querySelector('[data-testid="notification-bell"]')
              ?.getAttribute('aria-label') ?? '',
          )?.[1] ?? 0,
        ) > n,
      before,
    );
    await bell.click();
    await page
      .getByRole('region', { name: 'Thông báo' })
      .getByText(/Báo cáo hoàn thành: /)
      .first()
      .click();
    await page.getByRole('heading', { name: 'Rà soát thủ tục hành chính quý III' }).waitFor();
    expect(await unread()).toBe(before);
    expectClean(w);
    await w.context.close();
  });

  test('a directive document becomes tasks for several units at once', async () => {
    const w = await watchedPage(browser, DESKTOP);
    const { page } = w;
    await page.goto(`${platform.url}/documents`);
    await completeSsoForm(page, LEADER);
    await page.getByRole('link', { name: 'Về việc đẩy mạnh cải cách thủ tục hành chính năm 2026' }).click();
    await page
      .getByRole('heading', { name: 'Về việc đẩy mạnh cải cách thủ tục hành chính năm 2026' })
      .waitFor();
    await page.getByRole('button', { name: 'Giao nhiệm vụ cho các đơn vị' }).click();
    const dialog = page.getByRole('dialog');
    await pickEach(page, dialog.locator('#assign-units'), ['Sở Nội vụ', 'Sở Tài chính'], { search: true });
    await dialog
      .getByLabel('Nội dung nhiệm vụ')
      .fill('Rà soát, cắt giảm thủ tục hành chính thuộc lĩnh vực quản lý');
    await dialog.locator('[id="assign-due"]').click();
    await page.keyboard.type(hanoiDay(30).vn);
    await page.keyboard.press('Enter');
    await dialog.locator('.ant-modal-title').click(); // closes the date picker's popup
    await page
      .locator('.ant-picker-dropdown:not(.ant-picker-dropdown-hidden)')
      .waitFor({ state: 'detached', timeout: 5000 })
      .catch(() => undefined);
    await screenshot(page, 'runtime-document-assign-desktop');
    await dialog.getByRole('button', { name: 'Giao cho 2 đơn vị' }).click();
    await page.getByRole('heading', { name: 'Nhiệm vụ theo văn bản (2)' }).waitFor();
    const list = await platform.api.as(LEADER, 'GET', `/api/tasks?document=${s.documentId}`);
    // Each due on the date picked (or the next working day after it).
    expect(
      list.body.items.every((t: any) => t.sourceDocumentId === s.documentId && t.dueDate >= hanoiDay(30).iso),
    ).toBe(true);
    expect(list.body.total).toBe(2);

    // And a task of its own from the inbox: one lead unit, the form of the task type.
    await page.getByRole('link', { name: 'Hộp việc' }).click();
    await page.getByRole('button', { name: 'Giao nhiệm vụ' }).click();
    const create = page.getByRole('dialog');
    await pickOption(page, create.locator('#assign-units'), 'Sở Nội vụ', 'Sở Nội vụ');
    await create.getByLabel('Trích yếu').fill('Báo cáo biên chế công chức năm 2026');
    await create.getByLabel('Nội dung nhiệm vụ').fill('Tổng hợp số liệu biên chế');
    await create.getByRole('button', { name: 'Giao nhiệm vụ' }).click();
    await page.getByRole('heading', { name: 'Báo cáo biên chế công chức năm 2026' }).waitFor();
    await page.getByText('Sở Nội vụ').first().waitFor();
    expectClean(w);
    await w.context.close();
  });
});
