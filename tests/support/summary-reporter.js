'use strict';

// CI reads a plain "N passed, N failed" line on stdout; Jest's own summary goes to stderr.
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    let line = `${results.numPassedTests} passed, ${failed} failed`;
    if (skipped > 0) line += `, ${skipped} skipped`;
    process.stdout.write(`${line}\n`);
  }
}

module.exports = SummaryReporter;
