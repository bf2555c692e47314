import { z } from '@strapi/utils';
import type { ConsentTermsDraft } from '../../../../shared/consent-terms';
import {
  createDraft,
  getPolicyVersion,
  listPolicyVersions,
  previewMarkdown,
  publicationRequest,
  updateDraftConsent,
  updateDraftLocale,
} from '../../../../shared/contracts/versions';
import type { PolicyLocale } from '../../../../shared/locales';
import { parseInstant } from '../../domain/request-params';
import { requestBody, type Context } from '../../http';
import type { CopyFrom, DraftText, PublishInput } from '../../services/versions';
import { parse, parsedBy, parseParams } from '.';
import { supportedLocale } from './acceptances';

// An empty effectiveAt, as a cleared date field sends it, means on publication like null.
const effectiveAt = z.preprocess(
  (value) => (value === '' ? null : value),
  parsedBy(z.string(), parseInstant, (field) => `${field} must be an ISO-8601 instant with a time zone, e.g. 2026-12-01T00:00:00Z`)
    .nullable()
    .optional()
);
const publicationBody = publicationRequest.extend({ effectiveAt });
const draftBody = createDraft.request.body.extend({
  copyFrom: createDraft.request.body.shape.copyFrom.transform((value): CopyFrom | undefined =>
    value === undefined || value === 'empty' || value === 'current' ? value : Number(value)
  ),
});
const localeParams = updateDraftLocale.request.params.extend({ locale: supportedLocale(updateDraftLocale.request.params.shape.locale) });

/** The documentId of the version a route names. */
export const versionRequest = (ctx: Context) => parseParams(getPolicyVersion.request.params, ctx).documentId;

export const policyVersionsRequest = (ctx: Context) => parseParams(listPolicyVersions.request.params, ctx).key;

export const draftRequest = (ctx: Context): { key: string; copyFrom?: CopyFrom } => ({
  key: parseParams(createDraft.request.params, ctx).key,
  copyFrom: parse(draftBody, requestBody(ctx)).copyFrom,
});

export const draftLocaleRequest = (ctx: Context): { documentId: string; locale: PolicyLocale; text: DraftText } => ({
  ...parseParams(localeParams, ctx),
  text: parse(updateDraftLocale.request.body, requestBody(ctx)),
});

export const draftConsentRequest = (ctx: Context): { documentId: string; consent: ConsentTermsDraft } => ({
  ...parseParams(updateDraftConsent.request.params, ctx),
  consent: parse(updateDraftConsent.request.body, requestBody(ctx)),
});

/** What publish and its dry run are asked, the same for both. */
export const publicationInput = (ctx: Context): { documentId: string; input: PublishInput } => ({
  documentId: versionRequest(ctx),
  input: parse(publicationBody, requestBody(ctx)),
});

export const previewRequest = (ctx: Context) => parse(previewMarkdown.request.body, requestBody(ctx)).markdown;
