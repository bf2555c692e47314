#!/usr/bin/env node
'use strict';

// Verifies a policy-versions evidence pack offline: policy-versions-verify <evidence.json> [--key <key>]... [--json]
const fs = require('node:fs');
const { main } = require('../dist/verify/index.js');

main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  readFile: (file) => fs.promises.readFile(file),
}).then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`policy-versions-verify: ${error && error.stack ? error.stack : error}\n`);
    process.exit(2);
  }
);
