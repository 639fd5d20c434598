import { test, expect, hydrated } from './fixtures';
import type { Browser, Page } from '@playwright/test';

const PASSWORD = 'demo-pass-2026';

async function signedIn(browser: Browser, login: string, next: string, javaScriptEnabled = true): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled, locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto(`/signin?next=${encodeURIComponent(next)}`);
  if (javaScriptEnabled) await hydrated(page);
  await page.getByLabel('邮箱或手机号').fill(login);
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByTestId('sign-in-submit').click();
  await expect(page).toHaveURL(new RegExp(`${next.replace(/[/?]/g, '\\$&')}$`));
  return page;
}

for (const javaScriptEnabled of [true, false]) {
  test(`a talent applies for a talent card, staff decide it, the talent rates it (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async ({ browser }) => {
    // A fresh talent for each run, so the one-case-per-item rule does not get in the way.
    const login = `card-${javaScriptEnabled ? 'js' : 'nojs'}-${Date.now()}@example.cn`;
    const context = await browser.newContext({ javaScriptEnabled, locale: 'zh-CN' });
    const talent = await context.newPage();
    await talent.goto('/register');
    if (javaScriptEnabled) await hydrated(talent);
    await talent.getByLabel('姓名').fill('陈静');
    await talent.getByLabel('邮箱或手机号').fill(login);
    await talent.getByLabel('密码').fill('lantern river 2026');
    await talent.getByTestId('register-submit').click();
    await expect(talent).toHaveURL(/\/account$/);

    await talent.goto('/services/LJ-TALENT-CARD');
    if (javaScriptEnabled) await hydrated(talent);
    await talent.getByTestId('apply').click();
    await expect(talent).toHaveURL(/\/cases\/\d+$/);
    const caseUrl = talent.url().replace(/\?.*$/, '');
    if (javaScriptEnabled) await hydrated(talent);

    // Continuing with nothing chosen: the error is next to the field, nothing is lost.
    await talent.getByTestId('continue').click();
    await expect(talent.getByTestId('application-form').getByText('请填写此项。').first()).toBeVisible();
    await talent.getByLabel('申请卡类 *').selectOption('2');
    await talent.getByTestId('continue').click();
    await expect(talent).toHaveURL(/\/cases\/\d+\/review/);
    await expect(talent.getByTestId('answers')).toContainText('二类卡');
    await talent.getByTestId('submit-application').click();
    await expect(talent).toHaveURL(new RegExp(`${caseUrl.replace(/[/?]/g, '\\$&')}\\??$`));
    await expect(talent.getByTestId('case')).toContainText('已提交，待受理');
    const number = (await talent.getByTestId('case-number').textContent())!.trim();
    expect(number).toMatch(/^LJ-\d{4}-\d{6}$/);

    // Staff find it in the queue and decide it.
    const staff = await signedIn(browser, 'staff@demo.hub', '/staff/queue', javaScriptEnabled);
    await staff.getByRole('link', { name: number }).click();
    await expect(staff.getByTestId('case-number')).toHaveText(number);
    if (javaScriptEnabled) await hydrated(staff);
    await staff.getByTestId('do-accept').click();
    await expect(staff.getByTestId('case')).toContainText('审核中');
    await expect(staff.getByTestId('case-due')).toHaveText(/\d{4}-\d{2}-\d{2}/);
    await staff.getByTestId('do-approve').click();
    await expect(staff.getByTestId('case')).toContainText('已批准');
    await staff.getByTestId('do-close').click();
    await expect(staff.getByTestId('case')).toContainText('已办结');

    // The talent sees every step and rates the service.
    await talent.goto(caseUrl);
    if (javaScriptEnabled) await hydrated(talent);
    const timeline = talent.getByTestId('timeline');
    for (const step of ['提交了申请', '受理了申请', '批准了申请', '办结了办件']) {
      await expect(timeline).toContainText(step);
    }
    await talent.getByTestId('rate-form').getByText('★★★★★').click();
    await talent.getByLabel('意见（可选）').fill('办理很快');
    await talent.getByTestId('rate').click();
    await expect(talent.getByTestId('rated')).toContainText('5');
    await talent.goto('/cases');
    await expect(talent.getByTestId('case-table')).toContainText(number);
  });
}
