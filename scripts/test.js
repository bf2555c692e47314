#!/usr/bin/env node
'use strict';

/**
 * `npm test`: unit tests and the admin panel's browser tests, then the integration suites on every
 * database named in TEST_DATABASES (comma-separated: sqlite, postgres, mysql; default sqlite). Builds the plugin first when its dist/ is
 * stale, since one suite checks the built package. Extra arguments go to every Jest pass. Strapi's boot
 * banners and the error logs of the 4xx cases tests provoke are silenced unless TEST_VERBOSE=1. Ends with
 * one total line "N passed, N failed". Installs the dependencies first when they are missing (a fresh clone).
 * Suites marked @shared-fixtures read ../shared/fixtures/policies: where that folder is absent they are
 * skipped, and the output names them; under CI=true its absence is an error instead.
 */
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { ensurePluginBuild } = require('./lib/build');
const { ensureChromium } = require('./lib/chromium');
const { ensureDependencies } = require('./lib/install');

const ROOT = path.resolve(__dirname, '..');
const args = process.argv.slice(2);
const quiet = process.env.TEST_VERBOSE === '1' ? [] : ['--silent'];
const databases = (process.env.TEST_DATABASES || process.env.DATABASE_CLIENT || 'sqlite')
  .split(',')
  .map((name) => name.trim())
  .filter(Boolean);

for (const name of databases) {
  if (!['sqlite', 'postgres', 'mysql'].includes(name)) {
    process.stderr.write(`TEST_DATABASES: unknown database "${name}" (use sqlite, postgres, mysql)\n`);
    process.exit(2);
  }
}

const FIXTURES = path.resolve(ROOT, '..', 'shared', 'fixtures', 'policies');
const FIXTURE_MARK = '@shared-fixtures';

/** Test files that declare they read the shared fixtures (the mark in their first lines). */
function fixtureSuites() {
  const found = [];
  const visit = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(file);
      else if (entry.name.endsWith('.test.ts') && fs.readFileSync(file, 'utf8').slice(0, 400).includes(FIXTURE_MARK)) found.push(file);
    }
  };
  visit(path.join(ROOT, 'tests'));
  return found.sort();
}

const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Jest arguments that leave out the fixture suites when ../shared is not beside this clone. */
function fixtureExclusions() {
  if (fs.existsSync(FIXTURES)) return [];
  if (process.env.CI === 'true') {
    process.stderr.write(`[test] CI=true but ${FIXTURES} is missing: the fixture suites must run in CI.\n`);
    process.exit(1);
  }
  const suites = fixtureSuites();
  process.stdout.write(
    `[test] ${FIXTURES} is absent: skipping the ${suites.length} suites that read its real policies:\n` +
      suites.map((file) => `[test]   ${path.relative(ROOT, file)}\n`).join('')
  );
  // One argument, so that test paths given after it are not read as more patterns.
  return [`--testPathIgnorePatterns=${['/node_modules/', ...suites.map(escapeRegExp)].join('|')}`];
}

const total = { passed: 0, failed: 0, skipped: 0 };
let failedRuns = 0;

function jest(label, projects, env, exclusions) {
  const summary = path.join(os.tmpdir(), `pv-summary-${process.pid}-${label}.json`);
  fs.rmSync(summary, { force: true });
  process.stdout.write(`\n[test] ${label}\n`);
  const result = spawnSync(
    process.execPath,
    [require.resolve('jest/bin/jest'), '--selectProjects', ...projects, '--runInBand', ...exclusions, ...quiet, ...args],
    { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...env, PV_SUMMARY_FILE: summary } }
  );
  if (fs.existsSync(summary)) {
    const counts = JSON.parse(fs.readFileSync(summary, 'utf8'));
    for (const key of Object.keys(total)) total[key] += counts[key];
    fs.rmSync(summary);
  } else {
    total.failed += 1; // Jest died before reporting: count the whole pass as a failure.
  }
  if (result.status !== 0) failedRuns += 1;
}

const log = (message) => process.stdout.write(`[test] ${message}\n`);
ensureDependencies(log);
ensurePluginBuild({ log });
ensureChromium(log);
const exclusions = fixtureExclusions();
databases.forEach((client, index) => {
  const projects = index === 0 ? ['unit', 'integration', 'browser'] : ['integration'];
  jest(`${projects.join(' + ')} on ${client}`, projects, { DATABASE_CLIENT: client }, exclusions);
});

let line = `${total.passed} passed, ${total.failed} failed`;
if (total.skipped > 0) line += `, ${total.skipped} skipped`;
process.stdout.write(`\n${line}\n`);
process.exit(failedRuns > 0 || total.failed > 0 ? 1 : 0);
