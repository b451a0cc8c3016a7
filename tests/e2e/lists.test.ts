import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseOption, formItem, modal } from './support/antd.ts';
import { demoAccount, demoPassword } from './support/accounts.ts';
import { byTestId, DESKTOP, launchBrowser, login, openPage, PHONE, screenshot } from './support/browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** A title no earlier run or the seed has used, so the list search finds exactly this need. */
const TITLE = `引进数据分析人才 ${Date.now().toString(36)}`;

interface Totals {
  needs: number;
  done: number;
}

/** The street board's funnel totals as the page shows them (the canvas cannot be read). */
async function funnelTotals(page: Page): Promise<Totals> {
  await page.goto('/lists/board');
  await page.locator(`${byTestId('funnel-chart')} canvas`).waitFor();
  const read = async (stage: string) =>
    Number(((await page.locator(`${byTestId(`funnel-${stage}`)} .ant-statistic-content-value`).textContent()) ?? '').replace(/\D/g, ''));
  return { needs: await read('needs'), done: await read('done') };
}

describe('the three lists (需求清单、资源清单、项目清单)', () => {
  it('LST-1 LST-3 LST-4 an enterprise enters a need, the building officer confirms a ranked proposal, the project is run and closed, the street funnel counts it', async () => {
    // The street's funnel before.
    const street = await openPage(browser, DESKTOP);
    await login(street.page, demoAccount('street', '东街').username, demoPassword());
    const before = await funnelTotals(street.page);

    // LST-1 the enterprise enters its own need.
    const ent = await openPage(browser, DESKTOP);
    await login(ent.page, demoAccount('enterprise').username, demoPassword());
    await ent.page.locator(byTestId('menu-needs')).click();
    await ent.page.locator(byTestId('need-new')).click();
    const form = modal(ent.page);
    await formItem(form, '标题').locator('input').fill(TITLE);
    await chooseOption(ent.page, form, '类别', '人才');
    await formItem(form, '描述')
      .locator('textarea')
      .fill('公司数据业务扩张，急需引进数据分析与数据治理方向的高级人才，希望对接人才政策与招聘渠道');
    await ent.page.locator(byTestId('need-form-submit')).click();
    await ent.page.waitForURL(/\/needs\/\d+$/);
    await ent.page.locator(byTestId('need-status')).waitFor();
    expect(await ent.page.locator(byTestId('need-status')).textContent()).toBe('待对接');
    // LST-3 an enterprise may turn a proposal down for its own need; only staff confirm.
    await ent.page
      .locator(`${byTestId('need-proposals')} ${byTestId('proposal-reject')}`)
      .first()
      .waitFor();
    expect(await ent.page.locator(byTestId('proposal-confirm')).count()).toBe(0);
    await screenshot(ent.page, 'lists-need-entered-enterprise');
    expect(ent.pageErrors).toEqual([]);
    await ent.context.close();

    // LST-3 the building officer finds it, sees ranked proposals with reasons and confirms the first.
    const bld = await openPage(browser, DESKTOP);
    await login(bld.page, demoAccount('building').username, demoPassword());
    await bld.page.locator(byTestId('menu-needs')).click();
    await bld.page.locator(byTestId('needs-search')).locator('input').fill(TITLE);
    await bld.page.keyboard.press('Enter');
    const link = bld.page.locator('[data-testid^="need-link-"]').filter({ hasText: TITLE });
    await link.waitFor();
    await screenshot(bld.page, 'lists-needs-list-building');
    await link.click();
    const cards = bld.page.locator(`${byTestId('need-proposals')} [data-testid^="proposal-"][class*="ant-card"]`);
    await cards.first().waitFor();
    expect(await cards.count()).toBeGreaterThan(0);
    const first = cards.first();
    const reasons = await first.locator(`${byTestId('proposal-reasons')} .ant-table-row`).allTextContents();
    // Each component comes with its reason; the category one names the match.
    expect(reasons.length).toBeGreaterThanOrEqual(3);
    expect(reasons.join(' ')).toContain('类别');
    expect(reasons.join(' ')).toContain('就近');
    const scores = await cards.locator(byTestId('proposal-score')).allTextContents();
    const values = scores.map((s) => Number(s.replace(/[^\d.]/g, '')));
    expect(values).toEqual([...values].sort((a, b) => b - a));
    await screenshot(bld.page, 'lists-need-proposals-building');
    await first.locator(byTestId('proposal-confirm')).click();
    await bld.page.locator('.ant-popconfirm:visible .ant-btn-primary').click();
    const projectLink = bld.page.locator(byTestId('need-project-link'));
    await projectLink.waitFor();
    expect(await bld.page.locator(byTestId('need-status')).textContent()).toBe('项目推进中');

    // LST-4 the project: a milestone added and done, evidence uploaded, closed with a report.
    await projectLink.click();
    await bld.page.waitForURL(/\/projects\/\d+$/);
    await bld.page.locator(byTestId('milestone-title')).fill('完成人才政策对接会');
    await bld.page.locator(byTestId('milestone-add')).click();
    const undone = bld.page.locator('[data-testid^="milestone-toggle-"]').filter({ hasText: '标记完成' });
    await undone.first().waitFor();
    for (let left = await undone.count(); left > 0; left--) {
      await undone.first().click();
      await expect.poll(() => undone.count()).toBe(left - 1);
    }
    await bld.page.locator(`${byTestId('project-progress')}[data-points="100"]`).waitFor();
    await bld.page
      .locator(`${byTestId('project-evidence')} input[type="file"]`)
      .setInputFiles({ name: '对接会签到表.txt', mimeType: 'text/plain', buffer: Buffer.from('签到：12 人\n') });
    await bld.page.locator(byTestId('project-evidence')).getByText('对接会签到表.txt').waitFor();
    await screenshot(bld.page, 'lists-project-running-building');
    await bld.page.locator(byTestId('project-close')).click();
    await bld.page.locator(byTestId('project-report')).fill('已对接人才政策并完成两名高级人才引进。');
    await bld.page.locator(byTestId('project-close-ok')).click();
    await bld.page.locator(byTestId('project-status')).filter({ hasText: '已完成' }).waitFor();
    await screenshot(bld.page, 'lists-project-closed-building');
    expect(bld.pageErrors).toEqual([]);
    await bld.context.close();

    // The street's funnel after: one more need, one more done.
    const after = await funnelTotals(street.page);
    expect(after.needs).toBe(before.needs + 1);
    expect(after.done).toBe(before.done + 1);
    await street.page.locator(byTestId('board-plan-run')).click();
    await street.page
      .locator(`${byTestId('board-plan')} .ant-table-row`)
      .nth(1)
      .waitFor({ timeout: 30_000 });
    await screenshot(street.page, 'lists-board-street');
    expect(street.pageErrors).toEqual([]);
    await street.context.close();
  });

  it('LST-1 LST-2 a need and a resource are edited and withdrawn in the browser; an empty title is refused on its field and changes nothing', async () => {
    const stamp = Date.now().toString(36);
    // LST-1 the enterprise enters a need, corrects it, then withdraws it with a reason.
    const ent = await openPage(browser, DESKTOP);
    await login(ent.page, demoAccount('enterprise').username, demoPassword());
    await ent.page.goto('/needs');
    await ent.page.locator(byTestId('need-new')).click();
    let form = modal(ent.page);
    await formItem(form, '标题').locator('input').fill(`法律咨询需求 ${stamp}`);
    await chooseOption(ent.page, form, '类别', '法律');
    await ent.page.locator(byTestId('need-form-submit')).click();
    await ent.page.waitForURL(/\/needs\/\d+$/);
    await ent.page.locator(byTestId('need-edit')).click();
    form = modal(ent.page);
    await formItem(form, '标题').locator('input').fill('');
    await ent.page.locator(byTestId('need-form-submit')).click();
    await formItem(form, '标题').locator('.ant-form-item-explain-error').waitFor();
    await formItem(form, '标题').locator('input').fill(`合同纠纷法律咨询 ${stamp}`);
    await formItem(form, '描述').locator('textarea').fill('供应商合同纠纷，需要律师提供法律咨询');
    await ent.page.locator(byTestId('need-form-submit')).click();
    await ent.page.getByRole('heading', { name: `合同纠纷法律咨询 ${stamp}` }).waitFor();
    await ent.page.locator(byTestId('need-withdraw')).click();
    // As a person would: if the dialog is still open a moment after OK (the page re-rendered under it), fill it and press OK again.
    for (let attempt = 1; ; attempt++) {
      await ent.page.locator(byTestId('need-withdraw-reason')).fill('已自行解决');
      await ent.page.locator(byTestId('need-withdraw-ok')).click();
      const closed = await ent.page
        .locator(byTestId('need-withdraw-ok'))
        .waitFor({ state: 'hidden', timeout: 15_000 })
        .then(() => true)
        .catch(() => false);
      if (closed || attempt >= 2 || !(await ent.page.locator(byTestId('need-withdraw-reason')).isVisible())) break;
    }
    await ent.page.locator(byTestId('need-status')).filter({ hasText: '已关闭' }).waitFor();
    expect(await ent.page.locator(byTestId('need-close-reason')).textContent()).toBe('已自行解决');
    expect(await ent.page.locator(byTestId('need-edit')).count()).toBe(0);
    await screenshot(ent.page, 'lists-need-withdrawn-enterprise');
    expect(ent.pageErrors).toEqual([]);
    await ent.context.close();

    // LST-2 the street office offers a resource, raises its capacity, then withdraws it.
    const st = await openPage(browser, DESKTOP);
    await login(st.page, demoAccount('street', '东街').username, demoPassword());
    await st.page.goto('/resources');
    await st.page.locator(byTestId('resource-new')).click();
    form = modal(st.page);
    const title = `公益法律服务 ${stamp}`;
    await st.page.locator(byTestId('resource-title')).fill(title);
    await chooseOption(st.page, form, '类别', '法律');
    await st.page.locator(byTestId('resource-capacity')).fill('5');
    await st.page.locator(byTestId('resource-form-submit')).click();
    await form.waitFor({ state: 'hidden' });
    await st.page.locator(byTestId('resources-search')).locator('input').fill(title);
    await st.page.keyboard.press('Enter');
    const row = st.page.locator(`${byTestId('resources-table')} .ant-table-row`).filter({ hasText: title });
    await row.waitFor();
    await row.locator('[data-testid^="resource-edit-"]').click();
    form = modal(st.page);
    await st.page.locator(byTestId('resource-capacity')).fill('12');
    await st.page.locator(byTestId('resource-form-submit')).click();
    await row.filter({ hasText: '12 / 12' }).waitFor();
    await row.locator('[data-testid^="resource-withdraw-"]').click();
    await st.page.locator(byTestId('resource-withdraw-ok')).click();
    await row.filter({ hasText: '已撤回' }).waitFor();
    await row.locator('[data-testid^="resource-restore-"]').waitFor();
    await screenshot(st.page, 'lists-resource-withdrawn-street');
    expect(st.pageErrors).toEqual([]);
    await st.context.close();
  });

  it('LST-1 LST-4 the lists at phone width fit the screen', async () => {
    const { page, context, pageErrors } = await openPage(browser, PHONE);
    await login(page, demoAccount('street', '东街').username, demoPassword());
    await page.goto('/projects');
    await page.locator('[data-testid^="project-link-"]').first().waitFor();
    await screenshot(page, 'lists-projects-phone');
    await page.locator('[data-testid^="project-link-"]').first().click();
    await page.locator(`${byTestId('project-progress')} canvas`).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'lists-project-phone');
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});
