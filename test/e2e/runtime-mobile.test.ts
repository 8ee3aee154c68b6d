// The Runtime UI on a phone (360×740): the specialist's inbox and task page, the leader's dashboard,
// installable (manifest, icons, service worker) and usable offline — the last loaded inbox and task with
// a clear offline banner. Screenshots under test/e2e/screenshots/.
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { browserTestsCanRun, PHONE, screenshot } from './support/browser.js';
import {
  completeSsoForm,
  expectClean,
  pageWidth,
  watchedPage,
  startRuntimeSuite,
  stopRuntimeSuite,
  type RuntimeSuite,
} from './support/runtime.js';
import { LEADER, SPECIALIST, type Scenario } from './support/runtime-scenario.js';

const maybe = browserTestsCanRun('runtime-mobile.test.ts') ? describe : describe.skip;

jest.setTimeout(120_000);

maybe('Runtime UI on a phone, installable and offline', () => {
  let platform: RuntimeSuite['platform'];
  let browser: Browser;
  let s: Scenario;

  beforeAll(
    async () => void ({ platform, browser, s } = await startRuntimeSuite({ extraTasks: 3 })),
    300_000,
  );
  afterAll(() => stopRuntimeSuite({ platform, browser }));

  test('manifest, icons and service worker are served by the engine', async () => {
    const manifest = await fetch(`${platform.url}/manifest.webmanifest`);
    expect(manifest.status).toBe(200);
    const m = (await manifest.json()) as {
      name: string;
      lang: string;
      start_url: string;
      display: string;
      icons: { src: string; sizes: string }[];
    };
    expect(m).toMatchObject({ lang: 'vi', start_url: '/', display: 'standalone' });
    expect(m.icons.map((i) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
    for (const icon of m.icons) expect((await fetch(`${platform.url}${icon.src}`)).status).toBe(200);
    const sw = await fetch(`${platform.url}/sw.js`);
    expect(sw.status).toBe(200);
    expect(await sw.text()).toContain('/index.html');
  });

  test('a specialist on a phone: inbox and task, then offline with the last loaded data and a banner', async () => {
    const w = await watchedPage(browser, PHONE);
    const { page, context } = w;
    await page.goto(`${platform.url}/`);
    await completeSsoForm(page, SPECIALIST);
    await page.getByRole('heading', { name: 'Hộp việc' }).waitFor();
    await page.getByRole('link', { name: 'Rà soát thủ tục hành chính quý III' }).waitFor();
    // Usable at 360 px: nothing wider than the screen.
    expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'runtime-inbox-phone');

    // The service worker takes control; the inbox and the task are loaded once through it.
    await page.evaluate(() => (globalThis as any).navigator.serviceWorker.ready.then(() => true));
    await page.reload();
    await page.waitForFunction(() => !!(globalThis as any).navigator.serviceWorker.controller);
    await page.getByRole('link', { name: 'Rà soát thủ tục hành chính quý III' }).click();
    await page.getByRole('heading', { name: 'Rà soát thủ tục hành chính quý III' }).waitFor();
    await page.getByRole('button', { name: 'Tiếp nhận' }).waitFor();
    await page.locator('.dd-timeline').getByText('Giao nhiệm vụ').waitFor();
    await page.getByLabel('Nội dung nhiệm vụ').waitFor(); // the form (its own chunk) is drawn
    expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'runtime-task-phone');
    await page.getByRole('link', { name: '← Hộp việc' }).click();
    await page.getByRole('link', { name: 'Rà soát thủ tục hành chính quý III' }).waitFor();

    // Offline: the app starts from the service worker's cache and shows the last loaded inbox and task.
    await context.setOffline(true);
    await page.reload();
    await page.getByText('Bạn đang ngoại tuyến', { exact: false }).waitFor();
    await page.getByRole('link', { name: 'Rà soát thủ tục hành chính quý III' }).waitFor();
    await screenshot(page, 'runtime-offline-phone');
    await page.getByRole('link', { name: 'Rà soát thủ tục hành chính quý III' }).click();
    await page.getByRole('heading', { name: 'Rà soát thủ tục hành chính quý III' }).waitFor();
    await context.setOffline(false);
    await page.reload();
    await page.getByRole('heading', { name: 'Rà soát thủ tục hành chính quý III' }).waitFor();
    expect(await page.getByText('Bạn đang ngoại tuyến', { exact: false }).count()).toBe(0);

    // Signing out removes the offline copies.
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await page.waitForURL((u) => u.pathname.startsWith('/oidc/') || u.pathname === '/');
    const left = await page.evaluate(
      async () =>
        ((await (globalThis as any).caches.keys()) as string[]).filter((n) => n.startsWith('dondoc-data'))
          .length,
    );
    expect(left).toBe(0);
    expectClean(w);
    await context.close();
  });

  test('a leader on a phone: the dashboard', async () => {
    const w = await watchedPage(browser, PHONE);
    await w.page.goto(`${platform.url}/dashboard`);
    await completeSsoForm(w.page, LEADER);
    await w.page.getByTestId('kpi-openOverdue').waitFor();
    await w.page.locator('.dd-charts svg').first().waitFor();
    expect(await pageWidth(w.page)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(w.page, 'runtime-dashboard-phone');
    expect(s.overdueTaskId).toBeGreaterThan(0);
    expectClean(w);
    await w.context.close();
  });
});
