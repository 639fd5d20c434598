// Incubation in English: staff open a call with two weighted criteria and a panel of two;
// a talent starts a team, applies with a business plan; both panel members score it, each
// seeing the other's sheet only after submitting their own; the ranking shows the average.
import { test, expect, hydrated, confirmRegistration, downloads, signedIn, NEW_PASSWORD } from './fixtures';
import type { Browser, Page } from '@playwright/test';

function local(daysAhead: number, hour: number): string {
  const day = new Date(Date.now() + 8 * 3600_000 + daysAhead * 86_400_000).toISOString().slice(0, 10);
  return `${day}T${String(hour).padStart(2, '0')}:00`;
}

async function scoreIt(page: Page, callTitle: string, scores: [string, string]) {
  await page.goto('/staff/incubation');
  await hydrated(page);
  await page.getByRole('link', { name: callTitle }).click();
  await expect(page).toHaveURL(/\/staff\/incubation\/\d+$/);
  await hydrated(page);
  await page.getByTestId('score-link').click();
  await expect(page).toHaveURL(/\/staff\/incubation\/review\/\d+$/);
  await hydrated(page);
  await page.getByLabel('Innovation (60%) · Score (0–10)').fill(scores[0]);
  await page.getByLabel('Team (40%) · Score (0–10)').fill(scores[1]);
  await page.getByTestId('score-submit').click();
  await expect(page.getByTestId('my-sheet')).toBeVisible();
}

test('a team applies to an incubation call and two reviewers score it', async ({ browser }) => {
  const stamp = Date.now();
  const callTitle = `Incubation call ${stamp}`;
  const staff = await signedIn(browser, 'staff@demo.hub', '/staff/incubation', true, 'en-US');
  const form = staff.getByTestId('call-form');
  await form.getByLabel('Title (Chinese)').fill(`孵化批次 ${stamp}`);
  await form.getByLabel('Title (English)').fill(callTitle);
  await form.getByLabel('Description (Chinese)').fill('面向重点产业。');
  await form.getByLabel('Description (English)').fill('For the key industries.');
  await form.getByLabel('Applications close').fill(local(20, 18));
  await form.getByLabel('Criterion 1 · Name (Chinese)').fill('创新性');
  await form.getByLabel('Criterion 1 · Name (English)').fill('Innovation');
  await form.getByLabel('Criterion 1 · Weight (%)').fill('60');
  await form.getByLabel('Criterion 2 · Name (Chinese)').fill('团队');
  await form.getByLabel('Criterion 2 · Name (English)').fill('Team');
  // Weights that do not add up to 100 are named; nothing typed is lost.
  await form.getByLabel('Criterion 2 · Weight (%)').fill('30');
  await form.getByLabel('王芳 (demo staff)').check();
  await form.getByLabel('赵强 (demo administrator)').check();
  await staff.getByTestId('call-save').click();
  await expect(staff.getByText("The criteria's weights must add up to 100.")).toBeVisible();
  await form.getByLabel('Criterion 2 · Weight (%)').fill('40');
  await staff.getByTestId('call-save').click();
  await expect(staff.getByTestId('desk-calls')).toContainText(callTitle);

  // A talent starts a team and applies, then uploads the business plan.
  const talent = await (await browser.newContext({ locale: 'en-US' })).newPage();
  await talent.goto('/register');
  await hydrated(talent);
  await talent.getByLabel('Full name').fill('Sun Wei');
  await talent.getByLabel('E-mail or mobile number').fill(`team-${stamp}@example.cn`);
  await talent.getByLabel('Password').fill(NEW_PASSWORD);
  await talent.getByTestId('register-submit').click();
  await confirmRegistration(talent, `team-${stamp}@example.cn`);
  await expect(talent).toHaveURL(/\/account$/);
  await talent.goto('/incubation/teams');
  await hydrated(talent);
  await talent.getByLabel('Team name').fill(`Sky Lab ${stamp}`);
  await talent.getByTestId('create-team-submit').click();
  const team = talent.getByTestId('team');
  await expect(team).toContainText(`Sky Lab ${stamp}`);
  await team.getByText('Apply to a call').click();
  const apply = team.getByTestId('apply-form');
  await apply.getByLabel('Call').selectOption({ label: callTitle });
  await apply.getByLabel('Project name').fill(`Drone inspection ${stamp}`);
  await apply.getByLabel('Industry').fill('low-altitude economy');
  await apply.getByLabel('Stage').selectOption('prototype');
  await apply.getByLabel('Funding sought (yuan)').fill('300000');
  await apply.getByLabel('Project summary').fill('Drones that inspect power lines.');
  await apply.getByLabel('If admitted, show our project').check();
  await apply.getByTestId('apply-submit').click();
  await expect(team.getByTestId('application-state')).toHaveText('Submitted, under review');
  // A plan that is not a PDF is refused, said at the top of the page.
  await team.locator('input[type="file"]').setInputFiles({
    name: 'plan.png',
    mimeType: 'image/png',
    buffer: Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4b00000000049454e44ae426082', 'hex'),
  });
  await team.getByTestId('plan-upload').click();
  await expect(talent).toHaveURL(/\/incubation\/teams$/);
  await expect(talent.getByTestId('notice-refused')).toHaveText('The business plan must be a PDF file.');
  await hydrated(talent);
  await team.locator('input[type="file"]').setInputFiles({
    name: 'plan.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n'),
  });
  await team.getByTestId('plan-upload').click();
  await expect(talent).toHaveURL(/\/incubation\/teams$/);
  await expect(talent.getByTestId('notice')).toHaveText('The file is uploaded.');
  await expect(talent.getByTestId('notice-refused')).toHaveCount(0);
  await hydrated(talent);
  await downloads(talent, talent.getByRole('link', { name: 'plan.pdf' }), 'plan.pdf');

  // Two panel members score it; each sees the other's sheet only after their own.
  await scoreIt(staff, callTitle, ['8', '5']);
  await expect(staff.getByTestId('other-sheets')).toBeEmpty();
  const admin = await signedIn(browser, 'admin@demo.hub', '/staff/incubation', true, 'en-US');
  await scoreIt(admin, callTitle, ['9', '7']);
  await expect(admin.getByTestId('other-sheets')).toContainText('王芳 (demo staff): 8 / 5');

  // (0.6 × 8 + 0.4 × 5 + 0.6 × 9 + 0.4 × 7) / 2 = 7.50
  await admin.goto('/staff/incubation');
  await admin.getByRole('link', { name: callTitle }).click();
  await expect(admin.getByTestId('ranked')).toContainText(`Drone inspection ${stamp}`);
  await expect(admin.getByTestId('average')).toHaveText('7.50');

  // The closing time moves; the two who scored are marked and stay on the panel.
  await hydrated(admin);
  const change = admin.getByTestId('call-change');
  await change.getByText('Change the call').click();
  await expect(change.getByLabel('Title (English)')).toHaveValue(callTitle);
  await expect(change.getByText('(has scored)')).toHaveCount(2);
  await change.getByLabel('Applications close').fill(local(40, 18));
  await change.getByTestId('call-change-save').click();
  await expect(admin.getByTestId('notice')).toHaveText('The call has been changed.');
});
