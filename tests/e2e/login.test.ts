import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAccount, demoPassword } from './support/accounts.ts';
import { byTestId, DESKTOP, launchBrowser, login, openPage, PHONE, screenshot, submitLogin, type Viewport } from './support/browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe.each([
  ['desktop', DESKTOP],
  ['phone', PHONE],
] as [string, Viewport][])('sign-in (%s)', (label, viewport) => {
  it(`SEC-1 SEC-3 a wrong password shows the server's error and stays signed out (${label})`, async () => {
    const { page, context, pageErrors } = await openPage(browser, viewport);
    await submitLogin(page, demoAccount('street').username, 'not-the-password-1');
    const alert = page.locator(byTestId('login-error'));
    await alert.waitFor();
    expect(await alert.textContent()).toContain('用户名或密码错误');
    expect(new URL(page.url()).pathname).toBe('/login');
    // The password is cleared so the next try starts clean; the username stays.
    expect(await page.locator(byTestId('login-password')).inputValue()).toBe('');
    expect(await page.locator(byTestId('login-username')).inputValue()).toBe(demoAccount('street').username);
    await screenshot(page, `login-wrong-password-${label}`);
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it(`SEC-3 empty fields are marked next to the fields, not sent (${label})`, async () => {
    const { page, context } = await openPage(browser, viewport);
    await page.goto('/login');
    await page.locator(byTestId('login-submit')).click();
    await page.locator('.ant-form-item-explain-error').first().waitFor();
    const messages = await page.locator('.ant-form-item-explain-error').allTextContents();
    expect(messages).toEqual(['请输入用户名', '请输入密码']);
    await context.close();
  });
});

describe('sign-in language', () => {
  it('SEC-3 English chosen on the sign-in page: English labels, server messages in English, remembered after sign-in', async () => {
    const { page, context } = await openPage(browser, DESKTOP);
    await page.goto('/login');
    await page.locator(byTestId('lang-en')).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();

    await submitLogin(page, demoAccount('village').username, 'wrong-password-2');
    const alert = page.locator(byTestId('login-error'));
    await alert.waitFor();
    expect(await alert.textContent()).toContain('Wrong username or password');

    await login(page, demoAccount('village').username, demoPassword());
    expect(await page.locator(byTestId('menu-regions')).textContent()).toBe('Regions');
    expect(await page.locator(byTestId('user-role')).textContent()).toBe('Village');
    // The server was told: its own answer about the account now says English.
    await expect
      .poll(async () => {
        const me = (await page.evaluate(async () => (await fetch('/api/auth/me')).json())) as { user: { locale: string } };
        return me.user.locale;
      })
      .toBe('en');
    await screenshot(page, 'home-village-english');

    // Back to Chinese from the header.
    await page.locator(byTestId('lang-menu')).click();
    await page.locator(byTestId('lang-zh')).click();
    await page.locator(byTestId('menu-regions')).filter({ hasText: '行政区划' }).waitFor();
    await context.close();
  });
});

describe('lockout', () => {
  it("SEC-1 five wrong passwords lock the account and the page shows the server's lockout message", async () => {
    const { page, context } = await openPage(browser, DESKTOP);
    // An account no other test signs in with, since it stays locked for the rest of the run.
    const victim = demoAccount('enterprise', '保险').username;
    let text = '';
    for (let attempt = 1; attempt <= 6; attempt++) {
      await submitLogin(page, victim, `wrong-${attempt}-password`);
      const alert = page.locator(byTestId('login-error'));
      await alert.waitFor();
      await page.waitForLoadState('networkidle');
      text = (await alert.textContent()) ?? '';
    }
    expect(text).toContain('锁定');
    await screenshot(page, 'login-locked');
    await context.close();
  });
});
