#!/usr/bin/env node
'use strict';

/**
 * npm run import -- FILE --policy KEY --locale LOCALE [--title TITLE] [--draft DOCUMENT_ID] [--format text|markdown]
 *
 * Turns a plain-text or Markdown policy into the body of a draft version (a new draft unless --draft names
 * one) in the playground's database, through the plugin's importer service. The plugin must be built.
 */
const fs = require('fs');
const path = require('path');
const { withPlayground } = require('./lib/playground');

const USAGE = 'usage: npm run import -- FILE --policy KEY --locale ru|kk|kz|en [--title TITLE] [--draft DOCUMENT_ID] [--format text|markdown]';

function parseArgs(argv) {
  const options = { files: [] };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (!arg.startsWith('--')) options.files.push(arg);
    else if (['--policy', '--locale', '--title', '--draft', '--format'].includes(arg) && argv[i + 1] !== undefined) {
      options[arg.slice(2)] = argv[(i += 1)];
    } else throw new Error(`unknown or incomplete option ${arg}`);
  }
  if (options.files.length !== 1 || !options.policy || !options.locale) throw new Error('FILE, --policy and --locale are required');
  return options;
}

async function main() {
  let options;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${error.message}\n${USAGE}\n`);
    process.exit(2);
  }
  const file = path.resolve(process.env.INIT_CWD || process.cwd(), options.files[0]);
  if (!fs.existsSync(file)) {
    process.stderr.write(`No such file: ${file}\n`);
    process.exit(2);
  }
  await withPlayground(async (strapi) => {
    // Through the import route's own controller, so the file meets the very checks of the HTTP route
    // (unknown policy, locale tag, kz for kk, empty or oversized text), with their messages shown as they are.
    const format = options.format || (/\.(md|markdown)$/i.test(file) ? 'markdown' : 'text');
    const ctx = {
      params: { key: options.policy },
      query: {},
      request: {
        body: {
          text: fs.readFileSync(file, 'utf8'),
          format,
          locale: options.locale,
          ...(options.title ? { title: options.title } : {}),
          ...(options.draft ? { documentId: options.draft } : {}),
        },
      },
      get: () => '',
    };
    await strapi.plugin('policy-versions').controller('admin-policies').importText(ctx);
    const draft = ctx.body.data;
    const locale = Object.keys(draft.locales).find((code) => draft.locales[code].body);
    process.stdout.write(
      `Imported ${path.basename(file)} (${format}) into draft ${draft.documentId} of "${options.policy}" ` +
        `(${locale}: ${draft.locales[locale].body.length} characters of Markdown).\n`
    );
  }).catch((error) => {
    process.stderr.write(`Import refused: ${error.message}\n`);
    process.exitCode = 1;
  });
}

main();
