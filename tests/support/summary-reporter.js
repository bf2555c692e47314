'use strict';

const fs = require('fs');

// CI reads a plain "N passed, N failed" line on stdout; Jest's own summary goes to stderr. When
// scripts/test.js runs several Jest passes it asks for the counts in a file, to print one total line.
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const counts = {
      passed: results.numPassedTests,
      failed: results.numFailedTests + results.numRuntimeErrorTestSuites,
      skipped: results.numPendingTests + results.numTodoTests,
    };
    let line = `${counts.passed} passed, ${counts.failed} failed`;
    if (counts.skipped > 0) line += `, ${counts.skipped} skipped`;
    process.stdout.write(`${line}\n`);
    if (process.env.PV_SUMMARY_FILE) fs.writeFileSync(process.env.PV_SUMMARY_FILE, JSON.stringify(counts));
  }
}

module.exports = SummaryReporter;
