#!/usr/bin/env node
'use strict';

/**
 * `npm test`: unit tests, then the integration suites on every database named in TEST_DATABASES
 * (comma-separated: sqlite, postgres, mysql; default sqlite). Builds the plugin first when its dist/ is
 * stale, since one suite checks the built package. Extra arguments go to every Jest pass. Strapi's boot
 * banners and the error logs of the 4xx cases tests provoke are silenced unless TEST_VERBOSE=1. Ends with
 * one total line "N passed, N failed".
 */
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

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

function newest(target) {
  if (!fs.existsSync(target)) return 0;
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...fs.readdirSync(target).map((entry) => newest(path.join(target, entry))));
}

function ensureBuild() {
  const sources = Math.max(...['server/src', 'admin/src', 'content-types', 'package.json'].map((p) => newest(path.join(ROOT, p))));
  if (fs.existsSync(path.join(ROOT, 'dist/server/index.js')) && newest(path.join(ROOT, 'dist')) >= sources) return;
  process.stdout.write('[test] building the plugin (dist/ is stale)\n');
  const result = spawnSync('npx', ['--yes', 'strapi-plugin', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const total = { passed: 0, failed: 0, skipped: 0 };
let failedRuns = 0;

function jest(label, projects, env) {
  const summary = path.join(os.tmpdir(), `pv-summary-${process.pid}-${label}.json`);
  fs.rmSync(summary, { force: true });
  process.stdout.write(`\n[test] ${label}\n`);
  const result = spawnSync(
    process.execPath,
    [require.resolve('jest/bin/jest'), '--selectProjects', ...projects, '--runInBand', ...quiet, ...args],
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

ensureBuild();
databases.forEach((client, index) => {
  const projects = index === 0 ? ['unit', 'integration'] : ['integration'];
  jest(`${projects.join(' + ')} on ${client}`, projects, { DATABASE_CLIENT: client });
});

let line = `${total.passed} passed, ${total.failed} failed`;
if (total.skipped > 0) line += `, ${total.skipped} skipped`;
process.stdout.write(`\n${line}\n`);
process.exit(failedRuns > 0 || total.failed > 0 ? 1 : 0);
