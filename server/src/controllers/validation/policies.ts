import { z } from '@strapi/utils';
import { getCurrentVersion, getVersion, listPolicies, listVersions } from '../../../../shared/contracts/policies';
import { parseInstant } from '../../domain/request-params';
import type { Context } from '../../http';
import type { LocaleRequest } from '../../services/reader';
import { parseParams, parseQuery } from '.';

const instant = (name: string) =>
  z.string().transform((value, check) => {
    const parsed = parseInstant(value);
    if (parsed) return parsed;
    check.addIssue({
      code: 'custom',
      message: `"${name}" must be an ISO-8601 date or an instant with a time zone, e.g. 2026-01-01T00:00:00Z`,
      params: { [name]: value },
    });
    return z.NEVER;
  });

const currentQuery = getCurrentVersion.request.query.extend({ at: instant('at').optional() });
const versionParams = getVersion.request.params.extend({ version: getVersion.request.params.shape.version.transform(Number) });

/** `?locale=` (normalised by the reader, which knows the policy's fallback order) and Accept-Language. */
const localeRequest = (ctx: Context, locale: string | undefined): LocaleRequest => ({
  locale,
  acceptLanguage: ctx.get('accept-language') || undefined,
});

export const policiesRequest = (ctx: Context) => localeRequest(ctx, parseQuery(listPolicies.request.query, ctx).locale);

export const currentRequest = (ctx: Context) => {
  const { key } = parseParams(getCurrentVersion.request.params, ctx);
  const { locale, at } = parseQuery(currentQuery, ctx);
  return { key, at: at ?? new Date(), locale: localeRequest(ctx, locale) };
};

export const versionsRequest = (ctx: Context) => ({
  key: parseParams(listVersions.request.params, ctx).key,
  locale: localeRequest(ctx, parseQuery(listVersions.request.query, ctx).locale),
});

export const versionRequest = (ctx: Context) => ({
  ...parseParams(versionParams, ctx),
  locale: localeRequest(ctx, parseQuery(getVersion.request.query, ctx).locale),
});

export { localeRequest };
