import { z } from '@strapi/utils';
import { getDraftDiff, getPublishedDiff } from '../../../../shared/contracts/diff';
import { parseVersionNumber } from '../../domain/request-params';
import type { Context } from '../../http';
import { parseFilledQuery, parseParams, parsedBy } from '.';
import { localeRequest } from './policies';

// The contract's pattern would word its own message; this one names the parameter.
const versionNumber = parsedBy(z.string(), parseVersionNumber, (field) => `"${field}" must be a positive whole version number`).optional();
const publishedQuery = getPublishedDiff.request.query.extend({ from: versionNumber, to: versionNumber });

export const publishedDiffRequest = (ctx: Context) => {
  const { key } = parseParams(getPublishedDiff.request.params, ctx);
  const { locale, ...versions } = parseFilledQuery(publishedQuery, ctx);
  return { key, request: { ...localeRequest(ctx, locale), ...versions } };
};

/** `from` is a documentId or `current`; the locale is read by the service, which knows the policy's fallback order. */
export const draftDiffRequest = (ctx: Context) => parseFilledQuery(getDraftDiff.request.query, ctx);
