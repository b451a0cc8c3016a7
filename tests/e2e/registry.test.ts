import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseOption, fieldErrors, formItem, modal } from './support/antd.ts';
import { demoAccount, demoPassword } from './support/accounts.ts';
import { byTestId, DESKTOP, launchBrowser, login, openPage, PHONE, screenshot } from './support/browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** The demo's building user keeps 东街金融大厦; street staff of 东街 oversee it. */
const BUILDING = '东街金融大厦';

/** Whether the server answers an endpoint at all: pages whose server module has not landed are skipped, not faked. */
async function served(page: Page, path: string): Promise<boolean> {
  return page.evaluate(async (p) => (await fetch(p)).status !== 404, path);
}

async function openBuilding(page: Page): Promise<void> {
  await page.locator(byTestId('menu-buildings')).click();
  await page.locator(byTestId('building-search')).locator('input').fill(BUILDING);
  await page.keyboard.press('Enter');
  const link = page.locator('[data-testid^="building-link-"]').filter({ hasText: BUILDING }).first();
  await link.waitFor();
  await link.click();
  await page.waitForURL(/\/buildings\/\d+$/);
  await page.locator(byTestId('liaison-cards')).waitFor();
}

describe('registry (红色新云图)', () => {
  it('REG-1 REG-3 REG-5 REG-6 the building user opens the list and the building page: 一楼八员 cards, occupancy chart, 两委 with 交叉任职', async () => {
    const { page, context, pageErrors } = await openPage(browser, DESKTOP);
    await login(page, demoAccount('building').username, demoPassword());
    await page.locator(byTestId('menu-buildings')).click();
    await page.locator('[data-testid^="building-link-"]').first().waitFor();
    await screenshot(page, 'registry-building-list-desktop');
    await openBuilding(page);

    const cards = page.locator(
      `${byTestId('liaison-cards')} > .ant-card-body [data-testid^="liaison-"]:not([data-testid^="liaison-assign-"])`,
    );
    expect(await cards.count()).toBe(8);
    expect(await page.locator(byTestId('liaison-cards')).textContent()).toContain('税务专管员');
    // ECharts draws on a canvas: it exists and has been given a size.
    const canvas = page.locator(`${byTestId('occupancy-chart')} canvas`);
    await canvas.waitFor();
    expect((await canvas.boundingBox())?.height ?? 0).toBeGreaterThan(100);
    expect(await page.locator(byTestId('committees')).textContent()).toContain('交叉任职');
    expect(await page.locator(byTestId('building-coverage')).textContent()).toContain('红色物业');
    await screenshot(page, 'registry-building-page-desktop');
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('REG-1 REG-6 the building page at phone width: cards two to a row, chart fits the screen', async () => {
    const { page, context, pageErrors } = await openPage(browser, PHONE);
    await login(page, demoAccount('building').username, demoPassword());
    await page.goto('/buildings');
    await page.locator('[data-testid^="building-link-"]').first().waitFor();
    await screenshot(page, 'registry-building-list-phone');
    await page.locator('[data-testid^="building-link-"]').first().click();
    await page.locator(`${byTestId('occupancy-chart')} canvas`).waitFor();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'registry-building-page-phone');
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('REG-3 street staff record a move-out in the browser and the enterprise leaves the building list', async () => {
    const { page, context, pageErrors } = await openPage(browser, DESKTOP);
    await login(page, demoAccount('street', '东街').username, demoPassword());
    await openBuilding(page);
    const rows = page.locator(`${byTestId('tenant-table')} .ant-table-row`);
    await rows.first().waitFor();
    // The demo enterprises with accounts of their own stay put; any other tenant will do.
    const row = rows.filter({ hasNotText: '榕信数据' }).filter({ hasNotText: '闽江保险' }).last();
    const name = (await row.locator('a').first().textContent()) ?? '';
    expect(name).not.toBe('');
    await row.locator('[data-testid^="tenant-actions-"]').click();
    await page.locator('.ant-dropdown:visible [data-testid^="move-out-"]').click();
    const dialog = modal(page);
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain(name);
    await screenshot(page, 'registry-move-out-desktop', { fullPage: false });
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(async () => (await page.locator(byTestId('tenant-table')).textContent()) ?? '').not.toContain(name);
    // The same fact raises a warning at once.
    await expect.poll(async () => (await page.locator(byTestId('building-warnings')).textContent()) ?? '').toContain(`${name} 已于`);
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('REG-1 the spatial view plots every building of the city by longitude and latitude', async () => {
    for (const viewport of [DESKTOP, PHONE]) {
      const { page, context, pageErrors } = await openPage(browser, viewport);
      await login(page, demoAccount('city').username, demoPassword());
      await page.goto('/buildings?view=map');
      await page.locator(`${byTestId('building-scatter')} canvas`).waitFor();
      // The canvas cannot be read back; the chart states how many buildings it placed.
      await expect
        .poll(async () => Number(await page.locator(byTestId('building-scatter')).getAttribute('data-points')), { timeout: 30_000 })
        .toBeGreaterThan(50);
      await screenshot(page, `registry-building-map-${viewport === PHONE ? 'phone' : 'desktop'}`);
      expect(pageErrors).toEqual([]);
      await context.close();
    }
  });

  it('DSH-3 the registry overview shows the article’s figures: 7 belts, 4 buildings, 119 cadres, 1,827 instructors for 3,182 enterprises', async (ctx) => {
    for (const viewport of [DESKTOP, PHONE]) {
      const { page, context, pageErrors } = await openPage(browser, viewport);
      await login(page, demoAccount('city').username, demoPassword());
      if (!(await served(page, '/api/registry/overview'))) ctx.skip();
      await page.goto('/registry');
      await page.locator(byTestId('figure-belts')).waitFor();
      expect(await page.locator(byTestId('figure-belts')).textContent()).toBe('7');
      expect(await page.locator(byTestId('figure-named')).textContent()).toBe('4');
      expect(await page.locator(byTestId('figure-cadres')).textContent()).toBe('119');
      expect(await page.locator(byTestId('figure-instructors')).textContent()).toBe('1,827');
      expect(await page.locator(byTestId('figure-instructed')).textContent()).toBe('3,182');
      await page.locator(`${byTestId('coverage-chart')} canvas`).waitFor();
      await screenshot(page, `registry-overview-${viewport === PHONE ? 'phone' : 'desktop'}`);
      expect(pageErrors).toEqual([]);
      await context.close();
    }
  });

  it('REG-1 the header search finds a building by two characters and opens it', async (ctx) => {
    const { page, context, pageErrors } = await openPage(browser, DESKTOP);
    await login(page, demoAccount('city').username, demoPassword());
    if (!(await served(page, '/api/search?q=%E4%B8%9C%E8%A1%97'))) ctx.skip();
    await page.locator(byTestId('global-search-input')).fill('东街');
    await page.locator(byTestId('search-group-buildings')).waitFor();
    await screenshot(page, 'registry-search-desktop', { fullPage: false });
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: BUILDING }).first().click();
    await page.waitForURL(/\/buildings\/\d+$/);
    await page.getByRole('heading', { name: BUILDING }).waitFor();
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('REG-7 the belts page lists each belt with its buildings (培育中/已命名) and points, and warns about broken rules', async (ctx) => {
    const { page, context, pageErrors } = await openPage(browser, DESKTOP);
    await login(page, demoAccount('city').username, demoPassword());
    if (!(await served(page, '/api/belts'))) ctx.skip();
    await page.locator(byTestId('menu-belts')).click();
    const belts = page.locator('[data-testid^="belt-"]');
    await belts.first().waitFor();
    expect(await belts.count()).toBeGreaterThanOrEqual(7);
    expect(await page.locator('main, .ant-layout-content').first().textContent()).toContain('已命名');
    await screenshot(page, 'registry-belts-desktop');
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('REG-8 investment: an investor’s needs give ranked buildings with the reasons for each score (phone)', async (ctx) => {
    const { page, context, pageErrors } = await openPage(browser, PHONE);
    await login(page, demoAccount('city').username, demoPassword());
    if (!(await served(page, '/api/investment/leads'))) ctx.skip();
    await page.goto('/investment');
    await formItem(page, '需求面积（㎡）').locator('input').fill('500');
    await formItem(page, '租金预算（元/㎡·月）').locator('input').fill('120');
    await page.locator(byTestId('match-submit')).click();
    const first = page.locator(`${byTestId('match-results')} [data-testid^="match-"]`).first();
    await first.waitFor();
    expect(await first.locator(byTestId('match-reasons')).locator('li').count()).toBeGreaterThan(2);
    await screenshot(page, 'registry-investment-phone');
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('REG-9 an exported file imported again changes nothing, with progress and the row report in the browser', async (ctx) => {
    const { page, context, pageErrors } = await openPage(browser, DESKTOP);
    await login(page, demoAccount('street', '东街').username, demoPassword());
    if (!(await served(page, '/api/imports'))) ctx.skip();
    const exported = await context.request.get('/api/exports/buildings');
    expect(exported.ok()).toBe(true);
    await page.locator(byTestId('menu-imports')).click();
    await page.locator(`${byTestId('import-upload')} input[type=file]`).setInputFiles({
      name: 'buildings.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: await exported.body(),
    });
    await page.locator(byTestId('import-job')).waitFor();
    await expect
      .poll(async () => (await page.locator(byTestId('import-job')).textContent()) ?? '', { timeout: 60_000 })
      .toContain('已完成');
    const result = (await page.locator(byTestId('import-result')).textContent()) ?? '';
    expect(result).toMatch(/新增 0，更新 0，未变 [1-9]\d*，出错 0/);
    await screenshot(page, 'registry-import-desktop');
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('SVC-1 street staff preview the instructor assignment beside the greedy baseline, remove an enterprise’s instructor and pin it back', async () => {
    const { page, context, pageErrors } = await openPage(browser, DESKTOP);
    await login(page, demoAccount('street', '东街').username, demoPassword());
    await page.locator(byTestId('menu-instructors')).click();
    await page.waitForURL(/\/instructors$/);
    await page.locator(byTestId('assign-preview')).click();
    const stats = page.locator(byTestId('assign-stats'));
    await stats.waitFor();
    expect(await stats.textContent()).toMatch(/优化方案.*贪心基线/);
    expect(await page.locator(byTestId('assign-summary')).textContent()).toMatch(/\d+ 家企业 · \d+ 名指导员/);

    // An instructor who has enterprises: free one, then pin it back by hand.
    const busy = page
      .locator('.ant-list-item[data-testid^="instructor-"]')
      .filter({ hasText: /[1-9]\d* \/ \d+/ })
      .first();
    await busy.waitFor();
    await busy.click();
    const drawer = page.locator(byTestId('instructor-drawer'));
    const first = drawer.locator('[data-testid^="instructor-enterprise-"]').first();
    await first.waitFor();
    const enterpriseId = ((await first.getAttribute('data-testid')) ?? '').replace('instructor-enterprise-', '');
    const name = ((await first.locator('.ant-list-item-meta-title a').first().textContent()) ?? '').trim();
    expect(name).not.toBe('');
    await screenshot(page, 'registry-instructors-desktop');
    await drawer.locator(byTestId(`unassign-${enterpriseId}`)).click();
    await page
      .locator('.ant-popover:visible')
      .getByRole('button', { name: /确\s*定/ })
      .click();
    await drawer.locator(byTestId(`instructor-enterprise-${enterpriseId}`)).waitFor({ state: 'detached' });

    await drawer.locator(`${byTestId('pin-enterprise')}`).click();
    await page.keyboard.type(name);
    const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: name }).first();
    await option.waitFor();
    await option.click();
    await drawer.locator(byTestId('pin-submit')).click();
    const pinned = drawer.locator(byTestId(`instructor-enterprise-${enterpriseId}`));
    await pinned.waitFor();
    expect(await pinned.textContent()).toContain('固定');
    await screenshot(page, 'registry-instructor-pinned-desktop', { fullPage: false });
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('SVC-1 SVC-2 the instructors and stationed cadres page fits a phone: load per instructor, cadres with their portfolio', async () => {
    const { page, context, pageErrors } = await openPage(browser, PHONE);
    await login(page, demoAccount('city').username, demoPassword());
    await page.goto('/instructors');
    await page.locator('.ant-list-item[data-testid^="instructor-"]').first().waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'registry-instructors-phone');
    await page.getByRole('tab', { name: '选派驻企干部' }).click();
    const cadre = page.locator('.ant-list-item[data-testid^="cadre-"]').first();
    await cadre.waitFor();
    await cadre.click();
    await page.locator('[data-testid^="cadre-portfolio-"]').first().waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'registry-cadres-phone');
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('REG-8 a new investor lead is entered on the investment page, appears as 潜在, and can be deleted again', async () => {
    const { page, context, pageErrors } = await openPage(browser, DESKTOP);
    await login(page, demoAccount('city').username, demoPassword());
    await page.goto('/investment');
    await page.locator(byTestId('lead-new')).click();
    const dialog = modal(page);
    await dialog.waitFor();
    const name = `福州测试投资${Date.now() % 100_000}有限公司`;
    await formItem(dialog, '投资方').locator('input').fill(name);
    await formItem(dialog, '需求面积（㎡）').locator('input').fill('800');
    await formItem(dialog, '联系人（选填）').locator('input').fill('陈先生');
    await screenshot(page, 'registry-lead-form-desktop', { fullPage: false });
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    const card = page.locator(`${byTestId('lead-column-prospect')} [data-testid^="lead-"]`).filter({ hasText: name });
    await card.waitFor();
    expect(await card.textContent()).toContain('陈先生');
    await screenshot(page, 'registry-lead-created-desktop');

    await card.locator('[data-testid^="lead-move-"]').click();
    await page.locator('.ant-dropdown:visible').getByText('删除线索').click();
    await page.locator('.ant-modal-confirm').getByRole('button', { name: '删除线索' }).click();
    await card.waitFor({ state: 'detached' });
    expect(pageErrors).toEqual([]);
    await context.close();
  });
  it('SVC-1 SVC-2 street staff of 东街 record a service visit (走访服务) for an enterprise on a phone: field messages under the fields, the list refreshed', async () => {
    const { page, context, pageErrors } = await openPage(browser, PHONE);
    await login(page, demoAccount('street', '东街').username, demoPassword());
    await page.goto('/enterprises');
    await page.locator('[data-testid^="enterprise-link-"]').first().click();
    await page.waitForURL(/\/enterprises\/\d+$/);
    await page.locator(byTestId('enterprise-services')).waitFor();
    await page.locator(byTestId('service-new')).click();
    const dialog = modal(page);
    await dialog.waitFor();

    // Saved empty: each missing field says so under itself.
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await expect.poll(() => fieldErrors(dialog, '服务内容')).toEqual(['请填写此项']);
    expect(await fieldErrors(dialog, '服务类型')).toEqual(['请填写此项']);

    // The enterprise's instructor is offered first; any instructor or cadre in scope will do.
    const person = formItem(dialog, '服务人');
    if ((await person.locator('.ant-select-selection-item').count()) === 0) {
      await person.locator('.ant-select').click();
      const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option').first();
      await option.waitFor();
      await option.click();
    }
    await chooseOption(page, dialog, '服务类型', '引进人才');
    const summary = `走访了解企业用人需求，对接人才驿站推送岗位 ${Date.now() % 100_000}`;
    await formItem(dialog, '服务内容').locator('textarea').fill(summary);
    // The message leaves once the field is filled (antd re-validates and fades it out).
    await expect.poll(() => fieldErrors(dialog, '服务内容')).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'registry-service-form-phone', { fullPage: false });
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    const row = page.locator(`${byTestId('enterprise-services')} .ant-table-row`).filter({ hasText: summary });
    await row.waitFor();
    expect(await row.textContent()).toContain('引进人才');
    await screenshot(page, 'registry-service-recorded-phone');
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('SVC-2 a stationed cadre’s visit is recorded from the cadre’s record, for an enterprise of their portfolio, and heads their latest logs', async () => {
    const { page, context, pageErrors } = await openPage(browser, PHONE);
    await login(page, demoAccount('street', '东街').username, demoPassword());
    await page.goto('/instructors');
    await page.getByRole('tab', { name: '选派驻企干部' }).click();
    const cadre = page.locator('.ant-list-item[data-testid^="cadre-"]').first();
    await cadre.waitFor();
    await cadre.click();
    await cadre.locator('[data-testid^="cadre-service-new-"]').click();
    const dialog = modal(page);
    await dialog.waitFor();
    await formItem(dialog, '服务企业').locator('.ant-select').click();
    const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option').first();
    await option.waitFor();
    const enterprise = ((await option.textContent()) ?? '').trim();
    await option.click();
    await chooseOption(page, dialog, '服务类型', '开拓市场');
    const summary = `协助企业参加数字经济对接会，拓展省外客户 ${Date.now() % 100_000}`;
    await formItem(dialog, '服务内容').locator('textarea').fill(summary);
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    const latest = cadre.locator('[data-testid^="cadre-services-"] .ant-list-item').first();
    await expect.poll(async () => (await latest.textContent()) ?? '').toContain(summary);
    expect(await latest.textContent()).toContain(enterprise);
    expect(await latest.textContent()).toContain('开拓市场');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'registry-cadre-service-phone');
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('REG-7 city staff add a building and a point to belts, move a candidate along, remove a point, and the rule checks follow on screen', async () => {
    const { page, context, pageErrors } = await openPage(browser, DESKTOP);
    await login(page, demoAccount('city').username, demoPassword());
    await page.goto('/belts');
    const cards = page.locator('.ant-card[data-testid^="belt-"]');
    await cards.first().waitFor();
    const cardOf = async (attribute: string) => {
      const id = ((await page.locator(`.ant-card[data-testid^="belt-"]${attribute}`).first().getAttribute('data-testid')) ?? '').replace(
        'belt-',
        '',
      );
      expect(id).toMatch(/^\d+$/);
      return { id, card: page.locator(byTestId(`belt-${id}`)), checks: page.locator(byTestId(`belt-checks-${id}`)) };
    };

    // A belt at the limit of five buildings: one more breaks the 3–5 rule.
    const full = await cardOf('[data-buildings="5"]');
    expect(await full.checks.textContent()).toContain('符合');
    await page.locator(byTestId(`belt-add-building-${full.id}`)).click();
    let dialog = modal(page);
    await dialog.waitFor();
    await formItem(dialog, '楼宇').locator('.ant-select').click();
    const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option:not(.ant-select-item-option-disabled)').first();
    await option.waitFor();
    const building = ((await option.textContent()) ?? '').split('（')[0]!.trim();
    expect(building).not.toBe('');
    await option.click();
    await formItem(dialog, '培育进度').locator('input').fill('40');
    await screenshot(page, 'registry-belt-building-form-desktop', { fullPage: false });
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(async () => (await full.checks.textContent()) ?? '').toContain('示范楼宇 6 栋，超过每条示范带 5 栋的上限');
    const member = full.card.locator('.ant-list-item').filter({ hasText: building });
    expect(await member.textContent()).toContain('培育中');
    expect(await member.locator('.ant-progress').textContent()).toContain('40%');

    // The candidate moves along: 60 %.
    await member.locator('[data-testid^="belt-building-edit-"]').click();
    dialog = modal(page);
    await dialog.waitFor();
    await formItem(dialog, '培育进度').locator('input').fill('60');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(async () => (await member.locator('.ant-progress').textContent()) ?? '').toContain('60%');

    // A belt with exactly eight points: one removed breaks the rule, one added restores it.
    const points = await cardOf('[data-points="8"]');
    expect(await points.checks.textContent()).toContain('符合');
    await points.card.locator('[data-testid^="belt-point-remove-"]').first().click();
    await page
      .locator('.ant-popover:visible')
      .getByRole('button', { name: /确\s*定/ })
      .click();
    await expect.poll(async () => (await points.checks.textContent()) ?? '').toContain('示范点仅 7 个，应不少于 8 个');
    await screenshot(page, 'registry-belt-rules-desktop');
    await page.locator(byTestId(`belt-add-point-${points.id}`)).click();
    dialog = modal(page);
    await dialog.waitFor();
    const name = `党群服务驿站示范点${Date.now() % 100_000}`;
    await formItem(dialog, '示范点名称').locator('input').fill(name);
    await dialog.getByText('市级', { exact: true }).click();
    await screenshot(page, 'registry-belt-point-form-desktop', { fullPage: false });
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(async () => (await points.checks.textContent()) ?? '').toContain('符合');
    expect(await points.card.textContent()).toContain(name);
    expect(await points.card.getAttribute('data-points')).toBe('8');
    await screenshot(page, 'registry-belt-changed-desktop');
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});
