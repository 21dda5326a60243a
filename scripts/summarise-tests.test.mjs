// node --test scripts/: the summary the test command ends with.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatSummary, summarise } from './summarise-tests.mjs';

const jest = {
  numPassedTests: 10,
  numFailedTests: 0,
  numPendingTests: 1,
  numTodoTests: 0,
  numRuntimeErrorTestSuites: 0,
};
const playwright = (flakyTitle, stats) => ({
  stats: { expected: 3, unexpected: 0, flaky: 0, skipped: 0, ...stats },
  errors: [],
  suites: [
    {
      title: 'statusTab.test.ts',
      specs: [],
      suites: [
        {
          title: 'Status tab',
          specs: [
            { title: 'shows the path', tests: [{ status: 'expected' }] },
            { title: flakyTitle, tests: [{ status: 'flaky' }] },
          ],
        },
      ],
    },
  ],
});

test('names flaky end-to-end tests apart from those that passed at once', () => {
  const summary = summarise([
    { file: 'unit.json', report: jest },
    {
      file: 'results.json',
      report: playwright('names who is on call', { flaky: 1 }),
    },
  ]);
  assert.deepEqual(summary.totals, {
    passed: 13,
    failed: 0,
    skipped: 1,
    flaky: 1,
  });
  assert.deepEqual(formatSummary(summary), [
    'Flaky (passed only on a retry): 1',
    '  flaky: statusTab.test.ts › Status tab › names who is on call',
    '13 passed, 0 failed, 1 skipped, 1 flaky',
  ]);
});

test('counts a missing report and a runner error as failures', () => {
  const summary = summarise([
    { file: 'unit.json', report: undefined },
    {
      file: 'results.json',
      report: { ...playwright('x', {}), errors: [{ message: 'no server' }] },
    },
  ]);
  assert.equal(summary.totals.failed, 2);
  assert.deepEqual(summary.problems, ['no readable test report at unit.json']);
  assert.equal(
    formatSummary(summary).at(-1),
    '3 passed, 2 failed, 0 skipped, 0 flaky',
  );
});
