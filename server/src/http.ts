import { createHash } from 'node:crypto';
import createError from 'http-errors';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { PolicyLocale } from '../../shared/locales';

/**
 * Everything HTTP the controllers and the fast paths share: the context type, conditional answers with
 * ETags, the headers the fast paths set in place of Strapi's stack, Strapi's error shape, and matching a
 * request against a route of the route table.
 */

export type Context = Parameters<Core.MiddlewareHandler>[0];
export type Next = () => Promise<unknown>;

/**
 * A response body ready to send: serialised once, with its strong ETag. A Buffer body is sent as it is;
 * a string one is measured and UTF-8 encoded again on every response, which for a 20 KB policy costs more
 * than everything else the plugin does per request.
 */
export interface PreparedResponse {
  body: Buffer | string;
  etag: string;
  locale: PolicyLocale;
  maxAgeSeconds: number;
  /** Content type of `body`; JSON when absent. */
  type?: string;
}

/** A strong ETag from the exact bytes sent: equal bodies, equal tags, on every instance. */
export const strongEtag = (body: Buffer | string) => `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;

// If-None-Match uses the weak comparison (RFC 9110 13.1.2), so a W/ prefix added by a proxy still matches.
const matchesEtag = (header: string, etag: string) =>
  header.trim() === '*' || header.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === etag);

/** Sends a prepared public answer, or 304 when the client holds it already. */
export function sendPrepared(ctx: Context, prepared: PreparedResponse) {
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

// Headers Strapi's security middleware would set on a JSON answer that embeds nothing; the fast paths,
// which answer ahead of that middleware, set them themselves.
export const SECURITY_HEADERS: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Resource-Policy': 'cross-origin',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'SAMEORIGIN',
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'self'",
};

/** Strapi's `{ status, name, message, details }` for what a controller throws, as strapi::errors renders it. */
export function errorAnswer(error: unknown) {
  if (error instanceof errors.ApplicationError) {
    const status =
      error instanceof errors.UnauthorizedError ? 401
      : error instanceof errors.ForbiddenError ? 403
      : error instanceof errors.NotFoundError ? 404
      : error instanceof errors.PayloadTooLargeError ? 413
      : 400;
    return { status, name: error.name, message: error.message, details: error.details };
  }
  const known = error instanceof Error ? createError(error) : createError(500);
  const shown = known.expose ? known : createError(known.status >= 500 ? known.status : 500);
  return { status: shown.status, name: shown.name, message: shown.message, details: (shown as { details?: unknown }).details };
}

/** Renders an error in Strapi's shape on a fast path, logging what is the server's fault. */
export function renderError(ctx: Context, error: unknown, log: (error: unknown) => void) {
  const answer = errorAnswer(error);
  if (answer.status >= 500) log(error);
  ctx.status = answer.status;
  ctx.body = { data: null, error: answer };
}

/** The JSON object a client sent, `{}` when there is no body; anything else is a 400. */
export const requestBody = (ctx: Context): Record<string, unknown> => {
  const value = (ctx.request as { body?: unknown }).body;
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw new errors.ValidationError('The request body must be a JSON object');
  return value as Record<string, unknown>;
};

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/**
 * A matcher for one route of the route table under `prefix` (e.g. `/api/policy-versions`): the route's
 * `:name` segments become parameters, each matched by `patterns[name]` (one path segment by default).
 */
export function routeMatcher(prefix: string, route: { method: string; path: string }, patterns: Record<string, string> = {}) {
  const names: string[] = [];
  const source = route.path
    .split('/')
    .map((segment) => {
      if (!segment.startsWith(':')) return escapeRegExp(segment);
      names.push(segment.slice(1));
      return `(${patterns[segment.slice(1)] ?? '[^/]+'})`;
    })
    .join('/');
  const expression = new RegExp(`^${escapeRegExp(prefix)}${source}$`);
  return (method: string, path: string): Record<string, string> | null => {
    if (method !== route.method) return null;
    const match = expression.exec(path);
    return match ? Object.fromEntries(names.map((name, index) => [name, match[index + 1]])) : null;
  };
}

/** The signed-in admin of an admin route, as audit events name them (admin routes always have one). */
export const adminOf = (ctx: Context): { id: number | string; email: string | null } => {
  const user = ctx.state.user as { id: number | string; email?: string | null };
  return { id: user.id, email: user.email ?? null };
};
