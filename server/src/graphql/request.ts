import { errors } from '@strapi/utils';
import { errorAnswer, type Context, type PreparedResponse } from '../http';

/**
 * What the resolvers share with the REST controllers: the request as the validators read it, and errors
 * with the status REST would answer.
 */

export type Arguments = Record<string, any>;

/** GraphQL sends null for an optional argument or input field left unset; REST leaves it out. */
export const present = (values: Arguments | null | undefined): Arguments =>
  Object.fromEntries(Object.entries(values ?? {}).filter(([, value]) => value !== null && value !== undefined));

/** Numbers as a URL carries them, so the validators' rules and messages for path and query values apply. */
const asText = (values: Arguments): Arguments =>
  Object.fromEntries(Object.entries(present(values)).map(([name, value]) => [name, typeof value === 'number' ? String(value) : value]));

/**
 * The GraphQL call as the REST validators (controllers/validation) read a request: its arguments stand in for
 * the path, the query string and the body, while the headers (Accept-Language), the socket and the auth state
 * stay those of the HTTP request. Properties are defined, not assigned: Koa's context would pass an assigned
 * `query` on to the real request's setter.
 */
export function requestOf(koa: Context, parts: { params: Arguments; query?: Arguments; body?: Arguments | null }): Context {
  const request = Object.create(koa.request, { body: { value: present(parts.body) } });
  return Object.create(koa, {
    params: { value: asText(parts.params) },
    query: { value: asText(parts.query ?? {}) },
    request: { value: request },
  });
}

/** A prepared public answer as one object: the reader serialises (and caches) the REST body, the one source of both. */
export const unfold = (prepared: PreparedResponse) => {
  const { data, meta } = JSON.parse(prepared.body.toString());
  return { ...data, ...meta };
};

/**
 * Strapi's GraphQL error formatter puts an error's name, message and details in `extensions.error` and a code
 * in `extensions.code`, and keeps the extensions GraphQL read from the thrown error: there goes the HTTP status
 * REST answers with, so clients of both APIs branch on the same numbers. Errors that are not Strapi's or
 * http-errors' stay unknown, and the formatter hides them behind a 500.
 */
export const withStatus = <Resolver extends (...args: any[]) => Promise<unknown>>(resolve: Resolver) =>
  (async (...args: Parameters<Resolver>) => {
    try {
      return await resolve(...args);
    } catch (error) {
      if (error instanceof errors.ApplicationError || error instanceof errors.HttpError) {
        Object.defineProperty(error, 'extensions', { value: { status: errorAnswer(error).status }, configurable: true });
      }
      throw error;
    }
  }) as Resolver;
