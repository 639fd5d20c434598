import { test, expect, hydrated, confirmRegistration, DEMO_PASSWORD, NEW_PASSWORD } from './fixtures';

const unique = () => `${Date.now()}-${Math.floor(Math.random() * 1e6)}`;

test('a talent registers, signs out, signs in and sees their navigation', async ({ page, consoleErrors }) => {
  const email = `talent-${unique()}@example.cn`;
  await page.goto('/register');
  await hydrated(page);
  await page.getByLabel('姓名').fill('李明');
  await page.getByLabel('邮箱或手机号').fill(email);
  await page.getByLabel('密码').fill(NEW_PASSWORD);
  await page.getByTestId('register-submit').click();
  await confirmRegistration(page, email);

  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByTestId('signed-in-as')).toContainText('李明');
  await expect(page.getByTestId('account-role')).toHaveText('人才');
  await expect(page.getByTestId('main-nav').getByRole('link', { name: '我的账户' })).toBeVisible();
  await expect(page.getByTestId('main-nav').getByRole('link', { name: '用户管理' })).toHaveCount(0);

  await page.getByTestId('sign-out').click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByTestId('sign-in-link')).toBeVisible();
  await expect(page.getByTestId('main-nav').getByRole('link', { name: '我的账户' })).toHaveCount(0);

  // The account page now asks to sign in first, and comes back afterwards.
  await page.goto('/account');
  await expect(page).toHaveURL(/\/signin\?next=%2Faccount$/);
  await hydrated(page);
  await page.getByLabel('邮箱或手机号').fill(email);
  await page.getByLabel('密码').fill('not the password');
  await page.getByTestId('sign-in-submit').click();
  await expect(page.getByRole('alert')).toContainText('账号或密码不正确');
  await page.getByLabel('密码').fill(NEW_PASSWORD);
  await page.getByTestId('sign-in-submit').click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByTestId('sessions')).toContainText('当前设备');
  void consoleErrors;
});

test('the browser checks a registration before sending it', async ({ page, consoleErrors }) => {
  await page.goto('/register/enterprise');
  await hydrated(page);
  await page.getByLabel('企业名称').fill('两江智能制造有限公司');
  await page.getByLabel('统一社会信用代码').fill('91350100M000100Y44');
  await page.getByLabel('联系人').fill('张伟');
  await page.getByLabel('邮箱或手机号').fill(`hr-${unique()}@example.cn`);
  await page.getByLabel('密码').fill(NEW_PASSWORD);
  await page.getByTestId('register-submit').click();
  const code = page.getByLabel('统一社会信用代码');
  await expect(page.getByText('统一社会信用代码校验位不正确')).toBeVisible();
  await expect(code).toHaveAttribute('aria-invalid', 'true');
  await expect(page).toHaveURL(/\/register\/enterprise$/);
  void consoleErrors;
});

test('an administrator creates a staff account and the staff member signs in', async ({ page, consoleErrors }) => {
  const email = `clerk-${unique()}@office.example`;
  await page.goto('/signin');
  await hydrated(page);
  await page.getByLabel('邮箱或手机号').fill('admin@demo.hub');
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.getByTestId('sign-in-submit').click();
  await expect(page).toHaveURL(/\/admin\/users$/);
  // The administrator's own pages sit in a menu of the navigation.
  await page.getByTestId('main-nav').getByText('系统管理').click();
  await expect(page.getByTestId('main-nav').getByRole('link', { name: '用户管理' })).toBeVisible();
  await hydrated(page);

  const form = page.locator('section', { has: page.getByRole('heading', { name: '新建工作人员账户' }) });
  await form.getByLabel('姓名').fill('陈静');
  await form.getByLabel('邮箱').fill(email);
  await form.getByLabel('密码').fill(NEW_PASSWORD);
  await page.getByTestId('create-staff-submit').click();
  await expect(page.getByRole('status')).toContainText('账户已创建');
  await expect(page.getByTestId('users-table')).toContainText(email);

  await page.getByTestId('sign-out').click();
  await expect(page.getByTestId('sign-in-link')).toBeVisible();
  await page.goto('/signin');
  await hydrated(page);
  await page.getByLabel('邮箱或手机号').fill(email);
  await page.getByLabel('密码').fill(NEW_PASSWORD);
  await page.getByTestId('sign-in-submit').click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByTestId('account-role')).toHaveText('工作人员');
  // Staff do not manage users.
  await page.goto('/admin/users');
  await expect(page.getByRole('heading', { name: '无权访问' })).toBeVisible();
  void consoleErrors;
});

test.describe('with JavaScript off', () => {
  test.use({ javaScriptEnabled: false });

  test('sign-in errors and success work as plain forms', async ({ page }) => {
    await page.goto('/signin');
    await page.getByLabel('邮箱或手机号').fill('talent@demo.hub');
    await page.getByLabel('密码').fill('wrong wrong wrong');
    await page.getByTestId('sign-in-submit').click();
    await expect(page.getByRole('alert')).toContainText('账号或密码不正确');
    await page.getByLabel('邮箱或手机号').fill('talent@demo.hub');
    await page.getByLabel('密码').fill(DEMO_PASSWORD);
    await page.getByTestId('sign-in-submit').click();
    await expect(page).toHaveURL(/\/account$/);
    await expect(page.getByTestId('signed-in-as')).toContainText('李明');
    await page.getByTestId('sign-out').click();
    await expect(page.getByTestId('sign-in-link')).toBeVisible();
  });
});
