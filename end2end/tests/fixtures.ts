// A `page` that fails the test on any console error or uncaught exception in the browser.
import { test as base, expect } from '@playwright/test';

export const test = base.extend<{ consoleErrors: string[] }>({
  consoleErrors: async ({ page }, use) => {
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      // The browser reports a page's own 403/404 status as an error; tests of "not found"
      // and "not allowed" pages expect exactly that. A missing script or stylesheet, or a
      // failing server function call, is still caught.
      const ownDocument = message.location().url === page.url();
      if (ownDocument && /status of 40[34]/.test(message.text())) return;
      // A server function refusing bad input (400) or a stale change (409) answers with
      // that status; the page shows the message, which the tests check themselves.
      const serverFunction = message.location().url.includes('/api/');
      if (serverFunction && /status of 40[09]/.test(message.text())) return;
      errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(String(error)));
    await use(errors);
    expect(errors, 'console errors in the browser').toEqual([]);
  },
});

export { expect };

/** Waits until the WebAssembly app has taken over the server-rendered page. */
export async function hydrated(page: import('@playwright/test').Page) {
  await expect(page.locator('body[data-hydrated="true"]')).toHaveCount(1);
}

/**
 * Finishes a registration the way a person does: the hub answers "check your messages"
 * (the same whether or not the address has an account) and sends a link; the test server
 * writes its messages as files (HUB_MAIL_DIR). Opens the link sent to `login` and confirms,
 * which creates the account and signs it in.
 */
export async function confirmRegistration(page: import('@playwright/test').Page, login: string, javaScriptEnabled = true) {
  const fs = await import('node:fs');
  const { join } = await import('node:path');
  await expect(page).toHaveURL(/[?&]sent=1/);
  const dir = join(process.env.HUB_E2E_DATA_DIR!, 'mail');
  let path = '';
  await expect.poll(() => {
    for (const file of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
      const text = fs.readFileSync(join(dir, file), 'utf8');
      const to = text.split('\n', 1)[0];
      const found = to.includes(login) ? text.match(/\/register\/confirm\?token=[A-Za-z0-9_-]+/) : null;
      if (found) path = found[0];
    }
    return path;
  }, { timeout: 20_000 }).toContain('/register/confirm?token=');
  await page.goto(path);
  if (javaScriptEnabled) await hydrated(page);
  await page.getByTestId('confirm-registration').click();
  await expect(page).toHaveURL(/\/(account|employer)/);
}
