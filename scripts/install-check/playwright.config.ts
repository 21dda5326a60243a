import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from '../../playwright.config';

// The install check's browser test: Debian's Chromium against the scaffolded
// app that scripts/install-check/run.sh builds and starts on :7007.
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
  use: {
    baseURL: process.env.STATUS_BACKEND_URL ?? 'http://localhost:7007',
    channel: undefined,
    actionTimeout: 30_000,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: chromiumLaunchOptions,
  },
});
