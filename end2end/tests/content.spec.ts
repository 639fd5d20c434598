import AxeBuilder from '@axe-core/playwright';
import { test, expect, hydrated, signInOn } from './fixtures';

const ADMIN = 'admin@demo.hub';
test('a visitor reads a policy document and follows an article to its service', async ({ page, consoleErrors }) => {
  await page.goto('/policies');
  await hydrated(page);
  await page.getByLabel('搜索文件标题或文号').fill('十条');
  await page.getByRole('button', { name: '搜索' }).click();
  const list = page.getByTestId('policy-list');
  await expect(list.getByRole('listitem')).toHaveCount(1);
  await list.getByRole('link').first().click();
  await expect(page.getByTestId('policy')).toContainText('第 8 条');
  await expect(page.getByText('演示内容').first()).toBeVisible();
  const article8 = page.locator('#article-8');
  await article8.getByRole('link').first().click();
  await expect(page).toHaveURL(/\/services\/LJ-TALENT-CARD$/);
  await hydrated(page);
  await page.goto('/policies/LJ-EDU-2024');
  await hydrated(page);
  const scan = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  expect(scan.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`)).toEqual([]);
  void consoleErrors;
});

test('an administrator adds a form field and sees it in the preview', async ({ page, consoleErrors }) => {
  await signInOn(page, ADMIN, '/admin/services');
  await hydrated(page);
  const row = page.getByTestId('admin-table').getByRole('row', { name: /LJ-SKILL-UPGRADE/ });
  await row.getByRole('link', { name: '编辑' }).click();
  await expect(page).toHaveURL(/\/admin\/services\/LJ-SKILL-UPGRADE\/edit$/);
  await hydrated(page);
  await expect(page.getByTestId('service-editor')).toBeVisible();
  const fieldRows = page.getByTestId('field-row');
  const before = await fieldRows.count();
  await page.getByTestId('add-field').click();
  await expect(fieldRows).toHaveCount(before + 1);
  const added = fieldRows.last();
  await added.getByLabel('字段标识').fill('skill_certificate_issuer');
  await added.getByLabel('标签（中文）').fill('发证机构');
  await added.getByLabel('标签（英文）').fill('Certificate issued by');
  await added.getByLabel('类型').selectOption('text');
  await page.getByTestId('editor-save').click();
  await expect(page.getByTestId('notice')).toHaveText('草稿已保存。');
  const preview = page.getByTestId('form-preview');
  await expect(preview.getByLabel('发证机构')).toBeVisible();
  await expect(page.getByText('有未发布的修改').first()).toBeVisible();

  // A rule over a fact the profile does not have is refused next to the rule.
  await page.getByRole('button', { name: '添加规则' }).click();
  await expect(page.getByLabel('参数').last()).toBeVisible();
  await page.getByLabel('参数').last().fill('abc');
  await page.getByTestId('editor-publish').click();
  await expect(page.getByTestId('editor-outcome')).toContainText('规则参数无效');
  // What was typed is still there.
  await expect(page.getByTestId('field-row').last().getByLabel('字段标识')).toHaveValue('skill_certificate_issuer');
  void consoleErrors;
});

test.describe('with JavaScript off', () => {
  test.use({ javaScriptEnabled: false });

  test('the editor adds a row and saves as a plain form', async ({ page }) => {
    await signInOn(page, ADMIN, '/admin/policies/LJ-SKILL-2024/edit', { javaScriptEnabled: false });
    await expect(page.getByTestId('policy-editor')).toBeVisible();
    const rows = page.getByTestId('article-row');
    const before = await rows.count();
    await page.getByRole('button', { name: '添加条款' }).click();
    await expect(page).toHaveURL(/\/admin\/policies\/LJ-SKILL-2024\/edit\??$/);
    await expect(rows).toHaveCount(before + 1);
    await expect(page.getByText('有未发布的修改').first()).toBeVisible();
    // Publishing with a mistake shows the error and keeps what was typed.
    await page.getByLabel('有效期至（长期有效的留空）').fill('2020-01-01');
    await page.getByTestId('editor-publish').click();
    await expect(page.getByTestId('editor-outcome')).toContainText('结束日期不能早于开始日期');
    await expect(page.getByLabel('有效期至（长期有效的留空）')).toHaveValue('2020-01-01');
  });
});

test.describe('on a phone-sized screen', () => {
  test.use({ viewport: { width: 360, height: 740 } });

  test('public pages fit the screen without sideways scrolling, in both languages', async ({ page, consoleErrors }) => {
    for (const path of ['/', '/services', '/services/LJ-GRAD-RESETTLE', '/eligibility', '/policies', '/policies/LJ-TEN-2024', '/jobs', '/jobs/1', '/jobs/stats', '/statistics', '/track', '/events', '/incubation', '/certificates']) {
      for (const lang of ['zh', 'en']) {
        await page.context().addCookies([{ name: 'hub_lang', value: lang, url: test.info().project.use.baseURL! }]);
        await page.goto(path);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, `${path} in ${lang}`).toBeLessThanOrEqual(0);
      }
    }
    void consoleErrors;
  });
});
