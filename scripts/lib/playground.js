'use strict';

const fs = require('fs');
const path = require('path');
const { appSecrets, signingSecret } = require('./secrets');

const ROOT = path.resolve(__dirname, '..', '..');
const PLAYGROUND = path.join(ROOT, 'playground');

/**
 * Writes playground/.env with fresh secrets on first use; it is git-ignored and never committed. A .env from
 * before receipts were signed gets a signing key added once, and keeps it: receipts it signs must stay verifiable.
 */
function ensurePlaygroundEnv(log = () => {}) {
  const envFile = path.join(PLAYGROUND, '.env');
  if (fs.existsSync(envFile)) {
    const text = fs.readFileSync(envFile, 'utf8');
    if (/^\s*POLICY_VERSIONS_SIGNING_KEY\s*=/m.test(text)) return;
    log('Adding a receipt signing key to playground/.env');
    const [[name, value]] = Object.entries(signingSecret());
    fs.writeFileSync(envFile, `${text.replace(/\n?$/, '\n')}${name}=${value}\n`, { mode: 0o600 });
    return;
  }
  log('Writing playground/.env with fresh secrets');
  const lines = Object.entries(appSecrets()).map(([name, value]) => `${name}=${value}`);
  fs.writeFileSync(envFile, `${lines.join('\n')}\n`, { mode: 0o600 });
}

/**
 * For scripts that boot the playground with createStrapi() rather than Strapi's CLI, which is what reads
 * .env: copies playground/.env into process.env, without overriding variables already set.
 */
function loadPlaygroundEnv() {
  ensurePlaygroundEnv();
  const text = fs.readFileSync(path.join(PLAYGROUND, '.env'), 'utf8');
  for (const line of text.split('\n')) {
    const match = /^\s*([A-Z0-9_]+)\s*=\s*(.*?)\s*$/.exec(line);
    if (match && process.env[match[1]] === undefined) process.env[match[1]] = match[2];
  }
}

/**
 * Boots the playground (its database, the built plugin unless POLICY_VERSIONS_PLUGIN_PATH names another
 * copy) without an HTTP server, runs `work(strapi)` and shuts Strapi down again: for the command-line tools.
 */
async function withPlayground(work) {
  if (!process.env.POLICY_VERSIONS_PLUGIN_PATH && !fs.existsSync(path.join(ROOT, 'dist', 'server', 'index.js'))) {
    process.stderr.write('The plugin is not built yet: run "npm run build" (or "npm run demo" once).\n');
    process.exit(2);
  }
  loadPlaygroundEnv();
  const { createStrapi } = require('@strapi/strapi');
  const strapi = await createStrapi({ appDir: PLAYGROUND, distDir: PLAYGROUND }).load();
  strapi.log.level = 'warn';
  try {
    return await work(strapi);
  } finally {
    await strapi.destroy();
  }
}

module.exports = { ROOT, PLAYGROUND, ensurePlaygroundEnv, withPlayground };
