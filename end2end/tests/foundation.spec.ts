import { test, expect, hydrated } from './fixtures';

test('home page presents the three promises and the key figures', async ({ page, consoleErrors }) => {
  await page.goto('/');
  await expect(page).toHaveTitle(/两江英才汇/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  for (const promise of ['办事', '发展', '诉求']) {
    await expect(page.getByRole('heading', { name: promise, exact: false }).first()).toBeVisible();
  }
  await expect(page.getByText('9万+')).toBeVisible();
  // Demo data is on in the test server: the featured services come from the database.
  await expect(page.getByText('高校毕业生安家补贴')).toBeVisible();
  await hydrated(page);
  void consoleErrors;
});

test('language switch changes the page in place and is remembered', async ({ page, consoleErrors }) => {
  await page.goto('/');
  await hydrated(page);
  // A marker that a full page load would wipe out.
  await page.evaluate(() => ((window as any).__noReload = true));

  await page.getByTestId('language-switch').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { name: 'Our three promises' })).toBeVisible();
  await expect(page.getByText('Graduate resettlement subsidy')).toBeVisible();
  await expect(page).toHaveTitle(/Liangjiang Yingcai Hub/);
  expect(await page.evaluate(() => (window as any).__noReload)).toBe(true);

  // The choice survives a reload: the server renders English from the cookie.
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { name: 'Our three promises' })).toBeVisible();

  await page.getByTestId('language-switch').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh');
  await expect(page.getByRole('heading', { name: '我们的三项承诺' })).toBeVisible();
  void consoleErrors;
});

test.describe('an English-speaking browser', () => {
  test.use({ locale: 'en-US' });

  test('gets the hub in English on the first visit', async ({ page, consoleErrors }) => {
    await page.goto('/');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page).toHaveTitle(/Liangjiang Yingcai Hub/);
    await hydrated(page);
    void consoleErrors;
  });
});

test.describe('with JavaScript off', () => {
  test.use({ javaScriptEnabled: false });

  test('the page works and the language switch is a plain form', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByText('高校毕业生安家补贴')).toBeVisible();
    await page.getByTestId('language-switch').click();
    // Back on the same page (Leptos leaves an empty query where it would report an error).
    await expect(page).toHaveURL(/\/\??$/);
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('heading', { name: 'Our three promises' })).toBeVisible();
  });
});

test('an unknown address shows a helpful 404 page', async ({ page, consoleErrors }) => {
  const response = await page.goto('/no/such/page');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: '页面未找到' })).toBeVisible();
  await hydrated(page);
  await page.getByRole('link', { name: '返回首页' }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('heading', { name: '我们的三项承诺' })).toBeVisible();
  void consoleErrors;
});

test('keyboard users can skip straight to the content', async ({ page, consoleErrors }) => {
  await page.goto('/');
  await hydrated(page);
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: '跳到主要内容' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.locator('main#main')).toBeFocused();
  void consoleErrors;
});
