// antd's selects driven as a person drives them: look that a choice took before going on.
import type { Locator, Page } from 'playwright-core';

/** The open dropdown of an antd select (the one on screen). */
export const dropdown = (page: Page) => page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');

/**
 * Choose one option of a single select (unit tree, people, documents) as a person does: open it, type
 * the search, click the option, and look that the select now shows it. A click that lands while antd's
 * dropdown is still opening, or while the search's results replace the list, chooses nothing; the
 * person sees the select still empty and tries again.
 */
export async function pickOption(page: Page, input: Locator, search: string, option: string | RegExp) {
  const select = page.locator('.ant-select', { has: input });
  const chosen = select.locator('.ant-select-content-has-value').filter({ hasText: option });
  for (let attempt = 1; !(await chosen.first().isVisible()); attempt++) {
    if (attempt > 5) throw new Error(`the option ${String(option)} never showed as chosen`);
    if ((await dropdown(page).count()) === 0) await input.click();
    if (search && (await input.inputValue()) !== search) await input.fill(search);
    const item = dropdown(page).getByText(option).first();
    await item.waitFor({ timeout: 5000 }).catch(() => undefined);
    await item.click({ timeout: 5000 }).catch(() => undefined);
    await chosen
      .first()
      .waitFor({ timeout: 3000 })
      .catch(() => undefined);
  }
  await page.keyboard.press('Escape');
  // The dropdown fades out before the next field is used (and before a screenshot shows it half-closed).
  for (let waited = 0; (await dropdown(page).count()) > 0 && waited < 2000; waited += 100)
    await page.waitForTimeout(100);
}
