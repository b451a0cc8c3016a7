import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

const MASKED_PHONE = /^1\d{2}\*{4}\d{4}$/;

describe('people', () => {
  it('ORG-3 the street user sees masked personal data and gives a person a second post (交叉任职), then ends it', async () => {
    const { page, context, pageErrors } = await openPage(browser, DESKTOP);
    await login(page, demoAccount('street', '东街').username, demoPassword());
    await page.locator(byTestId('menu-people')).click();
    // Anyone but the user's own record, which they may read in full.
    const me = (await page.evaluate(async () => (await fetch('/api/auth/me')).json())) as { user: { personId: string | null } };
    const someoneElse = page.locator(`[data-testid^="person-link-"]:not([data-testid="person-link-${me.user.personId}"])`).first();
    await someoneElse.waitFor();
    await someoneElse.click();
    await page.waitForURL(/\/people\/\d+$/);
    await page.locator(byTestId('person-phone')).waitFor();
    expect(await page.locator(byTestId('person-phone')).textContent()).toMatch(MASKED_PHONE);
    expect(await page.locator(byTestId('person-id-number')).textContent()).toContain('*');

    const postRows = page.locator('.ant-card').filter({ hasText: '担任职务' }).locator('.ant-table-row');
    await postRows.first().waitFor();
    const before = await postRows.count();

    await page.locator(byTestId('post-add')).click();
    const dialog = modal(page);
    await dialog.waitFor();
    await chooseOption(page, dialog, '任职组织', '东街金融大厦管理委员会', '管理委员会');
    await fillField(dialog, '职务', '管委会委员（交叉任职）');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => postRows.count()).toBe(before + 1);
    const added = postRows.filter({ hasText: '管委会委员（交叉任职）' });
    expect(await added.textContent()).toContain('在任');
    await screenshot(page, 'person-cross-appointment-desktop');

    await added.getByRole('button', { name: '结束任职' }).click();
    await page
      .locator('.ant-popconfirm:visible')
      .getByRole('button', { name: /确\s*定/ })
      .click();
    await expect.poll(async () => (await added.textContent()) ?? '').toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(await added.textContent()).not.toContain('在任');
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('ORG-3 SEC-3 a new person: a bad mobile number is caught in the browser, a good one is saved and shown masked (phone)', async () => {
    const { page, context, pageErrors } = await openPage(browser, PHONE);
    await login(page, demoAccount('village').username, demoPassword());
    await page.goto('/people?partyMember=true');
    await page.locator(byTestId('person-create')).click();
    const dialog = modal(page);
    await dialog.waitFor();
    await fillField(dialog, '姓名', '钟测试');
    expect(await formItem(dialog, '所属区划').textContent()).toContain('官田村');
    await fillField(dialog, '手机号码', '1234');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await formItem(dialog, '手机号码').locator('.ant-form-item-explain-error').waitFor();
    expect(await fieldErrors(dialog, '手机号码')).toEqual(['手机号码格式不正确（11 位，以 1 开头）']);
    await screenshot(page, 'person-form-phone-invalid-phone', { fullPage: false });

    await fillField(dialog, '手机号码', '13912345678');
    await chooseOption(page, dialog, '所属组织', '官田村', '官田');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await page.waitForURL(/\/people\/\d+$/);
    await page.getByRole('heading', { name: '钟测试' }).waitFor();
    // Village staff do not read personal data in full, not even what they just typed.
    expect(await page.locator(byTestId('person-phone')).textContent()).toBe('139****5678');
    await screenshot(page, 'person-detail-phone');
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});
