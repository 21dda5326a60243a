import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from '../../playwright.config';

// The install check's browser tests: Debian's Chromium against the two
// scaffolded apps that scripts/install-check/run.sh builds and starts, the
// one on the new frontend system on :7007 and the legacy one on :7017.
export default defineConfig({
  testDir: './e2e',
  timeout: 120_000,
  expect: { timeout: 30_000 },
  forbidOnly: Boolean(process.env.CI),
  retries: process.env.CI ? 1 : 0,
  workers: 1,
  reporter: [
    ['list'],
    ['json', { outputFile: '../../e2e-test-report/install-check.json' }],
  ],
  outputDir: '../../e2e-test-report/install-check-artifacts',
  projects: [
    {
      name: 'new frontend system',
      testMatch: 'installedApp.test.ts',
      use: {
        baseURL: process.env.STATUS_BACKEND_URL ?? 'http://localhost:7007',
      },
    },
    {
      name: 'legacy frontend system',
      testMatch: 'legacyApp.test.ts',
      use: {
        baseURL:
          process.env.STATUS_LEGACY_BACKEND_URL ?? 'http://localhost:7017',
      },
    },
  ],
  use: {
    channel: undefined,
    actionTimeout: 30_000,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: chromiumLaunchOptions,
  },
});
