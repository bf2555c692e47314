#!/usr/bin/env node
'use strict';

/**
 * npm run openapi: writes docs/openapi.json, the OpenAPI 3.1 document of the public and end-user routes,
 * from their contracts (server/src/openapi). A unit test fails while the file differs from the contracts.
 */
const fs = require('fs');
const path = require('path');

// The contracts are TypeScript, read from source so no build is needed.
require('tsx/cjs/api').register();
const { pluginDocument } = require('../server/src/openapi');
const { documentProblems } = require('../server/src/openapi/check');

const FILE = path.resolve(__dirname, '..', 'docs', 'openapi.json');

const document = pluginDocument();
const problems = documentProblems(document);
if (problems.length) {
  process.stderr.write(`The generated document is not valid OpenAPI 3.1:\n${problems.map((line) => `  ${line}`).join('\n')}\n`);
  process.exit(1);
}
fs.writeFileSync(FILE, `${JSON.stringify(document, null, 2)}\n`);
process.stdout.write(`${path.relative(process.cwd(), FILE)}: ${Object.keys(document.paths).length} paths\n`);
