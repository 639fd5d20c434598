// End-to-end tests: Playwright drives Debian's Chromium (/usr/bin/chromium; never
// `playwright install`) against the site that scripts/test.sh has just built. The server
// binary is HUB_E2E_SERVER (scripts/test.sh passes the one its integration tests built),
// or else the release build.
import { defineConfig } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '..');
const port = Number(process.env.HUB_E2E_PORT ?? 3917);
// A fresh database for every run; the variable carries the directory to the workers.
process.env.HUB_E2E_DATA_DIR ??= mkdtempSync(join(tmpdir(), 'hub-e2e-'));

export default defineConfig({
  testDir: './tests',
  outputDir: './test-results',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: [['list']],
  // Whole journeys, some with two registrations confirmed by e-mail, against a server
  // built in the test profile.
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    locale: 'zh-CN',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: {
    command: process.env.HUB_E2E_SERVER ?? join(root, 'target/release/server'),
    cwd: root,
    url: `http://127.0.0.1:${port}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      HUB_ADDR: `127.0.0.1:${port}`,
      HUB_DATA_DIR: process.env.HUB_E2E_DATA_DIR,
      HUB_SITE_ROOT: join(root, 'target/site'),
      HUB_DEMO_DATA: 'true',
      // Messages are written here, so tests can read the codes the hub sends.
      HUB_MAIL_DIR: join(process.env.HUB_E2E_DATA_DIR, 'mail'),
      HUB_LOG: 'warn',
      // Each test comes from an address of its own (fixtures.ts sets X-Forwarded-For), as
      // people do: the limits per address (registrations, sign-in) count one person's tries,
      // not the whole suite's.
      HUB_TRUSTED_PROXY: 'true',
    },
  },
});
