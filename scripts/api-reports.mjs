#!/usr/bin/env node
// API reports of the published packages (api-extractor). `node
// scripts/api-reports.mjs` updates each package's report.api.md; with --check
// it fails when a public API changed and its report was not updated (CI), so
// every API change shows in review. The declarations are compiled afresh
// (dist-types/.api-reports): an incremental build can print the members of an
// inferred type in another order, which would look like a change.
import { Extractor, ExtractorConfig } from '@microsoft/api-extractor';
import { execFileSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(new URL('..', import.meta.url).pathname);
// inside the repository, so the declarations resolve node_modules (React's JSX)
const declarations = join(root, 'dist-types', '.api-reports');
rmSync(declarations, { recursive: true, force: true });
process.on('exit', () =>
  rmSync(declarations, { recursive: true, force: true }),
);
execFileSync(
  process.execPath,
  [
    join(root, 'node_modules/typescript/bin/tsc'),
    '-p',
    join(root, 'tsconfig.json'),
    '--incremental',
    'false',
    '--outDir',
    declarations,
  ],
  { stdio: 'inherit' },
);
const PACKAGES = [
  'plugins/status',
  'plugins/status-backend',
  'plugins/status-common',
  'plugins/status-node',
  'plugins/catalog-backend-module-status',
  'plugins/notifications-backend-module-msteams',
];
const check = process.argv.includes('--check');

let failed = false;
for (const dir of PACKAGES) {
  const entry = join(declarations, dir, 'src/index.d.ts');
  if (!existsSync(entry)) {
    console.error(`${entry} is missing: the declarations were not compiled`);
    process.exit(1);
  }
  const config = ExtractorConfig.prepare({
    configObject: {
      projectFolder: join(root, dir),
      mainEntryPointFilePath: entry,
      compiler: { tsconfigFilePath: join(root, 'tsconfig.json') },
      apiReport: {
        enabled: true,
        reportFolder: join(root, dir),
        reportFileName: 'report.api.md',
        reportTempFolder: join(declarations, dir, 'api-report'),
      },
      docModel: { enabled: false },
      dtsRollup: { enabled: false },
      tsdocMetadata: { enabled: false },
      messages: {
        // a report is about the shape of the API; missing docs are linted elsewhere
        extractorMessageReporting: {
          'ae-missing-release-tag': { logLevel: 'none' },
          'ae-forgotten-export': { logLevel: 'none' },
        },
        tsdocMessageReporting: { default: { logLevel: 'none' } },
        compilerMessageReporting: { default: { logLevel: 'warning' } },
      },
    },
    configObjectFullPath: join(root, dir, 'api-extractor.json'),
    packageJsonFullPath: join(root, dir, 'package.json'),
  });
  const result = Extractor.invoke(config, {
    localBuild: !check,
    showVerboseMessages: false,
    messageCallback: message => {
      // the report's own notice is printed below, once per package
      if (message.messageId === 'console-api-report-changed')
        message.handled = true;
    },
  });
  if (result.apiReportChanged && check) {
    failed = true;
    console.error(
      `${dir}: its public API changed; run node scripts/api-reports.mjs and commit ${dir}/report.api.md`,
    );
  } else if (!result.succeeded && !result.apiReportChanged) {
    failed = true;
    console.error(`${dir}: api-extractor failed (${result.errorCount} errors)`);
  } else {
    console.log(
      `${dir}: report.api.md ${
        result.apiReportChanged ? 'updated' : 'up to date'
      }`,
    );
  }
}
if (failed) process.exit(1);
