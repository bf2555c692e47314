import createError from 'http-errors';
import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../constants';
import { POLICY_KEY_PATTERN } from '../../../shared/policy-key';
import { SECURITY_HEADERS, renderError, routeMatcher, type Context, type Next } from '../http';
import { contentApi } from '../routes/content-api';
import { getConfig, getController } from '../utils/plugin';
import { refreshAheadCache } from '../utils/refresh-ahead';

interface Auth {
  strategy: unknown;
  credentials: unknown;
  ability: unknown;
}

interface Authenticated {
  auth: Auth;
  user: unknown;
  /** A JWT's `exp` in ms, so a cached JWT never outlives it; Infinity for API tokens (verify checks their expiry). */
  expiresAt: number;
}

// Writes to these can revoke or narrow a credential: any of them empties the cache (in this process).
const AUTH_MODELS = [
  'admin::api-token',
  'admin::api-token-permission',
  'plugin::users-permissions.user',
  'plugin::users-permissions.role',
  'plugin::users-permissions.permission',
];
const WRITE_EVENTS = ['afterCreate', 'afterCreateMany', 'afterUpdate', 'afterUpdateMany', 'afterDelete', 'afterDeleteMany'];
const MAX_CACHED = 10_000;
// Strapi's body parser (koa-body) refuses JSON over 1 MB by default; a larger body goes to it.
const JSON_LIMIT = 1024 * 1024;

const jwtExpiry = (header: string) => {
  const payload = header.split('.')[1];
  if (!payload) return Infinity;
  try {
    const { exp } = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    return typeof exp === 'number' ? exp * 1000 : Infinity;
  } catch {
    return Infinity;
  }
};

async function readJson(ctx: Context, length: number): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > length) throw createError(400, 'The request body is longer than its Content-Length');
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw createError(400, 'Invalid JSON in the request body');
  }
}

/**
 * Opt-in (`ledger.fastPath: true`): answers `POST <prefix>/policy-versions/policies/:key/acceptances` and
 * `GET .../acceptances/status` ahead of Strapi's middleware stack, which costs more CPU than the ledger work
 * itself. Authentication is Strapi's own: the content-API strategies and the route's scope check run as in the
 * full stack. Their result is kept for `ledger.authCacheMs` (1 s) per Authorization header (10,000 headers at
 * most), so a busy client is not looked up in the database on every call; a write to API tokens, their
 * permissions, or users-permissions users, roles and permissions empties it at once, another server process
 * within that time; a JWT is never kept past its `exp`, and an API token's expiry is checked on every call.
 *
 * Anything the fast path does not settle goes to the full stack untouched: calls without credentials or
 * with credentials that fail, an `Origin` header (CORS stays the app's), bodies that are not plain JSON
 * with a Content-Length up to 1 MB. What such answers skip: strapi::logger's line, the app's own
 * middlewares (rate limits, custom CORS), koa-session; the security headers are set here.
 */
export const createFastLedger = (strapi: Core.Strapi) => {
  const prefix = (strapi.config.get('api.rest.prefix') as string | undefined) ?? '/api';
  const base = `${prefix}/${PLUGIN_ID}`;
  const matchers = {
    accept: routeMatcher(base, contentApi.accept.route, { key: POLICY_KEY_PATTERN }),
    status: routeMatcher(base, contentApi.status.route, { key: POLICY_KEY_PATTERN }),
  };
  const ttl = () => getConfig(strapi).ledger.authCacheMs;

  let subscribed = false;
  // strapi.db does not exist yet while plugins register: subscribe on first use, when the cache is still empty.
  const watchCredentials = () => {
    if (subscribed) return;
    subscribed = true;
    strapi.db.lifecycles.subscribe({
      models: AUTH_MODELS,
      ...Object.fromEntries(WRITE_EVENTS.map((event) => [event, () => credentials.invalidate()])),
    });
  };

  // The registered route, with the scope Strapi gave it, found on first use (routes register after this).
  const routes = new Map<string, Record<string, any>>();
  const routeOf = (action: 'accept' | 'status') => {
    if (!routes.has(action)) {
      const { routes: registered } = (strapi.plugin(PLUGIN_ID).routes as Record<string, { routes: Array<Record<string, any>> }>)['content-api'];
      const found = registered.find((route) => route.handler === contentApi[action].route.handler) as Record<string, any>;
      routes.set(action, { ...found, config: found.config ?? {} });
    }
    return routes.get(action) as Record<string, any>;
  };

  /** Strapi's own authentication of an Authorization header; null when it does not pass. */
  async function authenticateAnew(header: string): Promise<Authenticated | null> {
    // A context of its own, so nothing a failing strategy sets reaches a real one. Strapi picks the strategies
    // by the route's type, the same (content-api) for both routes.
    const shadow = { request: { header: { authorization: header } }, state: { route: routeOf('status') }, unauthorized: () => undefined };
    let passed = false;
    await strapi.get('auth').authenticate(shadow, async () => {
      passed = true;
    });
    const auth = (shadow.state as { auth?: Auth }).auth;
    if (!passed || !auth?.credentials) return null;
    return { auth, user: (shadow.state as { user?: unknown }).user, expiresAt: jwtExpiry(header) };
  }

  // One authentication per header and TTL, shared by concurrent requests and renewed ahead of expiry: when
  // each request that found the entry expired authenticated on its own, 32 connections sent some 128 queries
  // at once every second, which set the status lookup's p99. Failures are kept as well, for the same TTL;
  // they go to the full stack, which authenticates again and answers 401.
  const credentials = refreshAheadCache<Authenticated | null>({ load: authenticateAnew, ttlMs: ttl, maxEntries: MAX_CACHED });

  /** Strapi's authentication and the route's scope check; false when either does not pass. */
  async function authenticate(ctx: Context, route: Record<string, any>): Promise<boolean> {
    const header = ctx.get('authorization');
    if (!header) return false;
    const found = await credentials.get(header);
    if (!found || found.expiresAt <= Date.now()) return false;
    await strapi.get('auth').verify(found.auth, route.config.auth);
    Object.assign(ctx.state, { route, isAuthenticated: true, auth: found.auth, ...(found.user ? { user: found.user } : {}) });
    return true;
  }

  return async (ctx: Context, next: Next) => {
    const action = (['accept', 'status'] as const).find((name) => matchers[name](ctx.method, ctx.path));
    if (!action || ctx.get('origin')) return next();
    const length = Number(ctx.get('content-length'));
    if (
      action === 'accept' &&
      (!ctx.is('application/json') || !(length > 0 && length <= JSON_LIMIT) || ctx.get('content-encoding') || !/^(utf-8)?$/i.test(ctx.request.charset))
    ) {
      return next();
    }
    watchCredentials();
    const route = routeOf(action);
    if (!(await authenticate(ctx, route).catch(() => false))) return next();

    ctx.params = matchers[action](ctx.method, ctx.path) as Record<string, string>;
    try {
      if (action === 'accept') (ctx.request as { body?: unknown }).body = await readJson(ctx, length);
      await getController(strapi, 'acceptances')[action](ctx);
    } catch (error) {
      renderError(ctx, error, (failure) => strapi.log.error(failure));
    }
    ctx.set(SECURITY_HEADERS);
  };
};
