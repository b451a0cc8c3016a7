import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseOption, formItem, modal } from './support/antd.ts';
import { apiGet, apiPost, openMatter, statusTag, takeStep, waitForStatus } from './support/matters.ts';
import { demoAccount, demoPassword } from './support/accounts.ts';
import { byTestId, DESKTOP, launchBrowser, login, menuKeys, openPage, PHONE, screenshot, settle } from './support/browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** The demo's enterprise rents in 东街金融大厦; the building user keeps it; 鼓楼区税务局 is the tax user's bureau. */
const TAX_BUREAU = '鼓楼区税务局';
// Unique per run, so the checks below find this run's matter and no other.
const TITLE = `发票领用额度不足 ${Date.now().toString(36)}`;

/** What the walk through the steps hands from one user to the next. */
const walk = { id: '', code: '', slip: '' };

async function signIn(role: string, viewport: typeof DESKTOP | typeof PHONE) {
  const session = await openPage(browser, viewport);
  await login(session.page, demoAccount(role).username, demoPassword());
  return session;
}

/** Counts the pages of a PDF and reads the first page's size in points. */
function pdfPages(pdf: Buffer): { pages: number; width: number; height: number } {
  const text = pdf.toString('latin1');
  const pages = (text.match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  const box = /\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/.exec(text);
  return { pages, width: Number(box?.[1] ?? 0), height: Number(box?.[2] ?? 0) };
}

describe('matters (楼宇事项) in the browser', () => {
  it('MAT-1 the enterprise raises a matter on a phone; a double click creates one matter', async () => {
    const { page, context, pageErrors } = await signIn('enterprise', PHONE);
    expect(await menuKeys(page, true)).toEqual(expect.arrayContaining(['matterReport', 'myMatters']));
    await page.locator(byTestId('menu-toggle')).click();
    await page.locator(`.ant-drawer-open ${byTestId('menu-matterReport')}`).click();
    await page.locator(byTestId('matter-form')).waitFor();

    // As a person on a phone does with a long grouped list: type part of the name, then tap it.
    await chooseOption(page, page, '事项类别', '税务咨询', '税务');
    await page.locator(byTestId('matter-title')).fill(TITLE);
    await formItem(page, '具体情况').locator('textarea').fill('本月增值税专用发票领用额度不够，影响对外开票，希望税务部门协助调整。');
    await page.locator(byTestId('matter-phone')).fill('13800138000');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'matters-report-phone');

    await page.locator(byTestId('matter-submit')).dblclick();
    const done = page.locator(byTestId('matter-submitted'));
    await done.waitFor();
    walk.code = /LY\d+/.exec((await done.textContent()) ?? '')?.[0] ?? '';
    expect(walk.code).toMatch(/^LY\d+$/);
    await screenshot(page, 'matters-report-done-phone');

    const mine = await apiGet<{ items: { id: string; title: string; status: string }[] }>(page, '/api/matters?limit=200');
    const raised = mine.items.filter((m) => m.title === TITLE);
    expect(raised).toHaveLength(1);
    expect(raised[0]!.status).toBe('collected');
    walk.id = raised[0]!.id;
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('MAT-2 MAT-5 the building finds it by typing its code, registers it in bulk from the workbench and dispatches it to the tax bureau', async () => {
    const { page, context, pageErrors } = await signIn('building', DESKTOP);
    await page.locator(byTestId('menu-matters')).click();
    await page
      .locator(`${byTestId('matter-table')} .ant-table-row`)
      .first()
      .waitFor();
    await screenshot(page, 'matters-workbench-todo-desktop');
    await page.locator(byTestId('queue-all')).click();
    await page.waitForURL(/queue=all/);
    await page.locator(`${byTestId('matter-table')} .ant-spin-spinning`).waitFor({ state: 'detached' });
    await screenshot(page, 'matters-workbench-all-desktop');
    // Typing the code filters the list on its own (no Enter): one row, the one typed, not the whole queue.
    await page.locator(byTestId('matter-search')).locator('input').pressSequentially(walk.code);
    await page.waitForURL((url) => url.searchParams.get('q') === walk.code);
    const rows = page.locator(`${byTestId('matter-table')} .ant-table-row`);
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(1);
    const row = page.locator(byTestId(`matter-row-${walk.code}`));
    await row.waitFor();
    expect(await rows.first().getAttribute('data-testid')).toBe(`matter-row-${walk.code}`);
    // Coloured by its most urgent running clock, with a countdown in working time.
    expect(await row.getAttribute('class')).toMatch(/ht-urgency-(green|yellow|red)/);
    expect(await row.locator('[data-testid^="clock-"]').textContent()).toMatch(/剩余|超时|即将到期/);
    expect(await page.locator(byTestId('queue-todo')).textContent()).toMatch(/待办\s*\d+/);
    await screenshot(page, 'matters-workbench-desktop');

    await row.locator('.ant-checkbox-input').check();
    await page.locator(byTestId('bulk-register')).click();
    expect(await page.locator(byTestId('bulk-result')).textContent()).toContain('1 件成功，0 件未成功');

    await row.locator(byTestId(`matter-link-${walk.code}`)).click();
    await page.locator(byTestId('matter-timeline')).waitFor();
    await waitForStatus(page, '已登记');
    expect(await page.locator(byTestId('level-current')).textContent()).toBe('楼宇');
    // The handler the category routes to is offered first and chosen already.
    await page.locator(byTestId('action-dispatch')).click();
    const dialog = modal(page);
    expect(await formItem(dialog, '承办单位').locator('.ant-select').textContent()).toContain(TAX_BUREAU);
    await dialog.locator('textarea').fill('请于一个工作日内签收，联系企业核实开票需求。');
    await screenshot(page, 'matters-dispatch-desktop', { fullPage: false });
    await dialog.locator(byTestId('step-ok')).click();
    await dialog.waitFor({ state: 'hidden' });
    await waitForStatus(page, '已分派');
    expect(await page.locator(byTestId('matter-slips')).textContent()).toContain(TAX_BUREAU);
    const slipLink = page.locator('[data-testid^="print-slip-"]').first();
    walk.slip = ((await slipLink.getAttribute('data-testid')) ?? '').replace('print-slip-', '');
    expect(walk.slip).not.toBe('');
    expect(await page.locator(byTestId('matter-timeline')).textContent()).toContain(`承办：${TAX_BUREAU}`);
    await screenshot(page, 'matters-detail-desktop');
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('MAT-2 the tax officer finds it in the bureau’s queue on a phone, signs for it and reports back', async () => {
    const { page, context, pageErrors } = await signIn('dept', PHONE);
    await page.goto('/matters');
    await page.locator(byTestId('matter-search')).locator('input').fill(walk.code);
    await page.keyboard.press('Enter');
    await page.locator(byTestId(`matter-row-${walk.code}`)).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'matters-workbench-phone');
    await page.locator(byTestId(`matter-link-${walk.code}`)).click();
    await page.locator(byTestId('matter-timeline')).waitFor();
    await waitForStatus(page, '已分派');
    await takeStep(page, 'accept');
    await waitForStatus(page, '办理中');
    // Reporting back needs the result: an empty note is refused under the field before anything is sent.
    await page.locator(byTestId('action-report_back')).click();
    await modal(page).locator(byTestId('step-ok')).click();
    expect(await formItem(modal(page), '办理结果').locator('.ant-form-item-explain-error').textContent()).toBe('请填写此项');
    await modal(page).locator('textarea').fill('已联系企业核实，按规定将发票领用额度由 25 份调整为 50 份，企业可于电子税务局领用。');
    await modal(page).locator(byTestId('step-ok')).click();
    await modal(page).waitFor({ state: 'hidden' });
    await waitForStatus(page, '已反馈');
    await screenshot(page, 'matters-reported-back-phone');
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('MAT-2 the building replies to the enterprise', async () => {
    const { page, context, pageErrors } = await signIn('building', DESKTOP);
    await openMatter(page, walk.id);
    await waitForStatus(page, '已反馈');
    await takeStep(
      page,
      'reply',
      '经税务局核实，您的发票领用额度已调整为每月 50 份，可在电子税务局直接领用。如有疑问请联系楼宇党群服务中心。',
    );
    await waitForStatus(page, '已回复');
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('MAT-7 the enterprise rates the answer 满意 on its phone and sees the matter 已办结', async () => {
    const { page, context, pageErrors } = await signIn('enterprise', PHONE);
    await page.goto('/matters/mine');
    const card = page.locator(byTestId(`my-matter-${walk.code}`));
    await card.waitFor();
    const rating = card.locator(byTestId(`rate-${walk.code}`));
    await rating.waitFor();
    await screenshot(page, 'matters-mine-rate-phone');
    await rating.locator('.ant-radio-button-wrapper', { hasText: /^满意$/ }).click();
    await rating.locator(byTestId('rate-send')).click();
    await card.locator(byTestId('matter-status'), { hasText: '已办结' }).waitFor();
    expect(await card.textContent()).toContain('已评价：满意');
    await screenshot(page, 'matters-mine-closed-phone');

    await card.locator('a').first().click();
    await page.locator(byTestId('matter-timeline')).waitFor();
    expect(await statusTag(page).textContent()).toBe('已办结');
    const timeline = (await page.locator(byTestId('matter-timeline')).textContent()) ?? '';
    for (const step of ['收集', '登记', '分派', '签收', '反馈结果', '回复企业', '评价', '办结']) expect(timeline).toContain(step);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'matters-detail-phone');
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('MAT-2 the 楼宇事项记录表 and the 楼宇事项派发单 print on one A4 page each', async () => {
    const { page, context, pageErrors } = await signIn('building', DESKTOP);
    await openMatter(page, walk.id);
    await page.locator(byTestId('print-record')).click();
    const sheet = page.locator(byTestId('print-sheet'));
    await sheet.waitFor();
    const record = (await sheet.textContent()) ?? '';
    for (const text of ['楼宇事项记录表', walk.code, TITLE, '东街金融大厦', TAX_BUREAU, '回复企业', '满意', '企业确认（签字）'])
      expect(record).toContain(text);
    // Printed: only the sheet; on A4 at 96 dpi less 12 mm margins the printable width is about 703 px.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator(byTestId('print-now')).isVisible()).toBe(false);
    await page.setViewportSize({ width: 703, height: 1030 });
    await settle(page);
    await screenshot(page, 'matters-print-record-a4');
    const recordPdf = pdfPages(await page.pdf({ preferCSSPageSize: true }));
    expect(recordPdf.pages).toBe(1);
    // A4 is 595 × 842 points.
    expect(Math.round(recordPdf.width)).toBe(595);
    expect(Math.round(recordPdf.height)).toBe(842);

    await page.emulateMedia({ media: 'screen' });
    await page.setViewportSize(DESKTOP);
    await page.goto(`/matters/${walk.id}/print/slip/${encodeURIComponent(walk.slip)}`);
    await sheet.waitFor();
    const slip = (await sheet.textContent()) ?? '';
    for (const text of ['楼宇事项派发单', walk.slip, walk.code, TAX_BUREAU, '签收回执', '办理结果反馈', '东街金融大厦'])
      expect(slip).toContain(text);
    await screenshot(page, 'matters-print-slip-screen');
    await page.emulateMedia({ media: 'print' });
    await page.setViewportSize({ width: 703, height: 1030 });
    await settle(page);
    await screenshot(page, 'matters-print-slip-a4');
    const slipPdf = pdfPages(await page.pdf({ preferCSSPageSize: true }));
    expect(slipPdf.pages).toBe(1);
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('MAT-1 MAT-8 building staff enter a matter for an enterprise; a step on a stale version shows the server’s message and reloads', async () => {
    const { page, context, pageErrors } = await signIn('building', DESKTOP);
    await page.goto('/matters');
    await page.locator(byTestId('matter-enter')).click();
    const dialog = modal(page);
    // The picker's label carries "(选填)", so it is found by its test id rather than by label.
    await dialog.locator(`${byTestId('matter-enterprise')}`).click();
    await page.keyboard.type('榕信');
    await dialog.locator(`${byTestId('matter-enterprise')} .anticon-loading`).waitFor({ state: 'detached' });
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '榕信' }).first().click();
    await chooseOption(page, dialog, '事项类别', '物业服务', '物业');
    await dialog.locator(byTestId('matter-title')).fill(`${TITLE} 空调`);
    await formItem(dialog, '具体情况').locator('textarea').fill('12 层空调不制冷，企业电话反映，楼宇代为录入。');
    await dialog.locator('.ant-btn-primary').click();
    await page.waitForURL(/\/matters\/\d+$/);
    await page.locator(byTestId('matter-timeline')).waitFor();
    // Entered by staff, it is registered at once.
    await waitForStatus(page, '已登记');
    expect(await page.locator(byTestId('matter-facts')).textContent()).toContain('楼宇代录');
    const id = /\/matters\/(\d+)$/.exec(page.url())?.[1] ?? '';
    const shown = await apiGet<{ version: number }>(page, `/api/matters/${id}`);

    // A colleague resolves it on the spot meanwhile; this page still shows the old version.
    const other = await apiPost(page, `/api/matters/${id}/steps`, {
      action: 'resolve_on_site',
      version: shown.version,
      note: '物业已到场修复。',
    });
    expect(other.status).toBe(200);
    await page.locator(byTestId('action-escalate')).click();
    await modal(page).locator('textarea').fill('需街道协调物业公司。');
    await modal(page).locator(byTestId('step-ok')).click();
    await page.locator('.ant-message', { hasText: '该事项刚被他人处理，请刷新后重试' }).waitFor();
    await waitForStatus(page, '已反馈');
    expect(await page.locator(byTestId('matter-timeline')).textContent()).toContain('物业已到场修复。');
    await settle(page);
    await screenshot(page, 'matters-conflict-desktop', { fullPage: false });
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});
