#!/usr/bin/env node
'use strict';

/**
 * npm run evidence-pack -- --subject <id> [--format json|html|pdf] [--locale ru|kk|en] [--out <file>]
 *
 * Assembles one subject's evidence pack from the playground's database (the one its config and .env name), as the
 * admin route does, and writes it (json, the default) or its report (html, pdf) to --out or stdout. The verifier's
 * verdict goes to stderr. Exit code 0 when the pack was written, 1 on an error. Uses the built plugin unless
 * POLICY_VERSIONS_PLUGIN_PATH points the playground at another copy. See docs/evidence-pack.md.
 */
const fs = require('fs');
const { parseArgs } = require('util');
const { withPlayground } = require('./lib/playground');

const USAGE = 'usage: npm run evidence-pack -- --subject <id> [--format json|html|pdf] [--locale ru|kk|en] [--out <file>]';

function options() {
  const { values } = parseArgs({
    options: { subject: { type: 'string' }, format: { type: 'string', default: 'json' }, locale: { type: 'string', default: 'ru' }, out: { type: 'string' } },
  });
  if (!values.subject) throw new Error(`--subject is required\n${USAGE}`);
  if (!['json', 'html', 'pdf'].includes(values.format)) throw new Error(`--format must be json, html or pdf\n${USAGE}`);
  if (!['ru', 'kk', 'en'].includes(values.locale)) throw new Error(`--locale must be ru, kk or en\n${USAGE}`);
  return values;
}

async function main() {
  const { subject, format, locale, out } = options();
  await withPlayground(async (strapi) => {
    const document = await strapi.plugin('policy-versions').service('evidence-pack').document(subject, format, locale);
    if (out) fs.writeFileSync(out, document.body);
    else process.stdout.write(document.body);
    process.stderr.write(`${document.report.summary}${out ? ` (written to ${out})` : ''}\n`);
  });
}

main().catch((error) => {
  process.stderr.write(`The evidence pack could not be made: ${error.message}\n`);
  process.exitCode = 1;
});
