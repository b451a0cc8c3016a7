import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPassword } from './support/accounts.ts';
import { chooseOption, fieldErrors, formItem, modal, statisticNumber } from './support/antd.ts';
import { byTestId, DESKTOP, launchBrowser, login, openPage, PHONE, screenshot } from './support/browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** 兴莲乡官田村, whose funds summary the demo publishes (src/server/seed/villages-data.ts). */
const GUANTIAN = '360732203206';

describe('traditional villages in the browser (VIL-1 … VIL-4, DSH-1)', () => {
  it('DSH-1 DSH-3 VIL-3 VIL-4 the county (xingguo) dashboard shows the article figures from the demo: 7 villages above ¥300,000 and 5 above ¥500,000 in 2022, ¥20M+ funds, 45,000+ visitors, 6 guides at Guantian, 30+ performances', async () => {
    const { page, context, pageErrors } = await openPage(browser, DESKTOP);
    await login(page, 'xingguo', demoPassword());
    await page.locator(byTestId('menu-villageDashboard')).click();
    await page.locator(byTestId('dash-income-2022-300000')).waitFor();
    expect(await page.locator(byTestId('dash-income-2022-300000')).textContent()).toBe('7');
    expect(await page.locator(byTestId('dash-income-2022-500000')).textContent()).toBe('5');
    expect(await statisticNumber(page, 'dash-villages')).toBe(9);
    expect(await statisticNumber(page, 'dash-funds-received')).toBeGreaterThanOrEqual(2000); // 万元
    expect(await statisticNumber(page, 'dash-visitors')).toBeGreaterThanOrEqual(45_000);
    expect(await statisticNumber(page, 'dash-performances')).toBeGreaterThanOrEqual(30);
    const site = page.locator(`${byTestId('dash-sites')} tr`).filter({ hasText: '官田' });
    expect(await site.locator('td').nth(2).textContent()).toBe('6');
    // The grid figures stand beside the books: coverage of the villages with grids, hazards found and fixed.
    expect(await page.locator(`${byTestId('dash-coverage')} .ant-statistic-content`).textContent()).toMatch(/%$/);
    expect(await page.locator(`${byTestId('dash-hazards')} .ant-statistic-content`).textContent()).toMatch(/^\d+\/\d+$/);
    // One list of demo villages for both seeds: every traditional village has grids and households.
    const coverage = await page.locator(`${byTestId('dash-per-village')} tbody tr.ant-table-row td:nth-child(10)`).allTextContents();
    expect(coverage.length).toBe(9);
    for (const cell of coverage) expect(cell).toMatch(/^\d+\.\d%$/);
    // Charts drew their points; the Excel links carry the region and year.
    expect(Number(await page.locator(byTestId('dash-chart-income')).getAttribute('data-points'))).toBeGreaterThanOrEqual(5);
    expect(await page.locator(byTestId('dash-excel')).getAttribute('href')).toMatch(
      /^\/api\/village-dashboard\.xlsx\?regionCode=360732&year=\d{4}$/,
    );
    const xlsx = await page.evaluate(
      async (href) => {
        const res = await fetch(href);
        return { status: res.status, type: res.headers.get('content-type') ?? '', size: (await res.arrayBuffer()).byteLength };
      },
      (await page.locator(byTestId('dash-excel')).getAttribute('href')) ?? '',
    );
    expect(xlsx.status).toBe(200);
    expect(xlsx.type).toContain('spreadsheetml');
    expect(xlsx.size).toBeGreaterThan(1000);
    await screenshot(page, 'villages-county-dashboard');
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('VIL-1 the county opens a village profile from the list: listing, buildings with condition, posts, versioned rules and the five-level chain', async () => {
    const { page, context, pageErrors } = await openPage(browser, DESKTOP);
    await login(page, 'xingguo', demoPassword());
    await page.goto('/villages');
    await page.locator(byTestId(`village-link-${GUANTIAN}`)).click();
    await page.locator(byTestId('village-overview')).waitFor();
    expect(await page.locator(byTestId('village-name')).textContent()).toBe('官田村');
    expect(await page.locator(byTestId('village-listing')).textContent()).toContain('国家级');
    await page.locator(byTestId('village-tab-buildings')).click();
    await expect.poll(() => page.locator(`${byTestId('village-buildings')} tbody tr`).count()).toBeGreaterThanOrEqual(3);
    expect(await page.locator(byTestId('village-buildings')).textContent()).toContain('中央兵工厂旧址');
    await page.locator(byTestId('village-tab-posts')).click();
    expect(await page.locator(byTestId('village-posts')).textContent()).toMatch(/党员先锋岗|党员示范岗/);
    await page.locator(byTestId('village-tab-rules')).click();
    await page.locator(byTestId('rules-version-1')).waitFor();
    expect(await page.locator(byTestId('village-rules')).textContent()).toContain('现行');
    await page.locator(byTestId('village-tab-chain')).click();
    const chain = (await page.locator(byTestId('village-chain')).textContent()) ?? '';
    for (const level of ['县领导挂点', '乡镇领导包村', '部门结对', '村党组织书记']) expect(chain).toContain(level);
    await screenshot(page, 'villages-profile-chain');
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('VIL-2 the village office (guantian) records a spending against a voucher and the balance drops by its amount; bad input is refused in Chinese beside the field', async () => {
    const { page, context, pageErrors } = await openPage(browser, DESKTOP);
    await login(page, 'guantian', demoPassword());
    await page.locator(byTestId('menu-villages')).click();
    await page.locator(byTestId(`village-link-${GUANTIAN}`)).click();
    await page.locator(byTestId('village-tab-funds')).click();
    await page.locator(`${byTestId('funds-balance')} .ant-statistic-content`).waitFor();
    await expect.poll(() => statisticNumber(page, 'funds-balance')).toBeGreaterThan(0);
    const before = await statisticNumber(page, 'funds-balance');
    const spentBefore = await statisticNumber(page, 'funds-spent');

    await page.locator(byTestId('funds-add-entry')).click();
    const dialog = modal(page);
    await dialog.locator(byTestId('funds-entry-form')).waitFor();
    // No project and no payee: the form asks for both and nothing is sent.
    await formItem(dialog, '金额（元）').locator('input').fill('1234.56');
    await page.locator(byTestId('funds-entry-form-ok')).click();
    expect(await formItem(dialog, '收款单位').locator('.ant-form-item-explain-error').first().textContent()).toBe('请填写收款单位');
    await chooseOption(page, dialog, '项目', '传统建筑保护');
    await dialog.locator(byTestId('funds-entry-payee')).fill('兴国县古建筑修缮有限公司');
    const voucher = `E2E-${Date.now()}`;
    await dialog.locator(byTestId('funds-entry-voucher')).fill(voucher);
    await screenshot(page, 'villages-fund-entry-form', { fullPage: false });
    await page.locator(byTestId('funds-entry-form-ok')).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => statisticNumber(page, 'funds-balance')).toBeCloseTo(before - 1234.56, 2);
    expect(await statisticNumber(page, 'funds-spent')).toBeCloseTo(spentBefore + 1234.56, 2);
    expect(await page.locator(byTestId('funds-entries')).textContent()).toContain(voucher);

    // The same voucher number again: the server refuses it and names the field, in Chinese.
    await page.locator(byTestId('funds-add-entry')).click();
    await dialog.locator(byTestId('funds-entry-form')).waitFor();
    await formItem(dialog, '金额（元）').locator('input').fill('10');
    await chooseOption(page, dialog, '项目', '传统建筑保护');
    await dialog.locator(byTestId('funds-entry-payee')).fill('兴国县古建筑修缮有限公司');
    await dialog.locator(byTestId('funds-entry-voucher')).fill(voucher);
    await page.locator(byTestId('funds-entry-form-ok')).click();
    await formItem(dialog, '凭证号').locator('.ant-form-item-explain-error').waitFor();
    expect(await formItem(dialog, '凭证号').locator('.ant-form-item-explain-error').textContent()).toMatch(/[\u4e00-\u9fa5]/);
    await page.keyboard.press('Escape');
    expect(await statisticNumber(page, 'funds-balance')).toBeCloseTo(before - 1234.56, 2);
    await screenshot(page, 'villages-funds-ledger');
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('VIL-4 the village office (guantian) adds a heritage item and an inheritor and sees both listed; a duplicate name is refused in Chinese beside the field', async () => {
    const { page, context, pageErrors } = await openPage(browser, DESKTOP);
    await login(page, 'guantian', demoPassword());
    await page.goto('/villages/heritage');
    await page.locator(byTestId('heritage-items')).waitFor();
    const name = `E2E山歌${Date.now()}`;
    const dialog = modal(page);

    await page.locator(byTestId('heritage-add-item')).click();
    await dialog.locator(byTestId('heritage-item-form')).waitFor();
    // Nothing filled: the form asks for the name, in Chinese, and sends nothing.
    await page.locator(byTestId('heritage-item-form-ok')).click();
    expect(await fieldErrors(dialog, '项目名称')).toEqual(['请填写项目名称']);
    // The village office's only region is its own village, chosen already.
    expect(await formItem(dialog, '所属区域').textContent()).toContain('官田村');
    await dialog.locator(byTestId('heritage-item-name')).fill(name);
    await dialog.locator(byTestId('heritage-item-category')).fill('传统音乐');
    await screenshot(page, 'villages-heritage-item-form', { fullPage: false });
    await page.locator(byTestId('heritage-item-form-ok')).click();
    await dialog.waitFor({ state: 'hidden' });
    const card = page.locator(`${byTestId('heritage-items')} .ant-card`).filter({ hasText: name });
    await card.waitFor();
    expect(await card.textContent()).toContain('官田村');

    // The same name again in the same village: the server refuses it and the message stands beside the name.
    await page.locator(byTestId('heritage-add-item')).click();
    await dialog.locator(byTestId('heritage-item-form')).waitFor();
    await dialog.locator(byTestId('heritage-item-name')).fill(name);
    await dialog.locator(byTestId('heritage-item-category')).fill('传统音乐');
    await page.locator(byTestId('heritage-item-form-ok')).click();
    await formItem(dialog, '项目名称').locator('.ant-form-item-explain-error').waitFor();
    expect(await fieldErrors(dialog, '项目名称')).toEqual(['该区域已有同名非遗项目']);
    // The message beside the field says it all: no generic alert above the form.
    expect(await dialog.locator(byTestId('error-alert')).count()).toBe(0);
    await screenshot(page, 'villages-heritage-item-duplicate', { fullPage: false });
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(
      await page
        .locator(`${byTestId('heritage-items')} .ant-card`)
        .filter({ hasText: name })
        .count(),
    ).toBe(1);

    // An inheritor of the new item, shown on its card.
    await card.getByRole('button', { name: '添加传承人' }).click();
    await dialog.locator(byTestId('heritage-inheritor-form')).waitFor();
    await dialog.locator(byTestId('heritage-inheritor-name')).fill('钟传承');
    await page.locator(byTestId('heritage-inheritor-form-ok')).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => card.textContent()).toContain('钟传承（县级）');
    await screenshot(page, 'villages-heritage-items');
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('VIL-2 the public funds summary of 官田村 opens without signing in, on a phone, and shows totals but no payees or vouchers', async () => {
    const { page, context, pageErrors } = await openPage(browser, PHONE);
    await page.goto(`/public/villages/${GUANTIAN}/funds`);
    await page.locator(byTestId('public-funds-title')).waitFor();
    expect(await page.locator(byTestId('public-funds-title')).textContent()).toBe('兴莲乡官田村');
    expect(await statisticNumber(page, 'public-funds-received')).toBeGreaterThan(0);
    const text = (await page.locator(byTestId('public-funds')).textContent()) ?? '';
    expect(text).toContain('传统建筑保护');
    expect(text).not.toContain('修缮有限公司');
    expect(text).not.toContain('E2E-');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'villages-public-funds-phone');
    // A village that has not published its summary: a plain "not published", no figures.
    await page.goto('/public/villages/360732205211/funds');
    await page.getByText('该村尚未公开资金使用情况').waitFor();
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('VIL-1 VIL-3 VIL-4 the village pages are usable at phone width (list, income, heritage)', async () => {
    const { page, context, pageErrors } = await openPage(browser, PHONE);
    await login(page, 'xingguo', demoPassword());
    for (const [path, ready] of [
      ['/villages', 'village-list'],
      ['/villages/income', 'income-table'],
      ['/villages/heritage', 'heritage-items'],
      ['/villages/dashboard', 'dash-income-years'],
    ] as const) {
      await page.goto(path);
      await page.locator(byTestId(ready)).waitFor();
      await page.waitForLoadState('networkidle');
      expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(PHONE.width);
      await screenshot(page, `villages-phone${path.replace(/\//g, '-')}`);
    }
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});
