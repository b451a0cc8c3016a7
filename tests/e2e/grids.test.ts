import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPassword } from './support/accounts.ts';
import { byTestId, launchBrowser, login, openPage, PHONE, screenshot } from './support/browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** The demo's party member of 官田村 who carries households (src/server/seed/grids.ts). */
const MEMBER = 'guantian.member';
const HOUSEHOLD_ROWS = `${byTestId('field-households')} [data-testid^="field-household-"]`;

/** The member's visits with this client id, read through the API with the page's own session. */
async function visitsWithClientId(page: Page, householdId: string, clientId: string): Promise<number> {
  return page.evaluate(
    async ({ householdId, clientId }) => {
      const res = await fetch(`/api/visits?householdId=${householdId}&limit=200`);
      const body = (await res.json()) as { items: { clientId: string }[] };
      return body.items.filter((v) => v.clientId === clientId).length;
    },
    { householdId, clientId },
  );
}

describe('the party member on the phone (GRD-3)', () => {
  it('GRD-3 sees their households, records a visit offline (待同步 1 条), and the queue drains online into exactly one visit even when synced twice', async () => {
    const { page, context, pageErrors } = await openPage(browser, PHONE);
    await login(page, MEMBER, demoPassword());
    await page.goto('/field');
    await page.locator(HOUSEHOLD_ROWS).first().waitFor();
    const rows = await page.locator(HOUSEHOLD_ROWS).count();
    expect(rows).toBeGreaterThanOrEqual(20);
    expect(rows).toBeLessThanOrEqual(30);
    expect(await page.locator(byTestId('field-pending')).textContent()).toBe('已全部同步');
    // Nothing sticks out of a 390 px screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'grids-member-households-phone');

    const first = page.locator(HOUSEHOLD_ROWS).first();
    const householdId = ((await first.getAttribute('data-testid')) ?? '').replace('field-household-', '');
    await first.locator(byTestId(`field-visit-${householdId}`)).click();
    await page.locator(byTestId('field-visit-form')).waitFor();

    await context.setOffline(true);
    await page.getByRole('checkbox', { name: '消防安全' }).check();
    await page.getByRole('checkbox', { name: '人居环境' }).check();
    await page.locator(`${byTestId('field-visit-form')} textarea`).fill('讲解灭火器使用，家中电线已检查');
    await page.locator(byTestId('field-save')).click();
    await expect.poll(() => page.locator(byTestId('field-pending')).textContent()).toBe('待同步 1 条');
    await screenshot(page, 'grids-member-visit-offline-phone');
    const queueKey = await page.evaluate(() => Object.keys(localStorage).find((k) => k.startsWith('hongtu.fieldQueue.')) ?? '');
    const queued = await page.evaluate((k) => localStorage.getItem(k) ?? '', queueKey);
    const clientId = (JSON.parse(queued) as { items: { record: { clientId: string } }[] }).items[0]!.record.clientId;
    expect(clientId).toMatch(/^[0-9a-f-]{36}$/);

    // Back online: the browser's 'online' event sends the queue.
    await context.setOffline(false);
    await expect.poll(() => page.locator(byTestId('field-pending')).textContent(), { timeout: 15_000 }).toBe('已全部同步');
    expect(await page.locator(byTestId('field-last-sync')).textContent()).toContain('已保存 1 条');
    expect(await visitsWithClientId(page, householdId, clientId)).toBe(1);

    // The same record sent again (a sync whose answer was lost): the page load syncs it, the server keeps one.
    await page.evaluate(({ k, v }) => localStorage.setItem(k, v), { k: queueKey, v: queued });
    await page.goto('/field');
    await expect.poll(() => page.locator(byTestId('field-pending')).textContent(), { timeout: 15_000 }).toBe('已全部同步');
    expect(await visitsWithClientId(page, householdId, clientId)).toBe(1);
    // The household now shows today's visit instead of sitting at the top as never visited.
    await page.locator(byTestId(`field-household-${householdId}`)).waitFor();
    expect(await page.locator(byTestId(`field-household-${householdId}`)).textContent()).toContain('最近走访');
    await screenshot(page, 'grids-member-synced-phone');

    // Installed app shell: with the service worker in charge, the list opens without a connection.
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 15_000 });
    await context.setOffline(true);
    await page.reload();
    await page.locator(HOUSEHOLD_ROWS).first().waitFor();
    expect(await page.locator(HOUSEHOLD_ROWS).count()).toBe(rows);
    expect(await page.locator(byTestId('field-sync')).textContent()).toContain('当前无网络');
    await screenshot(page, 'grids-member-offline-reload-phone');
    await context.setOffline(false);
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});
