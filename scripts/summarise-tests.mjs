// Sums the Jest and Playwright JSON reports given as arguments and prints the
// flaky end-to-end tests by name, then one closing line:
// "N passed, N failed, N skipped, N flaky". A flaky test passed only on a
// retry: it does not fail the run, but it is counted and named apart from the
// tests that passed at once. A missing or unreadable report counts as a
// failure: a runner that wrote no report did not pass.
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';

/** The tests of a Playwright report, with their file and title path. */
function* playwrightTests(suite, titles = []) {
  const here = suite.title ? [...titles, suite.title] : titles;
  for (const spec of suite.specs ?? []) {
    for (const test of spec.tests ?? []) {
      yield { name: [...here, spec.title].join(' › '), status: test.status };
    }
  }
  for (const child of suite.suites ?? []) yield* playwrightTests(child, here);
}

/**
 * Sums parsed reports (or `undefined` for a report that is missing).
 * Returns the totals, the names of flaky tests and the problems found.
 */
export function summarise(reports) {
  const totals = { passed: 0, failed: 0, skipped: 0, flaky: 0 };
  const flakyTests = [];
  const problems = [];
  for (const { file, report } of reports) {
    if (!report) {
      problems.push(`no readable test report at ${file}`);
      totals.failed += 1;
    } else if ('numPassedTests' in report) {
      // Jest runs each test once
      totals.passed += report.numPassedTests;
      totals.failed +=
        report.numFailedTests + (report.numRuntimeErrorTestSuites ?? 0);
      totals.skipped += report.numPendingTests + (report.numTodoTests ?? 0);
    } else if (report.stats) {
      // Playwright: expected = passed at once, flaky = passed on a retry
      totals.passed += report.stats.expected;
      totals.flaky += report.stats.flaky;
      totals.failed += report.stats.unexpected + (report.errors ?? []).length;
      totals.skipped += report.stats.skipped;
      for (const suite of report.suites ?? []) {
        for (const test of playwrightTests(suite)) {
          if (test.status === 'flaky') flakyTests.push(test.name);
        }
      }
    } else {
      problems.push(`${file} is neither a Jest nor a Playwright report`);
      totals.failed += 1;
    }
  }
  return { totals, flakyTests, problems };
}

/** The lines to print: the flaky tests by name, then the totals. */
export function formatSummary({ totals, flakyTests }) {
  const lines = [];
  if (flakyTests.length) {
    lines.push(`Flaky (passed only on a retry): ${flakyTests.length}`);
    for (const name of flakyTests) lines.push(`  flaky: ${name}`);
  }
  lines.push(
    `${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped, ${totals.flaky} flaky`,
  );
  return lines;
}

function readReport(file) {
  if (!fs.existsSync(file)) return undefined;
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const summary = summarise(
    process.argv.slice(2).map(file => ({ file, report: readReport(file) })),
  );
  for (const problem of summary.problems) console.error(problem);
  for (const line of formatSummary(summary)) console.log(line);
  const { passed, failed, flaky } = summary.totals;
  process.exitCode = failed > 0 || passed + flaky === 0 ? 1 : 0;
}
