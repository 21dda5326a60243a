import { defineConfig } from '@playwright/test';
import base, { chromiumLaunchOptions } from './playwright.config';

// The browser benchmarks: the same portal and Chromium as the end-to-end
// tests, figures printed, nothing retried.
export default defineConfig({
  ...base,
  timeout: 300_000,
  retries: 0,
  reporter: [['list']],
  projects: [
    {
      name: 'bench',
      testDir: 'packages/app/bench',
      testMatch: '*.bench.ts',
      use: {
        ...base.use,
        viewport: { width: 1440, height: 900 },
        launchOptions: chromiumLaunchOptions,
      },
    },
  ],
});
