// What an attacker's text or link must not do in a real browser: a title with markup
// cannot redirect its readers, and signing in never leaves the hub.
import type { Browser } from '@playwright/test';
import { test, expect, hydrated, signInRequest, DEMO_PASSWORD } from './fixtures';

const BREAKER = '</title><meta http-equiv=refresh content="0;url=/statistics?x">';

/** A post of the demo enterprise titled `title`, approved by the demo staff member. */
async function approvedPost(browser: Browser, title: string): Promise<string> {
  const employer = await browser.newContext();
  await signInRequest(employer.request, 'hr@demo-auto.hub');
  const closes = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  const saved = await employer.request.post('/api/jobs/save', {
    form: {
      id: '0',
      version: '0',
      'draft[title_zh]': title,
      'draft[title_en]': title,
      'draft[description_zh]': '研发动力电池包。',
      'draft[description_en]': 'Design battery packs.',
      'draft[industry]': 'automobile',
      'draft[headcount]': '1',
      'draft[education]': 'bachelor',
      'draft[experience_years]': '1',
      'draft[salary_min]': '9000',
      'draft[salary_max]': '12000',
      'draft[location]': 'yuelai',
      'draft[closes_on]': closes,
    },
  });
  expect(saved.status(), await saved.text()).toBe(200);
  const id = (await saved.text()).trim();
  const staff = await browser.newContext();
  await signInRequest(staff.request, 'staff@demo.hub');
  const post = await (await staff.request.post('/api/jobs/post', { form: { id } })).json();
  const reviewed = await staff.request.post('/api/jobs/review', {
    form: { id, version: String(post.card.version), decision: 'approve', note: '' },
  });
  expect(reviewed.status(), await reviewed.text()).toBe(200);
  await employer.close();
  await staff.close();
  return id;
}

for (const javaScriptEnabled of [true, false]) {
  test(`a job title with markup stays text and redirects no reader (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async ({ browser }) => {
    const id = await approvedPost(browser, BREAKER);
    const visitor = await (await browser.newContext({ javaScriptEnabled, locale: 'zh-CN' })).newPage();
    await visitor.goto(`/jobs/${id}`);
    if (javaScriptEnabled) await hydrated(visitor);
    // A meta refresh of 0 seconds would have left by now.
    await visitor.waitForTimeout(1500);
    await expect(visitor).toHaveURL(new RegExp(`/jobs/${id}$`));
    expect(await visitor.title()).toContain('</title><meta http-equiv=refresh');
    await expect(visitor.locator('meta[http-equiv]')).toHaveCount(0);
    await visitor.context().close();
  });
}

test('signing in with a crafted next address stays on the hub (JavaScript on)', async ({ page, consoleErrors }) => {
  for (const next of ['/\t/evil.example/x', '//evil.example/x', '/\\evil.example/x']) {
    await page.goto(`/signin?next=${encodeURIComponent(next)}`);
    await hydrated(page);
    await page.getByLabel('邮箱或手机号').fill('talent@demo.hub');
    await page.getByLabel('密码').fill(DEMO_PASSWORD);
    await page.getByTestId('sign-in-submit').click();
    await expect(page).toHaveURL(/^http:\/\/127\.0\.0\.1:\d+\/account$/);
    // The account page has loaded what it shows before the session ends (a request still
    // on its way when it ends is refused, which the browser reports as an error).
    await page.waitForLoadState('networkidle');
    await page.getByTestId('sign-out').click();
    await expect(page.getByTestId('sign-in-link')).toBeVisible();
  }
  // A page of the hub is where the person goes.
  await page.goto(`/signin?next=${encodeURIComponent('/cases')}`);
  await hydrated(page);
  await page.getByLabel('邮箱或手机号').fill('talent@demo.hub');
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.getByTestId('sign-in-submit').click();
  await expect(page).toHaveURL(/\/cases$/);
});

test('a visitor opening the concern form asks for no account data', async ({ page, consoleErrors }) => {
  const accountCalls: string[] = [];
  page.on('request', (request) => {
    if (request.url().includes('/api/concerns/appealable')) accountCalls.push(request.url());
  });
  await page.goto('/');
  await hydrated(page);
  // A client-side navigation: the browser builds the page itself.
  await page.locator('a[href="/concerns/new"]').first().click();
  await expect(page).toHaveURL(/\/concerns\/new$/);
  await expect(page.getByTestId('concern-form')).toBeVisible();
  await page.waitForTimeout(500);
  expect(accountCalls).toEqual([]);
});
