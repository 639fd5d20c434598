// The office desk: a supervisor moves cases to a staff member in bulk, and the dashboard
// shows the period's figures as charts with tables, with an export that downloads with
// progress.
import { test, expect, hydrated, confirmRegistration, uploadMaterials, signedIn, NEW_PASSWORD } from './fixtures';
import type { Browser, Page } from '@playwright/test';
import * as fs from 'fs';

/** A new talent applies for a talent card; returns the case number. */
async function submittedCase(browser: Browser, login: string): Promise<string> {
  const context = await browser.newContext({ locale: 'zh-CN' });
  const talent = await context.newPage();
  await talent.goto('/register');
  await hydrated(talent);
  await talent.getByLabel('姓名').fill('周敏');
  await talent.getByLabel('邮箱或手机号').fill(login);
  await talent.getByLabel('密码').fill(NEW_PASSWORD);
  await talent.getByTestId('register-submit').click();
  await confirmRegistration(talent, login);
  await expect(talent).toHaveURL(/\/account$/);
  await talent.goto('/services/LJ-TALENT-CARD');
  await hydrated(talent);
  await talent.getByTestId('apply').click();
  await expect(talent).toHaveURL(/\/cases\/\d+$/);
  await hydrated(talent);
  await uploadMaterials(talent);
  await talent.getByLabel('申请卡类 *').selectOption('2');
  await talent.getByTestId('continue').click();
  await expect(talent).toHaveURL(/\/cases\/\d+\/review/);
  await talent.getByTestId('submit-application').click();
  await expect(talent.getByTestId('case-state')).toHaveText('已提交，待受理');
  const number = (await talent.getByTestId('case-number').textContent())!.trim();
  await context.close();
  return number;
}

test('a supervisor gives two new cases to a staff member at once', async ({ browser }) => {
  const stamp = Date.now();
  const first = await submittedCase(browser, `bulk-a-${stamp}@example.cn`);
  const second = await submittedCase(browser, `bulk-b-${stamp}@example.cn`);

  const admin = await signedIn(browser, 'admin@demo.hub', '/staff/assign?kind=cases&holder=none');
  await expect(admin.getByTestId('load-table')).toContainText('王芳 (demo staff)');
  await hydrated(admin);
  const work = admin.getByTestId('work-table');
  await work.getByLabel(first, { exact: true }).check();
  await work.getByLabel(second, { exact: true }).check();
  await admin.getByLabel('将所选分派给').selectOption({ label: '王芳 (demo staff)' });
  await admin.getByTestId('reassign').click();
  await expect(admin.getByTestId('reassigned')).toHaveText('已分派 2 项。');
  // The list (nobody's work) no longer has them.
  await expect(work.getByLabel(first, { exact: true })).toHaveCount(0);
  await expect(work.getByLabel(second, { exact: true })).toHaveCount(0);

  // The staff member finds both in "mine", with the move on the internal timeline.
  const staff = await signedIn(browser, 'staff@demo.hub', '/staff/queue?scope=mine');
  const mine = staff.getByTestId('case-table');
  await expect(mine).toContainText(first);
  await expect(mine).toContainText(second);
  await staff.getByRole('link', { name: first }).click();
  await expect(staff.getByTestId('timeline')).toContainText('分派给工作人员');
});

test('the dashboard shows the period as charts and tables, and exports it with progress', async ({ browser }) => {
  const staff = await signedIn(browser, 'staff@demo.hub', '/staff/dashboard');
  await expect(staff.getByRole('heading', { level: 1 })).toHaveText('办件看板');
  for (const chart of ['chart-cases', 'chart-days', 'chart-concerns']) {
    await expect(staff.getByTestId(chart)).toBeVisible();
  }
  await expect(staff.getByRole('img', { name: '本期办件' })).toBeVisible();
  await expect(staff.getByTestId('fig-received')).toHaveText(/^\d[\d,]*$/);

  // Another period, kept in the address so it can be bookmarked.
  await hydrated(staff);
  const year = new Date().getFullYear();
  await staff.getByLabel('开始日期').fill(`${year}-01-01`);
  await staff.getByTestId('dashboard-show').click();
  await expect(staff).toHaveURL(new RegExp(`from=${year}-01-01`));
  await expect(staff.getByTestId('dashboard-period')).toContainText(`${year}-01-01 至`);

  // The export downloads in the background and is saved as UTF-8 with a byte-order mark.
  const [download] = await Promise.all([
    staff.waitForEvent('download'),
    staff.getByTestId('export-cases').click(),
  ]);
  expect(download.suggestedFilename()).toMatch(new RegExp(`^cases-${year}-01-01-\\d{4}-\\d{2}-\\d{2}\\.csv$`));
  const bytes = fs.readFileSync((await download.path())!);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  expect(bytes.toString('utf8', 3).split('\n')[0]).toContain('number,item_code,item_zh');
});

test('a very dissatisfied rating opens a follow-up that staff call back and close', async ({ browser }) => {
  const stamp = Date.now();
  const login = `followup-${stamp}@example.cn`;
  const number = await submittedCase(browser, login);
  const staff = await signedIn(browser, 'staff@demo.hub', '/staff/queue');
  await staff.getByRole('link', { name: number }).click();
  await expect(staff.getByTestId('case-number')).toHaveText(number);
  await hydrated(staff);
  await staff.getByTestId('do-accept').click();
  await expect(staff.getByTestId('case-state')).toHaveText('审核中');
  await staff.getByTestId('do-approve').click();
  await expect(staff.getByTestId('case-state')).toHaveText('已批准');
  await staff.getByTestId('do-close').click();
  await expect(staff.getByTestId('case-state')).toHaveText('已办结');
  const caseUrl = staff.url();

  // The applicant rates 非常不满意 and sees that the office will follow up.
  const context = await browser.newContext({ locale: 'zh-CN' });
  const talent = await context.newPage();
  await talent.goto(`/signin?next=${encodeURIComponent(new URL(caseUrl).pathname)}`);
  await hydrated(talent);
  await talent.getByLabel('邮箱或手机号').fill(login);
  await talent.getByLabel('密码').fill(NEW_PASSWORD);
  await talent.getByTestId('sign-in-submit').click();
  await expect(talent.getByTestId('case-number')).toHaveText(number);
  await hydrated(talent);
  await talent.getByTestId('rate-form').getByLabel('非常不满意', { exact: true }).check();
  await talent.getByLabel('意见（可选）').fill('等了很久没人回电话');
  await talent.getByTestId('rate').click();
  await expect(talent.getByTestId('follow-up')).toContainText('我们将于');

  // Staff record the call-back and the fix.
  await staff.goto('/staff/followups');
  await hydrated(staff);
  const task = staff.getByTestId('followups-open').locator(`li[data-number="${number}"]`);
  await expect(task).toContainText('等了很久没人回电话');
  await task.getByLabel('回访情况（对象、时间、反馈）').fill('已致电申请人，说明办理进度');
  await task.getByLabel('整改措施').fill('增加回电提醒');
  await task.getByTestId('followup-done').click();
  await expect(staff.getByTestId('followups-done')).toContainText('增加回电提醒');

  await talent.reload();
  await expect(talent.getByTestId('follow-up')).toContainText('已完成回访和整改');
});
