'use strict';

/**
 * Installs the repository's dependencies with `npm ci` when they are missing or older than the lock, so
 * `npm run demo` and `npm test` each work alone on a fresh clone. Uses nothing but Node: it runs before
 * anything is installed.
 */
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..', '..');
// npm writes this copy of the lock into node_modules at the end of every install.
const INSTALLED_LOCK = path.join(ROOT, 'node_modules', '.package-lock.json');
// A native addon whose build can fail on its own while the rest installs.
const SQLITE_ADDON = path.join(ROOT, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');

function installed() {
  if (!fs.existsSync(INSTALLED_LOCK) || !fs.existsSync(SQLITE_ADDON)) return false;
  return fs.statSync(INSTALLED_LOCK).mtimeMs >= fs.statSync(path.join(ROOT, 'package-lock.json')).mtimeMs;
}

function ensureDependencies(log = () => {}) {
  if (installed()) return false;
  log('Installing dependencies with npm ci (about 3 minutes and 860 MB on a cold npm cache; better-sqlite3 compiles from source)');
  const result = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: ROOT, stdio: 'inherit', env: process.env });
  if (result.status !== 0) {
    process.stderr.write(`"npm ci" failed with exit code ${result.status}\n`);
    process.exit(result.status ?? 1);
  }
  return true;
}

module.exports = { ensureDependencies };
