import { z } from '@strapi/utils';
import { consentReceipt, ledgerEvent, ledgerRecord, receiptJws, subjectId } from './acceptances';
import { ledgerCheckpoint, publishedKey } from './evidence';
import { localeTag, policyKeyParam, policyLocale, versionNumberParam } from './policies';
import { defineRoute, errorResponse, type ResponseOf } from './route';

/**
 * The compliance officers' side of the ledger in the admin panel: search, counts, export, verification and
 * erasure. An admin JWT and the plugin's read-acceptances, export or erase action. In every query an empty
 * value (`?locale=`) counts as absent, so a form can send all its fields.
 */

const pageNumber = (description: string) =>
  z.string().regex(/^[1-9]\d{0,8}$/, { error: (issue) => `"${(issue.path ?? []).join('.')}" must be a positive whole number` }).describe(description);
const dateOrInstant = (description: string) => z.string().describe(`${description}: an ISO-8601 date, or an instant with a time zone`);

/** The filters of the list and the export. */
const recordFilters = z.object({
  policy: policyKeyParam.optional(),
  version: versionNumberParam.optional(),
  locale: localeTag.optional(),
  subject: z.string().describe('Exactly this subject (case and trailing spaces count), an erasure pseudonym included').optional(),
  event: ledgerEvent.optional(),
  from: dateOrInstant('Recorded at or after').optional(),
  to: dateOrInstant('Recorded at or before; a date alone includes that whole day (UTC)').optional(),
});

const forbidden = { description: 'The admin lacks the action', schema: errorResponse };
const unauthorized = { description: 'No admin JWT', schema: errorResponse };
const badRequest = { description: 'A parameter is not valid', schema: errorResponse };

export const listAcceptances = defineRoute({
  method: 'GET',
  path: '/acceptances',
  audience: 'admin',
  tag: 'Ledger',
  summary: 'Ledger records matching the filters, newest first, a page at a time',
  request: {
    query: recordFilters.extend({
      page: pageNumber('From 1').optional(),
      pageSize: pageNumber('25 by default; more than 100 counts as 100').optional(),
    }),
  },
  responses: {
    200: {
      description: 'One page of records',
      schema: z.object({
        data: z.array(ledgerRecord),
        meta: z.object({
          pagination: z.object({ page: z.number().int(), pageSize: z.number().int(), total: z.number().int(), pageCount: z.number().int() }),
        }),
      }),
    },
    400: badRequest,
    401: unauthorized,
    403: forbidden,
  },
});

const eventCounts = { accepted: z.number().int(), withdrawn: z.number().int() };

export const acceptanceStats = defineRoute({
  method: 'GET',
  path: '/acceptances/stats',
  audience: 'admin',
  tag: 'Ledger',
  summary: 'One policy\'s subjects, those on the version in force, events per version and locale, and per day over 30 days',
  request: { query: z.object({ policy: policyKeyParam }) },
  responses: {
    200: {
      description: 'The counts',
      schema: z.object({
        data: z.object({
          policy: z.string(),
          currentVersion: z.number().int().nullable(),
          /** Distinct subjects who accepted any version. */
          subjectsTotal: z.number().int(),
          /** Subjects whose latest event accepts the version in force or a later one. */
          subjectsOnCurrent: z.number().int(),
          perVersionLocale: z.array(z.object({ version: z.number().int(), locale: policyLocale, ...eventCounts })),
          daily: z.array(z.object({ date: z.iso.date(), ...eventCounts })),
        }),
      }),
    },
    400: badRequest,
    401: unauthorized,
    403: forbidden,
    404: { description: 'No such policy', schema: errorResponse },
  },
});

/** Per policy, what the editors' policy list shows: the same two counts as the stats. */
export const policyConsentCounts = z.object({ subjects: z.number().int(), subjectsOnCurrent: z.number().int() });

export const exportFormat = z.enum(['csv', 'ndjson']);

export const exportAcceptances = defineRoute({
  method: 'GET',
  path: '/acceptances/export',
  audience: 'admin',
  tag: 'Ledger',
  summary: 'Every matching record with all it holds, in chain order, as a file an outside verifier can check',
  description:
    'CSV (`format=csv`, the default, text/csv) or NDJSON (`format=ndjson`, application/x-ndjson), streamed. Each line carries the record\'s position, identity salt and digest, so the chain can be re-verified without the database.',
  request: { query: recordFilters.extend({ format: exportFormat.optional() }) },
  responses: {
    200: { description: 'The records, as an attachment', contentType: 'text/csv' },
    400: badRequest,
    401: unauthorized,
    403: forbidden,
  },
});

export const evidenceFormat = z.enum(['json', 'html', 'pdf']);

const hex = z.string().regex(/^[0-9a-f]{64}$/);

/** The pack (server/src/domain/evidence/pack.ts) as documented; the offline verifier checks every field of it. */
const evidencePack = z.object({
  format: z.literal('policy-versions-evidence-pack/1'),
  generatedAt: z.string(),
  subject: z.string(),
  log: z.object({ origin: z.string(), verifierKeys: z.array(z.string()), keys: z.array(publishedKey) }),
  checkpoint: ledgerCheckpoint,
  earlierCheckpoints: z.array(ledgerCheckpoint.extend({ consistency: z.array(hex) })),
  entries: z.array(
    z.object({
      /** Every stored field: position, identity salt and digest included, so hashes can be recomputed. */
      record: z.looseObject({ seq: z.number().int(), id: z.string(), subject: z.string().nullable(), event: ledgerEvent, hash: hex }),
      receipt: consentReceipt.nullable(),
      receiptJws,
      inclusion: z.object({ leafIndex: z.number().int(), treeSize: z.number().int(), hashes: z.array(hex) }),
      firstAnchoredIn: z.number().int().nullable(),
    })
  ),
  texts: z.array(
    z.object({
      policy: z.string(),
      version: z.number().int(),
      locale: z.string(),
      title: z.string(),
      contentHash: z.string(),
      markdown: z.string(),
      effectiveAt: z.string(),
    })
  ),
  controller: z.object({ name: z.string(), contact: z.string(), country: z.string(), address: z.string().optional() }),
});

export const getEvidencePack = defineRoute({
  method: 'GET',
  path: '/acceptances/evidence',
  audience: 'admin',
  tag: 'Ledger',
  summary: "One subject's evidence pack: their records and the publications of the texts they accepted, with proofs to a signed checkpoint",
  description:
    'JSON (`format=json`, the default): the pack, as an attachment, for `npx policy-versions-verify`. `format=html` (text/html) or `format=pdf` (application/pdf): the readable report of the pack and of its verification, in `locale` (ru by default). A checkpoint covering the subject\'s last record is signed first when there is none. See docs/evidence-pack.md.',
  request: {
    query: z.object({
      subject: subjectId.describe('The subject as recorded, an erasure pseudonym (`erased:<id>`) included'),
      format: evidenceFormat.optional(),
      locale: localeTag.optional(),
    }),
  },
  responses: {
    200: { description: 'The pack, or its report, as an attachment', schema: evidencePack, contentType: 'text/html' },
    400: badRequest,
    401: unauthorized,
    403: forbidden,
    404: { description: 'The ledger has no records of this subject', schema: errorResponse },
    503: { description: 'The server has no signing key, so no checkpoint can be signed', schema: errorResponse },
  },
});

const textMismatch = z.object({
  policy: z.string(),
  version: z.number().int(),
  locale: z.string(),
  contentHash: z.string(),
  /** Null when the release, or its locale, is gone. */
  releasedHash: z.string().nullable(),
});

export const verifyLedger = defineRoute({
  method: 'GET',
  path: '/acceptances/verify',
  audience: 'admin',
  tag: 'Ledger',
  summary: 'Walk the hash chain to its head, recompute the transparency log and check every checkpoint, and cross-check accepted texts with the releases',
  request: {},
  responses: {
    200: {
      description: 'The verification; `ok` is false when a link breaks or an accepted text no longer matches its release',
      schema: z.object({
        data: z.object({
          ok: z.boolean(),
          count: z.number().int(),
          firstBroken: z
            .object({
              id: z.string().nullable(),
              position: z.number().int(),
              reason: z.enum([
                'missing-record',
                'duplicate-record',
                'prev-hash-mismatch',
                'hash-mismatch',
                'identity-mismatch',
                'bad-erasure',
                'erasure-mismatch',
                'head-missing',
                'head-behind',
                'head-mismatch',
              ]),
            })
            .nullable(),
          mismatchedTexts: z.array(textMismatch),
          /** The transparency log: checkpoints (stored and anchored copies) checked, timestamps verified, the first problem. */
          log: z.object({
            checkpoints: z.number().int(),
            timestamps: z.number().int(),
            rootHash: z.string(),
            problem: z
              .object({
                reason: z.enum(['checkpoint-signature', 'checkpoint-mismatch', 'checkpoint-root', 'timestamp', 'truncated', 'tree-mismatch']),
                treeSize: z.number().int(),
                detail: z.string(),
              })
              .nullable(),
          }),
        }),
      }),
    },
    401: unauthorized,
    403: forbidden,
  },
});

export const eraseSubject = defineRoute({
  method: 'POST',
  path: '/acceptances/erasures',
  audience: 'admin',
  tag: 'Ledger',
  summary: 'Erase a subject on request: pseudonymise their records in place and record the erasure',
  description: 'The subject becomes `erased:<id of the erasure event>`; IP, user agent and metadata are cleared. Hashes stay, so the chain still verifies.',
  request: { body: z.strictObject({ subject: subjectId.describe('The subject whose records are erased, as recorded') }) },
  responses: {
    201: {
      description: 'Erased: the erasure event, with its receipt and the receipt signed',
      schema: z.object({
        data: ledgerRecord,
        meta: z.object({ erasedRecords: z.number().int(), pseudonym: z.string(), receipt: consentReceipt, receiptJws }),
      }),
    },
    400: badRequest,
    401: unauthorized,
    403: forbidden,
    404: { description: 'The ledger has no records of this subject', schema: errorResponse },
    503: { description: 'The ledger refuses appends until its chain head is repaired', schema: errorResponse },
  },
});

export const exportReacceptance = defineRoute({
  method: 'GET',
  path: '/acceptances/reacceptance',
  audience: 'admin',
  tag: 'Ledger',
  summary: 'Who must accept again when a version takes effect: the subjects whose consent stands but will not cover it',
  description:
    'For a notice of the change ahead of a material version (an e-mail campaign): one row per subject with the version their consent rests on, its locale and time. Subjects who withdrew or were erased are left out.',
  request: { query: z.object({ policy: policyKeyParam, version: versionNumberParam, format: exportFormat.optional() }) },
  responses: {
    200: { description: 'CSV (subject, acceptedVersion, locale, acceptedAt) or NDJSON, as an attachment', contentType: 'text/csv' },
    400: badRequest,
    401: unauthorized,
    403: forbidden,
    404: { description: 'No such policy, or no published version with this number', schema: errorResponse },
  },
});

export const withdrawalStatus = z.enum(['open', 'overdue', 'stopped', 'refused']);
/** Law 94-V Art. 8(2): a withdrawal may be refused only where another law requires the processing, or for an unfulfilled obligation. */
export const refusalGround = z.enum(['law', 'unfulfilled-obligation']);

export const withdrawalOutcome = z.object({
  withdrawalId: z.uuid(),
  outcome: z.enum(['stopped', 'refused']),
  /** When processing stopped, or when the withdrawal was refused. */
  at: z.string(),
  ground: refusalGround.nullable(),
  reason: z.string().nullable(),
  recordedBy: z.object({ id: z.string(), email: z.string().nullable() }),
  recordedAt: z.string(),
});

/** A withdrawal as the compliance officers handle it. */
export const withdrawalCase = z.object({
  withdrawal: ledgerRecord,
  /** The end of the last working day processing may go on (ledger.withdrawals: 15 working days by default). */
  processingStopBy: z.string(),
  /** No outcome, and the deadline has passed. */
  overdue: z.boolean(),
  outcome: withdrawalOutcome.nullable(),
});

const withdrawalCounts = z.object({ open: z.number().int(), overdue: z.number().int() });

export const listWithdrawals = defineRoute({
  method: 'GET',
  path: '/withdrawals',
  audience: 'admin',
  tag: 'Ledger',
  summary: 'Withdrawals of consent with their processing-stop deadline and outcome, newest first; open and overdue counted',
  request: {
    query: z.object({
      policy: policyKeyParam.optional(),
      status: withdrawalStatus.optional(),
      page: pageNumber('From 1').optional(),
      pageSize: pageNumber('25 by default; more than 100 counts as 100').optional(),
    }),
  },
  responses: {
    200: {
      description: 'One page of withdrawals',
      schema: z.object({
        data: z.array(withdrawalCase),
        meta: z.object({
          pagination: z.object({ page: z.number().int(), pageSize: z.number().int(), total: z.number().int(), pageCount: z.number().int() }),
          counts: withdrawalCounts,
        }),
      }),
    },
    400: badRequest,
    401: unauthorized,
    403: forbidden,
  },
});

export const recordWithdrawalOutcome = defineRoute({
  method: 'POST',
  path: '/withdrawals/:id/outcome',
  audience: 'admin',
  tag: 'Ledger',
  summary: 'Record what was done about a withdrawal: processing stopped (when), or the withdrawal refused on a Law 94-V Art. 8(2) ground',
  description: 'Once per withdrawal: an outcome is never changed. It is also appended to the ledger as an audit event naming the admin.',
  request: {
    params: z.object({ id: z.uuid({ error: '"id" must be the withdrawal record\'s id (a UUID)' }) }),
    body: z.discriminatedUnion(
      'outcome',
      [
        z.strictObject({
          outcome: z.literal('stopped'),
          at: z.string().describe('When processing stopped: an ISO-8601 instant; now by default').optional(),
        }),
        z.strictObject({
          outcome: z.literal('refused'),
          ground: refusalGround,
          reason: z.string().min(1).max(2000).describe('Which law or obligation, and why'),
        }),
      ],
      { error: 'outcome must be "stopped" or "refused"' }
    ),
  },
  responses: {
    201: { description: 'Recorded', schema: z.object({ data: withdrawalCase }) },
    400: badRequest,
    401: unauthorized,
    403: forbidden,
    404: { description: 'No withdrawal with this id', schema: errorResponse },
    409: { description: 'The withdrawal has an outcome already', schema: errorResponse },
  },
});

export type AcceptanceStats = ResponseOf<typeof acceptanceStats>['data'];
export type WithdrawalCase = z.infer<typeof withdrawalCase>;
export type ChainVerification = ResponseOf<typeof verifyLedger>['data'];
export type PolicyConsentCounts = z.infer<typeof policyConsentCounts>;
export type ExportFormat = z.infer<typeof exportFormat>;
export type EvidenceFormat = z.infer<typeof evidenceFormat>;
export type TextMismatch = z.infer<typeof textMismatch>;
