// Helpers of the Admin Studio browser tests: a platform serving the built front ends, a browser (or a
// loud skip when chromium is missing outside CI), sign-in through SSO, and antd widgets driven as a
// person drives them.
import type { Browser, Page } from 'playwright-core';
import { browserTestsCanRun, ensureFrontEndsBuilt, forbidExternalRequests, launch, newContext, screenshot } from './support/browser.js';
import { signInThroughSso } from './support/sign-in.js';

export async function studioPage(browser: Browser, url: string, username: string): Promise<{ page: Page; external: string[] }> {
  // Designers need room: a large desktop screen.
  const context = await newContext(browser, { width: 1440, height: 1000 });
  const page = await context.newPage();
  const external = forbidExternalRequests(page);
  await signInThroughSso(page, `${url}/studio/`, username);
  await page.waitForURL(/\/studio\//);
  return { page, external };
}

/** Picks an option of an antd Select as a keyboard user does: type to filter, Enter takes the first match. */
export async function choose(page: Page, selector: string, text: string): Promise<void> {
  await page.locator(selector).click();
  await page.keyboard.type(text);
  await page.locator('.ant-select-dropdown:visible').getByText(text).first().waitFor();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
  await page.locator('.ant-select').filter({ has: page.locator(selector) }).getByText(text).first().waitFor();
}

/** Drags with the mouse in small steps, as dnd-kit's pointer sensor expects a person to. */
export async function drag(page: Page, from: string, to: string): Promise<void> {
  const a = (await page.locator(from).first().boundingBox())!;
  const b = (await page.locator(to).first().boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(a.x + a.width / 2 + 10, a.y + a.height / 2 + 10, { steps: 5 });
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 20 });
  await page.waitForTimeout(100);
  await page.mouse.up();
}

export { browserTestsCanRun, ensureFrontEndsBuilt, launch, screenshot };
