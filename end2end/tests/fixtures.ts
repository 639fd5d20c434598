// A `page` that fails the test on any console error or uncaught exception in the browser.
import { test as base, expect } from '@playwright/test';

export const test = base.extend<{ consoleErrors: string[] }>({
  // An address of its own for each test (the test server trusts X-Forwarded-For), applied
  // to every browser context the test opens.
  extraHTTPHeaders: async ({}, use) => {
    const octet = () => 1 + Math.floor(Math.random() * 254);
    await use({ 'X-Forwarded-For': `10.${octet()}.${octet()}.${octet()}` });
  },
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
export async function confirmRegistration(page: import('@playwright/test').Page, login: string, javaScriptEnabled = true,
  landsOn: RegExp = /\/(account|employer)/) {
  const fs = await import('node:fs');
  const { join } = await import('node:path');
  await expect(page).toHaveURL(/[?&]sent=1/);
  const dir = join(process.env.HUB_E2E_DATA_DIR!, 'mail');
  let path = '';
  await expect.poll(() => {
    for (const file of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
      const text = fs.readFileSync(join(dir, file), 'utf8');
      const to = text.split('\n', 1)[0];
      const found = to.includes(login) ? text.match(/\/register\/confirm\?token=[A-Za-z0-9_-]+(&next=[^\s]+)?/) : null;
      if (found) path = found[0];
    }
    return path;
  }, { timeout: 20_000 }).toContain('/register/confirm?token=');
  await page.goto(path);
  if (javaScriptEnabled) await hydrated(page);
  await page.getByTestId('confirm-registration').click();
  await expect(page).toHaveURL(landsOn);
}

/**
 * Uploads a small PDF to every material of the application form on `page` that has none
 * yet: the guide's required materials are all uploads of the form.
 */
export async function uploadMaterials(page: import('@playwright/test').Page, name = 'material.pdf') {
  const forms = () => page.locator('section[aria-labelledby="materials-title"] form[data-testid^="upload-"]');
  // The form is on the page (after a client-side navigation it may still be on its way).
  await expect(page.getByTestId('application-form')).toBeVisible();
  const count = await forms().count();
  for (let i = 0; i < count; i++) {
    const form = forms().nth(i);
    if (await form.getByTestId('uploaded').count()) continue;
    await form.locator('input[type=file]').setInputFiles({
      name, mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n'),
    });
    await form.locator('button[type=submit]').click();
    await expect(forms().nth(i).getByTestId('uploaded')).toBeVisible();
  }
}

/** The password of every demo account. */
export const DEMO_PASSWORD = 'demo-pass-2026';
/** The password the tests give the accounts they register. */
export const NEW_PASSWORD = 'lantern river 2026';

/**
 * Signs in on `page` as `login` and waits for `next`, in the page's language (Chinese or
 * English labels).
 */
export async function signInOn(page: import('@playwright/test').Page, login: string, next: string,
  { javaScriptEnabled = true, password = DEMO_PASSWORD } = {}) {
  await page.goto(`/signin?next=${encodeURIComponent(next)}`);
  if (javaScriptEnabled) await hydrated(page);
  await page.getByLabel(/^(邮箱或手机号|E-mail or mobile number)$/).fill(login);
  await page.getByLabel(/^(密码|Password)$/).fill(password);
  await page.getByTestId('sign-in-submit').click();
  await expect(page).toHaveURL(new RegExp(`${next.replace(/[/?]/g, '\\$&')}$`));
  if (javaScriptEnabled) await hydrated(page);
}

/**
 * Signs a request context (a browser context's `request`) in as `login` without a page:
 * for tests that set things up through the server functions.
 */
export async function signInRequest(request: import('@playwright/test').APIRequestContext, login: string,
  password = DEMO_PASSWORD) {
  const response = await request.post('/api/accounts/sign_in', { form: { login, password, next: '' } });
  expect(response.status(), await response.text()).toBeLessThan(400);
}

/** A fresh browser signed in as `login` (a demo account), on `next`. */
export async function signedIn(browser: import('@playwright/test').Browser, login: string, next: string,
  javaScriptEnabled = true, locale = 'zh-CN'): Promise<import('@playwright/test').Page> {
  const page = await (await browser.newContext({ javaScriptEnabled, locale })).newPage();
  await signInOn(page, login, next, { javaScriptEnabled });
  return page;
}

/** Clicks `link` and expects the browser to download `name`, staying on the page. */
export async function downloads(page: import('@playwright/test').Page, link: import('@playwright/test').Locator,
  name: string | RegExp) {
  const before = page.url();
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  expect(download.suggestedFilename()).toMatch(name);
  expect(page.url()).toBe(before);
  await expect(page.locator('#not-found-title')).toHaveCount(0);
}

/** Fills in and sends the talent registration form on `page` (Chinese labels). */
export async function registerTalent(page: import('@playwright/test').Page, login: string, javaScriptEnabled = true) {
  if (javaScriptEnabled) await hydrated(page);
  await page.getByLabel('姓名').fill('陈静');
  await page.getByLabel('邮箱或手机号').fill(login);
  await page.getByLabel('密码').fill(NEW_PASSWORD);
  await page.getByTestId('register-submit').click();
}
