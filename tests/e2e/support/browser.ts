import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { baseUrl } from './accounts.ts';

/** Debian's Chromium, never a downloaded build. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];

export const DESKTOP = { width: 1366, height: 800 } as const;
export const PHONE = { width: 390, height: 844 } as const;
export type Viewport = typeof DESKTOP | typeof PHONE;

const SCREENSHOTS = fileURLToPath(new URL('../screenshots/', import.meta.url));

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
}

export interface Session {
  context: BrowserContext;
  page: Page;
  /** Uncaught errors in the page: a test fails on any of them. */
  pageErrors: string[];
}

export async function openPage(browser: Browser, viewport: Viewport, locale: 'zh-CN' | 'en' = 'zh-CN'): Promise<Session> {
  const context = await browser.newContext({
    viewport,
    locale,
    baseURL: baseUrl(),
    isMobile: viewport === PHONE,
    hasTouch: viewport === PHONE,
    deviceScaleFactor: 1,
  });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (err) => pageErrors.push(err.message));
  return { context, page, pageErrors };
}

/** Waits until no CSS transition or animation is running, so a screenshot does not catch a drawer half open. */
export async function settle(page: Page): Promise<void> {
  await page.waitForFunction(
    // Endless ones (spinners) never finish and do not move the layout; wait for the rest.
    () => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity),
    undefined,
    { timeout: 5_000 },
  );
}

/** Saves tests/e2e/screenshots/<name>.png; a dialog is shot as the viewport shows it, since a full-page shot smears fixed layers. */
export async function screenshot(page: Page, name: string, { fullPage = true }: { fullPage?: boolean } = {}): Promise<void> {
  await settle(page);
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage });
}

export const byTestId = (id: string) => `[data-testid="${id}"]`;

/** Fills the sign-in form and submits it; does not wait for the result. */
export async function submitLogin(page: Page, username: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.locator(byTestId('login-username')).fill(username);
  await page.locator(byTestId('login-password')).fill(password);
  await page.locator(byTestId('login-submit')).click();
}

/** Signs in and waits for the signed-in shell. */
export async function login(page: Page, username: string, password: string): Promise<void> {
  await submitLogin(page, username, password);
  await page.locator(byTestId('home-greeting')).waitFor();
}

/** The section keys of the menu the user sees; on a phone the drawer is opened first and closed again. */
export async function menuKeys(page: Page, phone: boolean): Promise<string[]> {
  if (phone) {
    await page.locator(byTestId('menu-toggle')).click();
    await page.locator(`.ant-drawer-open ${byTestId('side-menu')}`).waitFor();
  }
  const ids = await page
    .locator(`${byTestId('side-menu')} [data-testid^="menu-"]`)
    .evaluateAll((els) => els.map((el) => el.getAttribute('data-testid') ?? ''));
  if (phone) await page.keyboard.press('Escape');
  return ids.map((id) => id.replace(/^menu-/, ''));
}
