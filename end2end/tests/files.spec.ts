// Links to files (uploaded materials, licences, attachments, CSV tables, calendar files) are
// not pages: with JavaScript on, the router must leave them to the browser, which downloads
// them as it does without JavaScript. Each kind is clicked here on a hydrated page.
import { test, expect, hydrated, confirmRegistration, registerTalent, signedIn, downloads } from './fixtures';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

test('an application material and a concern attachment download from their pages', async ({ browser, consoleErrors }) => {
  const login = `files-${Date.now()}@example.cn`;
  const talent = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
  await talent.goto('/register');
  await registerTalent(talent, login);
  await confirmRegistration(talent, login);

  await talent.goto('/services/LJ-GRAD-RESETTLE');
  await hydrated(talent);
  await talent.getByTestId('apply').click();
  await expect(talent).toHaveURL(/\/cases\/\d+$/);
  await hydrated(talent);
  const contract = talent.getByTestId('upload-contract');
  await contract.locator('input[type=file]').setInputFiles({ name: '劳动合同.pdf', mimeType: 'application/pdf', buffer: PDF });
  await contract.getByRole('button', { name: '上传', exact: true }).click();
  // Right after the upload (the link added in place) and after a reload (rendered by the server).
  await downloads(talent, contract.getByRole('link', { name: '劳动合同.pdf' }), '劳动合同.pdf');
  await talent.reload();
  await hydrated(talent);
  await downloads(talent, talent.getByTestId('upload-contract').getByRole('link', { name: '劳动合同.pdf' }), '劳动合同.pdf');

  await talent.goto('/concerns/new');
  await hydrated(talent);
  await talent.getByLabel('类型').selectOption('consultation');
  await talent.getByLabel('标题').fill('附件能否打开');
  await talent.getByLabel('具体内容').fill('附上材料。');
  await talent.getByTestId('concern-submit').click();
  await expect(talent).toHaveURL(/\/concerns\/\d+$/);
  await hydrated(talent);
  const attach = talent.getByTestId('upload-concern');
  await attach.locator('input[type=file]').setInputFiles({ name: 'evidence.pdf', mimeType: 'application/pdf', buffer: PDF });
  await attach.getByRole('button', { name: '上传', exact: true }).click();
  await downloads(talent, attach.getByRole('link', { name: 'evidence.pdf' }), 'evidence.pdf');
  void consoleErrors;
});

test('a CV sent with a job application downloads from the talent\'s applications', async ({ browser, consoleErrors }) => {
  const login = `cv-${Date.now()}@example.cn`;
  const talent = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
  await talent.goto('/register?next=%2Fjobs%2F1');
  await registerTalent(talent, login);
  await confirmRegistration(talent, login, true, /\/jobs\/1$/);
  await hydrated(talent);
  await talent.getByLabel('简历（选填）').setInputFiles({ name: '简历.pdf', mimeType: 'application/pdf', buffer: PDF });
  await talent.getByTestId('apply-submit').click();
  await expect(talent).toHaveURL(/\/jobs\/applications$/);
  await expect(talent.getByTestId('notice')).toHaveText('投递成功，企业已收到通知。');
  await hydrated(talent);
  await downloads(talent, talent.getByRole('link', { name: /简历\.pdf/ }), '简历.pdf');
  void consoleErrors;
});

test('a business licence downloads for the enterprise and for the staff who verify it', async ({ browser, consoleErrors }) => {
  const employer = await signedIn(browser, 'hr@demo-auto.hub', '/employer/jobs');
  const section = employer.locator('details:has(form[action="/employer/licence"])');
  await section.evaluate((d: HTMLDetailsElement) => { d.open = true; });
  const form = section.locator('form');
  await form.locator('input[type=file]').setInputFiles({ name: 'licence.pdf', mimeType: 'application/pdf', buffer: PDF });
  await form.locator('button[type=submit]').click();
  // Said at the top of the page, not inside the section that comes back collapsed.
  await expect(employer.getByTestId('notice')).toHaveText('营业执照已上传，工作人员核验企业时可以查看。');
  await expect(employer.getByTestId('notice')).toBeInViewport();
  await hydrated(employer);
  await section.evaluate((d: HTMLDetailsElement) => { d.open = true; });
  await downloads(employer, employer.getByRole('link', { name: 'licence.pdf' }), 'licence.pdf');

  const staff = await signedIn(browser, 'staff@demo.hub', '/staff/enterprises?status=verified');
  await downloads(staff, staff.getByTestId(/^licence-\d+$/).first(), /\.pdf$/);
  void consoleErrors;
});

test('the open data, the demand statistics and an event calendar file download', async ({ page, consoleErrors }) => {
  await page.goto('/statistics');
  await hydrated(page);
  await downloads(page, page.getByTestId('open-csv'), /\.csv$/);
  await page.goto('/jobs/stats');
  await hydrated(page);
  await downloads(page, page.getByTestId('stats-csv'), /\.csv$/);
  await page.goto('/events');
  await hydrated(page);
  await page.getByTestId('event-list').getByRole('link').first().click();
  await expect(page.getByTestId('event-title')).toBeVisible();
  await downloads(page, page.getByTestId('event-ics'), /\.ics$/);
  void consoleErrors;
});
