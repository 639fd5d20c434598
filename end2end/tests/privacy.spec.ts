import { readFile } from 'node:fs/promises';
import { test, expect, signedIn } from './fixtures';

// A person's own data, downloaded from the account page: plain links, so the same with
// JavaScript on and off.
for (const javaScriptEnabled of [true, false]) {
  test(`a talent downloads everything the hub holds about them (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async ({ browser }) => {
    const page = await signedIn(browser, 'talent@demo.hub', '/account', javaScriptEnabled);
    const section = page.getByTestId('my-data');
    await expect(section.getByRole('heading', { name: '你的数据' })).toBeVisible();

    const [json] = await Promise.all([page.waitForEvent('download'), section.getByTestId('my-data-json').click()]);
    expect(json.suggestedFilename()).toMatch(/^liangjiang-hub-my-data-\d{4}-\d{2}-\d{2}\.json$/);
    const data = JSON.parse(await readFile(await json.path(), 'utf8'));
    const account = data.sections.find((s: { name: string }) => s.name === 'account');
    expect(account.records[0].email).toBe('talent@demo.hub');
    expect(data.sections.map((s: { name: string }) => s.name)).toEqual(expect.arrayContaining(['cases', 'sessions', 'audit_log']));

    const [csv] = await Promise.all([page.waitForEvent('download'), section.getByTestId('my-data-csv').click()]);
    expect(csv.suggestedFilename()).toMatch(/^liangjiang-hub-my-data-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(await readFile(await csv.path(), 'utf8')).toContain('"account",1,"email","talent@demo.hub"');
    await expect(page).toHaveURL(/\/account$/);
    await page.context().close();
  });
}
