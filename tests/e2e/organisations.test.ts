import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditCodeCheckChar } from '../../src/domain/identity/codes.ts';
import { chooseOption, fieldErrors, fillField, formItem, modal } from './support/antd.ts';
import { demoAccount, demoPassword } from './support/accounts.ts';
import { byTestId, DESKTOP, launchBrowser, login, openPage, PHONE, screenshot } from './support/browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const first17 = '91350102MA2Y4K7Q0';
const VALID_CREDIT_CODE = `${first17}${creditCodeCheckChar(first17)}`;
const WRONG_CHECK_DIGIT = `${first17}${creditCodeCheckChar(first17) === '1' ? '2' : '1'}`;

describe('organisations', () => {
  it('ORG-2 the street user creates a 兼合式 党支部; a wrong GB 32100 check digit is refused in the browser', async () => {
    const { page, context, pageErrors } = await openPage(browser, DESKTOP);
    await login(page, demoAccount('street', '东街').username, demoPassword());
    await page.locator(byTestId('menu-organisations')).click();
    await page.locator(byTestId('org-create')).click();
    const dialog = modal(page);
    await dialog.waitFor();

    await fillField(dialog, '名称', '中共东街测试大厦联合支部委员会');
    // The kind-dependent fields appear for a party organisation (the default kind).
    await chooseOption(page, dialog, '党组织类别', '党支部');
    await chooseOption(page, dialog, '组建方式', '兼合式');
    // The region defaults to the user's own street.
    expect(await formItem(dialog, '所属区划').textContent()).toContain('东街街道');

    await fillField(dialog, '统一社会信用代码', WRONG_CHECK_DIGIT.toLowerCase());
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await formItem(dialog, '统一社会信用代码').locator('.ant-form-item-explain-error').waitFor();
    expect(await fieldErrors(dialog, '统一社会信用代码')).toEqual(['统一社会信用代码无效（18 位，校验码不符）']);
    await screenshot(page, 'organisation-form-credit-code-desktop', { fullPage: false });

    await fillField(dialog, '统一社会信用代码', VALID_CREDIT_CODE);
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await page.waitForURL(/\/organisations\/\d+$/);
    await page.getByRole('heading', { name: '中共东街测试大厦联合支部委员会' }).waitFor();
    expect(await page.locator('.ant-descriptions').first().textContent()).toContain('党组织 · 党支部 · 兼合式');
    expect(await page.locator('.ant-descriptions').first().textContent()).toContain(VALID_CREDIT_CODE);
    await screenshot(page, 'organisation-detail-desktop');
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it("SEC-3 ORG-4 a region outside the street's scope is refused by the server, and the message sits under the region field", async () => {
    const { page, context } = await openPage(browser, DESKTOP);
    await login(page, demoAccount('street', '东街').username, demoPassword());
    await page.goto('/organisations');
    await page.locator(byTestId('org-create')).click();
    const dialog = modal(page);
    await dialog.waitFor();
    await fillField(dialog, '名称', '越界测试支部');
    await chooseOption(page, dialog, '党组织类别', '党支部');
    await chooseOption(page, dialog, '组建方式', '独立');
    // 鼓东街道 is the neighbouring street: typed as a code, the picker accepts it and the server decides.
    await chooseOption(page, dialog, '所属区划', '350102001', '350102001');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await formItem(dialog, '所属区划').locator('.ant-form-item-explain-error').waitFor();
    expect(await fieldErrors(dialog, '所属区划')).toEqual(['该行政区划不在您的管辖范围内']);
    expect(await dialog.locator(byTestId('error-alert')).textContent()).toContain('您没有权限执行此操作');
    await screenshot(page, 'organisation-form-out-of-scope-desktop', { fullPage: false });
    await context.close();
  });

  it('ORG-2 ORG-3 an organisation shows its parent, posts and sub-organisations, and the list filters by kind (phone)', async () => {
    const { page, context, pageErrors } = await openPage(browser, PHONE);
    await login(page, demoAccount('admin').username, demoPassword());
    // 120 building committees after the registry demo: narrowed by name, as a person would.
    await page.goto('/organisations?kind=building_party_committee&q=' + encodeURIComponent('东街'));
    const link = page.locator('[data-testid^="org-link-"]').filter({ hasText: '东街金融大厦' }).first();
    await link.waitFor();
    // Every row is a 楼宇党委.
    const kinds = await page.locator('.ant-table-row .ant-tag').allTextContents();
    expect(kinds.length).toBeGreaterThan(0);
    expect(kinds.every((k) => k === '楼宇党委')).toBe(true);
    await link.click();
    await page.waitForURL(/\/organisations\/\d+$/);
    await page.getByText(/人员与职务 \(\d+\)/).waitFor();
    const postRows = page.locator('.ant-card').filter({ hasText: '人员与职务' }).locator('.ant-table-row');
    expect(await postRows.count()).toBeGreaterThan(0);
    await screenshot(page, 'organisation-detail-phone');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});
