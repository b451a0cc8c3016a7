import ExcelJS from 'exceljs';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPassword } from './support/accounts.ts';
import { statisticNumber } from './support/antd.ts';
import { byTestId, DESKTOP, launchBrowser, login, openPage, PHONE, screenshot } from './support/browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const GULOU = '350102';

/** A KPI card's number. */
const card = (page: Page, key: string) => statisticNumber(page, `matter-dash-${key}`);

/** A ranking's rows as [name, received]. */
async function ranking(page: Page, testId: string): Promise<[string, number][]> {
  const rows = page.locator(`${byTestId(testId)} tbody tr.ant-table-row`);
  const names = await rows.locator('td:nth-child(2)').allTextContents();
  const received = await rows.locator('td:nth-child(3)').allTextContents();
  return names.map((n, i) => [n, Number(received[i])]);
}

/** How many lines a cell's text takes on screen (a name broken into single characters takes several). */
function linesOf(cell: Locator): Promise<number> {
  return cell.evaluate((el) => {
    const range = document.createRange();
    range.selectNodeContents(el);
    return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
  });
}

describe('the matters dashboard in the browser (DSH-1)', () => {
  it('DSH-1 the city (city) reads a year of demo matters: the districts ranked add up to the total, names on one line; picking 鼓楼区 narrows every figure and the Excel export carries the same numbers', async () => {
    const { page, context, pageErrors } = await openPage(browser, DESKTOP);
    await login(page, 'city', demoPassword());
    await page.locator(byTestId('menu-matterDashboard')).click();
    await expect.poll(() => card(page, 'received'), { timeout: 15_000 }).toBeGreaterThan(1000);
    const cityTotal = await card(page, 'received');
    expect(await page.locator('body').textContent()).toContain('福州市 ·');
    for (const key of ['response', 'closure', 'on-time', 'satisfaction']) {
      expect(await page.locator(`${byTestId(`matter-dash-${key}`)} .ant-statistic-content`).textContent()).toMatch(/^\d{1,3}\.\d%$/);
    }
    // A year by month; every category that has matters.
    expect(Number(await page.locator(byTestId('matter-dashboard-months')).getAttribute('data-points'))).toBe(12);
    expect(Number(await page.locator(byTestId('matter-dashboard-categories')).getAttribute('data-points'))).toBeGreaterThanOrEqual(8);

    // The districts' rows are the city's matters, split: they add up to the card.
    const districts = await ranking(page, 'matter-dash-regions');
    expect(districts.length).toBeGreaterThanOrEqual(3);
    expect(districts.reduce((sum, [, n]) => sum + n, 0)).toBe(cityTotal);
    const gulou = districts.find(([name]) => name === '鼓楼区');
    expect(gulou).toBeDefined();
    // Names and headers stay on one line even with both rankings on the page.
    const regionCells = page.locator(`${byTestId('matter-dash-regions')} tbody tr.ant-table-row td:nth-child(2)`);
    for (let i = 0; i < (await regionCells.count()); i++) expect(await linesOf(regionCells.nth(i))).toBe(1);
    const departmentCells = page.locator(`${byTestId('matter-dash-departments')} tbody tr.ant-table-row td:nth-child(2)`);
    expect(await departmentCells.count()).toBeGreaterThan(0);
    for (let i = 0; i < (await departmentCells.count()); i++) expect(await linesOf(departmentCells.nth(i))).toBe(1);
    await screenshot(page, 'matters-dashboard-city');

    // Narrow to 鼓楼区: the total becomes that district's row.
    await page.locator(`${byTestId('matter-dash-region')}`).click();
    await page.keyboard.type('鼓楼');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: GULOU }).first().click();
    await expect.poll(() => card(page, 'received')).toBe(gulou![1]);
    expect(await page.locator('body').textContent()).toContain('鼓楼区 ·');
    const streets = await ranking(page, 'matter-dash-regions');
    expect(streets.reduce((sum, [, n]) => sum + n, 0)).toBe(gulou![1]);

    // The Excel export is the figures on the screen, for the same region.
    const href = (await page.locator(byTestId('matter-dashboard-excel')).getAttribute('href')) ?? '';
    expect(href).toContain(`regionCode=${GULOU}`);
    const res = await context.request.get(href);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await res.body()) as unknown as ArrayBuffer);
    const overview = wb.getWorksheet('概览')!;
    const figures = new Map<string, unknown>();
    overview.eachRow((row) => figures.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(figures.get('统计范围')).toBe('鼓楼区');
    expect(figures.get('受理数')).toBe(gulou![1]);
    expect(figures.get('当前超期')).toBe(await card(page, 'overdue'));
    const sheetRegions: [string, number][] = [];
    wb.getWorksheet('区域排名')!.eachRow((row, n) => {
      if (n > 1) sheetRegions.push([String(row.getCell(1).value), Number(row.getCell(2).value)]);
    });
    expect(sheetRegions.sort()).toEqual([...streets].sort());
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('DSH-1 a department (tax) reads its own figures; an enterprise (enterprise) has no dashboard; on a phone the rankings scroll sideways', async () => {
    const tax = await openPage(browser, DESKTOP);
    await login(tax.page, 'tax', demoPassword());
    await tax.page.locator(byTestId('menu-matterDashboard')).click();
    await expect.poll(() => card(tax.page, 'received'), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(await tax.page.locator('body').textContent()).toContain('鼓楼区税务局 ·');
    // Its own desk only: one department ranked, itself.
    const departments = await ranking(tax.page, 'matter-dash-departments');
    expect(departments.map(([name]) => name)).toEqual(['鼓楼区税务局']);
    expect(departments[0]![1]).toBe(await card(tax.page, 'received'));
    expect(tax.pageErrors).toEqual([]);
    await tax.context.close();

    const enterprise = await openPage(browser, DESKTOP);
    await login(enterprise.page, 'enterprise', demoPassword());
    expect(await enterprise.page.locator(byTestId('menu-matterDashboard')).count()).toBe(0);
    await enterprise.page.goto('/matters/dashboard');
    await enterprise.page.locator('.ant-result-403').waitFor();
    const api = await enterprise.context.request.get('/api/matter-dashboard');
    expect([403, 404]).toContain(api.status());
    await enterprise.context.close();

    const phone = await openPage(browser, PHONE);
    await login(phone.page, 'gulou', demoPassword());
    await phone.page.goto('/matters/dashboard');
    await expect.poll(() => card(phone.page, 'received'), { timeout: 15_000 }).toBeGreaterThan(0);
    // The page itself never scrolls sideways; the ranking table does.
    expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    const body = phone.page.locator(`${byTestId('matter-dash-regions')} .ant-table-content`);
    expect(await body.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    await screenshot(phone.page, 'matters-dashboard-phone');
    expect(phone.pageErrors).toEqual([]);
    await phone.context.close();
  });
});
