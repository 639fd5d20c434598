// The browser bundle is split by page (app/src/chunks.rs): a first visit fetches the frame
// and the chunk of the page it opens, a navigation fetches the chunk of the page it goes
// to, and a chunk that cannot be fetched never leaves a blank or frozen page.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test as plain } from '@playwright/test';
import { test, expect, hydrated } from './fixtures';

const pkg = join(__dirname, '..', '..', 'target', 'site', 'pkg');

/** The split manifest: for each chunk, the files (without `.wasm`) it needs. */
function manifest(): Record<string, string[]> {
  // The newest, should earlier builds have left theirs.
  const name = readdirSync(pkg)
    .filter((f) => /^__wasm_split_manifest.*\.json$/.test(f))
    .sort((a, b) => statSync(join(pkg, b)).mtimeMs - statSync(join(pkg, a)).mtimeMs)[0];
  expect(name, 'the bundle is built with --split').toBeTruthy();
  return JSON.parse(readFileSync(join(pkg, name!), 'utf8'));
}

/** The names of the WebAssembly files the page fetches from now on. */
function wasmRequests(page: import('@playwright/test').Page): string[] {
  const seen: string[] = [];
  page.on('request', (request) => {
    const file = new URL(request.url()).pathname.split('/').pop() ?? '';
    if (file.endsWith('.wasm')) seen.push(file.replace(/\.wasm$/, ''));
  });
  return seen;
}

test('the home page fetches nothing of the staff desks or the administrators\' editors', async ({ page, consoleErrors }) => {
  const chunks = manifest();
  const fetched = wasmRequests(page);
  await page.goto('/');
  await hydrated(page);
  const home = new Set(chunks.front_page);
  const staffOnly = [...chunks.desks, ...chunks.administration].filter((file) => !home.has(file));
  expect(staffOnly.length).toBeGreaterThan(0);
  expect(fetched.some((file) => file.startsWith('split_front_page.'))).toBe(true);
  expect(fetched.filter((file) => staffOnly.includes(file))).toEqual([]);
  expect(fetched.filter((file) => /^split_(desks|administration)\./.test(file))).toEqual([]);
});

test('going from the home page to the services fetches their chunk without reloading', async ({ page, consoleErrors }) => {
  await page.goto('/');
  await hydrated(page);
  const fetched = wasmRequests(page);
  await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));
  await page.getByRole('navigation').getByRole('link', { name: /服务事项|Services/ }).first().click();
  await expect(page).toHaveURL(/\/services$/);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  expect(fetched.some((file) => file.startsWith('split_guides.'))).toBe(true);
  expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
});

// Fetch failures are logged by the browser, so these use the plain test without the
// console-error check.
plain('a chunk that cannot be fetched ends on the full page, with a notice and working links', async ({ page }) => {
  await page.goto('/');
  await hydrated(page);
  await page.route(/\/pkg\/split_guides\.[^/]*\.wasm$/, (route) => route.abort('internetdisconnected'));
  await page.getByRole('navigation').getByRole('link', { name: /服务事项|Services/ }).first().click();
  // The navigation becomes a full page load; that page cannot be taken over either, so it
  // reloads once and then stays as the server rendered it, saying why.
  await expect(page).toHaveURL(/\/services$/);
  await expect(page.getByTestId('chunk-missing')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.locator('body[data-hydrated]')).toHaveCount(0);
  // The network is back: a link is a plain page load, and the page it opens works.
  await page.unroute(/\/pkg\/split_guides\.[^/]*\.wasm$/);
  await page.locator('main a[href^="/services/LJ-"]').first().click();
  await expect(page).toHaveURL(/\/services\/LJ-/);
  await hydrated(page);
  await expect(page.getByTestId('chunk-missing')).toHaveCount(0);
});
