import { z } from '@strapi/utils';
import { listPolicies, localeTag, policyKeyParam, policyLocale, versionNumberParam } from './policies';
import { defineRoute, errorResponse, isoInstant } from './route';
import { documentIdParam, versionState } from './versions';

/**
 * Public, JSON-serialisable shape of a policy diff (schema 1), and the two routes that answer with it.
 *
 * The result is lossless: every character of both inputs is held in exactly one
 * place (`lead`, a block side's `text` or `sep`), so `oldText(result)` and
 * `newText(result)` give back the inputs byte for byte.
 */

const blockType = z.enum(['heading', 'list-item', 'paragraph']).describe('Markdown structure of a block, enough to render it recognisably');

export const blockSide = z
  .object({
    index: z.number().int().min(0).describe('0-based position of the block among the blocks of its own text'),
    text: z.string().describe('Exact source text of the block, without the line break that ends it'),
    sep: z
      .string()
      .describe(
        'Exact whitespace between this block and the next one (or the end of the text): `"\\n"` between list items, ' +
          '`"\\n\\n"` between paragraphs, `""` at the very end. A change here alone does not make a block changed.'
      ),
    type: blockType,
    level: z.number().int().min(1).max(6).optional().describe("Heading level 1-6, only for `type: 'heading'`"),
    clause: z
      .string()
      .optional()
      .describe('Clause number as written, e.g. `"1."`, `"1.1"`, `"1.1.1."`, `"2.4."`, `"1.1\\\\."`, `"3)"`. Absent when the block does not start with one.'),
  })
  .describe('One block (heading, list item, clause or paragraph) as it stands in one of the two texts');

export const wordOp = z
  .object({ op: z.enum(['equal', 'insert', 'delete']), text: z.string() })
  .describe('A piece of a changed block: kept, inserted or deleted text (whitespace included, exact)');

const blockKind = z
  .enum(['unchanged', 'renumbered', 'changed', 'inserted', 'deleted', 'moved', 'moved-changed'])
  .describe(
    'How a block of the new text relates to the old text:\n' +
      '- `unchanged`: same text (the separator after it may differ);\n' +
      '- `renumbered`: same text once the clause number is removed, different number;\n' +
      '- `changed`: edited in place (paired by position and similarity);\n' +
      '- `inserted` / `deleted`: only in the new / old text;\n' +
      '- `moved`: same text (up to the clause number) at another place;\n' +
      '- `moved-changed`: edited and moved.'
  );

export const diffBlock = z.object({
  kind: blockKind,
  old: blockSide.optional().describe('The block in the old text; absent for `inserted`'),
  new: blockSide.optional().describe('The block in the new text; absent for `deleted`'),
  words: z
    .array(wordOp)
    .optional()
    .describe(
      'Word-level operations turning `old.text` into `new.text`, for `changed`, `moved-changed`, `renumbered` and a `moved` block ' +
        'whose number changed. Equal + delete ops spell `old.text`, equal + insert ops spell `new.text`.'
    ),
  coarse: z
    .boolean()
    .optional()
    .describe(
      'True when the word diff was too costly (block too long, or a time budget ran out) and `words` is the whole old text deleted and the whole new text inserted'
    ),
});

const count = (description: string) => z.number().int().min(0).describe(description);

export const diffSummary = z
  .object({
    added: count('Blocks only in the new text'),
    removed: count('Blocks only in the old text'),
    changed: count('Blocks edited in place'),
    moved: count('Blocks moved, edited or not (`moved` + `moved-changed`)'),
    renumbered: count('Blocks whose only change is their clause number'),
    unchanged: count('Blocks with the same text'),
    wordsInserted: count(
      "Words (as the locale's `Intl.Segmenter` sees them) in inserted text: insert ops of changed blocks plus whole inserted blocks. " +
        'Clause numbers changed by renumbering are not counted.'
    ),
    wordsDeleted: count('Same as `wordsInserted`, for deleted text'),
    coarse: count('Blocks whose `words` are coarse (see `DiffBlock.coarse`), plus 1 if the block alignment was cut short'),
  })
  .describe('Counts for a change log line or an e-mail to users');

export const diffResult = z
  .object({
    schema: z.literal(1),
    locale: policyLocale,
    summary: diffSummary,
    lead: z.object({ old: z.string(), new: z.string() }).describe('Whitespace before the first block of each text (usually empty)'),
    blocks: z
      .array(diffBlock)
      .describe(
        "Blocks in reading order: the new text's order, with deleted blocks where they stood in the old text. " +
          'A moved block appears once, where it now stands; `old.index` says where it came from.'
      ),
  })
  .describe('A lossless diff: every character of both texts is in exactly one place (`lead`, a block side\'s `text` or `sep`)');

export type BlockType = z.infer<typeof blockType>;
export type BlockSide = z.infer<typeof blockSide>;
export type WordOp = z.infer<typeof wordOp>;
export type BlockKind = z.infer<typeof blockKind>;
export type DiffBlock = z.infer<typeof diffBlock>;
export type DiffSummary = z.infer<typeof diffSummary>;
export type DiffResult = z.infer<typeof diffResult>;

const versionRef = z.object({ version: z.number().int(), effectiveAt: isoInstant });
const recordRef = z.object({
  documentId: z.string(),
  version: z.number().int().nullable().describe('Null for a draft'),
  state: versionState,
});

const badRequest = { description: 'A parameter is not valid', schema: errorResponse };

// The two texts of the example: one clause edited, one added.
const EXAMPLE_DIFF: DiffResult = {
  schema: 1,
  locale: 'en',
  summary: { added: 1, removed: 0, changed: 1, moved: 0, renumbered: 0, unchanged: 1, wordsInserted: 8, wordsDeleted: 1, coarse: 0 },
  lead: { old: '', new: '' },
  blocks: [
    {
      kind: 'unchanged',
      old: { index: 0, text: '## 1. Retention', sep: '\n\n', type: 'heading', level: 2, clause: '1.' },
      new: { index: 0, text: '## 1. Retention', sep: '\n\n', type: 'heading', level: 2, clause: '1.' },
    },
    {
      kind: 'changed',
      old: { index: 1, text: '1.1. Data is kept for three years.', sep: '\n', type: 'paragraph', clause: '1.1.' },
      new: { index: 1, text: '1.1. Data is kept for five years.', sep: '\n\n', type: 'paragraph', clause: '1.1.' },
      words: [
        { op: 'equal', text: '1.1. Data is kept for ' },
        { op: 'delete', text: 'three' },
        { op: 'insert', text: 'five' },
        { op: 'equal', text: ' years.' },
      ],
    },
    { kind: 'inserted', new: { index: 2, text: '1.2. Backups are deleted after 30 days.', sep: '\n', type: 'paragraph', clause: '1.2.' } },
  ],
};

export const getPublishedDiff = defineRoute({
  method: 'GET',
  path: '/policies/:key/diff',
  audience: 'public',
  tag: 'Diffs',
  summary: 'What changed between two published versions, as lossless JSON or as an HTML redline',
  description:
    'Both sides are diffed in one locale, negotiated like the other reads among the locales both versions have. ' +
    'An empty parameter counts as absent. `format=html` answers `text/html`: an inline redline or a side-by-side table (`view`). ' +
    'Answers carry a strong ETag and the cache lifetime of the other public reads.',
  request: {
    params: z.object({ key: policyKeyParam }),
    query: z.object({
      from: versionNumberParam.describe('The older version; by default the last one before `to` that was not withdrawn').optional(),
      to: versionNumberParam.describe('The newer version; by default the one in force now').optional(),
      // The same locale parameter as every public read.
      locale: listPolicies.request.query.shape.locale,
      format: z.enum(['json', 'html']).default('json').describe('`json`: the diff result; `html`: a rendered fragment'),
      view: z.enum(['inline', 'side-by-side']).default('inline').describe('For `format=html`: an inline redline or a side-by-side table'),
    }),
  },
  responses: {
    200: {
      description: 'The diff (with `format=html`, the rendered fragment as text/html)',
      schema: z.object({
        data: diffResult,
        meta: z.object({
          policy: z.string(),
          from: versionRef,
          to: versionRef,
          locale: policyLocale,
          requestedLocale: policyLocale,
          fallback: z.boolean(),
          availableLocales: z.array(policyLocale).describe('The locales both versions have'),
        }),
      }),
      contentType: 'text/html',
      example: {
        data: EXAMPLE_DIFF,
        meta: {
          policy: 'privacy',
          from: { version: 1, effectiveAt: '2026-01-01T00:00:00.000Z' },
          to: { version: 2, effectiveAt: '2026-06-01T00:00:00.000Z' },
          locale: 'en',
          requestedLocale: 'en',
          fallback: false,
          availableLocales: ['ru', 'kk', 'en'],
        },
      },
    },
    304: { description: 'The client holds this answer already (If-None-Match)' },
    400: badRequest,
    404: {
      description: 'No such policy or version, nothing in force, nothing earlier to compare with, or no locale in common',
      schema: errorResponse,
    },
  },
});

export const getDraftDiff = defineRoute({
  method: 'GET',
  path: '/diff',
  audience: 'admin',
  tag: 'Diffs',
  summary: 'The editors\' diff of any two versions of one policy, drafts included, with both HTML renderings',
  description:
    'A locale one side has no text in is diffed as empty, so a draft adding a locale shows it all inserted. An empty parameter counts as absent.',
  request: {
    query: z.object({
      from: documentIdParam.default('current').describe("A version's documentId, or `current` (the default) for the version in force now"),
      to: documentIdParam,
      locale: localeTag.describe("ru, kk or en (kz and regional tags accepted); by default the policy's first fallback locale").optional(),
    }),
  },
  responses: {
    200: {
      description: 'The diff',
      schema: z.object({
        data: z.object({
          from: recordRef,
          to: recordRef,
          locale: policyLocale,
          summary: diffSummary,
          result: diffResult,
          inline: z.string().describe('The inline redline, HTML'),
          sideBySide: z.string().describe('The side-by-side table, HTML'),
        }),
      }),
    },
    400: { description: 'A parameter is not valid, or the versions belong to different policies', schema: errorResponse },
    401: { description: 'No admin JWT', schema: errorResponse },
    403: { description: 'The admin lacks the read action', schema: errorResponse },
    404: { description: 'No such version, or nothing in force to compare with', schema: errorResponse },
  },
});
