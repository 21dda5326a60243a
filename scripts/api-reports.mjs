#!/usr/bin/env node
// API reports of the published packages (api-extractor), from the declarations
// `yarn tsc` writes to dist-types/. `node scripts/api-reports.mjs` updates each
// package's report.api.md; with --check it fails when a public API changed
// and its report was not updated (CI), so every API change shows in review.
import { Extractor, ExtractorConfig } from '@microsoft/api-extractor';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(new URL('..', import.meta.url).pathname);
const PACKAGES = [
  'plugins/status',
  'plugins/status-backend',
  'plugins/status-common',
  'plugins/status-node',
];
const check = process.argv.includes('--check');

let failed = false;
for (const dir of PACKAGES) {
  const entry = join(root, 'dist-types', dir, 'src/index.d.ts');
  if (!existsSync(entry)) {
    console.error(`${entry} is missing: run yarn tsc first`);
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
        reportTempFolder: join(root, 'dist-types', dir, 'api-report'),
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
