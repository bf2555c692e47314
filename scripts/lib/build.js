'use strict';

/**
 * Rebuilds only what is stale: the plugin's dist/ (about 20 s) from its sources, and the playground's admin
 * bundle (about a minute and 2 GB) from the plugin's admin and the playground's config. Shared by the demo,
 * the test runner, the browser tests and the bench.
 */
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const { ROOT, PLAYGROUND } = require('./playground');

const PLUGIN_ENTRY = path.join(ROOT, 'dist', 'server', 'index.js');
const ADMIN_ENTRY = path.join(PLAYGROUND, 'build', 'index.html');

/** Newest modification time of any file under the given paths (0 when none exists). */
function newest(paths) {
  let latest = 0;
  const visit = (target) => {
    if (!fs.existsSync(target)) return;
    const stat = fs.statSync(target);
    if (stat.isDirectory()) for (const entry of fs.readdirSync(target)) visit(path.join(target, entry));
    else latest = Math.max(latest, stat.mtimeMs);
  };
  paths.forEach(visit);
  return latest;
}

const isStale = (built, sources) => !fs.existsSync(built) || fs.statSync(built).mtimeMs < newest(sources);

/** `quiet` captures the tools' output and shows it only on failure (for use inside Jest). */
function run(args, cwd, { quiet = false } = {}) {
  const result = spawnSync('npx', ['--yes', ...args], {
    cwd,
    env: { ...process.env, STRAPI_TELEMETRY_DISABLED: 'true' },
    stdio: quiet ? 'pipe' : 'inherit',
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) {
    const output = quiet ? `\n${result.stdout}\n${result.stderr}` : '';
    throw new Error(`"npx ${args.join(' ')}" failed in ${cwd} (exit ${result.status})${output}`);
  }
}

/** Builds the plugin when dist/ is missing or older than its sources; says whether it built. */
function ensurePluginBuild({ log = () => {}, quiet = false } = {}) {
  const sources = ['shared', 'server/src', 'admin/src', 'client', 'element', 'react', 'content-types', 'package.json'].map((p) => path.join(ROOT, p));
  if (!isStale(PLUGIN_ENTRY, sources)) return false;
  log('Building the plugin (dist/ is missing or older than its sources)');
  run(['strapi-plugin', 'build'], ROOT, { quiet });
  // The same second step as `npm run build`: declarations of shared/, which the emitted ones import.
  run(['tsc', '-p', 'shared/tsconfig.types.json'], ROOT, { quiet });
  return true;
}

/** Builds the playground's admin panel, with the plugin's admin in it, when it is missing or stale. */
function ensureAdminBuild({ log = () => {}, quiet = false } = {}) {
  ensurePluginBuild({ log, quiet });
  const sources = [
    path.join(ROOT, 'admin', 'src'),
    path.join(ROOT, 'package.json'),
    path.join(PLAYGROUND, 'config'),
    path.join(PLAYGROUND, 'src', 'admin'),
    path.join(PLAYGROUND, 'package.json'),
  ];
  if (!isStale(ADMIN_ENTRY, sources)) return false;
  log('Building the admin panel (about a minute, once)');
  run(['strapi', 'build'], PLAYGROUND, { quiet });
  return true;
}

module.exports = { ensurePluginBuild, ensureAdminBuild };
