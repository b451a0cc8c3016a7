import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPassword } from './support/accounts.ts';
import { byTestId, DESKTOP, launchBrowser, login, openPage, PHONE, screenshot } from './support/browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

// Unique per run, so the checks below find this run's policy and no other.
const TITLE = `楼宇科技企业研发投入后补助 ${Date.now().toString(36)}`;
const walk = { id: '' };

/** Picks an option of the antd Select carrying `testId`. */
async function pick(page: Page, testId: string, option: string): Promise<void> {
  await page
    .locator(`${byTestId(testId)}`)
    .first()
    .click();
  const choice = page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: option }).first();
  await choice.waitFor();
  await choice.click();
}

async function apiGet<T>(page: Page, path: string): Promise<T> {
  return page.evaluate(async (p) => (await fetch(p)).json() as Promise<T>, path);
}

describe('policies in the browser (POL-1 … POL-3)', () => {
  it('POL-1 POL-2 a street officer writes a policy with a bracketed rule, sees who qualifies, and publishes it', async () => {
    const { page, pageErrors, context } = await openPage(browser, DESKTOP);
    await login(page, 'dongjie', demoPassword());
    await page.goto('/policies');
    await page.locator(byTestId('policy-new')).click();
    await page.locator(byTestId('policy-title')).fill(TITLE);
    await page.locator(byTestId('policy-issuer')).fill('东街街道经济服务中心');
    await page.locator(byTestId('policy-benefit')).fill('按上年研发费用的 10% 给予后补助，最高 50 万元');

    // The first condition: holds 科技型中小企业 or 专精特新.
    await pick(page, 'cond-field-0', '资质');
    await pick(page, 'cond-op-0', '具备任一');
    await pick(page, 'cond-values-0', '科技型中小企业');
    await page.keyboard.press('Escape');
    // Then the bracket: R&D ratio by revenue band (≤ ¥50M: 5 %, ≤ ¥200M: 4 %, above: 3 %), the first band raised to 5.5 %.
    await page.locator(byTestId('rule-add-bracket-root')).click();
    const threshold = page.locator(`input${byTestId('band-threshold-1-0')}, ${byTestId('band-threshold-1-0')} input`).first();
    await threshold.fill('5.5');
    await threshold.blur();

    const met = page.locator(`${byTestId('preview-met')} .ant-statistic-content-value`);
    await expect.poll(async () => Number((await met.textContent()) ?? '0'), { timeout: 20_000 }).toBeGreaterThan(0);
    await expect.poll(() => page.locator(byTestId('policy-preview')).textContent()).toContain('福州榕信数据科技有限公司');
    await screenshot(page, 'policies-editor-preview');

    await page.locator(byTestId('policy-publish')).click();
    await page.waitForURL(/\/policies\/\d+$/);
    walk.id = /\/policies\/(\d+)$/.exec(page.url())![1]!;
    await expect.poll(() => page.locator(byTestId('policy-status')).first().textContent()).toBe('已发布');
    await screenshot(page, 'policies-published');
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('POL-2 POL-3 the demo enterprise finds it in 为您推荐的政策 with the reasons, and was told once', async () => {
    const { page, pageErrors, context } = await openPage(browser, PHONE);
    await login(page, 'enterprise', demoPassword());
    await page.goto('/policies/mine');
    const item = page.locator(byTestId('for-you-item')).filter({ hasText: TITLE });
    // Met policies come first, nearest deadline first: look through the pages until it shows.
    for (let i = 0; i < 10 && (await item.count()) === 0; i++) {
      const next = page.locator('.ant-pagination-next:not(.ant-pagination-disabled)');
      if ((await next.count()) === 0) break;
      await next.click();
      await page.waitForTimeout(300);
    }
    await item.waitFor();
    await expect.poll(() => item.textContent()).toContain('研发费用占比');
    await item.scrollIntoViewIfNeeded();
    await screenshot(page, 'policies-for-you-phone', { fullPage: false });

    const notices = await apiGet<{ items: { link: string | null; title: string }[] }>(page, '/api/notifications?limit=200');
    expect(notices.items.filter((n) => n.link === `/policies/${walk.id}`)).toHaveLength(1);
    await page.goto(`/policies/${walk.id}`);
    await page.locator(byTestId('explanation')).first().waitFor();
    await screenshot(page, 'policies-detail-enterprise-phone');
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});
