import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../constants';
import { POLICY_KEY_PATTERN } from '../../../shared/policy-key';
import type { Context } from '../controllers/public-api';

type Next = () => Promise<unknown>;

// Headers Strapi's security middleware would set on a JSON answer that embeds nothing.
export const SECURITY_HEADERS: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Resource-Policy': 'cross-origin',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'SAMEORIGIN',
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'self'",
};

export const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/**
 * Opt-in (`fastRead: true`): answers `GET <prefix>/policy-versions/policies/:key/current` ahead of Strapi's
 * middleware stack, which costs most of that route's time (NOTES: a do-nothing route tops out near 2,250
 * req/s here). It runs the very same controller, so bodies, ETags and cache headers are identical. Only
 * successful answers (200/304) are served here; anything else falls through to the full stack, which
 * answers with its usual error shape and log line. What the stack would add is set here: security
 * headers and an open CORS origin, as the text is public; such answers skip strapi::logger.
 */
export const createFastRead = (strapi: Core.Strapi) => {
  const prefix = (strapi.config.get('api.rest.prefix') as string | undefined) ?? '/api';
  const route = new RegExp(`^${escapeRegExp(prefix)}/${PLUGIN_ID}/policies/(${POLICY_KEY_PATTERN})/current$`);

  return async (ctx: Context, next: Next) => {
    if (ctx.method !== 'GET') return next();
    const match = route.exec(ctx.path);
    if (!match) return next();
    ctx.params = { key: match[1] };
    try {
      await strapi.plugin(PLUGIN_ID).controller('public-api').current(ctx, next);
    } catch {
      ctx.params = {};
      return next();
    }
    ctx.set(SECURITY_HEADERS);
    if (ctx.get('origin')) ctx.set('Access-Control-Allow-Origin', '*');
  };
};
