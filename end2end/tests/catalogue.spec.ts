import AxeBuilder from '@axe-core/playwright';
import { test, expect, hydrated } from './fixtures';

test('a visitor checks eligibility and sees the graduate subsidy with its reasons', async ({ page, consoleErrors }) => {
  await page.goto('/eligibility');
  await hydrated(page);
  await page.getByLabel('最高学历').selectOption('bachelor');
  const lastJune = `${new Date().getFullYear() - 1}-06-30`;
  await page.getByLabel('毕业日期').fill(lastJune);
  await page.getByLabel('出生日期').fill('2002-03-15');
  await page.getByLabel('是否在两江新区单位工作').selectOption('yes');
  await page.getByTestId('eligibility-submit').click();

  const results = page.getByTestId('eligibility-results');
  const grad = results.locator('li[data-verdict="Eligible"]', { hasText: '高校毕业生安家补贴' });
  await expect(grad).toBeVisible();
  await expect(grad).toContainText('您可以申请');
  await expect(grad).toContainText('学历达到本科及以上 — 符合');
  await expect(grad).toContainText('毕业不超过 2 年 — 符合');
  // A service needing a doctorate is explained, not hidden.
  const doctorate = results.locator('li', { hasText: '博士人才生活补贴' });
  await expect(doctorate).toContainText('不符合');
  // Eligible results come first.
  await expect(results.locator('li[data-verdict]').first()).toHaveAttribute('data-verdict', 'Eligible');

  // The answers survive in the address: the result can be bookmarked and read in English.
  await page.getByTestId('language-switch').click();
  const gradEn = results.locator('li[data-verdict="Eligible"]', { hasText: 'Graduate resettlement subsidy' });
  await expect(gradEn).toContainText("Education: Bachelor's degree or above — met");
  void consoleErrors;
});

test('the catalogue is searchable and each guide passes an accessibility scan', async ({ page, consoleErrors }) => {
  await page.goto('/services');
  await hydrated(page);
  await page.getByLabel('搜索事项名称或内容').fill('安家');
  await page.getByRole('button', { name: '搜索' }).click();
  const list = page.getByTestId('service-list');
  await expect(list.getByRole('listitem').filter({ has: page.getByRole('heading') })).toHaveCount(1);
  await list.getByRole('link', { name: '高校毕业生安家补贴' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('高校毕业生安家补贴');
  await expect(page.getByTestId('guide')).toContainText('15 个工作日');
  await hydrated(page);

  const scan = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  expect(scan.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`)).toEqual([]);
  void consoleErrors;
});

test.describe('with JavaScript off', () => {
  test.use({ javaScriptEnabled: false });

  test('the eligibility check is a plain form', async ({ page }) => {
    await page.goto('/eligibility');
    await page.getByLabel('人才层次').selectOption('top_scientist');
    await page.getByLabel('是否在两江新区单位工作').selectOption('yes');
    await page.getByTestId('eligibility-submit').click();
    const results = page.getByTestId('eligibility-results');
    await expect(results.locator('li[data-verdict="Eligible"]', { hasText: '一流科学家团队资助' })).toBeVisible();
  });
});
