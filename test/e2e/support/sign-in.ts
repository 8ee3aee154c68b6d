// Signs in through the platform's SSO pages as a person would: the app's sign-in button, the provider's
// login form, back to the app.
import type { Page } from 'playwright-core';
import { SEED_PASSWORD } from '../../support/engine.js';

export async function signInThroughSso(page: Page, appUrl: string, username: string, password = SEED_PASSWORD): Promise<void> {
  await page.goto(appUrl);
  // The app sends an anonymous visitor to /api/auth/sso/start, which redirects to the provider's form.
  const start = page.getByRole('button', { name: /Đăng nhập/ }).or(page.getByRole('link', { name: /Đăng nhập/ }));
  if (!page.url().includes('/oidc/interaction/') && (await start.count())) await start.first().click();
  await page.waitForURL(/\/oidc\/interaction\//);
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/oidc/'));
}
