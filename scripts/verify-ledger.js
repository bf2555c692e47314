#!/usr/bin/env node
'use strict';

/**
 * npm run verify-ledger
 *
 * Walks the acceptance ledger's hash chain in the playground's database (the one its config and .env name)
 * and prints "all N records verify" or the first broken or missing link. Exit code 0 when the chain
 * verifies, 1 when it does not or cannot be read. Uses the built plugin unless POLICY_VERSIONS_PLUGIN_PATH
 * points the playground at another copy.
 */
const fs = require('fs');
const path = require('path');
const { ROOT, PLAYGROUND, loadPlaygroundEnv } = require('./lib/playground');

async function main() {
  if (!process.env.POLICY_VERSIONS_PLUGIN_PATH && !fs.existsSync(path.join(ROOT, 'dist', 'server', 'index.js'))) {
    process.stderr.write('The plugin is not built yet: run "npm run build" (or "npm run demo" once).\n');
    process.exit(1);
  }
  loadPlaygroundEnv();
  const { createStrapi } = require('@strapi/strapi');
  const strapi = await createStrapi({ appDir: PLAYGROUND, distDir: PLAYGROUND }).load();
  strapi.log.level = 'warn';
  try {
    const ledgerAdmin = strapi.plugin('policy-versions').service('ledger-admin');
    const result = await ledgerAdmin.verify();
    process.stdout.write(`${ledgerAdmin.describeVerification(result)}\n`);
    process.exitCode = result.ok ? 0 : 1;
  } catch (error) {
    process.stderr.write(`Verification failed to run: ${error.message}\n`);
    process.exitCode = 1;
  } finally {
    await strapi.destroy();
  }
}

main();
