import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAccount, demoPassword } from './support/accounts.ts';
import { byTestId, DESKTOP, launchBrowser, login, menuKeys, openPage, PHONE, screenshot, type Viewport } from './support/browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

// The menus the spec's roles table calls for, written out here rather than imported from the app.
const REGISTRY = ['registry', 'buildings', 'enterprises', 'belts', 'investment', 'instructors', 'imports'];
const LISTS = ['needs', 'resources', 'projects', 'listsBoard'];
const POLICY_OFFICE = ['policies', 'policyApplications', 'policyMeetings', 'policyDashboard'];
// VIL-1 … VIL-4 traditional villages, collective income, heritage and tourism, the village dashboard.
const VILLAGES = ['villages', 'villageIncome', 'heritage', 'villageDashboard'];
const REGION_STAFF = ['home', 'matters', 'matterDashboard', ...REGISTRY, 'regions', 'organisations', 'people', 'users', 'channels'];
const EXPECTED: Record<string, { menu: string[]; roleLabel: string }> = {
  admin: {
    menu: [
      'home',
      'matters',
      'matterDashboard',
      ...REGISTRY,
      ...LISTS,
      ...POLICY_OFFICE,
      ...VILLAGES,
      'regions',
      'organisations',
      'people',
      'users',
      'audit',
      'channels',
    ],
    roleLabel: '平台管理员',
  },
  street: { menu: [...REGION_STAFF, ...LISTS, ...POLICY_OFFICE, ...VILLAGES], roleLabel: '街道/乡镇' },
  // Villages have no office buildings, so no registry and no lists; they keep their own village's books.
  village: {
    menu: ['home', 'matters', ...VILLAGES, 'regions', 'organisations', 'people', 'users', 'channels', 'policies', 'policyMeetings'],
    roleLabel: '村级',
  },
  dept: {
    menu: [
      'home',
      'matters',
      'matterDashboard',
      'registry',
      'buildings',
      'enterprises',
      'belts',
      'investment',
      'instructors',
      'regions',
      'organisations',
      'people',
      ...LISTS,
      ...POLICY_OFFICE,
    ],
    roleLabel: '职能部门',
  },
  building: {
    menu: ['home', 'matters', 'buildings', 'enterprises', ...LISTS, 'organisations', 'people', 'policies'],
    roleLabel: '楼宇(一楼八员)',
  },
  // A party member's own households and field records (GRD-3), their record, the policy catalogue.
  member: { menu: ['home', 'fieldHouseholds', 'fieldVisit', 'fieldInspection', 'fieldMediation', 'people', 'policies'], roleLabel: '党员' },
};

describe.each([
  ['desktop', DESKTOP],
  ['phone', PHONE],
] as [string, Viewport][])('role menus (%s)', (label, viewport) => {
  const phone = viewport === PHONE;

  it.each(['street', 'village'])(`SEC-1 ORG-4 the %s demo user signs in and sees a role-fitting menu (${label})`, async (role) => {
    const { page, context, pageErrors } = await openPage(browser, viewport);
    const account = demoAccount(role);
    await login(page, account.username, demoPassword());
    expect(await menuKeys(page, phone)).toEqual(EXPECTED[role]!.menu);
    expect(await page.locator(byTestId('home-role')).textContent()).toBe(EXPECTED[role]!.roleLabel);
    expect(await page.locator(byTestId('home-greeting')).textContent()).toContain(account.displayName);
    await screenshot(page, `home-${role}-${label}`);
    if (phone) {
      await page.locator(byTestId('menu-toggle')).click();
      await page.locator('.ant-drawer-open').waitFor();
      await screenshot(page, `menu-drawer-${role}-${label}`);
    }
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it.each(['admin', 'dept', 'building', 'member'])(
    `SEC-1 the %s demo user sees only the sections of their role (${label})`,
    async (role) => {
      const { page, context } = await openPage(browser, viewport);
      await login(page, demoAccount(role).username, demoPassword());
      expect(await menuKeys(page, phone)).toEqual(EXPECTED[role]!.menu);
      await context.close();
    },
  );
});

describe('navigation', () => {
  it('ORG-4 a party member opening 人员 lands on their own record', async () => {
    const { page, context } = await openPage(browser, PHONE);
    await login(page, demoAccount('member').username, demoPassword());
    await page.locator(byTestId('menu-toggle')).click();
    await page.locator(`.ant-drawer-open ${byTestId('menu-people')}`).click();
    await page.waitForURL(/\/people\/\d+$/);
    await page.locator(byTestId('person-phone')).waitFor();
    // Their own phone number is theirs to read in full.
    expect(await page.locator(byTestId('person-phone')).textContent()).toMatch(/^1\d{10}$/);
    await screenshot(page, 'member-own-record-phone');
    await context.close();
  });

  it('SEC-1 when the session is gone, the next request leads to sign-in and back to the page the user was on', async () => {
    const { page, context } = await openPage(browser, DESKTOP);
    await login(page, demoAccount('village').username, demoPassword());
    await page.locator(byTestId('menu-organisations')).click();
    await page.waitForURL(/\/organisations$/);
    // As if the session expired on the server: the browser no longer has it.
    await context.clearCookies();
    // The next request finds the session gone: the click, or a background refresh of the page that came first.
    const clicked = await page
      .locator(byTestId('menu-people'))
      .click({ timeout: 5_000 })
      .then(
        () => true,
        () => false,
      );
    await page.waitForURL(/\/login$/);
    // Signing in on this very page (not a fresh /login) returns to where the user was headed.
    await page.locator(byTestId('login-username')).fill(demoAccount('village').username);
    await page.locator(byTestId('login-password')).fill(demoPassword());
    await page.locator(byTestId('login-submit')).click();
    await page.waitForURL(clicked ? /\/people$/ : /\/organisations$/);
    if (clicked) await page.locator(byTestId('person-search')).waitFor();
    await context.close();
  });

  it('SEC-1 a section outside the role shows 无权访问, and signing out returns to the sign-in page', async () => {
    const { page, context } = await openPage(browser, DESKTOP);
    await login(page, demoAccount('street').username, demoPassword());
    await page.goto('/admin/audit');
    await page.getByText('无权访问').waitFor();
    await page.locator(byTestId('logout')).click();
    await page.waitForURL(/\/login$/);
    // The session is gone on the server too: a protected page sends us back.
    await page.goto('/regions');
    await page.waitForURL(/\/login$/);
    await context.close();
  });
});
