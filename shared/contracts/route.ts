import { z } from '@strapi/utils';
import { isWellFormed, NOT_WELL_FORMED } from '../unicode';

/**
 * One route of the plugin as server, admin, clients and the OpenAPI document all see it. Server code
 * builds its route table and validates requests from these; the admin and clients import only their types
 * (so no schema code reaches a browser bundle); the OpenAPI document is generated from them.
 */
export interface RouteContract {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Koa-style, `:name` parameters, below the plugin's prefix (`/api/policy-versions` or `/policy-versions`). */
  path: string;
  /** `public`: no account; `end-user`: a users-permissions JWT or an API token; `admin`: an admin JWT and an RBAC action. */
  audience: 'public' | 'end-user' | 'admin';
  summary: string;
  description?: string;
  tag: string;
  request: {
    params?: z.ZodObject;
    query?: z.ZodObject;
    body?: z.ZodType;
  };
  /** By status; a response without `schema` has no JSON body (304, 204) or is a stream (`contentType`). */
  responses: Record<number, { description: string; schema?: z.ZodType; contentType?: string; example?: unknown }>;
}

export const defineRoute = <const Route extends RouteContract>(route: Route): Route => route;

/** Strapi's error shape, which every 4xx and 5xx of the plugin answers with. */
export const errorResponse = z.object({
  data: z.null(),
  error: z.object({
    status: z.number().int(),
    name: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type ErrorResponse = z.infer<typeof errorResponse>;

export const isoInstant = z.iso.datetime({ offset: true });
export const isoInstantOrNull = isoInstant.nullable();

type Schema<T> = T extends z.ZodType ? z.infer<T> : never;
type Input<T> = T extends z.ZodType ? z.input<T> : never;

/** The JSON a route answers with `status` (200 unless said), as the client receives it. */
export type ResponseOf<Route extends RouteContract, Status extends keyof Route['responses'] = 200> =
  Route['responses'][Status] extends { schema: infer S } ? Schema<S> : never;
/** What a client may send: the route's query, body and path parameters before the server's parsing. */
export type QueryOf<Route extends RouteContract> = Input<Route['request']['query']>;
export type BodyOf<Route extends RouteContract> = Input<Route['request']['body']>;
export type ParamsOf<Route extends RouteContract> = Input<Route['request']['params']>;

/** The dotted path of the field a zod issue is about, as the contracts' own messages name it. */
export const issueField = (issue: { path?: readonly PropertyKey[] }) => (issue.path ?? []).map(String).join('.');

/** A string that is well-formed Unicode (shared/unicode.ts): every string the plugin stores is declared with it. */
export const text = () =>
  z.string().refine(isWellFormed, { error: (issue) => `${issueField(issue)} ${NOT_WELL_FORMED}` });
