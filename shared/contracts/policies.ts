import { z } from '@strapi/utils';
import { consentTermsDraft } from '../consent-terms';
import { SUPPORTED_LOCALES } from '../locales';
import { POLICY_KEY_PATTERN, POLICY_KEY_RULE } from '../policy-key';
import { defineRoute, errorResponse, isoInstant, isoInstantOrNull, issueField, text } from './route';

/** The public read side: policies, the version in force, the archive and one version, in a reader's language. */

export const policyLocale = z.enum(SUPPORTED_LOCALES);
export const versionStatus = z.enum(['scheduled', 'current', 'superseded', 'withdrawn']);

export const policyKeyParam = z
  .string()
  .regex(new RegExp(`^${POLICY_KEY_PATTERN}$`), { error: `A policy key is ${POLICY_KEY_RULE}` })
  .describe('The policy key, e.g. privacy');
// Tags are normalised by the server (`kz` and regional tags accepted); the list of what is supported is in the error.
/** A locale as clients send it; the server normalises it (`kz` and regional tags accepted) or answers 400 naming the supported ones. */
export const localeTag = text().max(35).describe('ru, kk or en; kz and regional tags such as ru-KZ are accepted');
const localeQuery = localeTag.optional();

export const versionNumberParam = z
  .string()
  .regex(/^[1-9]\d{0,8}$/, { error: 'Version must be a positive whole number' })
  .describe('A version number, from 1');

export const contentHash = z
  .string()
  .regex(/^sha256:[0-9a-f]{64}$/, { error: (issue) => `${issueField(issue)} must be "sha256:" and 64 lowercase hex digits` })
  .describe('SHA-256 of the exact Markdown, as accepted in the ledger');

export const upcomingSummary = z.object({ version: z.number().int(), effectiveAt: isoInstant, material: z.boolean() }).nullable();

/** A version in a list: its place on the timeline, and its title when the list is in a locale. */
export const versionSummary = z.object({
  version: z.number().int(),
  effectiveAt: isoInstant,
  supersededAt: isoInstantOrNull,
  material: z.boolean(),
  status: versionStatus,
  publishedAt: isoInstantOrNull,
  locales: z.array(policyLocale),
  title: z.string().optional(),
  changeSummary: z.string().optional(),
});

export const policySummary = z.object({
  key: z.string(),
  title: z.string(),
  titles: z.partialRecord(policyLocale, z.string()),
  requiredLocales: z.array(policyLocale),
  fallbackOrder: z.array(policyLocale),
  current: versionSummary.nullable(),
  upcoming: upcomingSummary,
});

/** One version's text in one locale, as readers are shown it and acceptances name it. */
export const policyText = z.object({
  policy: z.string(),
  version: z.number().int(),
  locale: policyLocale,
  requestedLocale: policyLocale,
  fallback: z.boolean(),
  title: z.string(),
  markdown: z.string(),
  html: z.string(),
  contentHash,
  effectiveAt: isoInstant,
  supersededAt: isoInstantOrNull,
  material: z.boolean(),
  status: z.literal('withdrawn').optional(),
  changeSummary: z.string(),
  publishedAt: isoInstantOrNull,
  /** The consent terms frozen with the version (shared/consent-terms.ts); null for a version published without them. */
  consent: consentTermsDraft.nullable(),
});

const policyTextResponse = z.object({
  data: policyText,
  meta: z.object({ upcoming: upcomingSummary, availableLocales: z.array(policyLocale) }),
});

// Examples for the document: the demo's policy as a reader in Kazakh would get it.
const EXAMPLE_MARKDOWN = '# Құпиялылық саясаты\n\n1. Жалпы ережелер\n';
const EXAMPLE_SUMMARY = {
  version: 2,
  effectiveAt: '2026-06-01T00:00:00.000Z',
  supersededAt: null,
  material: true,
  status: 'current',
  publishedAt: '2026-05-01T09:30:00.000Z',
  locales: ['ru', 'kk', 'en'],
};
const EXAMPLE_UPCOMING = { version: 3, effectiveAt: '2027-01-01T00:00:00.000Z', material: true };
const EXAMPLE_TEXT = {
  data: {
    policy: 'privacy',
    version: 2,
    locale: 'kk',
    requestedLocale: 'kk',
    fallback: false,
    title: 'Құпиялылық саясаты',
    markdown: EXAMPLE_MARKDOWN,
    html: '<h1>Құпиялылық саясаты</h1>\n<ol>\n<li>Жалпы ережелер</li>\n</ol>\n',
    contentHash: 'sha256:5d0e1f1c55f7f0b8f3c7e5a41b6d2e9a0c4b8d7f6e5a4b3c2d1e0f9a8b7c6d5e',
    effectiveAt: EXAMPLE_SUMMARY.effectiveAt,
    supersededAt: null,
    material: true,
    changeSummary: 'Сақтау мерзімдері өзгерді',
    publishedAt: EXAMPLE_SUMMARY.publishedAt,
    consent: {
      operator: { name: 'ТОО «Пример»', bin: '123456789012' },
      dataCategories: ['Тегі, аты', 'Электрондық пошта мекенжайы', 'Телефон нөмірі'],
      purposes: [
        { id: 'service', required: true, title: { ru: 'Оказание услуг', kk: 'Қызмет көрсету', en: 'Providing the service' } },
        { id: 'analytics', required: false, title: { ru: 'Аналитика', kk: 'Талдау', en: 'Analytics' } },
      ],
      term: 'until-withdrawn',
      thirdParties: [],
      crossBorder: [],
      publicSources: false,
      storageLocation: 'KZ',
      contact: 'privacy@example.kz',
    },
  },
  meta: { upcoming: EXAMPLE_UPCOMING, availableLocales: ['ru', 'kk', 'en'] },
};

const notFound = { description: 'No such policy, version or text', schema: errorResponse };
const badRequest = { description: 'A parameter is not valid', schema: errorResponse };
const notModified = { description: 'The client holds this answer already (If-None-Match)' };

export const listPolicies = defineRoute({
  method: 'GET',
  path: '/policies',
  audience: 'public',
  tag: 'Policies',
  summary: 'Every policy with a published version, its version in force and the next one',
  request: { query: z.object({ locale: localeQuery }) },
  responses: {
    200: {
      description: 'The policies',
      schema: z.object({ data: z.array(policySummary), meta: z.object({ total: z.number().int() }) }),
      example: {
        data: [
          {
            key: 'privacy',
            title: 'Құпиялылық саясаты',
            titles: { ru: 'Политика конфиденциальности', kk: 'Құпиялылық саясаты', en: 'Privacy policy' },
            requiredLocales: ['ru', 'kk'],
            fallbackOrder: ['ru', 'kk', 'en'],
            current: EXAMPLE_SUMMARY,
            upcoming: EXAMPLE_UPCOMING,
          },
        ],
        meta: { total: 1 },
      },
    },
    400: badRequest,
  },
});

export const getCurrentVersion = defineRoute({
  method: 'GET',
  path: '/policies/:key/current',
  audience: 'public',
  tag: 'Policies',
  summary: 'The version in force (now, or at `at`), in the reader\'s language, with its content hash',
  description:
    'The locale comes from `locale`, else Accept-Language, else the policy\'s fallback order; `fallback` says whether the text is in another locale than asked. Answers carry a strong ETag and a Cache-Control that ends when the next version takes effect.',
  request: {
    params: z.object({ key: policyKeyParam }),
    query: z.object({
      locale: localeQuery,
      at: z.string().describe('An ISO-8601 date or instant with a time zone').optional(),
    }),
  },
  responses: {
    200: { description: 'The version in force', schema: policyTextResponse, example: EXAMPLE_TEXT },
    304: notModified,
    400: badRequest,
    404: notFound,
  },
});

export const listVersions = defineRoute({
  method: 'GET',
  path: '/policies/:key/versions',
  audience: 'public',
  tag: 'Policies',
  summary: 'The archive: every published version, withdrawn ones included, titled in the reader\'s language',
  request: { params: z.object({ key: policyKeyParam }), query: z.object({ locale: localeQuery }) },
  responses: {
    200: {
      description: 'The versions, oldest first',
      schema: z.object({
        data: z.array(versionSummary),
        meta: z.object({ policy: z.string(), locale: policyLocale, upcoming: upcomingSummary }),
      }),
      example: {
        data: [
          { ...EXAMPLE_SUMMARY, version: 1, effectiveAt: '2025-01-01T00:00:00.000Z', supersededAt: EXAMPLE_SUMMARY.effectiveAt, status: 'superseded', title: 'Құпиялылық саясаты', changeSummary: '' },
          { ...EXAMPLE_SUMMARY, title: 'Құпиялылық саясаты', changeSummary: 'Сақтау мерзімдері өзгерді' },
        ],
        meta: { policy: 'privacy', locale: 'kk', upcoming: EXAMPLE_UPCOMING },
      },
    },
    400: badRequest,
    404: notFound,
  },
});

export const getVersion = defineRoute({
  method: 'GET',
  path: '/policies/:key/versions/:version',
  audience: 'public',
  tag: 'Policies',
  summary: 'One published version\'s text, in the reader\'s language',
  request: {
    params: z.object({ key: policyKeyParam, version: versionNumberParam }),
    query: z.object({ locale: localeQuery }),
  },
  responses: {
    200: { description: 'The version', schema: policyTextResponse, example: EXAMPLE_TEXT },
    304: notModified,
    400: badRequest,
    404: notFound,
  },
});

export type PolicySummary = z.infer<typeof policySummary>;
export type VersionSummary = z.infer<typeof versionSummary>;
export type PolicyText = z.infer<typeof policyText>;
