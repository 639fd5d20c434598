// The journeys a newcomer walks, on the details that made people stumble: no console error
// for a visitor anywhere, registration that comes back to the page it started from, every
// success said in both modes, a receipt that prints without JavaScript, and what a
// submitted case promises before acceptance.
import { test, expect, hydrated, confirmRegistration, registerTalent, signedIn, uploadMaterials, DEMO_PASSWORD, NEW_PASSWORD } from './fixtures';

test('a visitor opens every public page without an error in the browser', async ({ page, consoleErrors }) => {
  for (const path of ['/', '/services', '/services/LJ-GRAD-RESETTLE', '/eligibility', '/policies', '/jobs', '/jobs/1',
    '/jobs/stats', '/statistics', '/track', '/events', '/incubation', '/certificates', '/concerns/new', '/signin',
    '/register', '/register/enterprise']) {
    await page.goto(path);
    await hydrated(page);
  }
  void consoleErrors;
});

for (const javaScriptEnabled of [true, false]) {
  const mode = `JavaScript ${javaScriptEnabled ? 'on' : 'off'}`;

  test(`registering from a job post comes back to the post (${mode})`, async ({ browser }) => {
    const page = await (await browser.newContext({ javaScriptEnabled, locale: 'zh-CN' })).newPage();
    await page.goto('/jobs/1');
    await page.getByTestId('sign-in-to-continue').click();
    await expect(page).toHaveURL(/\/signin\?next=%2Fjobs%2F1$/);
    await page.getByTestId('register-link').click();
    await expect(page).toHaveURL(/\/register\?next=%2Fjobs%2F1$/);
    const login = `from-post-${javaScriptEnabled ? 'js' : 'nojs'}-${Date.now()}@example.cn`;
    await registerTalent(page, login, javaScriptEnabled);
    // The link in the message carries the post, and confirming it lands there.
    await confirmRegistration(page, login, javaScriptEnabled, /\/jobs\/1$/);
    await expect(page.getByTestId('apply-form')).toBeVisible();
  });

  test(`saving the profile and cancelling an event place say so (${mode})`, async ({ browser }) => {
    const page = await (await browser.newContext({ javaScriptEnabled, locale: 'zh-CN' })).newPage();
    await page.goto('/register?next=%2Fprofile');
    const login = `said-${javaScriptEnabled ? 'js' : 'nojs'}-${Date.now()}@example.cn`;
    await registerTalent(page, login, javaScriptEnabled);
    await confirmRegistration(page, login, javaScriptEnabled, /\/profile$/);
    if (javaScriptEnabled) await hydrated(page);
    await page.getByLabel('姓名（与证件一致）').fill('陈静');
    await page.getByTestId('profile-save').click();
    await expect(page.getByTestId('notice')).toHaveText('个人资料已保存。');
    // Said once: the next page has no notice.
    await page.goto('/events');
    await expect(page.getByTestId('notice')).toHaveCount(0);

    await page.getByTestId('event-list').getByRole('link').first().click();
    await expect(page.getByTestId('event-title')).toBeVisible();
    if (javaScriptEnabled) await hydrated(page);
    await page.getByTestId('register').click();
    await expect(page.getByTestId('notice')).toContainText(/报名成功|候补/);
    await page.getByTestId('registration-cancel').click();
    await expect(page.getByTestId('notice')).toHaveText('已取消报名。');
  });
}

for (const javaScriptEnabled of [true, false]) {
  const mode = `JavaScript ${javaScriptEnabled ? 'on' : 'off'}`;

  test(`account changes and a concern's attachment say how they went, at the top (${mode})`, async ({ browser }) => {
    const page = await (await browser.newContext({ javaScriptEnabled, locale: 'zh-CN' })).newPage();
    await page.goto('/register');
    const login = `top-${javaScriptEnabled ? 'js' : 'nojs'}-${Date.now()}@example.cn`;
    await registerTalent(page, login, javaScriptEnabled);
    await confirmRegistration(page, login, javaScriptEnabled, /\/account$/);
    await expect(page.getByTestId('notice')).toHaveText('账户已确认，您已登录。');
    if (javaScriptEnabled) await hydrated(page);
    await page.locator('#profile-title ~ form').getByLabel('姓名').fill('陈静静');
    await page.locator('#profile-title ~ form').getByRole('button', { name: '保存' }).click();
    await expect(page.getByTestId('notice')).toHaveText('账户信息已保存。');
    await expect(page.getByTestId('notice')).toBeInViewport();

    await page.goto('/concerns/new');
    if (javaScriptEnabled) await hydrated(page);
    await page.getByLabel('类型').selectOption('consultation');
    await page.getByLabel('标题').fill('附件格式');
    await page.getByLabel('具体内容').fill('附上一份文本文件。');
    await page.getByTestId('concern-submit').click();
    await expect(page).toHaveURL(/\/concerns\/\d+$/);
    if (javaScriptEnabled) await hydrated(page);
    const attach = page.getByTestId('upload-concern');
    await attach.locator('input[type=file]').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('plain text') });
    await attach.getByRole('button', { name: '上传', exact: true }).click();
    const refusal = '只接受 PDF、JPG 或 PNG 文件（按文件内容判断）。';
    if (javaScriptEnabled) {
      // Sent in the background: said by the form, which stays as it was.
      await expect(attach.getByRole('alert')).toHaveText(refusal);
    } else {
      await expect(page.getByTestId('notice-refused')).toHaveText(refusal);
      // Said once.
      await page.reload();
      await expect(page.getByTestId('notice-refused')).toHaveCount(0);
    }
    await page.getByTestId('upload-concern').locator('input[type=file]').setInputFiles({
      name: 'evidence.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n'),
    });
    await page.getByTestId('upload-concern').getByRole('button', { name: '上传', exact: true }).click();
    await expect(page.getByTestId('notice')).toHaveText('文件已上传。');
    await expect(page.getByTestId('upload-concern').getByRole('link', { name: 'evidence.pdf' })).toBeVisible();
  });
}

test('a submitted application says what it promises, and its receipt prints without JavaScript', async ({ browser }) => {
  const page = await (await browser.newContext({ javaScriptEnabled: false, locale: 'en-US' })).newPage();
  await page.goto('/register?next=%2Fservices%2FLJ-TALENT-CARD');
  const login = `receipt-${Date.now()}@example.cn`;
  await page.getByLabel('Full name').fill('Chen Jing');
  await page.getByLabel('E-mail or mobile number').fill(login);
  await page.getByLabel('Password').fill(NEW_PASSWORD);
  await page.getByTestId('register-submit').click();
  await confirmRegistration(page, login, false, /\/services\/LJ-TALENT-CARD$/);
  await page.getByTestId('apply').click();
  await uploadMaterials(page);
  await page.getByLabel('Card class applied for *').selectOption('2');
  await page.getByTestId('continue').click();
  await page.getByTestId('submit-application').click();
  await expect(page.getByTestId('case-state')).toHaveText('Submitted, awaiting acceptance');
  await expect(page.getByTestId('case-promise')).toContainText(/Promised within \d+ working days of acceptance\. Within 5 working days of receipt the office accepts your application, refuses it or tells you everything missing; if it does none of these, the application is deemed accepted as of the day it was received\. If it is accepted today, the decision is due by \d{4}-\d{2}-\d{2}\./);
  const number = (await page.getByTestId('case-number').textContent())!.trim();
  await page.getByTestId('receipt-link').click();
  await expect(page).toHaveURL(/\/cases\/\d+\/receipt$/);
  await expect(page.getByTestId('receipt-number')).toHaveText(number);
  await expect(page.getByTestId('receipt')).toContainText('Decision due if accepted today');
  // No button that cannot work without JavaScript.
  await expect(page.getByTestId('print')).toHaveCount(0);
});

test('the staff desk titles its column in the reader\'s language', async ({ browser }) => {
  const staff = await signedIn(browser, 'staff@demo.hub', '/staff/events');
  await expect(staff.getByTestId('event-desk').locator('th').first()).toHaveText('名称');
});

test('an application takes what the profile knows, says so, and lists the files before sending', async ({ browser }) => {
  const page = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
  await page.goto('/register?next=%2Fprofile');
  const login = `prefill-${Date.now()}@example.cn`;
  await registerTalent(page, login, true);
  await confirmRegistration(page, login, true, /\/profile$/);
  await hydrated(page);
  await page.getByLabel('姓名（与证件一致）').fill('陈静');
  await page.locator('select[name="form[education]"]').selectOption('master');
  await page.locator('input[name="form[university]"]').fill('重庆大学');
  await page.getByTestId('profile-save').click();
  await expect(page.getByTestId('notice')).toBeVisible();

  await page.goto('/services/LJ-GRAD-RESETTLE');
  await hydrated(page);
  await page.getByTestId('apply').click();
  await expect(page).toHaveURL(/\/cases\/\d+$/);
  await hydrated(page);
  const degree = page.locator('[data-field="degree"]');
  await expect(degree.locator('select')).toHaveValue('master');
  await expect(degree.getByTestId('from-profile')).toBeVisible();
  await expect(page.locator('[data-field="university"] input')).toHaveValue('重庆大学');
  // No answer reads "any": an empty choice asks for one.
  await expect(page.locator('[data-field="degree"] option[value=""]')).toHaveText('请选择');

  const contract = page.getByTestId('upload-contract');
  await contract.locator('input[type=file]').setInputFiles({ name: '劳动合同.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') });
  await contract.getByRole('button', { name: '上传', exact: true }).click();
  await expect(contract.getByTestId('uploaded')).toContainText('劳动合同.pdf');
  await uploadMaterials(page);
  await page.getByLabel('所学专业 *').fill('车辆工程');
  await page.getByLabel('毕业时间 *').fill(`${new Date().getFullYear() - 1}-06-30`);
  await page.getByLabel('用人单位统一社会信用代码 *').fill('91350100M000100Y43');
  await page.getByLabel('收款银行账号 *').fill('6222020200112233445');
  await page.getByTestId('continue').click();
  await expect(page).toHaveURL(/\/review/);
  await expect(page.getByTestId('answers')).toContainText('劳动合同.pdf');
  await expect(page.getByTestId('answers')).toContainText('硕士研究生');
});

for (const [login, menus] of [['staff@demo.hub', ['工作台']], ['admin@demo.hub', ['工作台', '系统管理']]] as const) {
  test(`the navigation of ${login} fits from a phone to a wide screen, its menus work without JavaScript`, async ({ browser }) => {
    const page = await (await browser.newContext({ javaScriptEnabled: false, locale: 'zh-CN' })).newPage();
    await page.goto('/signin');
    await page.getByLabel('邮箱或手机号').fill(login);
    await page.getByLabel('密码').fill(DEMO_PASSWORD);
    await page.getByTestId('sign-in-submit').click();
    for (const width of [320, 768, 1280, 1440]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto('/staff/queue');
      const nav = page.getByTestId('main-nav');
      // Nothing cut off: every entry on the bar lies inside the window.
      for (const item of await nav.locator(':scope > li').all()) {
        const box = (await item.boundingBox())!;
        expect(box.x, `${width} px`).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width, `${width} px`).toBeLessThanOrEqual(width);
      }
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `${width} px`).toBeLessThanOrEqual(0);
    }
    // Each menu opens on its own; opening one closes the other.
    for (const menu of menus) {
      await page.getByTestId('main-nav').getByText(menu, { exact: true }).click();
      await expect(page.getByTestId('main-nav').locator('details[open]')).toHaveCount(1);
    }
    if (menus.length > 1) await page.getByTestId('main-nav').getByText('工作台', { exact: true }).click();
    await page.getByTestId('main-nav').getByRole('link', { name: '诉求办理' }).click();
    await expect(page).toHaveURL(/\/staff\/concerns$/);
  });
}
