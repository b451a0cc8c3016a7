import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseOption, formItem, modal } from './support/antd.ts';
import { demoPassword } from './support/accounts.ts';
import { byTestId, DESKTOP, launchBrowser, login, openPage, PHONE, screenshot, type Viewport } from './support/browser.ts';
import { apiGet, apiPost, openMatter, statusTag, takeStep, waitForStatus } from './support/matters.ts';

/**
 * The side paths of a matter (MAT-2 … MAT-7), each step taken in the browser by the demo user of
 * the level it belongs to: the enterprise (enterprise), 东街金融大厦 (building), 东街街道 (dongjie),
 * 鼓楼区 (gulou), 福州市 (city) and 鼓楼区税务局 (tax). The happy path is in matters.test.ts.
 */
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const TAX_BUREAU = '鼓楼区税务局';
const run = Date.now().toString(36);
let raised = 0;

async function as(username: string, viewport: Viewport = DESKTOP) {
  const session = await openPage(browser, viewport);
  await login(session.page, username, demoPassword());
  return session;
}

/** The enterprise raises a tax matter through the portal's API (the form itself is tested in matters.test.ts). */
async function raise(title: string): Promise<{ id: string; code: string }> {
  const { page, context } = await as('enterprise');
  const categories = await apiGet<{ items: { id: string; code: string }[] }>(page, '/api/matter-categories');
  const categoryId = categories.items.find((c) => c.code === 'tax_service')!.id;
  const res = await apiPost(
    page,
    '/api/matters',
    { categoryId, title, description: '出口退税申报已提交三周，审核一直未完成，影响企业资金周转。' },
    { 'Idempotency-Key': `paths-${run}-${(raised += 1)}` },
  );
  expect(res.status).toBe(201);
  const { id } = res.json as { id: string };
  const matter = { id, code: (await apiGet<{ code: string }>(page, `/api/matters/${id}`)).code };
  expect(matter.code).toMatch(/^LY\d+$/);
  await context.close();
  return matter;
}

const level = (page: Page) => page.locator(byTestId('level-current')).textContent();
const timeline = async (page: Page) => (await page.locator(byTestId('matter-timeline')).textContent()) ?? '';

/** Dispatches from the matter page to the tax bureau, choosing it when the category did not already. */
async function dispatchToTax(page: Page, note: string): Promise<void> {
  await page.locator(byTestId('action-dispatch')).click();
  const dialog = modal(page);
  await dialog.locator(byTestId('step-form-dispatch')).waitFor();
  if (!((await formItem(dialog, '承办单位').locator('.ant-select').textContent()) ?? '').includes(TAX_BUREAU)) {
    await chooseOption(page, dialog, '承办单位', TAX_BUREAU, '税务');
  }
  await dialog.locator('textarea').fill(note);
  await dialog.locator(byTestId('step-ok')).click();
  await dialog.waitFor({ state: 'hidden' });
  await waitForStatus(page, '已分派');
}

describe('matters off the straight road, level by level in the browser (MAT-2 … MAT-7)', () => {
  const ladder = { id: '', code: '' };

  it('MAT-3 the building escalates with a reason to 东街街道, which finds it in its queue and escalates it to 鼓楼区; each office above sees it at its level and the one below can no longer act', async () => {
    Object.assign(ladder, await raise(`出口退税审核迟迟未完成 ${run}`));
    const building = await as('building');
    await openMatter(building.page, ladder.id);
    await takeStep(building.page, 'register');
    await waitForStatus(building.page, '已登记');
    // An escalation needs its reason: an empty one is refused under the field.
    await building.page.locator(byTestId('action-escalate')).click();
    await modal(building.page).locator(byTestId('step-ok')).click();
    expect(await modal(building.page).locator('.ant-form-item-explain-error').first().textContent()).toBe('请填写此项');
    await modal(building.page).locator('textarea').fill('涉及出口退税审核，楼宇无法协调，提请街道统筹。');
    await modal(building.page).locator(byTestId('step-ok')).click();
    await modal(building.page).waitFor({ state: 'hidden' });
    await expect.poll(() => level(building.page)).toBe('街道');
    expect(await building.page.locator(byTestId('action-escalate')).count()).toBe(0);
    expect(building.pageErrors).toEqual([]);
    await building.context.close();

    const street = await as('dongjie');
    await street.page.locator(byTestId('menu-matters')).click();
    const row = street.page.locator(byTestId(`matter-row-${ladder.code}`));
    await row.waitFor();
    await row.locator(byTestId(`matter-link-${ladder.code}`)).click();
    await street.page.locator(byTestId('matter-timeline')).waitFor();
    expect(await level(street.page)).toBe('街道');
    expect(await timeline(street.page)).toContain('涉及出口退税审核，楼宇无法协调，提请街道统筹。');
    expect(await timeline(street.page)).toContain('楼宇 → 街道');
    await takeStep(street.page, 'escalate', '需区税务部门加快审核，提请区级协调。');
    await expect.poll(() => level(street.page)).toBe('区级');
    await screenshot(street.page, 'matters-escalated-street');
    expect(street.pageErrors).toEqual([]);
    await street.context.close();
  });

  it('MAT-4 MAT-5 鼓楼区 dispatches it to the tax bureau, which asks for an extension that the city approves and for material that the enterprise adds on its phone; it reports back and 鼓楼区 replies', async () => {
    const district = await as('gulou');
    await openMatter(district.page, ladder.id);
    expect(await level(district.page)).toBe('区级');
    await dispatchToTax(district.page, '请区税务局核实审核进度，三个工作日内反馈。');
    await district.context.close();

    const tax = await as('tax', PHONE);
    await openMatter(tax.page, ladder.id);
    await takeStep(tax.page, 'accept');
    await waitForStatus(tax.page, '办理中');
    await tax.page.locator(byTestId('action-request_extension')).click();
    const ask = modal(tax.page);
    await ask.locator('.ant-input-number input').fill('3');
    await ask.locator('textarea').fill('需向省局核对出口报关数据，申请延期 3 个工作日。');
    await ask.locator(byTestId('step-ok')).click();
    await ask.waitFor({ state: 'hidden' });
    expect(await timeline(tax.page)).toContain('申请延期');
    // The same officer cannot grant it: the level above does.
    expect(await tax.page.locator(byTestId('action-approve_extension')).count()).toBe(0);
    await tax.context.close();

    const city = await as('city');
    await openMatter(city.page, ladder.id);
    const before = await apiGet<{ clocks: { kind: string; dueAt: string | null }[] }>(city.page, `/api/matters/${ladder.id}`);
    await takeStep(city.page, 'approve_extension');
    await expect.poll(async () => timeline(city.page)).toContain('批准延期');
    const after = await apiGet<{ clocks: { kind: string; dueAt: string | null }[] }>(city.page, `/api/matters/${ladder.id}`);
    const due = (m: typeof before) => Date.parse(m.clocks.find((c) => c.kind === 'resolution')!.dueAt!);
    // Three working days later: at least three calendar days, whatever weekend falls between.
    expect(due(after) - due(before)).toBeGreaterThanOrEqual(3 * 86_400_000);
    await city.context.close();

    const tax2 = await as('tax', PHONE);
    await openMatter(tax2.page, ladder.id);
    await takeStep(tax2.page, 'request_info', '请补充上传出口报关单及收汇凭证扫描件。');
    await waitForStatus(tax2.page, '待企业补充');
    await tax2.context.close();

    const enterprise = await as('enterprise', PHONE);
    await enterprise.page.goto('/matters/mine');
    const card = enterprise.page.locator(byTestId(`my-matter-${ladder.code}`));
    await card.waitFor();
    // Waiting for the enterprise pauses the clocks; the card says so and asks for the material.
    expect(await card.textContent()).toContain('暂停计时');
    await card.locator(byTestId(`provide-${ladder.code}`)).click();
    await modal(enterprise.page).locator(byTestId('step-form-provide_info')).waitFor();
    await modal(enterprise.page).locator('textarea').fill('报关单及收汇凭证已上传至电子税务局，单号 2026-1127。');
    await screenshot(enterprise.page, 'matters-provide-info-phone', { fullPage: false });
    await modal(enterprise.page).locator(byTestId('step-ok')).click();
    await modal(enterprise.page).waitFor({ state: 'hidden' });
    await card.locator(byTestId('matter-status'), { hasText: '办理中' }).waitFor();
    expect(enterprise.pageErrors).toEqual([]);
    await enterprise.context.close();

    const tax3 = await as('tax', PHONE);
    await openMatter(tax3.page, ladder.id);
    await takeStep(tax3.page, 'report_back', '已完成出口退税审核，退税款将于三个工作日内到账。');
    await waitForStatus(tax3.page, '已反馈');
    await tax3.context.close();

    const district2 = await as('gulou');
    await openMatter(district2.page, ladder.id);
    await takeStep(district2.page, 'reply', '经区税务局核实，您的出口退税已审核完毕，退税款三个工作日内到账。');
    await waitForStatus(district2.page, '已回复');
    expect(district2.pageErrors).toEqual([]);
    await district2.context.close();
  });

  it('MAT-7 MAT-3 the enterprise is dissatisfied: the matter is reopened (重办) at 鼓楼区, which escalates it to the city, the top of the ladder', async () => {
    const enterprise = await as('enterprise', PHONE);
    await enterprise.page.goto('/matters/mine');
    const card = enterprise.page.locator(byTestId(`my-matter-${ladder.code}`));
    const rating = card.locator(byTestId(`rate-${ladder.code}`));
    await rating.waitFor();
    await rating.locator('.ant-radio-button-wrapper', { hasText: /^不满意$/ }).click();
    await rating.locator(byTestId('rate-send')).click();
    await card.locator(byTestId('matter-status'), { hasText: '已登记' }).waitFor();
    await card.locator('a').first().click();
    await enterprise.page.locator(byTestId('matter-timeline')).waitFor();
    const steps = await timeline(enterprise.page);
    for (const step of ['逐级上报', '分派', '申请延期', '批准延期', '请企业补充', '补充材料', '反馈结果', '回复企业', '评价', '重办']) {
      expect(steps).toContain(step);
    }
    expect(enterprise.pageErrors).toEqual([]);
    await enterprise.context.close();

    const district = await as('gulou');
    await openMatter(district.page, ladder.id);
    expect(await level(district.page)).toBe('区级');
    expect(await district.page.locator('body').textContent()).toContain('重办 1 次');
    await takeStep(district.page, 'escalate', '企业对退税进度仍不满意，提请市级协调。');
    await expect.poll(() => level(district.page)).toBe('市级');
    await district.context.close();

    // At the top nothing is above: the city dispatches or replies, and cannot escalate further.
    const city = await as('city');
    await openMatter(city.page, ladder.id);
    expect(await level(city.page)).toBe('市级');
    await city.page.locator(byTestId('action-dispatch')).waitFor();
    expect(await city.page.locator(byTestId('action-escalate')).count()).toBe(0);
    await screenshot(city.page, 'matters-at-city');
    expect(city.pageErrors).toEqual([]);
    await city.context.close();
  });

  it('MAT-2 MAT-6 the tax bureau returns a dispatch with its reason, the building records a 一企一议 deliberation, and the enterprise withdraws the matter on its phone', async () => {
    const matter = await raise(`跨区迁移涉税事项 ${run}`);
    const building = await as('building');
    await openMatter(building.page, matter.id);
    await takeStep(building.page, 'register');
    await dispatchToTax(building.page, '请协助办理跨区迁移涉税事项。');
    await building.context.close();

    const tax = await as('tax', PHONE);
    await openMatter(tax.page, matter.id);
    await takeStep(tax.page, 'return', '迁出地税务机关尚未办结清税手续，请先联系迁出地。');
    // Returned, the matter leaves the bureau's hands and sight: back to its workbench.
    await tax.page.waitForURL((url) => url.pathname === '/matters');
    expect(await tax.page.evaluate(async (id) => (await fetch(`/api/matters/${id}`)).status, matter.id)).toBe(404);
    await tax.context.close();

    const building2 = await as('building');
    await openMatter(building2.page, matter.id);
    expect(await building2.page.locator(byTestId('matter-slips')).textContent()).toContain('迁出地税务机关尚未办结清税手续');
    await takeStep(building2.page, 'deliberate', '一企一议：约请迁出地、迁入地税务及企业三方协调，明确清税时限。');
    expect(await timeline(building2.page)).toContain('一企一议');
    expect(await statusTag(building2.page).textContent()).toBe('已登记');
    await building2.context.close();

    const enterprise = await as('enterprise', PHONE);
    await openMatter(enterprise.page, matter.id);
    await takeStep(enterprise.page, 'withdraw', '已与迁出地税务机关沟通解决，撤回本事项。');
    await waitForStatus(enterprise.page, '已撤回');
    expect(await enterprise.page.locator('[data-testid^="action-"]').count()).toBe(0);
    // Its clocks stopped because it was taken back, and say so (not 已完成).
    expect(await enterprise.page.locator(byTestId('matter-clocks')).textContent()).not.toContain('已完成');
    expect(await enterprise.page.locator(byTestId('matter-clocks')).textContent()).toContain('已撤回，停止计时');
    await screenshot(enterprise.page, 'matters-withdrawn-phone');
    expect(enterprise.pageErrors).toEqual([]);
    await enterprise.context.close();
  });
});
