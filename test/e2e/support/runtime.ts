// Helpers of the Runtime UI's browser tests.
import { expect } from '@jest/globals';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { SEED_PASSWORD, startTestPlatform } from '../../support/engine.js';
import { createScenario, type Scenario } from './runtime-scenario.js';
import { ensureFrontEndsBuilt, forbidExternalRequests, launch, newContext, repoRoot } from './browser.js';

/** On the provider's sign-in page (already there or on the way): fill it in and come back to the app. */
export async function completeSsoForm(page: Page, username: string, password = SEED_PASSWORD): Promise<void> {
  await page.waitForURL(/\/oidc\/interaction\//);
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/oidc/') && !u.pathname.startsWith('/api/'));
}

export interface Watched {
  context: BrowserContext;
  page: Page;
  /** Requests that left loopback. */
  external: string[];
  /** Uncaught errors and alert() dialogs: an XSS would show here. */
  problems: string[];
}

/** A context and page that record what must never happen: external requests, page errors, dialogs. */
export async function watchedPage(
  browser: Browser,
  viewport: { width: number; height: number },
): Promise<Watched> {
  const context = await newContext(browser, viewport);
  const page = await context.newPage();
  const external = forbidExternalRequests(page);
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('dialog', (d) => {
    problems.push(`dialog: ${d.type()} ${d.message()}`);
    void d.dismiss();
  });
  return { context, page, external, problems };
}

export function expectClean(w: Watched): void {
  expect(w.external).toEqual([]);
  expect(w.problems).toEqual([]);
}

/** The number shown by a dashboard KPI card. */
export async function kpi(page: Page, category: string): Promise<number> {
  const text = await page.getByTestId(`kpi-${category}`).locator('.ant-statistic-content-value').innerText();
  return Number(text.replace(/\D/g, ''));
}

/** The page's scroll width: at most the viewport's when nothing overflows sideways. */
export async function pageWidth(page: Page): Promise<number> {
  return page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth as number);
}

/**
 * ensureFrontEndsBuilt behind a lock shared by the jest workers: two workers finding the build stale at
 * once would otherwise both run `vite build` into the same dist/ (emptied first) while the other's
 * engine serves it. The second waits, then finds the build fresh.
 */
export function ensureFrontEndsBuiltOnce(): void {
  const lock = path.join(
    os.tmpdir(),
    `dondoc-frontend-build-${Buffer.from(repoRoot).toString('hex').slice(-24)}.lock`,
  );
  const deadline = Date.now() + 10 * 60_000;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch {
      const age = Date.now() - (fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 10 * 60_000)
        fs.rmSync(lock, { recursive: true, force: true }); // left by a killed run
      else if (Date.now() > deadline) throw new Error(`front-end build lock ${lock} held for too long`);
      else Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500);
    }
  }
  try {
    ensureFrontEndsBuilt();
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

export interface RuntimeSuite {
  platform: Awaited<ReturnType<typeof startTestPlatform>>;
  browser: Browser;
  s: Scenario;
}

/** A Runtime UI suite's world: the front ends built, an engine with the scenario's tasks, a browser. */
export async function startRuntimeSuite(opts: { extraTasks?: number } = {}): Promise<RuntimeSuite> {
  ensureFrontEndsBuiltOnce();
  const platform = await startTestPlatform();
  const s = await createScenario(platform.api, opts);
  return { platform, s, browser: await launch() };
}

export async function stopRuntimeSuite(suite: Partial<RuntimeSuite>): Promise<void> {
  await suite.browser?.close();
  await suite.platform?.close();
}
