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

describe('account administration', () => {
  it('SEC-1 SEC-3 the admin creates an account (taken username refused on the field), locks it out, unlocks it, resets its password and disables it', async () => {
    const { page, context, pageErrors } = await openPage(browser, DESKTOP);
    await login(page, demoAccount('admin').username, demoPassword());
    await page.locator(byTestId('menu-users')).click();
    await page.locator(byTestId('user-create')).click();
    const dialog = modal(page);
    await dialog.waitFor();
    await fillField(dialog, '用户名', demoAccount('street').username);
    await fillField(dialog, '姓名', '测试党员');
    await chooseOption(page, dialog, '角色', '党员');
    await chooseOption(page, dialog, '管辖区划', '东街街道', '东街');
    await formItem(dialog, '初始密码').locator('input').fill('Start2026go');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await formItem(dialog, '用户名').locator('.ant-form-item-explain-error').waitFor();
    expect(await fieldErrors(dialog, '用户名')).toEqual(['用户名已被使用']);
    await screenshot(page, 'user-form-username-taken-desktop', { fullPage: false });

    await fillField(dialog, '用户名', 'e2e.member');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    const row = page.locator('.ant-table-row').filter({ has: page.locator(byTestId('user-row-e2e.member')) });
    await row.waitFor();
    expect(await row.textContent()).toContain('正常');

    // Five wrong passwords from another browser lock it.
    const other = await openPage(browser, DESKTOP);
    for (let i = 0; i < 5; i++) {
      await other.page.request.post('/api/auth/login', { data: { username: 'e2e.member', password: `wrong-${i}-x` } });
    }
    await other.context.close();
    await page.reload();
    await row.filter({ hasText: '已锁定' }).waitFor();
    await screenshot(page, 'users-locked-desktop');
    await row.getByRole('button', { name: /解\s*锁/ }).click();
    await row.filter({ hasText: '正常' }).waitFor();

    await row.getByRole('button', { name: '重置密码' }).click();
    const reset = modal(page);
    await reset.waitFor();
    await reset.locator('input').fill('short');
    await reset.getByRole('button', { name: /保\s*存/ }).click();
    await reset.locator('.ant-form-item-explain-error').waitFor();
    expect(await reset.locator('.ant-form-item-explain-error').textContent()).toBe('至少 8 位，须同时包含字母和数字');
    await reset.locator('input').fill('Newpass2026');
    await reset.getByRole('button', { name: /保\s*存/ }).click();
    await reset.waitFor({ state: 'hidden' });
    await page.getByText('密码已重置').waitFor();

    await row.getByRole('button', { name: /停\s*用/ }).click();
    await page
      .locator('.ant-popconfirm:visible')
      .getByRole('button', { name: /确\s*定/ })
      .click();
    await row.filter({ hasText: '已停用' }).waitFor();
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('SEC-2 the audit log shows a change with before/after, filters by entity, and the hash chain verifies', async () => {
    const { page, context, pageErrors } = await openPage(browser, DESKTOP);
    await login(page, demoAccount('admin').username, demoPassword());
    // Make sure there is at least one change with before and after: switching the language is one.
    await page.locator(byTestId('lang-menu')).click();
    await page.locator(byTestId('lang-en')).click();
    await page.locator(byTestId('menu-audit')).filter({ hasText: 'Audit log' }).click();
    await page.locator(byTestId('lang-menu')).click();
    await page.locator(byTestId('lang-zh')).click();
    await page.goto('/admin/audit?entity=app_user');
    const rows = page.locator('.ant-table-row');
    await rows.first().waitFor();
    const entities = await page.locator('.ant-table-row td:nth-child(5)').allTextContents();
    expect(entities.every((e) => e === 'app_user')).toBe(true);

    const localeChange = rows.filter({ hasText: 'user.locale' }).first();
    await localeChange.locator('.ant-table-row-expand-icon').click();
    const expanded = page.locator('.ant-table-expanded-row:visible').first();
    await expanded.waitFor();
    expect(await expanded.textContent()).toContain('"locale"');

    await page.locator(byTestId('audit-verify')).click();
    const result = page.locator(byTestId('audit-verify-result'));
    await result.waitFor();
    expect(await result.textContent()).toMatch(/哈希链完整：已校验 \d+ 条记录/);
    await screenshot(page, 'audit-verified-desktop');
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('SEC-2 the audit log is usable at phone width', async () => {
    const { page, context } = await openPage(browser, PHONE);
    await login(page, demoAccount('admin').username, demoPassword());
    await page.goto('/admin/audit');
    await page.locator('.ant-table-row').first().waitFor();
    await page.locator(byTestId('audit-verify')).click();
    await page.locator(byTestId('audit-verify-result')).waitFor();
    await screenshot(page, 'audit-phone');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await context.close();
  });
});
