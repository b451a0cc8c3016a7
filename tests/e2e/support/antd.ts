import type { Locator, Page } from 'playwright-core';

/** The form item whose label reads exactly `label`. */
export function formItem(scope: Page | Locator, label: string): Locator {
  // A `has` locator is matched inside each candidate, so it must not carry the scope's own chain.
  const page = 'page' in scope ? scope.page() : scope;
  return scope.locator('.ant-form-item').filter({ has: page.locator(`label:text-is("${label}")`) });
}

/** The open select drop-down (antd keeps closed ones in the page, hidden). */
function openDropdown(page: Page): Locator {
  return page.locator('.ant-select-dropdown:visible');
}

/**
 * Picks an option of an antd Select in a form item. With `search`, types it
 * first (remote-search pickers only list what matches).
 */
export async function chooseOption(page: Page, scope: Page | Locator, label: string, option: string, search?: string): Promise<void> {
  const item = formItem(scope, label);
  // Twice at most: a drop-down that re-rendered or closed under the pointer is opened afresh, as a person would.
  for (let attempt = 1; ; attempt++) {
    try {
      await pickOnce(page, item, option, search);
      return;
    } catch (err) {
      if (attempt >= 2) throw err;
      await page.keyboard.press('Escape');
      await openDropdown(page)
        .waitFor({ state: 'hidden', timeout: 5_000 })
        .catch(() => undefined);
    }
  }
}

async function pickOnce(page: Page, item: Locator, option: string, search: string | undefined): Promise<void> {
  await item.locator('.ant-select').click();
  if (search !== undefined) {
    await page.keyboard.type(search);
    // A remote search re-renders the list when its answer arrives; a click during that lands on nothing.
    await item.locator('.ant-select .anticon-loading').waitFor({ state: 'detached' });
  }
  const choice = openDropdown(page).locator('.ant-select-item-option').filter({ hasText: option }).first();
  await choice.waitFor({ timeout: 15_000 });
  await choice.click({ timeout: 15_000 });
  try {
    await openDropdown(page).waitFor({ state: 'hidden', timeout: 3_000 });
  } catch {
    // As a person would: the list re-rendered under the pointer, so click the option again —
    // unless it has closed by now (a slow machine closes it late), when there is nothing to click.
    if (await choice.isVisible()) await choice.click({ timeout: 5_000 }).catch(() => undefined);
    await openDropdown(page).waitFor({ state: 'hidden', timeout: 10_000 });
  }
}

export async function fillField(scope: Page | Locator, label: string, value: string): Promise<void> {
  await formItem(scope, label).locator('input').first().fill(value);
}

/** The error messages antd shows under a form item. */
export async function fieldErrors(scope: Page | Locator, label: string): Promise<string[]> {
  return formItem(scope, label).locator('.ant-form-item-explain-error').allTextContents();
}

/** The number an antd Statistic under `testId` shows: "3,196" → 3196, "2,046.04 万元" → 2046.04. */
export async function statisticNumber(page: Page, testId: string): Promise<number> {
  const text = (await page.locator(`[data-testid="${testId}"] .ant-statistic-content`).textContent()) ?? '';
  return Number(text.replace(/[^\d.]/g, ''));
}

/** The visible modal dialog. */
export function modal(page: Page): Locator {
  return page.locator('.ant-modal:visible');
}
