import type { Core } from '@strapi/strapi';
import { getController } from '../utils/plugin';
import { PLUGIN_ID } from '../constants';
import { POLICY_KEY_PATTERN } from '../../../shared/policy-key';
import { SECURITY_HEADERS, routeMatcher, type Context, type Next } from '../http';
import { contentApi } from '../routes/content-api';

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
  const match = routeMatcher(`${prefix}/${PLUGIN_ID}`, contentApi.current.route, { key: POLICY_KEY_PATTERN });

  return async (ctx: Context, next: Next) => {
    const params = match(ctx.method, ctx.path);
    if (!params) return next();
    ctx.params = params;
    try {
      await getController(strapi, 'policies').current(ctx);
    } catch {
      ctx.params = {};
      return next();
    }
    ctx.set(SECURITY_HEADERS);
    if (ctx.get('origin')) ctx.set('Access-Control-Allow-Origin', '*');
  };
};
