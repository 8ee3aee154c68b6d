// Metadata drives the task page at run time: a field added to the form by publishing metadata appears
// on the page of a task created afterwards — no rebuild, no restart, not even a reload of the open
// page — with its permissions honoured (edit: leaders only → disabled for a specialist; read: leaders
// only → absent). A task created before keeps the form version it started under. And the 15-minute idle
// timeout: a warning, then the session is treated as lost, and what was typed comes back after signing in.
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { browserTestsCanRun, DESKTOP, screenshot } from './support/browser.js';
import {
  completeSsoForm,
  expectClean,
  watchedPage,
  startRuntimeSuite,
  stopRuntimeSuite,
  type RuntimeSuite,
} from './support/runtime.js';
import { LEADER, SPECIALIST, type Scenario } from './support/runtime-scenario.js';

const maybe = browserTestsCanRun('runtime-metadata.test.ts') ? describe : describe.skip;

jest.setTimeout(120_000);

maybe('Runtime UI: form metadata published while the page is open', () => {
  let platform: RuntimeSuite['platform'];
  let browser: Browser;
  let s: Scenario;

  beforeAll(async () => void ({ platform, browser, s } = await startRuntimeSuite()), 300_000);
  afterAll(() => stopRuntimeSuite({ platform, browser }));

  test('a new field appears on a new task’s page, read-only for a specialist; a leader-only field is absent', async () => {
    const w = await watchedPage(browser, DESKTOP);
    const { page } = w;
    await page.goto(`${platform.url}/`);
    await completeSsoForm(page, SPECIALIST);
    await page.getByRole('link', { name: 'Rà soát thủ tục hành chính quý III' }).waitFor();
    const loadedScripts = await page.evaluate(
      () => performance.getEntriesByType('resource').filter((e) => e.name.endsWith('.js')).length,
    );

    // The UBND administrator publishes the pillar's form with two new fields.
    const current = (await platform.api.as('ubnd.admin', 'GET', '/api/metadata/form/nhiem-vu')).body.body;
    const form = structuredClone(current);
    form.schema.properties.soHoSo = { type: 'string', title: 'Số hồ sơ một cửa', maxLength: 50 };
    form.schema.properties.ghiChuLanhDao = { type: 'string', title: 'Ghi chú của lãnh đạo' };
    form.fields.soHoSo = { titleEn: 'One-stop file number', edit: ['lanh-dao'], indexed: true, listed: true };
    form.fields.ghiChuLanhDao = { titleEn: 'Leader’s note', read: ['lanh-dao'] };
    form.uiSchema['ui:order'] = [
      'noiDung',
      'soHoSo',
      ...form.uiSchema['ui:order'].filter((k: string) => k !== 'noiDung'),
    ];
    expect(
      (await platform.api.as('ubnd.admin', 'PUT', '/api/metadata/form/nhiem-vu?pillar=ubnd', form)).status,
    ).toBe(200);
    expect(
      (await platform.api.as('ubnd.admin', 'POST', '/api/metadata/form/nhiem-vu/publish?pillar=ubnd')).status,
    ).toBe(200);
    const created = await platform.api.as(LEADER, 'POST', '/api/tasks', {
      type: 'nhiem-vu-van-ban',
      title: 'Giải quyết hồ sơ đất đai tồn đọng',
      leadUnitId: s.unitId,
      handlerId: s.specialistId,
      data: {
        noiDung: 'Giải quyết dứt điểm',
        nguonGiao: 'van-ban',
        soHoSo: 'HS-2026-000123',
        ghiChuLanhDao: 'Ưu tiên xử lý trước',
      },
    });
    expect(created.status).toBe(201);

    // Same page, no reload: search, open, and the new field is there.
    await page.getByLabel('Tìm nhiệm vụ').fill('hồ sơ đất đai');
    await page.getByRole('button', { name: 'Tìm' }).click();
    await page.getByRole('link', { name: 'Giải quyết hồ sơ đất đai tồn đọng' }).click();
    await page.getByRole('heading', { name: 'Giải quyết hồ sơ đất đai tồn đọng' }).waitFor();
    const field = page.getByLabel('Số hồ sơ một cửa');
    await field.waitFor();
    expect(await field.inputValue()).toBe('HS-2026-000123');
    expect(await field.isDisabled()).toBe(true);
    expect(await page.getByText('Ghi chú của lãnh đạo').count()).toBe(0);
    expect(await page.getByText('Ưu tiên xử lý trước').count()).toBe(0);
    await screenshot(page, 'runtime-task-new-field-desktop');

    // The task created before the publish keeps its form version: no new field there.
    await page.goto(`${platform.url}/tasks/${s.overdueTaskId}`);
    await page.getByRole('heading', { name: 'Rà soát thủ tục hành chính quý III' }).waitFor();
    await page.getByLabel('Nội dung nhiệm vụ').waitFor();
    expect(await page.getByLabel('Số hồ sơ một cửa').count()).toBe(0);
    expect(loadedScripts).toBeGreaterThan(0);
    expectClean(w);
    await w.context.close();
  });

  test('the idle timeout warns, then asks to sign in again; the typed work survives', async () => {
    const w = await watchedPage(browser, DESKTOP);
    const { page } = w;
    await page.clock.install();
    await page.goto(`${platform.url}/tasks/${s.xssTaskId}`);
    await completeSsoForm(page, SPECIALIST);
    await page.getByRole('button', { name: 'Trả lại' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Ý kiến, lý do (bắt buộc)').fill('Nhiệm vụ không thuộc chức năng của phòng.');
    await page.clock.runFor(1000); // the draft is saved (debounced)

    await page.clock.fastForward('14:10');
    await page.clock.runFor(6000);
    await page.getByText('Phiên sắp hết hạn').waitFor();
    await page.clock.fastForward('01:00');
    await page.clock.runFor(6000);
    await page.getByText('Phiên đăng nhập đã hết hạn').first().waitFor();
    await page.getByTestId('session-sign-in').click();
    // The provider may still know the user (its own session), or ask again.
    await page.waitForURL(
      (u) => u.pathname.startsWith('/oidc/interaction/') || u.pathname.startsWith('/tasks/'),
    );
    if (page.url().includes('/oidc/interaction/')) await completeSsoForm(page, SPECIALIST);
    await page.getByText('Đã khôi phục nội dung bạn nhập trước đó.').waitFor();
    expect(await page.getByRole('dialog').getByLabel('Ý kiến, lý do (bắt buộc)').inputValue()).toBe(
      'Nhiệm vụ không thuộc chức năng của phòng.',
    );
    expectClean(w);
    await w.context.close();
  });
});
