import { z } from '@strapi/utils';
import { localeTag, policyKeyParam, policyLocale, policySummary } from './policies';
import { policyConsentCounts } from './ledger';
import { issueField, text } from './route';
import { documentIdParam, editorRefusals, editorRoute, editorVersion, forbidden, keyParams, MAX_BODY_CHARS, policyRefusals, refused, unauthorized } from './versions';

/**
 * The editors' side of policies in the admin panel: the list (policies with nothing published included),
 * one policy, creating one, and importing a text into a draft. An admin JWT and the plugin's read or edit action.
 */

/** A policy as stored; a null setting means the plugin's configured default. */
export const policyRecord = z.object({
  documentId: z.string(),
  key: z.string(),
  titles: z.partialRecord(policyLocale, z.string()),
  requiredLocales: z.array(policyLocale).nullable(),
  fallbackOrder: z.array(policyLocale).nullable(),
  minNoticeDays: z.number().int().nullable(),
});


const localeList = (description: string) =>
  z
    .array(policyLocale)
    .min(1)
    .refine((list) => new Set(list).size === list.length, { error: (issue) => `${issueField(issue)} must not repeat a locale` })
    .nullable()
    .optional()
    .describe(`${description}; null or absent: the plugin's configured default`);

/** The editors' list adds consent counts, for admins who may read acceptances (ledger data); absent otherwise. */
export const editorPolicySummary = policySummary.extend({ acceptances: policyConsentCounts.optional() });

const policyList = z.object({ data: z.array(editorPolicySummary), meta: z.object({ total: z.number().int() }) });

export const listPoliciesForEditors = editorRoute({
  method: 'GET',
  path: '/policies',
  summary: 'Every policy, those with nothing published yet included, titled in the editor\'s language (Accept-Language)',
  request: {},
  responses: { 200: { description: 'The policies, by key', schema: policyList }, 401: unauthorized, 403: forbidden },
});

export const getPolicyForEditors = editorRoute({
  method: 'GET',
  path: '/policies/:key',
  summary: 'One policy as the editors\' list shows it',
  request: { params: keyParams },
  responses: { 200: { description: 'The policy', schema: z.object({ data: editorPolicySummary }) }, ...policyRefusals },
});

export const createPolicy = editorRoute({
  method: 'POST',
  path: '/policies',
  summary: 'A new policy, with no version yet',
  request: {
    body: z.strictObject({
      key: policyKeyParam.describe('Its key in URLs, for good: e.g. privacy'),
      titles: z
        .record(localeTag, text().trim().min(1).max(255))
        .describe('Its title by locale, at least one; kz and regional tags are accepted as keys'),
      requiredLocales: localeList('The locales every version must have before it is published'),
      fallbackOrder: localeList('The order in which readers are served another locale than theirs'),
      minNoticeDays: z
        .number()
        .int()
        .min(0)
        .max(3650)
        .nullable()
        .optional()
        .describe('How many days ahead a material change must be announced; null or absent: the configured default'),
    }),
  },
  responses: {
    201: { description: 'The policy', schema: z.object({ data: policyRecord }) },
    ...editorRefusals,
    409: refused('A policy with this key exists'),
  },
});

export const importPolicyText = editorRoute({
  method: 'POST',
  path: '/policies/:key/import',
  summary: 'A plain-text or Markdown policy as the body of one locale of a draft: a new draft unless `documentId` names one',
  request: {
    params: keyParams,
    body: z.strictObject({
      text: text().min(1).max(MAX_BODY_CHARS),
      format: z.enum(['text', 'markdown']).default('text').describe('text: headings and lists are recognised and written as Markdown'),
      locale: localeTag,
      title: text().max(255).describe('The locale\'s title; absent: left as it is').optional(),
      documentId: documentIdParam.describe('A draft of this policy to import into').optional(),
    }),
  },
  responses: {
    201: { description: 'The draft', schema: z.object({ data: editorVersion }) },
    ...editorRefusals,
    404: refused('No such policy or draft'),
    409: refused('`documentId` names a published or withdrawn version'),
  },
});

export type PolicyRecord = z.infer<typeof policyRecord>;

export type EditorPolicySummary = z.infer<typeof editorPolicySummary>;
