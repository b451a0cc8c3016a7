import type { Locator, Page } from 'playwright-core';
import { modal } from './antd.ts';
import { byTestId } from './browser.ts';

/** Steps of a matter (楼宇事项) as a person takes them in the browser, shared by the matters flows. */

/** A write through the page's own session, as another tab of the same user would send it. */
export async function apiPost(
  page: Page,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; json: unknown }> {
  return page.evaluate(
    async ({ path, body, headers }) => {
      const csrf = /(?:^|;\s*)hongtu_csrf=([^;]+)/.exec(document.cookie)?.[1] ?? '';
      const res = await fetch(path, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': decodeURIComponent(csrf), ...headers },
        body: JSON.stringify(body),
      });
      return { status: res.status, json: (await res.json()) as unknown };
    },
    { path, body, headers },
  );
}

export async function apiGet<T>(page: Page, path: string): Promise<T> {
  return page.evaluate(async (p) => (await fetch(p)).json() as Promise<T>, path);
}

export const statusTag = (page: Page) => page.locator(`.ant-card ${byTestId('matter-status')}`).first();

export async function waitForStatus(page: Page, text: string): Promise<void> {
  await page
    .locator(`.ant-card ${byTestId('matter-status')}`, { hasText: text })
    .first()
    .waitFor();
}

/** Opens the step's form from its button, fills the note when given, and sends it. */
export async function takeStep(page: Page, action: string, note?: string): Promise<Locator> {
  await page.locator(byTestId(`action-${action}`)).click();
  const dialog = modal(page);
  await dialog.locator(byTestId(`step-form-${action}`)).waitFor();
  if (note !== undefined) await dialog.locator('textarea').fill(note);
  await dialog.locator(byTestId('step-ok')).click();
  await dialog.waitFor({ state: 'hidden' });
  return dialog;
}

export async function openMatter(page: Page, id: string): Promise<void> {
  await page.goto(`/matters/${id}`);
  await page.locator(byTestId('matter-timeline')).waitFor();
}
