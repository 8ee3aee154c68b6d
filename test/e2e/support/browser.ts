// Browser tests: playwright-core driving Debian's chromium against a real engine that serves the built
// front ends. The front ends are built once per run (by .ci/run's `npm run build`, or here if missing).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const screenshotDir = path.join(repoRoot, 'test/e2e/screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Builds the two front ends unless a build newer than their sources is there. */
export function ensureFrontEndsBuilt(): void {
  const newest = (dir: string): number => {
    let t = 0;
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      if (e.name === 'node_modules' || e.name === 'dist') continue;
      const p = path.join(dir, e.name);
      t = Math.max(t, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
    }
    return t;
  };
  for (const app of ['runtime-ui', 'admin-studio']) {
    const index = path.join(repoRoot, app, 'dist/index.html');
    const shared = newest(path.join(repoRoot, 'runtime-ui/src'));
    if (!fs.existsSync(index) || fs.statSync(index).mtimeMs < Math.max(newest(path.join(repoRoot, app, 'src')), shared))
      execFileSync('npx', ['vite', 'build', app], { cwd: repoRoot, stdio: 'inherit' });
  }
}

export function chromiumAvailable(): boolean {
  return fs.existsSync(CHROMIUM);
}

/** false (and a loud warning) when the browser tests cannot run here; under CI=true a missing browser fails. */
export function browserTestsCanRun(file: string): boolean {
  if (chromiumAvailable()) return true;
  if (process.env.CI === 'true') throw new Error(`${file}: chromium is missing (CHROMIUM_PATH or /usr/bin/chromium) and CI=true`);
  console.warn(`\n\n*** ${file}: SKIPPED — chromium is missing (apt-get install chromium, or set CHROMIUM_PATH) ***\n`);
  return false;
}

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // The machine's closed network: no background requests, no component updates.
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export const DESKTOP = { width: 1366, height: 768 };
export const PHONE = { width: 360, height: 740 };

export async function newContext(browser: Browser, viewport = DESKTOP): Promise<BrowserContext> {
  return browser.newContext({ viewport, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', deviceScaleFactor: 1, isMobile: viewport.width < 500, hasTouch: viewport.width < 500 });
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(screenshotDir, { recursive: true });
  const file = path.join(screenshotDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: false });
  return file;
}

/** Fails the test on any request that leaves loopback (the platform sends nothing outside). */
export function forbidExternalRequests(page: Page): string[] {
  const external: string[] = [];
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (!['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname) && !['data:', 'blob:'].includes(u.protocol)) external.push(r.url());
  });
  return external;
}
