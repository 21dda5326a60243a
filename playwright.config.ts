import { defineConfig } from '@playwright/test';
import { generateProjects } from '@backstage/e2e-test-utils/playwright';

// Debian's Chromium, never a browser downloaded by Playwright.
const executablePath = process.env.STATUS_CHROMIUM_PATH ?? '/usr/bin/chromium';
const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const isCI = Boolean(process.env.CI);

export default defineConfig({
  timeout: 90_000,
  expect: { timeout: 30_000 },

  // The tests always get a portal: in CI one started here from a clean state,
  // locally the one already running on :3000/:7007 if there is one.
  webServer: [
    {
      command: 'yarn start backend',
      url: 'http://localhost:7007/.backstage/health/v1/readiness',
      reuseExistingServer: !isCI,
      timeout: 180_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      command: 'yarn start app',
      url: 'http://localhost:3000',
      reuseExistingServer: !isCI,
      timeout: 240_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
  ],

  forbidOnly: isCI,
  retries: isCI ? 1 : 0,
  workers: 1,

  reporter: [
    ['list'],
    ['json', { outputFile: 'e2e-test-report/results.json' }],
    ['html', { open: 'never', outputFolder: 'e2e-test-report/html' }],
  ],

  use: {
    baseURL: process.env.PLAYWRIGHT_URL ?? 'http://localhost:3000',
    actionTimeout: 30_000,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },

  outputDir: 'e2e-test-report/artifacts',

  projects: (generateProjects() ?? []).map(project => ({
    ...project,
    use: {
      ...project.use,
      channel: undefined,
      launchOptions: { executablePath, args: chromiumArgs },
    },
  })),
});
