import { z } from '@strapi/utils';
import { consentTermsDraft } from '../consent-terms';
import { localeTag, policyKeyParam, policyLocale, versionStatus } from './policies';
import { defineRoute, errorResponse, isoInstant, isoInstantOrNull, issueField, text, type ResponseOf, type RouteContract } from './route';

/**
 * The editors' side of versions in the admin panel: drafts, their texts, publication (and its dry run) and
 * withdrawal. An admin JWT and the plugin's read, edit or publish action. The editor API names a version by
 * its documentId, a draft's as a published one's.
 */

/** The longest Markdown body of one locale, in UTF-16 code units (what String.length counts). */
export const MAX_BODY_CHARS = 1_000_000;

// Strapi documentIds are 24 lowercase letters and digits; anything far from that is refused before a query.
export const documentIdParam = z
  .string()
  .regex(/^[A-Za-z0-9]{1,64}$/, { error: (issue) => `"${issueField(issue)}" is not a documentId` })
  .describe("A version's documentId");

/** A locale tag as clients write it; the server normalises it and answers a 400 listing the supported ones. */

export const versionState = z.enum(['draft', 'published', 'withdrawn']);
/** Where a version stands now: a draft, or a published version's place on the policy's timeline. */
export const editorVersionStatus = z.enum(['draft', ...versionStatus.options]);

export const localeText = z.object({
  title: z.string(),
  /** Empty in lists: bodies are the bulk of the data, and a list shows none. */
  body: z.string(),
  changeSummary: z.string(),
  /** Set at publication, for each locale with a body. */
  contentHash: z.string().nullable(),
});

/** A version as the editors see it: a draft's rows, or a published version as it was frozen in its release. */
export const editorVersion = z.object({
  documentId: z.string(),
  policyKey: z.string(),
  state: versionState,
  status: editorVersionStatus,
  version: z.number().int().nullable().describe('Null for a draft'),
  effectiveAt: isoInstantOrNull,
  material: z.boolean(),
  releasedAt: isoInstantOrNull,
  withdrawnAt: isoInstantOrNull,
  basedOnVersion: z.number().int().nullable().describe('The version a draft was copied from'),
  updatedAt: isoInstantOrNull,
  /** The consent terms (shared/consent-terms.ts): a draft's may be incomplete; frozen at publication like the texts. */
  consent: consentTermsDraft.nullable(),
  locales: z.partialRecord(policyLocale, localeText),
});

/** What publishing asks, for the publication and for its dry run alike. */
export const publicationRequest = z.strictObject({
  material: z
    .boolean({
      error: (issue) =>
        issue.input === undefined ? 'material must be given: say whether users must accept this version again' : 'material must be true or false',
    })
    .describe('Whether users must accept this version again'),
  effectiveAt: z
    .string()
    .nullable()
    .optional()
    .describe('When it takes effect: an ISO-8601 instant with a time zone, or a date (midnight UTC); absent, null or empty: on publication'),
});

export const publicationProblem = z.object({
  code: z
    .enum(['no-text', 'missing-locale', 'missing-consent-terms', 'effective-in-past', 'effective-order', 'notice-period', 'backfill-in-future'])
    .describe('backfill-in-future only arises for code that backfills history, never over HTTP'),
  message: z.string(),
  /** For the timing rules, `earliest`: an instant that satisfies all of them. */
  details: z.record(z.string(), z.unknown()).optional(),
});

/**
 * Whether the version is published as material, and why: the editor's choice, or terms that differ from the
 * version in force in anything but wording (each difference a reason), which make it material whatever was ticked.
 */
export const materialVerdict = z.object({ value: z.boolean(), forcedByTerms: z.boolean(), reasons: z.array(z.string()) });

export const publicationCheck = z.object({
  ok: z.boolean(),
  problems: z.array(publicationProblem),
  effectiveAt: isoInstant.describe('When the version would take effect if published now'),
  material: materialVerdict,
});

export const keyParams = z.object({ key: policyKeyParam });
// On every branch of copyFrom's union, so whichever one a wrong value comes closest to, the message is this.
const COPY_FROM = { error: 'copyFrom must be "empty", "current" or a version number' };
const versionParams = z.object({ documentId: documentIdParam });
const versionAnswer = (description: string) => ({ description, schema: z.object({ data: editorVersion }) });
export const refused = (description: string) => ({ description, schema: errorResponse });
export const unauthorized = refused('No admin JWT');
export const forbidden = refused('The admin lacks the action');
/** A route of the editors' API: an admin JWT and one of the plugin's actions. */
export const editorRoute = <const Route extends Omit<RouteContract, 'audience' | 'tag'>>(route: Route) =>
  defineRoute({ ...route, audience: 'admin', tag: 'Editing' });

/** What any editor route with parameters or a body may refuse with. */
export const editorRefusals = { 400: refused('The body or a parameter is not valid'), 401: unauthorized, 403: forbidden };
const notADraft = refused('The version is published or withdrawn: its text never changes');
const rulesBroken = refused('The body is not valid, or publishing breaks a rule (`details.problems`)');
const notWithdrawable = refused('The version is a draft, withdrawn already, or has taken effect (a new version supersedes it)');
/** What a route on one version may refuse with. */
const versionRefusals = { ...editorRefusals, 404: refused('No such version') };
/** What a route on one policy may refuse with. */
export const policyRefusals = { ...editorRefusals, 404: refused('No such policy') };

export const listPolicyVersions = editorRoute({
  method: 'GET',
  path: '/policies/:key/versions',
  summary: 'Every version of a policy, drafts included: newest number first, drafts (newest edit first) ahead of them',
  request: { params: keyParams },
  responses: { 200: { description: 'The versions, without bodies', schema: z.object({ data: z.array(editorVersion) }) }, ...policyRefusals },
});

export const createDraft = editorRoute({
  method: 'POST',
  path: '/policies/:key/versions',
  summary: 'A new draft: empty, or a copy of the version in force or of a published version by number',
  request: {
    params: keyParams,
    body: z.strictObject({
      copyFrom: z
        .union(
          [
            z.enum(['empty', 'current']),
            z.number().int(COPY_FROM).min(1, COPY_FROM).max(999_999_999, COPY_FROM),
            z.string().regex(/^[1-9]\d{0,8}$/, COPY_FROM),
          ],
          COPY_FROM
        )
        .optional()
        .describe('"empty" (the default), "current" (the version in force, else the newest) or a version number'),
    }),
  },
  responses: { 201: versionAnswer('The draft'), ...policyRefusals, 404: refused('No such policy, or no published version to copy') },
});

export const getPolicyVersion = editorRoute({
  method: 'GET',
  path: '/versions/:documentId',
  summary: 'One version with the bodies of every locale',
  request: { params: versionParams },
  responses: { 200: versionAnswer('The version'), ...versionRefusals },
});

export const updateDraftLocale = editorRoute({
  method: 'PUT',
  path: '/versions/:documentId/locales/:locale',
  summary: 'Write the given fields of one locale of a draft; the others stay as they are',
  request: {
    params: versionParams.extend({ locale: localeTag }),
    body: z.strictObject({
      title: text().max(255).optional(),
      body: text().max(MAX_BODY_CHARS).describe('Markdown').optional(),
      changeSummary: text().max(5000).describe('What changed, for readers').optional(),
    }),
  },
  responses: { 200: versionAnswer('The draft as it is now'), ...versionRefusals, 409: notADraft },
});

export const updateDraftConsent = editorRoute({
  method: 'PUT',
  path: '/versions/:documentId/consent',
  summary: "Replace a draft's consent terms (the whole object; items may be left unset until publication)",
  description: 'Publication refuses terms that leave an item of Law 94-V Art. 8(4) unset, unless the policy opts out of it (consentOptOut in the plugin config).',
  request: { params: versionParams, body: consentTermsDraft },
  responses: { 200: versionAnswer('The draft as it is now'), ...versionRefusals, 409: notADraft },
});

export const deleteDraft = editorRoute({
  method: 'DELETE',
  path: '/versions/:documentId',
  summary: 'Delete a draft, every locale of it',
  request: { params: versionParams },
  responses: { 204: { description: 'Deleted' }, ...versionRefusals, 409: refused('The version is published or withdrawn: it is never deleted') },
});

export const runPublicationCheck = editorRoute({
  method: 'POST',
  path: '/versions/:documentId/publication-check',
  summary: 'A dry run of publishing, with the same body: every rule publishing would break now; nothing is written',
  request: { params: versionParams, body: publicationRequest },
  responses: { 200: { description: 'The verdict', schema: z.object({ data: publicationCheck }) }, ...versionRefusals, 409: notADraft },
});

export const publishVersion = editorRoute({
  method: 'POST',
  path: '/versions/:documentId/publish',
  summary: 'Publish a draft as the policy\'s next version number, taking effect now or at `effectiveAt`',
  description: 'A broken rule is a 400 whose message says them all and whose `details.problems` lists them as the publication check does.',
  request: { params: versionParams, body: publicationRequest },
  responses: {
    200: { description: 'The published version', schema: z.object({ data: editorVersion, meta: z.object({ material: materialVerdict }) }) },
    ...versionRefusals,
    400: rulesBroken,
    409: notADraft,
  },
});

export const withdrawVersion = editorRoute({
  method: 'POST',
  path: '/versions/:documentId/withdraw',
  summary: 'Withdraw a published version that has not taken effect yet; its number is never reused',
  request: { params: versionParams },
  responses: { 200: versionAnswer('The withdrawn version'), ...versionRefusals, 409: notWithdrawable },
});

export const previewMarkdown = editorRoute({
  method: 'POST',
  path: '/preview',
  summary: 'Markdown rendered to HTML by the very renderer readers get, for the editor\'s live preview',
  request: { body: z.strictObject({ markdown: z.string().max(MAX_BODY_CHARS) }) },
  responses: { 200: { description: 'The HTML', schema: z.object({ data: z.object({ html: z.string() }) }) }, ...editorRefusals },
});

export type VersionState = z.infer<typeof versionState>;
export type EditorVersionStatus = z.infer<typeof editorVersionStatus>;
export type LocaleText = z.infer<typeof localeText>;
export type EditorVersion = z.infer<typeof editorVersion>;
export type PublicationProblem = z.infer<typeof publicationProblem>;
export type PublicationCheck = ResponseOf<typeof runPublicationCheck>['data'];
export type MaterialVerdict = z.infer<typeof materialVerdict>;
