// What an attacker's text or link must not do in a real browser: a title with markup
// cannot redirect its readers, and signing in never leaves the hub.
import { test, expect, hydrated } from './fixtures';

const PASSWORD = 'demo-pass-2026';

test('signing in with a crafted next address stays on the hub (JavaScript on)', async ({ page, consoleErrors }) => {
  for (const next of ['/\t/evil.example/x', '//evil.example/x', '/\\evil.example/x']) {
    await page.goto(`/signin?next=${encodeURIComponent(next)}`);
    await hydrated(page);
    await page.getByLabel('邮箱或手机号').fill('talent@demo.hub');
    await page.getByLabel('密码').fill(PASSWORD);
    await page.getByTestId('sign-in-submit').click();
    await expect(page).toHaveURL(/^http:\/\/127\.0\.0\.1:\d+\/account$/);
    await page.getByTestId('sign-out').click();
    await expect(page.getByTestId('sign-in-link')).toBeVisible();
  }
  // A page of the hub is where the person goes.
  await page.goto(`/signin?next=${encodeURIComponent('/cases')}`);
  await hydrated(page);
  await page.getByLabel('邮箱或手机号').fill('talent@demo.hub');
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByTestId('sign-in-submit').click();
  await expect(page).toHaveURL(/\/cases$/);
});

test('a visitor opening the concern form asks for no account data', async ({ page, consoleErrors }) => {
  const accountCalls: string[] = [];
  page.on('request', (request) => {
    if (request.url().includes('/api/concerns/appealable')) accountCalls.push(request.url());
  });
  await page.goto('/');
  await hydrated(page);
  // A client-side navigation: the browser builds the page itself.
  await page.locator('a[href="/concerns/new"]').first().click();
  await expect(page).toHaveURL(/\/concerns\/new$/);
  await expect(page.getByTestId('concern-form')).toBeVisible();
  await page.waitForTimeout(500);
  expect(accountCalls).toEqual([]);
});
