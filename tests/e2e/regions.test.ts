import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAccount, demoPassword } from './support/accounts.ts';
import { byTestId, DESKTOP, launchBrowser, login, openPage, PHONE, screenshot } from './support/browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

// GB/T 2260 codes of the article's village and the path above it.
const XINGGUO_PATH = [
  { code: '360000', name: '江西省' },
  { code: '360700', name: '赣州市' },
  { code: '360732', name: '兴国县' },
  { code: '360732203', name: '兴莲乡' },
  { code: '360732203206', name: '官田村' },
];

async function openRegionsFromMenu(page: Page, phone: boolean): Promise<void> {
  if (phone) {
    await page.locator(byTestId('menu-toggle')).click();
    await page.locator(`.ant-drawer-open ${byTestId('menu-regions')}`).click();
  } else {
    await page.locator(byTestId('menu-regions')).click();
  }
  await page.waitForURL(/\/regions$/);
}

/** Clicks child rows from the roots down, checking the breadcrumb at every level. */
async function walk(page: Page, path: { code: string; name: string }[]): Promise<void> {
  for (const [depth, step] of path.entries()) {
    const row = page.locator(byTestId(`region-row-${step.code}`));
    await row.waitFor();
    expect(await row.textContent()).toContain(step.name);
    await row.click();
    await page.waitForURL(new RegExp(`/regions/${step.code}$`));
    await page.locator(byTestId('region-current')).filter({ hasText: step.name }).waitFor();
    for (const ancestor of path.slice(0, depth)) {
      await page.locator(byTestId(`region-crumb-${ancestor.code}`)).waitFor();
    }
  }
}

describe('region browser', () => {
  it('ORG-1 region browser walks 江西省 → 赣州市 → 兴国县 → 兴莲乡 → 官田村 (admin, desktop)', async () => {
    const { page, context, pageErrors } = await openPage(browser, DESKTOP);
    await login(page, demoAccount('admin').username, demoPassword());
    await openRegionsFromMenu(page, false);
    await walk(page, XINGGUO_PATH);
    // A village is the last level.
    await page.locator(byTestId('region-no-children')).waitFor();
    expect(await page.locator(byTestId('region-info')).textContent()).toContain('360732203206');
    await screenshot(page, 'region-guantian-desktop');

    // The breadcrumb goes back up.
    await page.locator(byTestId('region-crumb-360732')).click();
    await page.waitForURL(/\/regions\/360732$/);
    await page.locator(byTestId('region-row-360732203')).waitFor();
    await screenshot(page, 'region-xingguo-desktop');
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('ORG-1 the village user walks from the roots to 官田村 at phone width, menu via the drawer', async () => {
    const { page, context, pageErrors } = await openPage(browser, PHONE);
    await login(page, demoAccount('village').username, demoPassword());
    await openRegionsFromMenu(page, true);
    await screenshot(page, 'region-roots-village-phone');
    await walk(page, XINGGUO_PATH);
    await page.locator(byTestId('region-no-children')).waitFor();
    await screenshot(page, 'region-guantian-phone');
    // Nothing sticks out sideways at 390 px: the table scrolls inside its card instead.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('ORG-4 the street user reaches their own street from the roots and sees no other street', async () => {
    const { page, context } = await openPage(browser, DESKTOP);
    await login(page, demoAccount('street', '东街').username, demoPassword());
    await openRegionsFromMenu(page, false);
    await walk(page, [
      { code: '350000', name: '福建省' },
      { code: '350100', name: '福州市' },
      { code: '350102', name: '鼓楼区' },
    ]);
    const rows = await page.locator('[data-testid^="region-row-"]').evaluateAll((els) => els.map((el) => el.getAttribute('data-testid')));
    expect(rows).toEqual(['region-row-350102004']);
    await walk(page, [{ code: '350102004', name: '东街街道' }]);
    await screenshot(page, 'region-dongjie-street-desktop');
    await context.close();
  });

  it('ORG-1 the search box jumps to a region by name', async () => {
    const { page, context } = await openPage(browser, DESKTOP);
    await login(page, demoAccount('admin').username, demoPassword());
    await page.goto('/regions');
    await page.locator(byTestId('region-search')).fill('兴莲');
    const option = page.locator(byTestId('region-search-option-360732203'));
    await option.waitFor();
    await option.click();
    await page.waitForURL(/\/regions\/360732203$/);
    await page.locator(byTestId('region-current')).filter({ hasText: '兴莲乡' }).waitFor();
    await context.close();
  });
});
