import { z } from '@strapi/utils';
import { purposeId } from '../consent-terms';
import { LEDGER_EVENTS } from '../ledger-events';
import { contentHash, localeTag, policyKeyParam, policyLocale } from './policies';
import { defineRoute, errorResponse, isoInstant, isoInstantOrNull, issueField, text } from './route';

/**
 * The end users' side of the consent ledger: accepting a version, withdrawing consent, where consent stands,
 * and one's own history. Every route needs a users-permissions JWT (the subject is the signed-in user) or an
 * API token with the route's action (the subject is named in the request).
 */

const CONTROL_CHARS = /[\u0000-\u001f\u007f]/;

/** Whose consent, as a caller with an API token names it: the application's own user id. */
export const subjectId = text()
  .min(1)
  .max(255)
  .refine((value) => !CONTROL_CHARS.test(value), { error: (issue) => `${issueField(issue)} must not contain control characters` })
  .describe('Your user id for the person, at most 255 characters; only with an API token (a signed-in user is the subject)');

// A short token rather than free text: it becomes the receipt's collectionMethod.
const sourceToken = (example: string) =>
  z
    .string()
    .regex(/^[a-z0-9][a-z0-9_.:-]{0,63}$/i, { error: `source must be a short token such as ${example}` })
    .describe(`Where the person gave or withdrew consent, e.g. ${example}`);

export const ledgerEvent = z.enum(LEDGER_EVENTS);

/** A legal representative who gives the consent for the subject (Law 94-V Art. 7, 8(1)): a parent for a child under 14, say. */
export const givenBy = z
  .strictObject({
    role: z.literal('representative', { error: 'givenBy.role must be "representative"' }),
    name: text().min(1).max(200).describe("The representative's full name"),
    relation: text().min(1).max(100).describe('How they represent the subject, e.g. parent, guardian'),
  })
  .describe('Who gave the consent for the subject, when not the subject themselves; erased with the subject');

/** One record of the ledger, as every route shows it (its chain position and identity digest stay inside). */
export const ledgerRecord = z.object({
  id: z.uuid(),
  /** `erased:<id of the erasure event>` once erased. */
  subject: z.string().nullable(),
  policy: z.string().nullable(),
  version: z.number().int().nullable(),
  locale: policyLocale.nullable(),
  contentHash: z.string().nullable(),
  event: ledgerEvent,
  recordedAt: isoInstant,
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  /** The supported locale the request's Accept-Language preferred, never the raw header. */
  acceptLanguage: policyLocale.nullable(),
  source: z.string().nullable(),
  metadata: z.record(z.string(), z.unknown()).nullable(),
  /** An acceptance: each purpose of the version and whether it was given; a partial withdrawal: the purposes withdrawn. */
  purposes: z.union([z.record(z.string(), z.boolean()), z.array(z.string())]).nullable(),
  givenBy: givenBy.nullable(),
  prevHash: z.string().nullable(),
  hash: z.string(),
});

/** A consent receipt (Kantara Consent Receipt 1.1 fields, as server/src/domain/ledger/receipt.ts builds it). */
export const consentReceipt = z.object({
  version: z.literal('KI-CR-v1.1.0'),
  jurisdiction: z.string(),
  consentTimestamp: z.number().int(),
  consentTimestampIso: isoInstant,
  collectionMethod: z.string(),
  consentReceiptID: z.string(),
  language: policyLocale.nullable(),
  piiPrincipalId: z.string().nullable(),
  piiControllers: z.array(z.object({ piiController: z.string(), contact: z.string(), address: z.string().optional(), country: z.string() })),
  policyUrl: z.string(),
  policyVersion: z.number().int().nullable(),
  policyContentHash: z.string().nullable(),
  event: ledgerEvent,
  recordHash: z.string(),
  /** The record's 0-based leaf index in the log, as RFC 9162 numbers leaves. */
  logIndex: z.number().int().min(0),
  /** From the version's consent terms (an acceptance: the purposes given; a withdrawal: those withdrawn). */
  services: z
    .array(
      z.object({
        service: z.string(),
        purposes: z.array(
          z.object({
            purpose: z.string(),
            purposeCategory: z.array(z.string()).optional(),
            consentType: z.literal('EXPLICIT'),
            purposeTermination: z.string(),
            thirdPartyDisclosure: z.boolean(),
            thirdPartyName: z.string().optional(),
            piiCategory: z.array(z.string()),
            primaryPurpose: z.boolean(),
          })
        ),
      })
    )
    .optional(),
  /** Where the data is stored (ISO 3166-1 alpha-2), and the operator's BIN: from the terms, which Kantara has no field for. */
  storageLocation: z.string().optional(),
  operatorBin: z.string().optional(),
  givenBy: givenBy.optional(),
});

/** The receipt as a compact JWS (alg EdDSA, kid of a key at GET …/ledger/keys); null when the server has no signing key. */
export const receiptJws = z
  .string()
  .regex(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/)
  .nullable()
  .describe('The receipt as a compact JWS (alg EdDSA, typ consent-receipt+jws) whose payload is the receipt in canonical JSON; verify it with the key of its kid from GET /ledger/keys. Null when the server has no signing key (not for production)');

/** What an acceptance or a withdrawal answers: the record, its receipt, and whether it was written now. */
const recordedResponse = z.object({
  data: ledgerRecord,
  meta: z.object({
    receipt: consentReceipt,
    receiptJws,
    created: z.boolean(),
    /** A withdrawal's: the end of the last working day the operator may go on processing (ledger.withdrawals). */
    processingStopBy: isoInstant.nullable().optional(),
  }),
});

export const consentStatus = z.object({
  policy: z.string(),
  currentVersion: z.number().int().nullable(),
  acceptedVersion: z.number().int().nullable(),
  acceptedAt: isoInstantOrNull,
  locale: policyLocale.nullable(),
  withdrawn: z.boolean(),
  /** Each purpose of the accepted version and whether it stands; null when it names none or nothing is accepted. */
  purposes: z.record(z.string(), z.boolean()).nullable(),
  mustAccept: z.boolean(),
  reason: z.enum(['never-accepted', 'material-change', 'withdrawn']).nullable(),
  upcoming: z
    .object({
      version: z.number().int(),
      effectiveAt: isoInstant,
      material: z.boolean(),
      accepted: z.boolean(),
      /** With the acceptances recorded so far: will the subject have to accept once it takes effect? */
      mustAccept: z.boolean(),
    })
    .nullable(),
  /** While a material version is scheduled that the subject's consent will not cover, and nothing is due now: warn ahead. */
  pending: z.object({ version: z.number().int(), effectiveAt: isoInstant }).nullable(),
});

const keyParams = z.object({ key: policyKeyParam });
const refused = (description: string) => ({ description, schema: errorResponse });
const badRequest = refused('The body or a parameter is not valid');
// Strapi answers a call with no credentials 403 (the Public role has no ledger action) and a bad one 401.
const unauthorized = refused('The JWT or API token is not valid, or the caller is neither a signed-in user nor an API token');
const notFound = refused('No such policy or version');

const EXAMPLE_RECORD = {
  id: '0b6f3a2e-5c1d-4e7a-9f00-2d8c4b1a7e55',
  subject: '42',
  policy: 'privacy',
  version: 2,
  locale: 'ru',
  contentHash: 'sha256:9f2c0d7b1e8a4c6f3d5b7a9e1c2f4d6b8a0c3e5f7a9b1d3f5e7c9a1b3d5f7e9a',
  event: 'accepted',
  recordedAt: '2026-03-02T09:15:27.481Z',
  ip: '203.0.113.0',
  userAgent: 'Mozilla/5.0 (X11; Linux x86_64)',
  acceptLanguage: 'ru',
  source: 'signup',
  metadata: { checkbox: 'privacy-1' },
  purposes: { analytics: false, service: true },
  givenBy: null,
  prevHash: '4c1e9a7f2b6d8e0a3c5f7b9d1e3a5c7e9b1d3f5a7c9e1b3d5f7a9c1e3b5d7f9a',
  hash: 'e3b5d7f9a1c3e5b7d9f1a3c5e7b9d1f3a5c7e9b1d3f5a7c9e1b3d5f7a9c1e3b5',
} as const;

const EXAMPLE_WITHDRAWAL = {
  ...EXAMPLE_RECORD,
  id: '7d2a9c4e-1b3f-4a6d-8e0c-5f7b9d1e3a5c',
  event: 'withdrawn',
  recordedAt: '2026-04-11T17:02:44.009Z',
  source: 'settings',
  metadata: { reason: 'No longer use the service' },
  purposes: null,
  prevHash: EXAMPLE_RECORD.hash,
  hash: 'a1c3e5b7d9f1a3c5e7b9d1f3a5c7e9b1d3f5a7c9e1b3d5f7a9c1e3b5d7f9a1c3',
} as const;

const EXAMPLE_LOG_INDEX = { accepted: 41, withdrawn: 57 } as const;

/** The example receipts signed with RFC 8037's example key (its appendix A.1), so a reader can check them. */
const EXAMPLE_JWS = {
  accepted:
    'eyJhbGciOiJFZERTQSIsImtpZCI6ImtQcktfcW14VldhWVZBOXd3QkY2SXVvM3ZWeno3VHhIQ1R3WEJ5Z3JTNGsiLCJ0eXAiOiJjb25zZW50LXJlY2VpcHQrandzIn0.eyJjb2xsZWN0aW9uTWV0aG9kIjoic2lnbnVwIiwiY29uc2VudFJlY2VpcHRJRCI6IjBiNmYzYTJlLTVjMWQtNGU3YS05ZjAwLTJkOGM0YjFhN2U1NSIsImNvbnNlbnRUaW1lc3RhbXAiOjE3NzI0NDI5MjcsImNvbnNlbnRUaW1lc3RhbXBJc28iOiIyMDI2LTAzLTAyVDA5OjE1OjI3LjQ4MVoiLCJldmVudCI6ImFjY2VwdGVkIiwianVyaXNkaWN0aW9uIjoiS1oiLCJsYW5ndWFnZSI6InJ1IiwibG9nSW5kZXgiOjQxLCJwaWlDb250cm9sbGVycyI6W3siY29udGFjdCI6InByaXZhY3lAZXhhbXBsZS5reiIsImNvdW50cnkiOiJLWiIsInBpaUNvbnRyb2xsZXIiOiJFeGFtcGxlIExMUCJ9XSwicGlpUHJpbmNpcGFsSWQiOiI0MiIsInBvbGljeUNvbnRlbnRIYXNoIjoic2hhMjU2OjlmMmMwZDdiMWU4YTRjNmYzZDViN2E5ZTFjMmY0ZDZiOGEwYzNlNWY3YTliMWQzZjVlN2M5YTFiM2Q1ZjdlOWEiLCJwb2xpY3lVcmwiOiIvYXBpL3BvbGljeS12ZXJzaW9ucy9wb2xpY2llcy9wcml2YWN5L3ZlcnNpb25zLzI_bG9jYWxlPXJ1IiwicG9saWN5VmVyc2lvbiI6MiwicmVjb3JkSGFzaCI6ImUzYjVkN2Y5YTFjM2U1YjdkOWYxYTNjNWU3YjlkMWYzYTVjN2U5YjFkM2Y1YTdjOWUxYjNkNWY3YTljMWUzYjUiLCJ2ZXJzaW9uIjoiS0ktQ1ItdjEuMS4wIn0.rBBe5o1JJDq0NsbuMxXhgHxaedyskXPc-sguPSRVoFZzsZ7GRYsNuIdtmpP8n-5UhFG09EvU0zpHjJq4Htx4BA',
  withdrawn:
    'eyJhbGciOiJFZERTQSIsImtpZCI6ImtQcktfcW14VldhWVZBOXd3QkY2SXVvM3ZWeno3VHhIQ1R3WEJ5Z3JTNGsiLCJ0eXAiOiJjb25zZW50LXJlY2VpcHQrandzIn0.eyJjb2xsZWN0aW9uTWV0aG9kIjoic2V0dGluZ3MiLCJjb25zZW50UmVjZWlwdElEIjoiN2QyYTljNGUtMWIzZi00YTZkLThlMGMtNWY3YjlkMWUzYTVjIiwiY29uc2VudFRpbWVzdGFtcCI6MTc3NTkyNjk2NCwiY29uc2VudFRpbWVzdGFtcElzbyI6IjIwMjYtMDQtMTFUMTc6MDI6NDQuMDA5WiIsImV2ZW50Ijoid2l0aGRyYXduIiwianVyaXNkaWN0aW9uIjoiS1oiLCJsYW5ndWFnZSI6InJ1IiwibG9nSW5kZXgiOjU3LCJwaWlDb250cm9sbGVycyI6W3siY29udGFjdCI6InByaXZhY3lAZXhhbXBsZS5reiIsImNvdW50cnkiOiJLWiIsInBpaUNvbnRyb2xsZXIiOiJFeGFtcGxlIExMUCJ9XSwicGlpUHJpbmNpcGFsSWQiOiI0MiIsInBvbGljeUNvbnRlbnRIYXNoIjoic2hhMjU2OjlmMmMwZDdiMWU4YTRjNmYzZDViN2E5ZTFjMmY0ZDZiOGEwYzNlNWY3YTliMWQzZjVlN2M5YTFiM2Q1ZjdlOWEiLCJwb2xpY3lVcmwiOiIvYXBpL3BvbGljeS12ZXJzaW9ucy9wb2xpY2llcy9wcml2YWN5L3ZlcnNpb25zLzI_bG9jYWxlPXJ1IiwicG9saWN5VmVyc2lvbiI6MiwicmVjb3JkSGFzaCI6ImExYzNlNWI3ZDlmMWEzYzVlN2I5ZDFmM2E1YzdlOWIxZDNmNWE3YzllMWIzZDVmN2E5YzFlM2I1ZDdmOWExYzMiLCJ2ZXJzaW9uIjoiS0ktQ1ItdjEuMS4wIn0.g8wiOWM4-unelwSxdAsKY6SqqEXg2quVnleUIRVrGfujgv1PnKouX3bhIsB9e88JyYWbMUd5s1-rpC7h8grWBw',
} as const;

// The receipt the server builds for an example record (the controller as an app would configure it).
const exampleReceipt = (record: typeof EXAMPLE_RECORD | typeof EXAMPLE_WITHDRAWAL) => ({
  version: 'KI-CR-v1.1.0',
  jurisdiction: 'KZ',
  consentTimestamp: Math.floor(Date.parse(record.recordedAt) / 1000),
  consentTimestampIso: record.recordedAt,
  collectionMethod: record.source,
  consentReceiptID: record.id,
  language: record.locale,
  piiPrincipalId: record.subject,
  piiControllers: [{ piiController: 'Example LLP', contact: 'privacy@example.kz', country: 'KZ' }],
  policyUrl: '/api/policy-versions/policies/privacy/versions/2?locale=ru',
  policyVersion: record.version,
  policyContentHash: record.contentHash,
  event: record.event,
  recordHash: record.hash,
  logIndex: EXAMPLE_LOG_INDEX[record.event],
});

/** An answer of a write that is idempotent: 201 when recorded now, 200 with the original record when done already. */
const recorded = (description: string, record: typeof EXAMPLE_RECORD | typeof EXAMPLE_WITHDRAWAL, created: boolean) => ({
  description,
  schema: recordedResponse,
  example: {
    data: record,
    meta: {
      receipt: exampleReceipt(record),
      receiptJws: EXAMPLE_JWS[record.event],
      created,
      ...(record.event === 'withdrawn' ? { processingStopBy: '2026-05-04T18:59:59.999Z' } : {}),
    },
  },
});
const notTheirs = refused('No credentials, a role or token without the action, or a signed-in user who named a subject');
const unavailable = refused('The ledger refuses appends until its chain head is repaired');

export const acceptPolicy = defineRoute({
  method: 'POST',
  path: '/policies/:key/acceptances',
  audience: 'end-user',
  tag: 'Consent',
  summary: 'Record that the subject accepted one version of a policy in one language',
  description:
    'Only the version in force or the next one can be accepted. Send the `contentHash` of the text you showed: a text that changed since is a 409. ' +
    'Accepting the same version in the same locale again answers 200 with the original record and writes nothing. ' +
    'A 201 means the record is committed.',
  request: {
    params: keyParams,
    body: z.strictObject({
      version: z.number().int({ error: '"version" must be a whole number' }).min(1).max(999_999_999).describe('The version shown'),
      locale: localeTag.describe('The language of the text shown: ru, kk or en; kz and regional tags such as ru-KZ are accepted'),
      contentHash: contentHash.optional(),
      source: sourceToken('signup or banner').optional(),
      metadata: z
        .unknown()
        .optional()
        .describe('A JSON object of your own (a form id, a checkbox label), at most 32 levels deep and ledger.maxMetadataBytes (4096) bytes of canonical JSON'),
      purposes: z
        .record(purposeId, z.boolean({ error: (issue) => `${issueField(issue)} must be true or false` }))
        .optional()
        .describe("Each purpose of the version's consent terms the person agreed to (true) or not; every required one must be true, an optional one left out is not given. Absent: the required purposes are given with the text, the optional ones are not"),
      givenBy: givenBy.optional(),
      subject: subjectId.optional(),
    }),
  },
  responses: {
    201: recorded('Recorded', EXAMPLE_RECORD, true),
    200: recorded('Accepted already: the original record', EXAMPLE_RECORD, false),
    400: badRequest,
    401: unauthorized,
    403: notTheirs,
    404: notFound,
    409: refused('Not the version in force or the next one, withdrawn, or the text shown differs (contentHash)'),
    413: refused('metadata is over ledger.maxMetadataBytes'),
    429: refused('The subject has ledger.maxEventsPerSubject events for this policy already'),
    503: unavailable,
  },
});

export const withdrawConsent = defineRoute({
  method: 'POST',
  path: '/policies/:key/withdrawals',
  audience: 'end-user',
  tag: 'Consent',
  summary: 'Record that the subject withdrew consent to a policy',
  description: 'Withdrawing again answers 200 with the original withdrawal and writes nothing. Accepting afterwards is a new acceptance.',
  request: {
    params: keyParams,
    body: z.strictObject({
      reason: text().max(1000).describe('The person\'s reason, if they gave one').optional(),
      purposes: z
        .array(purposeId)
        .max(50)
        .optional()
        .describe('The purposes withdrawn (all of them by default). Withdrawing only optional ones leaves the consent standing for the others; a required one withdraws it all'),
      source: sourceToken('settings').optional(),
      subject: subjectId.optional(),
    }),
  },
  responses: {
    201: recorded('Recorded', EXAMPLE_WITHDRAWAL, true),
    200: recorded('Withdrawn already: the original withdrawal', EXAMPLE_WITHDRAWAL, false),
    400: badRequest,
    401: unauthorized,
    403: notTheirs,
    404: notFound,
    409: refused('The subject has no acceptance to withdraw'),
    503: unavailable,
  },
});

export const getConsentStatus = defineRoute({
  method: 'GET',
  path: '/policies/:key/acceptances/status',
  audience: 'end-user',
  tag: 'Consent',
  summary: 'Whether the subject must accept the policy now, and whether they will have to once the next version takes effect',
  request: { params: keyParams, query: z.object({ subject: subjectId.optional() }) },
  responses: {
    200: {
      description: 'Where the subject\'s consent stands',
      schema: z.object({ data: consentStatus }),
      example: {
        data: {
          policy: 'privacy',
          currentVersion: 2,
          acceptedVersion: 2,
          acceptedAt: EXAMPLE_RECORD.recordedAt,
          locale: 'ru',
          withdrawn: false,
          purposes: { analytics: false, service: true },
          mustAccept: false,
          reason: null,
          upcoming: { version: 3, effectiveAt: '2026-05-01T00:00:00.000Z', material: true, accepted: false, mustAccept: true },
          pending: { version: 3, effectiveAt: '2026-05-01T00:00:00.000Z' },
        },
      },
    },
    400: badRequest,
    401: unauthorized,
    403: notTheirs,
    404: notFound,
  },
});

export const listOwnAcceptances = defineRoute({
  method: 'GET',
  path: '/policies/:key/acceptances/me',
  audience: 'end-user',
  tag: 'Consent',
  summary: 'The signed-in user\'s own records for the policy, oldest first, each with its signed receipt',
  request: { params: keyParams },
  responses: {
    200: {
      description: 'The records',
      schema: z.object({ data: z.array(ledgerRecord.extend({ receiptJws })) }),
      example: {
        data: [
          { ...EXAMPLE_RECORD, receiptJws: EXAMPLE_JWS.accepted },
          { ...EXAMPLE_WITHDRAWAL, receiptJws: EXAMPLE_JWS.withdrawn },
        ],
      },
    },
    400: badRequest,
    401: unauthorized,
    403: refused('Called with an API token: this route is the signed-in user\'s own'),
  },
});

export type LedgerRecord = z.infer<typeof ledgerRecord>;
export type ConsentReceipt = z.infer<typeof consentReceipt>;
export type ConsentStatus = z.infer<typeof consentStatus>;
export type LedgerEvent = z.infer<typeof ledgerEvent>;
