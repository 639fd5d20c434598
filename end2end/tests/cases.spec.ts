import { test, expect, hydrated, confirmRegistration, uploadMaterials, signedIn, DEMO_PASSWORD, NEW_PASSWORD } from './fixtures';
import type { Page } from '@playwright/test';

/**
 * A newly registered talent applies for a class II talent card, all the way to the
 * submission (the error for a missing choice on the way): their page, the case's URL and
 * its number.
 */
async function talentCardSubmitted(browser: import('@playwright/test').Browser, javaScriptEnabled: boolean, tag: string) {
  // A fresh talent for each run, so the one-case-per-item rule does not get in the way.
  const login = `${tag}-${javaScriptEnabled ? 'js' : 'nojs'}-${Date.now()}@example.cn`;
  const context = await browser.newContext({ javaScriptEnabled, locale: 'zh-CN' });
  const talent = await context.newPage();
  await talent.goto('/register');
  if (javaScriptEnabled) await hydrated(talent);
  await talent.getByLabel('姓名').fill('陈静');
  await talent.getByLabel('邮箱或手机号').fill(login);
  await talent.getByLabel('密码').fill(NEW_PASSWORD);
  await talent.getByTestId('register-submit').click();
  await confirmRegistration(talent, login, javaScriptEnabled);
  await expect(talent).toHaveURL(/\/account$/);
  await expect(talent.getByTestId('notice')).toHaveText('账户已确认，您已登录。');

  await talent.goto('/services/LJ-TALENT-CARD');
  if (javaScriptEnabled) await hydrated(talent);
  await talent.getByTestId('apply').click();
  await expect(talent).toHaveURL(/\/cases\/\d+$/);
  const caseUrl = talent.url().replace(/\?.*$/, '');
  if (javaScriptEnabled) await hydrated(talent);
  await uploadMaterials(talent);

  // Continuing with nothing chosen: the error is next to the field, nothing is lost.
  await talent.getByTestId('continue').click();
  await expect(talent.getByTestId('application-form').getByText('请填写此项。').first()).toBeVisible();
  await talent.getByLabel('申请卡类 *').selectOption('2');
  await talent.getByTestId('save-draft').click();
  await expect(talent.getByTestId('notice')).toHaveText('草稿已保存，可在“我的办件”中继续填写。');
  await talent.getByTestId('continue').click();
  await expect(talent).toHaveURL(/\/cases\/\d+\/review/);
  await expect(talent.getByTestId('answers')).toContainText('二类卡');
  await talent.getByTestId('submit-application').click();
  await expect(talent).toHaveURL(new RegExp(`${caseUrl.replace(/[/?]/g, '\\$&')}\\??$`));
  await expect(talent.getByTestId('case-state')).toHaveText('已提交，待受理');
  await expect(talent.getByTestId('notice')).toHaveText('申请已提交，回执见本页。');
  const number = (await talent.getByTestId('case-number').textContent())!.trim();
  return { talent, caseUrl, number };
}

for (const javaScriptEnabled of [true, false]) {
  test(`a talent applies for a talent card, staff decide it, the talent rates it (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async ({ browser }) => {
    const { talent, caseUrl, number } = await talentCardSubmitted(browser, javaScriptEnabled, 'card');
    // Before acceptance: what is promised, and by when if accepted today.
    await expect(talent.getByTestId('case-promise')).toContainText(/承诺自受理之日起 \d+ 个工作日内办结。收件后 5 个工作日内受理、不予受理或一次性告知需补正的全部材料；逾期未作决定的，自收件之日起即视为受理。如今日受理，预计 \d{4}-\d{2}-\d{2} 前办结。/);
    expect(number).toMatch(/^LJ-\d{4}-\d{6}$/);

    // Staff find it in the queue and decide it.
    const staff = await signedIn(browser, 'staff@demo.hub', '/staff/queue', javaScriptEnabled);
    await staff.getByRole('link', { name: number }).click();
    await expect(staff.getByTestId('case-number')).toHaveText(number);
    if (javaScriptEnabled) await hydrated(staff);
    await staff.getByTestId('do-accept').click();
    await expect(staff.getByTestId('case-state')).toHaveText('审核中');
    await expect(staff.getByTestId('notice')).toHaveText('已办理，办理记录已更新。');
    await expect(staff.getByTestId('case-due')).toHaveText(/\d{4}-\d{2}-\d{2}/);
    await staff.getByTestId('do-approve').click();
    await expect(staff.getByTestId('case-state')).toHaveText('已批准');
    await staff.getByTestId('do-close').click();
    await expect(staff.getByTestId('case-state')).toHaveText('已办结');

    // The talent sees every step and rates the service.
    await talent.goto(caseUrl);
    if (javaScriptEnabled) await hydrated(talent);
    const timeline = talent.getByTestId('timeline');
    for (const step of ['提交了申请', '受理了申请', '批准了申请', '办结了办件']) {
      await expect(timeline).toContainText(step);
    }
    // The five official levels, and sub-scores the talent may give or leave.
    await talent.getByTestId('rate-form').getByLabel('非常满意', { exact: true }).check();
    await talent.getByLabel('办事效率').selectOption('5');
    await talent.getByLabel('办事指南准确性').selectOption('4');
    await talent.getByLabel('意见（可选）').fill('办理很快');
    await talent.getByTestId('rate').click();
    await expect(talent.getByTestId('rated')).toHaveText('您的评价：非常满意');
    await expect(talent.getByTestId('rating-aspects')).toContainText('办事效率：非常满意');
    await expect(talent.getByTestId('rating-aspects')).toContainText('办事指南准确性：满意');
    await expect(talent.getByTestId('rating-aspects')).not.toContainText('系统易用性');
    await expect(talent.getByTestId('notice')).toHaveText('感谢您的评价，评价已提交。');

    // The decision notice: what was decided, on what basis, the remedies, a number to verify.
    await talent.getByTestId('notice-link').click();
    await expect(talent.getByTestId('notice-title')).toHaveText('准予决定书');
    await expect(talent.getByTestId('notice-remedies')).toContainText('60 日内');
    await expect(talent.getByTestId('notice-basis')).toContainText('第');
    await expect(talent.getByTestId('notice-qr').locator('svg')).toBeVisible();
    const noticeNumber = (await talent.getByTestId('notice-number').textContent())!.replace('编号：', '').trim();
    expect(noticeNumber).toMatch(/^LJJD(-[2-9A-Z]{4}){4}$/);

    // Anyone holding it checks it at /verify and sees the holder's name masked.
    const visitor = await (await browser.newContext({ javaScriptEnabled, locale: 'zh-CN' })).newPage();
    const verifyIt = async (n: string) => {
      await visitor.goto('/verify');
      if (javaScriptEnabled) await hydrated(visitor);
      await visitor.getByLabel('决定书编号').fill(n.toLowerCase());
      await visitor.getByTestId('verify-notice-submit').click();
      return visitor.getByTestId('verify-notice-result');
    };
    const result = await verifyIt(noticeNumber);
    await expect(result).toContainText('有效');
    await expect(visitor.getByTestId('verify-notice-holder')).toHaveText('陈*');

    // An administrator corrects it: a new notice, and the old one verifies as superseded.
    const admin = await signedIn(browser, 'admin@demo.hub', new URL(caseUrl).pathname + '/notice', javaScriptEnabled);
    if (javaScriptEnabled) await hydrated(admin);
    await admin.getByLabel('更正后的理由及说明').fill('符合二类卡认定条件（依据第三条）');
    await admin.getByLabel('更正说明（为何更正，申请人可见）').fill('原决定书未写明认定依据');
    await admin.getByTestId('notice-correct-submit').click();
    await expect(admin.getByTestId('notice-replaces')).toContainText(noticeNumber);
    await expect(admin.getByTestId('notice-reason')).toHaveText('符合二类卡认定条件（依据第三条）');
    const superseded = await verifyIt(noticeNumber);
    await expect(superseded).toContainText('已被取代');
    await talent.reload();
    await expect(talent.getByTestId('notice-replaces')).toContainText('原决定书未写明认定依据');

    await talent.goto('/cases');
    await expect(talent.getByTestId('case-table')).toContainText(number);
  });
}

for (const javaScriptEnabled of [true, false]) {
  test(`staff ask to extend a case, a supervisor approves, the talent reads the new date and why (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async ({ browser }) => {
    const ready = async (page: Page) => { if (javaScriptEnabled) await hydrated(page); };
    const { talent, caseUrl, number } = await talentCardSubmitted(browser, javaScriptEnabled, 'extension');
    // Waiting for acceptance: the day the office must act by.
    await expect(talent.getByTestId('case-accept-by')).toHaveText(/\d{4}-\d{2}-\d{2}/);

    const staff = await signedIn(browser, 'staff@demo.hub', '/staff/queue', javaScriptEnabled);
    await expect(staff.getByTestId('case-table').getByRole('row').filter({ hasText: number })).toContainText('受理期限');
    await staff.getByRole('link', { name: number }).click();
    await ready(staff);
    await staff.getByTestId('do-accept').click();
    await expect(staff.getByTestId('case-state')).toHaveText('审核中');
    const due = (await staff.getByTestId('case-due').textContent())!.trim();
    await staff.getByText('延长时限', { exact: true }).click();
    await staff.getByLabel('延长工作日数').fill('3');
    await staff.getByLabel('延长理由（申请人可见）').fill('需向发证机关核实学历。');
    await staff.getByTestId('request-extension').click();
    await expect(staff.getByTestId('notice')).toHaveText('延期申请已提交，等待负责人审批。');
    await expect(staff.getByTestId('extension-waiting')).toContainText('3 个工作日');
    await expect(staff.getByTestId('case-due')).toHaveText(due);

    // The supervisor finds it among the requests waiting for them, and approves it.
    const admin = await signedIn(browser, 'admin@demo.hub', '/staff/assign', javaScriptEnabled);
    await admin.getByTestId('extensions-waiting').getByRole('link', { name: number }).click();
    await ready(admin);
    await admin.getByTestId('approve-extension').click();
    await expect(admin.getByTestId('notice')).toHaveText('已批准延期，办理期限已顺延并告知申请人。');
    await expect(admin.getByTestId('case-due')).not.toHaveText(due);

    await talent.goto(caseUrl);
    await ready(talent);
    await expect(talent.getByTestId('extensions')).toContainText('延长 3 个工作日');
    await expect(talent.getByTestId('extensions')).toContainText('需向发证机关核实学历。');
    await expect(talent.getByTestId('timeline')).toContainText('延长了办理时限');
  });
}

const pdf = (name: string) => ({ name, mimeType: 'application/pdf', buffer: Buffer.from(`%PDF-1.4\n% ${name}\n%%EOF\n`) });

for (const javaScriptEnabled of [true, false]) {
  test(`the graduate subsidy journey from application to payment and rating (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async ({ browser }) => {
    test.setTimeout(90_000);
    const ready = async (page: Page) => { if (javaScriptEnabled) await hydrated(page); };
    const login = `grad-${javaScriptEnabled ? 'js' : 'nojs'}-${Date.now()}@example.cn`;
    const talent = await (await browser.newContext({ javaScriptEnabled, locale: 'zh-CN' })).newPage();
    await talent.goto('/register');
    await ready(talent);
    await talent.getByLabel('姓名').fill('刘洋');
    await talent.getByLabel('邮箱或手机号').fill(login);
    await talent.getByLabel('密码').fill(NEW_PASSWORD);
    await talent.getByTestId('register-submit').click();
    await confirmRegistration(talent, login, javaScriptEnabled);
    await expect(talent).toHaveURL(/\/account$/);

    // Apply: the contract as a PDF, then the form.
    await talent.goto('/services/LJ-GRAD-RESETTLE');
    await ready(talent);
    await talent.getByTestId('apply').click();
    await expect(talent).toHaveURL(/\/cases\/\d+$/);
    const caseUrl = talent.url();
    await ready(talent);
    const contract = talent.getByTestId('upload-contract');
    await contract.locator('input[type=file]').setInputFiles(pdf('劳动合同.pdf'));
    await contract.getByRole('button', { name: '上传', exact: true }).click();
    await expect(talent.getByTestId('upload-contract').getByTestId('uploaded')).toContainText('劳动合同.pdf');
    await uploadMaterials(talent);
    await talent.getByLabel('毕业院校 *').fill('重庆大学');
    await talent.getByLabel('所学专业 *').fill('车辆工程');
    await talent.getByLabel('毕业时间 *').fill(`${new Date().getFullYear() - 1}-06-30`);
    await talent.getByLabel('最高学历 *').selectOption('bachelor');
    await talent.getByLabel('用人单位统一社会信用代码 *').fill('91350100M000100Y43');
    await talent.getByLabel('所任岗位').fill('整车研发工程师');
    await talent.getByLabel('收款银行账号 *').fill('6222020200112233445');
    await talent.getByTestId('continue').click();
    await expect(talent).toHaveURL(/\/review/);
    await expect(talent.getByTestId('answers')).toContainText('重庆大学');
    await talent.getByTestId('submit-application').click();
    await expect(talent.getByTestId('case-state')).toHaveText('待用人单位确认');
    const number = (await talent.getByTestId('case-number').textContent())!.trim();

    // The employer confirms.
    const employer = await signedIn(browser, 'hr@demo-auto.hub', '/employer/cases', javaScriptEnabled);
    await employer.getByRole('link', { name: number }).click();
    await ready(employer);
    // The employer sees the employment facts it confirms, and nothing else of the application.
    await expect(employer.getByTestId('employer-view')).toBeVisible();
    await expect(employer.getByTestId('answers')).toContainText('整车研发工程师');
    await expect(employer.getByTestId('case')).not.toContainText('6222020200112233445');
    await expect(employer.getByTestId('case')).not.toContainText('重庆大学');
    await employer.getByTestId('do-confirm').click();
    await expect(employer.getByTestId('case-state')).toHaveText('单位已确认，待受理');

    // Staff accept and ask for the degree certificate.
    const staff = await signedIn(browser, 'staff@demo.hub', '/staff/queue', javaScriptEnabled);
    await staff.getByRole('link', { name: number }).click();
    await ready(staff);
    await staff.getByTestId('do-accept').click();
    await expect(staff.getByTestId('case-state')).toHaveText('审核中');
    // Tell everything once: the certificate is ticked on the item's list, with a note.
    const certificate = staff.getByTestId('material-picker').locator('div', { hasText: '毕业证书和学位证书' });
    await certificate.getByRole('checkbox').check();
    await certificate.getByRole('textbox').fill('学位证书页缺失，请上传完整扫描件。');
    await staff.locator('[data-transition="request_supplement"]').getByLabel('理由或说明（申请人可见）').fill('请补充学位证书扫描件。');
    await staff.getByTestId('do-request_supplement').click();
    await expect(staff.getByTestId('case-state')).toHaveText('待补正材料');

    // The talent reads the request, uploads the certificate against the list and answers.
    await talent.goto(caseUrl);
    await ready(talent);
    await expect(talent.getByTestId('timeline')).toContainText('请补充学位证书扫描件。');
    const asked = talent.getByTestId('asked-materials');
    await expect(asked).toContainText('毕业证书和学位证书');
    await expect(asked).toContainText('学位证书页缺失，请上传完整扫描件。');
    await talent.getByLabel('补正说明').fill('已上传学位证书。');
    // Sent back with the listed material missing: refused, and it says why.
    await talent.getByTestId('do-supply').click();
    await expect(talent.getByText('清单中的每项材料都须上传后才能提交补正。').first()).toBeVisible();
    await expect(talent.getByTestId('case-state')).toHaveText('待补正材料');
    await asked.locator('input[type=file]').setInputFiles(pdf('学位证书.pdf'));
    await asked.getByRole('button', { name: '上传', exact: true }).click();
    await expect(talent.getByTestId('asked-materials').getByTestId('uploaded')).toContainText('学位证书.pdf');
    await talent.getByLabel('补正说明').fill('已上传学位证书。');
    await talent.getByTestId('do-supply').click();
    await expect(talent.getByTestId('case-state')).toHaveText('审核中');

    // Staff see the certificate, approve and record the payment.
    await staff.goto(staff.url().replace(/\?.*$/, ''));
    await ready(staff);
    await expect(staff.getByTestId('files')).toContainText('学位证书.pdf');
    await staff.getByTestId('do-approve').click();
    await expect(staff.getByTestId('case-state')).toHaveText('已批准');
    await staff.getByLabel('拨付凭证号').fill('PAY-2026-0042');
    await staff.getByTestId('do-disburse').click();
    await expect(staff.getByTestId('case-state')).toHaveText('已拨付');

    // The talent sees every step and rates the service.
    await talent.goto(caseUrl);
    await ready(talent);
    const timeline = talent.getByTestId('timeline');
    for (const step of ['提交了申请', '用人单位确认了任职情况', '受理了申请', '要求补正材料', '提交了补正材料', '批准了申请', '登记了资金拨付']) {
      await expect(timeline).toContainText(step);
    }
    await expect(talent.getByTestId('case')).toContainText('PAY-2026-0042');
    // The bell counted what the employer and staff did: confirmed, accepted, asked, approved, paid.
    await expect(talent.getByTestId('bell')).toHaveAttribute('aria-label', '通知，5 条未读');
    await talent.getByTestId('rate-form').getByLabel('满意', { exact: true }).check();
    await talent.getByTestId('rate').click();
    await expect(talent.getByTestId('rated')).toHaveText('您的评价：满意');
  });
}

test('in English: a talent applies, staff decide, and both read it in English', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'en-US' });
  const talent = await context.newPage();
  await talent.goto('/register');
  await hydrated(talent);
  await talent.getByLabel('Full name').fill('Chen Jing');
  const login = `card-en-${Date.now()}@example.cn`;
  await talent.getByLabel('E-mail or mobile number').fill(login);
  await talent.getByLabel('Password').fill(NEW_PASSWORD);
  await talent.getByTestId('register-submit').click();
  await confirmRegistration(talent, login);
  await expect(talent).toHaveURL(/\/account$/);

  await talent.goto('/services/LJ-TALENT-CARD');
  await hydrated(talent);
  await talent.getByTestId('apply').click();
  await expect(talent).toHaveURL(/\/cases\/\d+$/);
  const caseUrl = talent.url();
  await hydrated(talent);
  await uploadMaterials(talent);
  await talent.getByLabel('Card class applied for *').selectOption('3');
  await talent.getByTestId('continue').click();
  await expect(talent).toHaveURL(/\/review/);
  await expect(talent.getByTestId('answers')).toContainText('Class III');
  await talent.getByTestId('submit-application').click();
  await expect(talent.getByTestId('case-state')).toHaveText('Submitted, awaiting acceptance');
  const number = (await talent.getByTestId('case-number').textContent())!.trim();

  const staffContext = await browser.newContext({ locale: 'en-US' });
  const staff = await staffContext.newPage();
  await staff.goto('/signin?next=%2Fstaff%2Fqueue');
  await hydrated(staff);
  await staff.getByLabel('E-mail or mobile number').fill('staff@demo.hub');
  await staff.getByLabel('Password').fill(DEMO_PASSWORD);
  await staff.getByTestId('sign-in-submit').click();
  await expect(staff).toHaveURL(/\/staff\/queue$/);
  await staff.getByRole('link', { name: number }).click();
  await hydrated(staff);
  await staff.getByTestId('do-accept').click();
  await expect(staff.getByTestId('case-state')).toHaveText('Under review');
  // Rejecting is a second step, said to be final.
  await staff.getByTestId('confirm-reject').locator('summary').click();
  await expect(staff.getByTestId('confirm-reject')).toContainText('This ends the case and cannot be undone.');
  await staff.locator('[data-transition="reject"]').getByLabel('Reason or message (the applicant sees it)').fill('Class III needs a recognized talent tier.');
  await staff.getByTestId('do-reject').click();
  await expect(staff.getByTestId('case-state')).toHaveText('Rejected');

  await talent.goto(caseUrl);
  await hydrated(talent);
  const timeline = talent.getByTestId('timeline');
  for (const step of ['submitted the application', 'accepted the application', 'rejected the application', 'Class III needs a recognized talent tier.']) {
    await expect(timeline).toContainText(step);
  }
  await expect(talent.getByTestId('rate-form')).toContainText('Rate this service');
});
