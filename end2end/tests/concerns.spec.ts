// Concerns: a talent raises one, staff answer it with a template, the talent confirms and
// rates the answer; a bad rating of an answer is followed up and may be appealed;
// a visitor asks without an account, and confirms and rates the answer with a code.
import { test, expect, hydrated, confirmRegistration, DEMO_PASSWORD, NEW_PASSWORD } from './fixtures';
import type { Browser } from '@playwright/test';
import * as fs from 'fs';
import { join } from 'path';

/** The one-time code in the hub's message about `number`: the test server writes its
 * e-mails as files (HUB_MAIL_DIR) and sends them every few seconds. */
async function codeSentFor(number: string): Promise<string> {
  const dir = join(process.env.HUB_E2E_DATA_DIR!, 'mail');
  let code = '';
  await expect.poll(() => {
    for (const file of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
      const text = fs.readFileSync(join(dir, file), 'utf8');
      const found = text.includes(number) ? text.match(/验证码是 (\d{6})/) : null;
      if (found) code = found[1];
    }
    return code;
  }, { timeout: 20_000 }).toMatch(/^\d{6}$/);
  return code;
}

async function staffOn(browser: Browser, next: string) {
  const staff = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
  await staff.goto(`/signin?next=${encodeURIComponent(next)}`);
  await hydrated(staff);
  await staff.getByLabel('邮箱或手机号').fill('staff@demo.hub');
  await staff.getByLabel('密码').fill(DEMO_PASSWORD);
  await staff.getByTestId('sign-in-submit').click();
  await expect(staff).toHaveURL(new RegExp(`${next.replace(/[/?]/g, '\\$&')}$`));
  return staff;
}

test('a talent raises a concern, staff answer with a template, the talent confirms and rates it', async ({ browser }) => {
  const stamp = Date.now();
  const subject = `租房补贴发放时间 ${stamp}`;
  const context = await browser.newContext({ locale: 'zh-CN' });
  const talent = await context.newPage();
  await talent.goto('/register');
  await hydrated(talent);
  await talent.getByLabel('姓名').fill('陈静');
  await talent.getByLabel('邮箱或手机号').fill(`concern-${stamp}@example.cn`);
  await talent.getByLabel('密码').fill(NEW_PASSWORD);
  await talent.getByTestId('register-submit').click();
  await confirmRegistration(talent, `concern-${stamp}@example.cn`);
  await expect(talent).toHaveURL(/\/account$/);

  await talent.goto('/concerns/new');
  await hydrated(talent);
  await talent.getByLabel('类型').selectOption('consultation');
  await talent.getByLabel('标题').fill(subject);
  await talent.getByLabel('具体内容').fill('上月提交的申请何时发放？');
  await talent.getByTestId('concern-submit').click();
  await expect(talent).toHaveURL(/\/concerns\/\d+$/);
  const number = (await talent.getByTestId('concern-number').textContent())!.trim();
  expect(number).toMatch(/^SQ-\d{4}-\d{6}$/);
  await expect(talent.getByTestId('concern-state')).toHaveText('待答复');

  const staff = await staffOn(browser, '/staff/concerns');
  await staff.getByRole('link', { name: number }).click();
  await expect(staff.getByTestId('concern-number')).toHaveText(number);
  // Staff go back to their desk, not to a requester's own list.
  await expect(staff.getByTestId('back-to-list')).toHaveAttribute('href', '/staff/concerns');
  await hydrated(staff);
  await staff.getByLabel('答复、备注或原因').fill('需核对批次');
  await staff.getByTestId('concern-note').click();
  await expect(staff.getByTestId('concern-thread')).toContainText('需核对批次');
  // A template fills the answer box for this concern; staff add to it and send it.
  await staff.getByLabel('插入答复模板').selectOption({ label: '已受理' });
  const answer = staff.getByLabel('答复、备注或原因');
  await expect(answer).toHaveValue(new RegExp(`陈静，您好！您的诉求 ${number} 已受理`));
  await answer.fill(`${await answer.inputValue()}\n本月 25 日前发放。`);
  await staff.getByTestId('concern-reply').click();
  await expect(staff.getByTestId('concern-state')).toHaveText('已答复');

  await talent.reload();
  await hydrated(talent);
  await expect(talent.getByTestId('concern-thread')).toContainText(`您的诉求 ${number} 已受理`);
  await expect(talent.getByTestId('concern-thread')).toContainText('本月 25 日前发放。');
  await expect(talent.getByTestId('concern-thread')).not.toContainText('需核对批次');
  await talent.getByTestId('concern-confirm').click();
  await expect(talent.getByTestId('concern-state')).toHaveText('已解决');
  await talent.getByLabel('非常满意', { exact: true }).check();
  await talent.getByTestId('concern-rate').click();
  await expect(talent.getByTestId('concern-rating')).toHaveText('您的评价：非常满意');
});

test('a dissatisfied rating of an answer opens a follow-up the talent sees and may appeal', async ({ browser }) => {
  const stamp = Date.now();
  const talent = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
  await talent.goto('/register');
  await hydrated(talent);
  await talent.getByLabel('姓名').fill('孙悦');
  await talent.getByLabel('邮箱或手机号').fill(`concern-bad-${stamp}@example.cn`);
  await talent.getByLabel('密码').fill(NEW_PASSWORD);
  await talent.getByTestId('register-submit').click();
  await confirmRegistration(talent, `concern-bad-${stamp}@example.cn`);
  await expect(talent).toHaveURL(/\/account$/);
  await talent.goto('/concerns/new');
  await hydrated(talent);
  await talent.getByLabel('类型').selectOption('complaint');
  await talent.getByLabel('标题').fill(`窗口让我跑了两趟 ${stamp}`);
  await talent.getByLabel('具体内容').fill('第一次去没有告知需要带原件。');
  await talent.getByTestId('concern-submit').click();
  await expect(talent).toHaveURL(/\/concerns\/\d+$/);
  const number = (await talent.getByTestId('concern-number').textContent())!.trim();

  const staff = await staffOn(browser, '/staff/concerns');
  await staff.getByRole('link', { name: number }).click();
  await expect(staff.getByTestId('concern-number')).toHaveText(number);
  await hydrated(staff);
  await staff.getByLabel('答复、备注或原因').fill('已核实，今后一次告知。');
  await staff.getByTestId('concern-reply').click();
  await expect(staff.getByTestId('concern-state')).toHaveText('已答复');

  // The talent confirms, rates it 不满意 and is told the office will call back.
  await talent.reload();
  await hydrated(talent);
  await talent.getByTestId('concern-confirm').click();
  await expect(talent.getByTestId('concern-state')).toHaveText('已解决');
  await talent.getByLabel('不满意', { exact: true }).check();
  await talent.getByLabel('评价说明（选填）').fill('答复太晚');
  await talent.getByTestId('concern-rate').click();
  await expect(talent.getByTestId('follow-up')).toContainText('我们将于');

  // It is on the follow-up desk, linked to the concern.
  await staff.goto('/staff/followups');
  const task = staff.getByTestId('followups-open').locator(`li[data-number="${number}"]`);
  await expect(task).toContainText('答复太晚');
  await expect(task.getByRole('link', { name: number })).toHaveAttribute('href', /^\/concerns\/\d+$/);

  // The talent thinks better of it and appeals the rating.
  await talent.getByTestId('appeal-form').getByLabel('您要给出的评价').selectOption('4');
  await talent.getByTestId('appeal-form').getByLabel('理由').fill('后来问题解决了');
  await talent.getByTestId('appeal-submit').click();
  await expect(talent.getByTestId('appeal-state')).toHaveText('您的申诉正在审核。');
  await talent.reload();
  await expect(talent.getByTestId('concern-thread')).toContainText('后来问题解决了');
});

test('a visitor asks a question without an account (JavaScript off)', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'en-US', javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/concerns/new');
  await page.getByLabel('Type').selectOption('consultation');
  await page.getByLabel('Subject').fill('Residence registration');
  await page.getByLabel('Details').fill('Can someone from another province apply?');
  await page.getByLabel('Full name').fill('Visitor');
  await page.getByLabel('E-mail address').fill('visitor@example.cn');
  await page.getByTestId('concern-submit').click();
  await expect(page.getByTestId('concern-raised')).toContainText(/SQ-\d{4}-\d{6}/);
});

test('a visitor follows their question with a code, confirms the answer and rates it', async ({ browser }) => {
  const stamp = Date.now();
  const email = `visitor-${stamp}@example.cn`;
  const visitor = await (await browser.newContext({ locale: 'en-US' })).newPage();
  await visitor.goto('/concerns/new');
  await hydrated(visitor);
  await visitor.getByLabel('Type').selectOption('consultation');
  await visitor.getByLabel('Subject').fill(`Settling in Liangjiang ${stamp}`);
  await visitor.getByLabel('Details').fill('Can a graduate from another province settle here?');
  await visitor.getByLabel('Full name').fill('Visitor');
  await visitor.getByLabel('E-mail address').fill(email);
  await visitor.getByTestId('concern-submit').click();
  await expect(visitor.getByTestId('concern-raised')).toContainText(/SQ-\d{4}-\d{6}/);
  const number = (await visitor.getByTestId('concern-raised').textContent())!.match(/SQ-\d{4}-\d{6}/)![0];

  const staff = await staffOn(browser, '/staff/concerns');
  await staff.getByRole('link', { name: number }).click();
  await expect(staff.getByTestId('concern-number')).toHaveText(number);
  await hydrated(staff);
  await staff.getByLabel('答复、备注或原因').fill('Yes: see article 3 of the settlement policy.');
  await staff.getByTestId('concern-reply').click();
  await expect(staff.getByTestId('concern-state')).toHaveText('已答复');

  // The visitor opens the concern with the code sent to their address.
  await visitor.goto('/track');
  await hydrated(visitor);
  await visitor.getByLabel('Case or concern number').fill(number);
  await visitor.getByLabel('E-mail or mobile number on file').fill(email);
  await visitor.getByTestId('track-send').click();
  await expect(visitor.getByTestId('track-sent')).toBeVisible();
  await visitor.getByLabel('Six-digit code').fill(await codeSentFor(number));
  await visitor.getByTestId('track-confirm').click();
  await expect(visitor.getByTestId('tracked-timeline')).toContainText('article 3');
  // What opened the timeline is in a cookie, not in the address (history, referrers).
  expect(visitor.url()).toMatch(/\/track\/view$/);
  await hydrated(visitor);

  // Resolved, then rated Dissatisfied, which the office follows up.
  await visitor.getByTestId('concern-confirm').click();
  await expect(visitor.getByTestId('tracked-state')).toHaveText('Resolved');
  await visitor.getByLabel('Dissatisfied', { exact: true }).check();
  await visitor.getByLabel('Comment (optional)').fill('It took two e-mails.');
  await visitor.getByTestId('concern-rate').click();
  await expect(visitor.getByTestId('concern-rating')).toHaveText('Your rating: Dissatisfied');
  await staff.goto('/staff/followups');
  await expect(staff.getByTestId('followups-open').locator(`li[data-number="${number}"]`)).toContainText('It took two e-mails.');
});
