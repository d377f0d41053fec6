/**
 * A wtr reporter that writes `{"passed":N,"failed":N}` to `outputFile` when a test run finishes,
 * so a calling script learns the counts without parsing the console. Counts individual tests,
 * nested suites included; skipped tests are in neither number. A test file that failed without
 * reporting a failing test (it did not load, or an error escaped the tests) counts as one failure,
 * so a broken file can never look like a green run.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** @param {{ tests: { passed: boolean; skipped: boolean }[]; suites: any[] } | undefined} suite */
function countSuite(suite) {
  const counts = { passed: 0, failed: 0 };
  if (!suite) return counts;
  for (const test of suite.tests) {
    if (test.skipped) continue;
    if (test.passed) counts.passed++;
    else counts.failed++;
  }
  for (const child of suite.suites) {
    const inner = countSuite(child);
    counts.passed += inner.passed;
    counts.failed += inner.failed;
  }
  return counts;
}

/**
 * @param {readonly { passed?: boolean; testResults?: any }[]} sessions
 * @returns {{ passed: number; failed: number }}
 */
export function countResults(sessions) {
  const total = { passed: 0, failed: 0 };
  for (const session of sessions) {
    const counts = countSuite(session.testResults);
    if (session.passed === false && counts.failed === 0) counts.failed = 1;
    total.passed += counts.passed;
    total.failed += counts.failed;
  }
  return total;
}

/** @param {{ outputFile?: string }} [options] */
export function countReporter({ outputFile } = {}) {
  return {
    /** @param {{ sessions: readonly { passed?: boolean; testResults?: any }[] }} args */
    onTestRunFinished({ sessions }) {
      if (!outputFile) return;
      mkdirSync(dirname(outputFile), { recursive: true });
      writeFileSync(outputFile, `${JSON.stringify(countResults(sessions))}\n`);
    },
  };
}
