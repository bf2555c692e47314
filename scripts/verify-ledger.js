#!/usr/bin/env node
'use strict';

/**
 * npm run verify-ledger
 *
 * Walks the acceptance ledger's hash chain in the playground's database (the one its config and .env name)
 * and prints "all N records and K checkpoints verify" or the first broken or missing link or log problem. Exit code 0 when the chain
 * verifies, 1 when it does not or cannot be read. Uses the built plugin unless POLICY_VERSIONS_PLUGIN_PATH
 * points the playground at another copy.
 */
const { withPlayground } = require('./lib/playground');

withPlayground(async (strapi) => {
  const ledgerAdmin = strapi.plugin('policy-versions').service('ledger-admin');
  const result = await ledgerAdmin.verify();
  process.stdout.write(`${ledgerAdmin.describeVerification(result)}\n`);
  process.exitCode = result.ok ? 0 : 1;
}).catch((error) => {
  process.stderr.write(`Verification failed to run: ${error.message}\n`);
  process.exitCode = 1;
});
