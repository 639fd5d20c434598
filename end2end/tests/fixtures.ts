// A `page` that fails the test on any console error or uncaught exception in the browser.
import { test as base, expect } from '@playwright/test';

export const test = base.extend<{ consoleErrors: string[] }>({
  consoleErrors: async ({ page }, use) => {
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
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
