import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { parseInstant, parseVersionNumber } from '../domain/request-params';
import type { LocaleRequest, PreparedResponse } from '../services/reader';
import { queryValue } from '../utils/query';
import { getService } from '../utils/plugin';

export type Context = Parameters<Core.MiddlewareHandler>[0];

export const localeRequest = (ctx: Context): LocaleRequest => ({
  locale: queryValue(ctx.query, 'locale'),
  acceptLanguage: ctx.get('accept-language') || undefined,
});

// If-None-Match uses the weak comparison (RFC 9110 13.1.2), so a W/ prefix added by a proxy still matches.
const matchesEtag = (header: string, etag: string) =>
  header.trim() === '*' || header.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === etag);

export function send(ctx: Context, prepared: PreparedResponse) {
  ctx.set('ETag', prepared.etag);
  ctx.set('Vary', 'Accept-Language');
  ctx.set('Content-Language', prepared.locale);
  ctx.set('Cache-Control', `public, max-age=${prepared.maxAgeSeconds}`);
  const ifNoneMatch = ctx.get('if-none-match');
  if (ifNoneMatch && matchesEtag(ifNoneMatch, prepared.etag)) {
    ctx.status = 304;
    return;
  }
  ctx.type = prepared.type ?? 'application/json; charset=utf-8';
  ctx.body = prepared.body;
}

/** The public, read-only API: thin HTTP glue over the reader service. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const reader = () => getService(strapi, 'reader');

  return {
    async policies(ctx: Context) {
      ctx.set('Vary', 'Accept-Language');
      ctx.body = await reader().listPolicies(localeRequest(ctx));
    },

    async current(ctx: Context) {
      const atParam = queryValue(ctx.query, 'at');
      let at = new Date();
      if (atParam !== undefined) {
        const parsed = parseInstant(atParam);
        if (!parsed) {
          throw new errors.ValidationError('"at" must be an ISO-8601 date or an instant with a time zone, e.g. 2026-01-01T00:00:00Z', {
            at: atParam,
          });
        }
        at = parsed;
      }
      send(ctx, await reader().current(ctx.params.key, at, localeRequest(ctx)));
    },

    async versions(ctx: Context) {
      ctx.set('Vary', 'Accept-Language');
      ctx.body = await reader().archive(ctx.params.key, localeRequest(ctx));
    },

    async version(ctx: Context) {
      const version = parseVersionNumber(ctx.params.version);
      if (version === null) {
        throw new errors.ValidationError('Version must be a positive whole number', { version: ctx.params.version });
      }
      send(ctx, await reader().version(ctx.params.key, version, localeRequest(ctx)));
    },
  };
};
