// 一件事一次办: a talent settles in with one application. The eligibility check leads to
// the Settling-in bundle, whose guide checks the profile item by item; one form asks shared
// details once and takes each material once; one submission makes four linked cases, each
// handled on its own: the employer confirms two, staff ask a supplement on one while the
// others go on, and all four are decided. An administrator composes a new bundle in the
// catalogue editor and visitors find it. With JavaScript and without.
import { test, expect, hydrated, confirmRegistration, registerTalent, signedIn, uploadMaterials } from './fixtures';
import type { Page } from '@playwright/test';

for (const javaScriptEnabled of [true, false]) {
  test(`the Settling-in bundle: one application, four cases, all decided (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async ({ browser }) => {
    const ready = async (page: Page) => { if (javaScriptEnabled) await hydrated(page); };
    const talent = await (await browser.newContext({ javaScriptEnabled, locale: 'zh-CN' })).newPage();
    const login = `settle-${javaScriptEnabled ? 'js' : 'nojs'}-${Date.now()}@example.cn`;
    await talent.goto('/register?next=%2Fprofile');
    await registerTalent(talent, login, javaScriptEnabled);
    await confirmRegistration(talent, login, javaScriptEnabled, /\/profile$/);
    await ready(talent);
    const year = new Date().getFullYear();
    await talent.locator('input[name="form[full_name]"]').fill('林晓');
    await talent.locator('input[name="form[birth_date]"]').fill(`${year - 28}-04-12`);
    await talent.locator('select[name="form[education]"]').selectOption('master');
    await talent.locator('input[name="form[graduation_date]"]').fill(`${year - 1}-06-30`);
    await talent.locator('input[name="form[university]"]').fill('重庆大学');
    await talent.locator('input[name="form[major]"]').fill('车辆工程');
    await talent.locator('select[name="form[employer_in_district]"]').selectOption('yes');
    await talent.locator('select[name="form[tier]"]').selectOption('high_level');
    await talent.getByTestId('profile-save').click();
    await expect(talent.getByTestId('notice')).toBeVisible();

    // The services page lists the bundle; the eligibility check, with the same facts
    // typed in, says all four of its items fit and leads to it.
    await talent.goto('/services');
    await expect(talent.getByTestId('bundles').getByRole('link', { name: '落户两江一件事' })).toBeVisible();
    await talent.goto('/eligibility');
    await ready(talent);
    await talent.locator('#q-education').selectOption('master');
    await talent.locator('#q-graduation_date').fill(`${year - 1}-06-30`);
    await talent.locator('#q-birth_date').fill(`${year - 28}-04-12`);
    await talent.locator('#q-employer').selectOption('yes');
    await talent.locator('#q-tier').selectOption('high_level');
    await talent.getByTestId('eligibility-submit').click();
    const fit = talent.getByTestId('bundle-fit-LJ-SETTLE-IN');
    await expect(fit.getByTestId('bundle-fit-count')).toHaveText('您符合其中 4 项（共 4 项）');
    await expect(fit.locator('li[data-verdict="Eligible"]')).toHaveCount(4);
    await ready(talent);
    await fit.getByTestId('bundle-fit-open').click();
    await expect(talent.getByTestId('bundle-name')).toHaveText('落户两江一件事');
    await ready(talent);
    await expect(talent.getByTestId('bundle-items').getByTestId('inclusion')).toHaveText(Array(4).fill('符合条件，一并申请'));
    const idRow = talent.getByTestId('bundle-materials').locator('tr', { hasText: '身份证或护照' });
    await expect(idRow).toHaveCount(1);
    await talent.getByTestId('bundle-start').click();
    await expect(talent).toHaveURL(/\/bundles\/applications\/\d+$/);
    const bundleUrl = new URL(talent.url()).pathname;
    await ready(talent);

    // One form: each material once, shared details once, each item's own questions.
    await expect(talent.getByTestId('bundle-included').locator('li')).toHaveCount(4);
    await uploadMaterials(talent);
    const shared = talent.getByTestId('section-shared');
    await shared.getByLabel('用人单位统一社会信用代码 *').fill('91350100M000100Y43');
    await shared.getByLabel('收款银行账号 *').fill('6222020200112233445');
    await expect(talent.locator('[data-field="university"] input')).toHaveValue('重庆大学');
    await talent.locator('[data-field="card_class"] select').selectOption('2');
    await talent.getByLabel('月租金（元） *').fill('2400');
    await talent.getByLabel('租期开始日期 *').fill(`${year}-01-01`);
    await talent.locator('[data-field="owns_home"] select').selectOption('no');
    await talent.getByLabel('子女姓名 *').fill('林小满');
    await talent.getByLabel('子女出生日期 *').fill(`${year - 6}-09-01`);
    await talent.getByTestId('continue').click();
    await expect(talent).toHaveURL(/\/review$/);
    await ready(talent);
    await expect(talent.getByTestId('answers')).toContainText('林小满');
    await talent.getByTestId('submit-bundle').click();
    await expect(talent.getByTestId('bundle-number')).toHaveText(new RegExp(`^YJS-${year}-\\d{6}$`));
    const cases = talent.getByTestId('bundle-cases').locator('tbody tr');
    await expect(cases).toHaveCount(4);
    const caseUrl = async (code: string) =>
      (await talent.getByTestId(`bundle-case-${code}`).getByRole('link').getAttribute('href'))!;
    const urls = {
      grad: await caseUrl('LJ-GRAD-RESETTLE'), card: await caseUrl('LJ-TALENT-CARD'),
      housing: await caseUrl('LJ-HOUSING'), school: await caseUrl('LJ-SCHOOLING'),
    };
    await expect(talent.getByTestId('bundle-case-LJ-GRAD-RESETTLE').getByTestId('bundle-case-state')).toHaveText('待用人单位确认');
    await expect(talent.getByTestId('bundle-case-LJ-TALENT-CARD').getByTestId('bundle-case-state')).toHaveText('已提交，待受理');

    // The employer confirms the two that need it.
    const employer = await signedIn(browser, 'hr@demo-auto.hub', '/employer/cases', javaScriptEnabled);
    for (const url of [urls.grad, urls.housing]) {
      await employer.goto(url);
      await ready(employer);
      await employer.getByTestId('do-confirm').click();
      await expect(employer.getByTestId('case-state')).toHaveText('单位已确认，待受理');
    }

    // Staff accept all four, from any case seeing the bundle; the card waits for a supplement.
    const staff = await signedIn(browser, 'staff@demo.hub', '/staff/queue', javaScriptEnabled);
    for (const url of Object.values(urls)) {
      await staff.goto(url);
      await ready(staff);
      await expect(staff.getByTestId('case-bundle')).toContainText('落户两江一件事');
      await staff.getByTestId('do-accept').click();
      await expect(staff.getByTestId('case-state')).toHaveText('审核中');
    }
    await staff.goto(urls.card);
    await ready(staff);
    await staff.locator('[data-transition="request_supplement"]').getByLabel('理由或说明（申请人可见）').fill('请补充人才层次认定证明的清晰扫描件。');
    await staff.getByTestId('do-request_supplement').click();
    await expect(staff.getByTestId('case-state')).toHaveText('待补正材料');
    // The others go on meanwhile.
    for (const url of [urls.grad, urls.housing, urls.school]) {
      await staff.goto(url);
      await ready(staff);
      await staff.getByTestId('do-approve').click();
      await expect(staff.getByTestId('case-state')).toHaveText('已批准');
    }
    await talent.goto(bundleUrl);
    await expect(talent.getByTestId('bundle-case-LJ-TALENT-CARD').getByTestId('bundle-case-state')).toHaveText('待补正材料');
    await expect(talent.getByTestId('bundle-case-LJ-SCHOOLING').getByTestId('bundle-case-state')).toHaveText('已批准');
    await expect(talent.getByTestId('bundle-progress')).not.toHaveText('全部事项均已办结。');

    // The talent answers the supplement; staff decide the last case: the bundle is done.
    await talent.goto(urls.card);
    await ready(talent);
    await talent.getByLabel('补正说明').fill('已重新上传。');
    await talent.getByTestId('do-supply').click();
    await expect(talent.getByTestId('case-state')).toHaveText('审核中');
    await staff.goto(urls.card);
    await ready(staff);
    await staff.getByTestId('do-approve').click();
    await expect(staff.getByTestId('case-state')).toHaveText('已批准');
    await talent.goto(bundleUrl);
    await expect(talent.getByTestId('bundle-progress')).toHaveText('全部事项均已办结。');
    await expect(talent.getByTestId('bundle-cases').getByTestId('bundle-case-state')).toHaveText(Array(4).fill('已批准'));
  });
}

for (const javaScriptEnabled of [true, false]) {
  test(`an administrator composes a bundle in the catalogue editor (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async ({ browser }) => {
    const ready = async (page: Page) => { if (javaScriptEnabled) await hydrated(page); };
    const admin = await signedIn(browser, 'admin@demo.hub', '/admin/services', javaScriptEnabled);
    const code = `LJ-ARRIVE-${javaScriptEnabled ? 'JS' : 'NOJS'}-${Date.now() % 1000000}`;
    const name = `新到两江一件事 ${code}`;
    await expect(admin.getByTestId('bundles-admin').getByRole('row', { name: /LJ-SETTLE-IN/ })).toBeVisible();
    await admin.getByTestId('new-bundle').click();
    await expect(admin).toHaveURL(/\/admin\/bundles\/new$/);
    await ready(admin);
    await admin.getByLabel('编码').fill(code);
    await admin.getByLabel('名称（中文）').fill(name);
    await admin.getByLabel('名称（英文）').fill('Arriving in Liangjiang');
    await admin.getByLabel('简介（中文）').fill('人才卡与租房补贴一次申请。');
    await admin.getByLabel('简介（英文）').fill('The talent card and the rental subsidy in one go.');
    await admin.getByTestId('bundle-choice-LJ-TALENT-CARD').check();
    await admin.getByTestId('editor-save').click();
    await expect(admin).toHaveURL(new RegExp(`/admin/bundles/${code}/edit\\??$`));
    await expect(admin.getByTestId('notice')).toHaveText('草稿已保存。');
    await ready(admin);

    // One service is not a bundle: said next to the form, and what was typed stays.
    await admin.getByTestId('editor-publish').click();
    await expect(admin.getByTestId('editor-outcome')).toContainText('一件事需包含 2 至 8 个');
    await expect(admin.getByTestId('bundle-choice-LJ-TALENT-CARD')).toBeChecked();
    await expect(admin.getByLabel('名称（英文）')).toHaveValue('Arriving in Liangjiang');
    await ready(admin);
    await admin.getByTestId('bundle-choice-LJ-HOUSING').check();
    await admin.getByTestId('editor-publish').click();
    await expect(admin.getByTestId('notice')).toContainText('已发布');
    await expect(admin.getByText('状态：已发布')).toBeVisible();

    // Visitors find it on the services page, with a guide assembled from its two items.
    const visitor = await (await browser.newContext({ javaScriptEnabled, locale: 'zh-CN' })).newPage();
    await visitor.goto('/services');
    await visitor.getByTestId('bundles').getByRole('link', { name }).click();
    await expect(visitor.getByTestId('bundle-name')).toHaveText(name);
    await expect(visitor.getByTestId('bundle-items').locator(':scope > li')).toHaveCount(2);
  });
}
