import { defineConfig } from '@playwright/test';
import { generateProjects } from '@backstage/e2e-test-utils/playwright';

/**
 * Debian's Chromium, never a browser downloaded by Playwright; shared by the
 * end-to-end tests, the browser benchmarks and the install check.
 */
export const chromiumLaunchOptions = {
  executablePath: process.env.STATUS_CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};
const isCI = Boolean(process.env.CI);

// Each run's backend starts on empty databases of its own (removed before it
// starts; .data is ignored by git), so that what an earlier run recorded
// (transitions, history) never decides what this one sees.
const e2eData = '.data/e2e-sqlite';

// By default the tests run against the production build of the app, served by
// the backend on :7007 as in a deployment: built in ~20 s, its pages load in
// ~2 s where the development server's take ~8 s. PLAYWRIGHT_URL points them at
// a portal that is already running instead (e.g. `yarn start` on :3000).
const runningPortal = process.env.PLAYWRIGHT_URL;
const backendUrl = 'http://localhost:7007';

export default defineConfig({
  timeout: 90_000,
  expect: { timeout: 30_000 },

  webServer: runningPortal
    ? undefined
    : {
        command: `rm -rf ${e2eData} && yarn workspace app build && yarn start backend`,
        // the backend serves the app built above, at its own address
        env: {
          APP_CONFIG_app_baseUrl: backendUrl,
          // relative to packages/backend, as in app-config.yaml
          APP_CONFIG_backend_database_connection_directory: `../../${e2eData}`,
        },
        url: `${backendUrl}/.backstage/health/v1/readiness`,
        // never a server left running from an earlier build
        reuseExistingServer: false,
        timeout: 240_000,
        stdout: 'ignore',
        stderr: 'pipe',
      },

  forbidOnly: isCI,
  retries: isCI ? 1 : 0,
  workers: 1,

  reporter: [
    ['list'],
    ['json', { outputFile: 'e2e-test-report/results.json' }],
    ['html', { open: 'never', outputFolder: 'e2e-test-report/html' }],
  ],

  use: {
    baseURL: runningPortal ?? backendUrl,
    actionTimeout: 30_000,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },

  outputDir: 'e2e-test-report/artifacts',

  // Each package's tests, then (a project depending on them) the tests in
  // e2e-tests/afterTheOutage, which resolve the demo's outage the others read.
  projects: (generateProjects() ?? []).flatMap(project => {
    const use = {
      ...project.use,
      channel: undefined,
      launchOptions: chromiumLaunchOptions,
    };
    return [
      { ...project, use, testIgnore: '**/afterTheOutage/**' },
      {
        name: `${project.name}-after-the-outage`,
        testDir: `${project.testDir}/afterTheOutage`,
        dependencies: [project.name!],
        use,
      },
    ];
  }),
});
