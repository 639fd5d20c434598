// The talent demand journey: an enterprise registers, staff verify it, it posts a job,
// staff approve it, a talent finds it by search and applies with a CV, the enterprise
// shortlists and hires, and the talent lets the hub record the employer. Once in Chinese
// with JavaScript, once in English without.
import { test, expect, hydrated, confirmRegistration, signInOn, signedIn, DEMO_PASSWORD, NEW_PASSWORD } from './fixtures';
import type { Page } from '@playwright/test';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

/** A valid unified social credit code (GB 32100-2015 check character) ending in `serial`. */
function creditCode(serial: number): string {
  const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  const body = `91500000MA${String(serial % 1e7).padStart(7, '0')}`;
  const sum = [...body].reduce((total, c, i) => total + alphabet.indexOf(c) * weights[i], 0);
  return body + alphabet[(31 - (sum % 31)) % 31];
}

const words = {
  zh: {
    orgName: '企业名称', fullName: '姓名', creditCode: '统一社会信用代码', contact: '联系人', login: '邮箱或手机号', password: '密码',
    verify: '认证通过', titleField: '职位名称（中文）', descriptionField: '职位描述（中文）',
    industry: '行业', headcount: '招聘人数', salaryMin: '月薪下限（元）', salaryMax: '月薪上限（元）',
    closes: '截止日期', location: '工作地点', keywords: '关键词', note: '给企业的留言（选填）', cv: '简历（选填）',
    shortlisted: '进入候选', hired: '已录用', salaryOrder: '月薪上限不能低于下限。', recorded: '已将该企业记录为您的工作单位。',
    postSaved: '已提交。工作人员审核通过后，职位即公开。', applied: '投递成功，企业已收到通知。',
  },
  en: {
    orgName: 'Organisation name', fullName: 'Full name', creditCode: 'Unified social credit code', contact: 'Contact person',
    login: 'E-mail or mobile number', password: 'Password', verify: 'Verify', titleField: 'Title (English)',
    descriptionField: 'Description (English)', industry: 'Industry', headcount: 'Openings',
    salaryMin: 'Salary from (yuan a month)', salaryMax: 'Salary up to (yuan a month)', closes: 'Closes on',
    location: 'Location', keywords: 'Keywords', note: 'Note to the enterprise (optional)', cv: 'CV (optional)',
    shortlisted: 'Shortlisted', hired: 'Hired', salaryOrder: 'The upper salary must not be below the lower one.',
    recorded: 'This enterprise is recorded as your employer.',
    postSaved: 'Submitted. The post goes public once staff approve it.', applied: 'Application sent. The enterprise has been notified.',
  },
};

function inDays(days: number): string {
  const d = new Date(Date.now() + days * 86_400_000);
  return d.toISOString().slice(0, 10);
}

for (const { lang, js } of [{ lang: 'zh', js: true }, { lang: 'en', js: false }] as const) {
  test(`an enterprise posts, staff approve, a talent applies and is hired (${lang}, JavaScript ${js ? 'on' : 'off'})`, async ({ browser }) => {
    const w = words[lang];
    const locale = lang === 'zh' ? 'zh-CN' : 'en-US';
    const stamp = Date.now();
    const orgName = `两江绿氢 ${stamp} 有限公司`;
    const title = lang === 'zh' ? `燃料电池工程师 ${stamp}` : `Fuel cell engineer ${stamp}`;

    async function open(): Promise<Page> {
      const context = await browser.newContext({ javaScriptEnabled: js, locale });
      return context.newPage();
    }
    async function go(page: Page, path: string) {
      await page.goto(path);
      if (js) await hydrated(page);
    }
    async function signIn(login: string, password: string, next: string): Promise<Page> {
      const page = await open();
      await signInOn(page, login, next, { javaScriptEnabled: js, password });
      return page;
    }

    // The enterprise registers; it is pending until staff verify it.
    const enterprise = await open();
    await go(enterprise, '/register/enterprise');
    await enterprise.getByLabel(w.orgName).fill(orgName);
    await enterprise.getByLabel(w.creditCode).fill(creditCode(stamp + (js ? 1 : 2)));
    await enterprise.getByLabel(w.contact).fill('刘洋');
    await enterprise.getByLabel(w.login).fill(`hr-${stamp}-${lang}@hydrogen.example`);
    await enterprise.getByLabel(w.password).fill(NEW_PASSWORD);
    await enterprise.getByTestId('register-submit').click();
    await confirmRegistration(enterprise, `hr-${stamp}-${lang}@hydrogen.example`, js);
    await expect(enterprise).toHaveURL(/\/account$/);

    const staff = await signIn('staff@demo.hub', DEMO_PASSWORD, '/staff/enterprises');
    const pending = staff.locator('li', { hasText: orgName });
    await pending.getByRole('button', { name: w.verify }).click();
    await expect(staff.locator('li', { hasText: orgName })).toHaveCount(0);

    // The enterprise posts a job; the form names what to fix first.
    await go(enterprise, '/employer/jobs/new');
    await expect(enterprise.getByTestId('verification-banner')).toHaveCount(0);
    await enterprise.getByLabel(w.titleField).fill(title);
    await enterprise.getByLabel(w.descriptionField).fill(lang === 'zh' ? '研发质子交换膜燃料电池电堆。' : 'Develop PEM fuel cell stacks.');
    await enterprise.getByLabel(w.industry).selectOption('automobile');
    await enterprise.getByLabel(w.headcount).fill('3');
    await enterprise.getByLabel(w.salaryMin).fill('30000');
    await enterprise.getByLabel(w.salaryMax).fill('20000');
    await enterprise.getByLabel(w.location).selectOption('longxing');
    await enterprise.getByLabel(w.closes).fill(inDays(40));
    if (js) {
      await enterprise.getByTestId('post-submit').click();
      await expect(enterprise.getByText(w.salaryOrder)).toBeVisible();
      await expect(enterprise.getByLabel(w.salaryMax)).toHaveAttribute('aria-invalid', 'true');
      await expect(enterprise.getByLabel(w.titleField)).toHaveValue(title);
    }
    await enterprise.getByLabel(w.salaryMin).fill('15000');
    await enterprise.getByTestId('post-submit').click();
    await expect(enterprise).toHaveURL(/\/employer\/jobs$/);
    await expect(enterprise.getByTestId('notice')).toHaveText(w.postSaved);
    await expect(enterprise.getByTestId('my-posts')).toContainText(title);

    // A talent of their own (the demo talent's profile is left to the case journeys).
    const talent = await open();
    await go(talent, '/register');
    await talent.getByLabel(w.fullName).fill('陈静');
    await talent.getByLabel(w.login).fill(`talent-${stamp}-${lang}@example.cn`);
    await talent.getByLabel(w.password).fill(NEW_PASSWORD);
    await talent.getByTestId('register-submit').click();
    await confirmRegistration(talent, `talent-${stamp}-${lang}@example.cn`, js);
    await expect(talent).toHaveURL(/\/account$/);

    // Not on the board until staff approve it.
    await go(talent, `/jobs?q=${encodeURIComponent(String(stamp))}`);
    await expect(talent.getByTestId('jobs-empty')).toBeVisible();

    await go(staff, '/staff/jobs');
    const queued = staff.locator('li', { hasText: title });
    await queued.getByTestId(/^approve-\d+$/).click();
    await expect(staff.locator('li', { hasText: title })).toHaveCount(0);

    // The talent finds it by searching and applies with a note and a CV.
    await go(talent, '/jobs');
    await talent.getByLabel(w.keywords).fill(String(stamp));
    await talent.getByTestId('jobs-search').click();
    await expect(talent).toHaveURL(new RegExp(`q=${stamp}`));
    const list = talent.getByTestId('job-list');
    await expect(list).toContainText(title);
    await list.getByRole('link', { name: title }).click();
    await expect(talent.getByTestId('post-title')).toHaveText(title);
    await expect(talent.getByTestId('enterprise-profile')).toContainText(orgName);
    await talent.getByLabel(w.note).fill('Five years on PEM stacks.');
    await talent.getByLabel(w.cv).setInputFiles({ name: 'cv.pdf', mimeType: 'application/pdf', buffer: PDF });
    await talent.getByTestId('apply-submit').click();
    await expect(talent).toHaveURL(/\/jobs\/applications$/);
    await expect(talent.getByTestId('notice')).toHaveText(w.applied);
    // Said once: a reload shows the list without the message.
    await talent.reload();
    await expect(talent.getByTestId('my-applications')).toContainText(title);
    await expect(talent.getByTestId('notice')).toHaveCount(0);
    await expect(talent.getByTestId('my-applications')).toContainText(title);

    // The enterprise shortlists, then hires.
    await go(enterprise, '/employer/jobs');
    await enterprise.getByTestId(/^candidates-\d+$/).first().click();
    await expect(enterprise).toHaveURL(/\/employer\/jobs\/\d+\/candidates$/);
    if (js) await hydrated(enterprise);
    const candidate = enterprise.getByTestId('candidates').locator('li').first();
    await expect(candidate).toContainText('Five years on PEM stacks.');
    await expect(candidate.getByRole('link', { name: /cv\.pdf/ })).toBeVisible();
    // The talent's address is masked until the enterprise shortlists them.
    const address = `talent-${stamp}-${lang}@example.cn`;
    await expect(candidate).not.toContainText(address);
    await expect(candidate).toContainText('t***@example.cn');
    await candidate.getByTestId(/^shortlist-\d+$/).click();
    await expect(enterprise.getByTestId('candidate-state')).toHaveText(w.shortlisted);
    await expect(enterprise.getByTestId('candidates').locator('li').first()).toContainText(address);
    await enterprise.getByTestId(/^hire-\d+$/).click();
    await expect(enterprise.getByTestId('candidate-state')).toHaveText(w.hired);

    // The talent sees it and lets the hub record the employer.
    await go(talent, '/jobs/applications');
    const mine = talent.getByTestId('my-applications').locator('li', { hasText: title });
    await expect(mine.getByTestId('application-state')).toHaveText(w.hired);
    await mine.getByTestId('record-employer').click();
    await expect(talent.getByTestId('my-applications').locator('li', { hasText: title }).getByTestId('employer-recorded')).toHaveText(w.recorded);
  });
}

// 免申即享: a graduate whose profile meets the resettlement subsidy's rules is hired through
// the job board; the hub opens the case with the employer's confirmation given, and the
// graduate only adds the bank account and consents. Staff then process it as any case.
test('a hired graduate confirms the case the hub opened for them (English)', async ({ browser }) => {
  const stamp = Date.now();
  const name = `Chen Jing ${stamp}`;
  const login = `hired-${stamp}@example.cn`;
  const talent = await (await browser.newContext({ locale: 'en-US' })).newPage();
  await talent.goto('/register?next=%2Fprofile');
  await hydrated(talent);
  await talent.getByLabel('Full name').fill(name);
  await talent.getByLabel('E-mail or mobile number').fill(login);
  await talent.getByLabel('Password').fill(NEW_PASSWORD);
  await talent.getByTestId('register-submit').click();
  await confirmRegistration(talent, login, true, /\/profile$/);
  await hydrated(talent);
  await talent.locator('input[name="form[full_name]"]').fill(name);
  await talent.locator('select[name="form[education]"]').selectOption('master');
  await talent.locator('input[name="form[graduation_date]"]').fill(`${new Date().getFullYear() - 1}-06-30`);
  await talent.locator('input[name="form[university]"]').fill('Chongqing University');
  await talent.locator('input[name="form[major]"]').fill('Vehicle engineering');
  await talent.getByTestId('profile-save').click();
  await expect(talent.getByTestId('notice')).toBeVisible();

  // The guide says the hub opens it by itself after a hire.
  await talent.goto('/services/LJ-GRAD-RESETTLE');
  await expect(talent.getByTestId('guide-no-application')).toContainText('the hub opens the application for you');

  // The graduate applies to one of the demo enterprise's posts; the enterprise hires them.
  await talent.goto('/jobs');
  await talent.getByTestId('job-list').locator('li', { hasText: '两江示范汽车' }).first().getByRole('link').first().click();
  await expect(talent).toHaveURL(/\/jobs\/\d+$/);
  const postId = new URL(talent.url()).pathname.split('/').pop();
  await hydrated(talent);
  await talent.getByTestId('apply-submit').click();
  await expect(talent).toHaveURL(/\/jobs\/applications$/);

  const enterprise = await signedIn(browser, 'hr@demo-auto.hub', `/employer/jobs/${postId}/candidates`, true, 'en-US');
  const candidate = () => enterprise.getByTestId('candidates').locator('li', { hasText: name });
  await candidate().getByTestId(/^shortlist-\d+$/).click();
  await expect(candidate().getByTestId('candidate-state')).toHaveText('Shortlisted');
  await candidate().getByTestId(/^hire-\d+$/).click();
  await expect(candidate().getByTestId('candidate-state')).toHaveText('Hired');

  // The graduate is told, and finds the application filled in, the employment confirmed.
  await talent.goto('/notifications');
  await talent.getByRole('link', { name: /The hub has opened .*Graduate resettlement subsidy/ }).click();
  await expect(talent).toHaveURL(/\/cases\/\d+$/);
  await hydrated(talent);
  await expect(talent.getByTestId('hub-opening')).toContainText('recorded hiring you through the job board');
  await expect(talent.getByTestId('from-hire')).toContainText('91350100M000100Y43');
  await expect(talent.getByTestId('from-hire')).toContainText('Confirmed by your employer through the hire');
  await expect(talent.getByTestId('upload-contract')).toHaveCount(0);
  await expect(talent.locator('[data-field="university"] input')).toHaveValue('Chongqing University');
  await talent.getByLabel('Bank account for payment *').fill('6222020200112233445');
  await talent.getByTestId('continue').click();
  await expect(talent).toHaveURL(/\/review$/);
  await hydrated(talent);
  await expect(talent.getByTestId('answers')).toContainText('Confirmed by your employer through the hire');
  await talent.getByTestId('consent').check();
  await talent.getByTestId('submit-application').click();
  await expect(talent.getByTestId('case-state')).toHaveText('Confirmed by the employer, awaiting acceptance');
  const timeline = talent.getByTestId('timeline');
  await expect(timeline.locator('[data-kind="opened_by_hub"]')).toContainText('Liangjiang Yingcai Hub (system)');
  await expect(timeline.locator('[data-kind="opened_by_hub"]')).toContainText('opened by the hub (no application needed)');
  await expect(timeline.getByTestId('opened-by-hub-why')).toContainText('education, graduation date, employer in the district');

  // Staff accept it as any other case.
  const caseUrl = new URL(talent.url()).pathname;
  const staff = await signedIn(browser, 'staff@demo.hub', caseUrl, true, 'en-US');
  await staff.getByTestId('do-accept').click();
  await expect(staff.getByTestId('case-state')).toHaveText('Under review');
});

test('the demand statistics draw their charts with tables beside them', async ({ page, consoleErrors }) => {
  await page.goto('/jobs/stats');
  await hydrated(page);
  await expect(page.getByTestId('chart-industry')).toBeVisible();
  await expect(page.getByTestId('chart-month')).toBeVisible();
  await expect(page.getByTestId('industry-table')).toContainText('汽车');
  await expect(page.getByTestId('demand-summary')).toContainText('90,000');
  // The charts and tables follow the language switch in place.
  await page.getByTestId('language-switch').click();
  await expect(page.getByTestId('industry-table')).toContainText('Automobiles');
  await expect(page.getByTestId('chart-industry')).toContainText('Automobiles');
  const csv = await page.request.get('/jobs/stats.csv');
  expect(csv.headers()['content-type']).toContain('text/csv');
  expect((await csv.body()).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  void consoleErrors;
});

