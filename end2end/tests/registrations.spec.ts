// Event registration in English: a talent registers for a full event, lands on the waiting
// list, moves up when the registrant cancels, and is checked in by staff with the code on
// their page (once only).
import { test, expect, hydrated, confirmRegistration, DEMO_PASSWORD, NEW_PASSWORD } from './fixtures';
import type { Browser, Page } from '@playwright/test';

function local(daysAhead: number, hour: number): string {
  const day = new Date(Date.now() + 8 * 3600_000 + daysAhead * 86_400_000).toISOString().slice(0, 10);
  return `${day}T${String(hour).padStart(2, '0')}:00`;
}

async function newTalent(browser: Browser, name: string, login: string): Promise<Page> {
  const page = await (await browser.newContext({ locale: 'en-US' })).newPage();
  await page.goto('/register');
  await hydrated(page);
  await page.getByLabel('Full name').fill(name);
  await page.getByLabel('E-mail or mobile number').fill(login);
  await page.getByLabel('Password').fill(NEW_PASSWORD);
  await page.getByTestId('register-submit').click();
  await confirmRegistration(page, login);
  await expect(page).toHaveURL(/\/account$/);
  return page;
}

test('a talent on the waiting list moves up when a registrant cancels and is checked in', async ({ browser }) => {
  const stamp = Date.now();
  const staff = await (await browser.newContext({ locale: 'en-US' })).newPage();
  await staff.goto('/signin?next=%2Fstaff%2Fevents%2Fnew');
  await hydrated(staff);
  await staff.getByLabel('E-mail or mobile number').fill('staff@demo.hub');
  await staff.getByLabel('Password').fill(DEMO_PASSWORD);
  await staff.getByTestId('sign-in-submit').click();
  await expect(staff).toHaveURL(/\/staff\/events\/new$/);
  await hydrated(staff);
  await staff.getByLabel('Type').selectOption('forum');
  await staff.getByLabel('Title (Chinese)').fill(`小型沙龙 ${stamp}`);
  await staff.getByLabel('Title (English)').fill(`Small salon ${stamp}`);
  await staff.getByLabel('Description (Chinese)').fill('仅一个名额。');
  await staff.getByLabel('Description (English)').fill('One place only.');
  await staff.getByLabel('Starts').fill(local(7, 14));
  await staff.getByLabel('Ends').fill(local(7, 16));
  await staff.getByLabel('Place', { exact: true }).fill('Liangjiang Talent Building');
  await staff.getByLabel('Online link (https://, for registrants)').fill('https://live.example.cn/salon');
  await staff.getByLabel('Places', { exact: true }).fill('1');
  await staff.getByLabel('Registration opens').fill(local(-1, 9));
  await staff.getByLabel('Registration closes').fill(local(6, 18));
  await staff.getByTestId('event-save').click();
  await expect(staff).toHaveURL(/\/events\/\d+$/);
  const eventUrl = new URL(staff.url()).pathname;

  // The first talent takes the only place and gets a code, a QR image and the link.
  const first = await newTalent(browser, 'Lin Feng', `salon-a-${stamp}@example.cn`);
  await first.goto(eventUrl);
  await hydrated(first);
  await expect(first.getByTestId('seats-left')).toHaveText('Places left: 1');
  await first.getByTestId('register').click();
  await expect(first.getByTestId('my-registration')).toHaveAttribute('data-state', 'registered');
  await expect(first.getByTestId('online-link')).toHaveText('https://live.example.cn/salon');

  // The second finds it full and joins the waiting list.
  const second = await newTalent(browser, 'Zhao Yun', `salon-b-${stamp}@example.cn`);
  await second.goto(eventUrl);
  await hydrated(second);
  await expect(second.getByTestId('seats-left')).toContainText('Fully booked');
  await expect(second.getByTestId('online-link')).toHaveCount(0);
  await second.getByTestId('register').click();
  await expect(second.getByTestId('my-registration')).toHaveText(/You are number 1 on the waiting list/);

  // The first cancels; the second moves up, is told, and has a code.
  await first.getByTestId('registration-cancel').click();
  await expect(first.getByTestId('register')).toBeVisible();
  await second.goto('/notifications');
  await expect(second.getByText(`A place freed up at “小型沙龙 ${stamp} / Small salon ${stamp}”`)).toBeVisible();
  await second.goto(eventUrl);
  await hydrated(second);
  await expect(second.getByTestId('my-registration')).toHaveAttribute('data-state', 'registered');
  const qr = second.getByRole('img', { name: 'QR code of your check-in code' });
  await expect(qr).toBeVisible();
  expect(await qr.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  const code = (await second.getByTestId('checkin-code').textContent())!.trim();
  expect(code).toMatch(/^[2-9A-Z]{5}-[2-9A-Z]{5}$/);

  // Staff check the second in at the door: once.
  await staff.goto(eventUrl);
  await hydrated(staff);
  await staff.getByTestId('registrations-link').click();
  await expect(staff).toHaveURL(/\/registrations$/);
  await hydrated(staff);
  await expect(staff.getByTestId('registrants')).toContainText('Zhao Yun');
  await staff.getByLabel('Check-in code').fill(code.toLowerCase());
  await staff.getByLabel('Check-in code').press('Enter');
  await expect(staff.getByTestId('checkin-ok')).toHaveText(`Zhao Yun is checked in (${code}).`);
  await expect(staff.getByLabel('Check-in code')).toHaveValue('');
  await staff.getByLabel('Check-in code').fill(code);
  await staff.getByTestId('checkin-submit').click();
  await expect(staff.getByText('This code has already been used to check in.')).toBeVisible();

  await second.reload();
  await expect(second.getByTestId('checked-in')).toContainText('Checked in at');
});
