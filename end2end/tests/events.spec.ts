// Events: staff publish one through the editor (a wrong field is named next to it), a
// visitor finds it in the list, reads its page and takes the calendar file.
import { test, expect, hydrated, DEMO_PASSWORD } from './fixtures';

function local(daysAhead: number, hour: number): string {
  // China time, as the editor's fields mean it.
  const day = new Date(Date.now() + 8 * 3600_000 + daysAhead * 86_400_000).toISOString().slice(0, 10);
  return `${day}T${String(hour).padStart(2, '0')}:00`;
}

test('staff publish an event that a visitor finds and adds to a calendar', async ({ browser }) => {
  const stamp = Date.now();
  const title = `两江人才论坛 ${stamp}`;
  const context = await browser.newContext({ locale: 'zh-CN' });
  const staff = await context.newPage();
  await staff.goto('/signin?next=%2Fstaff%2Fevents%2Fnew');
  await hydrated(staff);
  await staff.getByLabel('邮箱或手机号').fill('staff@demo.hub');
  await staff.getByLabel('密码').fill(DEMO_PASSWORD);
  await staff.getByTestId('sign-in-submit').click();
  await expect(staff).toHaveURL(/\/staff\/events\/new$/);
  await hydrated(staff);
  await staff.getByLabel('类型').selectOption('forum');
  await staff.getByLabel('标题（中文）').fill(title);
  await staff.getByLabel('标题（英文）').fill(`Liangjiang Talent Forum ${stamp}`);
  await staff.getByLabel('介绍（中文）').fill('聚焦智能网联汽车人才。');
  await staff.getByLabel('介绍（英文）').fill('On talent for connected vehicles.');
  await staff.getByLabel('开始时间').fill(local(30, 9));
  await staff.getByLabel('结束时间').fill(local(30, 12));
  await staff.getByLabel('地点', { exact: true }).fill('礼嘉智慧公园');
  await staff.getByLabel('名额').fill('200');
  await staff.getByLabel('报名开始').fill(local(1, 9));
  // Registration closing after the start is named next to its field; nothing is lost.
  await staff.getByLabel('报名截止').fill(local(31, 9));
  await staff.getByTestId('event-save').click();
  await expect(staff.getByText('报名须在活动开始前截止。')).toBeVisible();
  await expect(staff.getByLabel('标题（中文）')).toHaveValue(title);
  await staff.getByLabel('报名截止').fill(local(29, 18));
  await staff.getByTestId('event-save').click();
  await expect(staff).toHaveURL(/\/events\/\d+$/);
  await expect(staff.getByTestId('event-title')).toHaveText(title);

  const visitor = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
  await visitor.goto('/events?kind=forum');
  await visitor.getByRole('link', { name: title }).click();
  await expect(visitor.getByTestId('event-when')).toContainText('09:00 – 12:00');
  await expect(visitor.getByTestId('event-when')).toContainText('北京时间');
  const ics = await visitor.request.get(await visitor.getByTestId('event-ics').getAttribute('href') as string);
  expect(ics.headers()['content-type']).toContain('text/calendar');
  expect(await ics.text()).toContain(`SUMMARY:${title}`);
});
