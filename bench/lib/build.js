'use strict';

/** The playground loads the plugin's built dist/, so a bench must never measure a build older than the source. */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { ROOT } = require('./playground');

const BUILT = path.join(ROOT, 'dist', 'server', 'index.js');
const SOURCE = path.join(ROOT, 'server', 'src');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** Runs `strapi-plugin build` (about 20 s) when dist/ is missing or older than any file in server/src. */
function ensurePluginBuilt() {
  if (fs.existsSync(BUILT) && fs.statSync(BUILT).mtimeMs >= newestMtime(SOURCE)) return false;
  console.log('Building the plugin (dist/ is missing or older than server/src) ...');
  const result = spawnSync('npx', ['--yes', 'strapi-plugin', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`strapi-plugin build failed with status ${result.status}`);
  return true;
}

module.exports = { ensurePluginBuilt };
