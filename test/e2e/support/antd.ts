// antd's selects driven as a person drives them: look that a choice took before going on.
import type { Locator, Page } from 'playwright-core';

/** The open dropdown of an antd select (the one on screen). */
export const dropdown = (page: Page) => page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');

/** The antd select around one of its inputs (found by label or id, in any container). */
const selectOf = (input: Locator) =>
  input.locator('xpath=ancestor::*[contains(concat(" ", normalize-space(@class), " "), " ant-select ")][1]');

/**
 * Choose one option of a single select (unit tree, people, documents) as a person does: open it, type
 * the search, click the option, and look that the select now shows it. A click that lands while antd's
 * dropdown is still opening, or while the search's results replace the list, chooses nothing; the
 * person sees the select still empty and tries again.
 */
export async function pickOption(page: Page, input: Locator, search: string, option: string | RegExp) {
  const chosen = selectOf(input).locator('.ant-select-content-has-value').filter({ hasText: option });
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
  await closeDropdown(page, { escape: false });
}

/**
 * Choose several options of a multiple select (tags, unit tree) one after the other: each shows as a tag
 * before the next is made (a second click racing the form's re-render would start from the value without
 * the first), and a click that selected nothing is made again — never a second click on a chosen option,
 * which would unselect it. With `search`, each choice's text is typed first.
 */
export async function pickEach(page: Page, input: Locator, choices: string[], { search = false } = {}) {
  const select = selectOf(input);
  for (const choice of choices) {
    const tag = select.locator('.ant-select-selection-item', { hasText: choice }).first();
    for (let attempt = 1; !(await tag.isVisible()); attempt++) {
      if (attempt > 5) throw new Error(`the choice "${choice}" never showed as a tag`);
      if ((await dropdown(page).count()) === 0) await input.click();
      if (search && (await input.inputValue()) !== choice) await input.fill(choice);
      const item = dropdown(page).getByText(choice, { exact: true }).first();
      await item.click({ timeout: 5000 }).catch(() => undefined);
      await tag.waitFor({ timeout: 3000 }).catch(() => undefined);
    }
  }
  await closeDropdown(page, { escape: true }); // a multiple select stays open for more choices
}

/**
 * The dropdown closes and fades out before the next field is used (or a screenshot shows it half-closed).
 * A single select closes itself on a choice; Escape only while a dropdown is still open, since Escape on a
 * closed select reaches the dialog around it and closes that.
 */
async function closeDropdown(page: Page, { escape }: { escape: boolean }) {
  if (escape) await page.keyboard.press('Escape');
  for (let waited = 0; (await dropdown(page).count()) > 0 && waited < 3000; waited += 100) {
    if (waited === 1000) await page.keyboard.press('Escape');
    await page.waitForTimeout(100);
  }
}
