import { z } from '@strapi/utils';
import type { RouteContract } from '../../../shared/contracts/route';

/**
 * The OpenAPI 3.1 document of a list of route contracts (shared/contracts): pure, so the served document,
 * docs/openapi.json and the tests build the very same one. JSON schemas come from zod: requests as the
 * client may send them (`io: 'input'`), answers as the server sends them (`io: 'output'`).
 */

export type JsonSchema = Record<string, unknown>;

/** A route the document describes: the content API's. Admin routes need an admin JWT and stay out of it. */
export type DocumentedContract = RouteContract & { audience: 'public' | 'end-user' };

export interface DocumentOptions {
  info: { title: string; version: string; description?: string };
  /** Where the contracts' paths are mounted, e.g. `/api/policy-versions`. */
  serverUrl: string;
  /** Answer schemas named in `components.schemas`: wherever an answer uses one, the document refers to it. */
  components?: Record<string, z.ZodType>;
}

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  description?: string;
  schema: JsonSchema;
}

interface MediaType {
  schema: JsonSchema;
  example?: unknown;
}

interface Operation {
  tags: string[];
  summary: string;
  description?: string;
  parameters?: Parameter[];
  requestBody?: { required: boolean; content: Record<string, MediaType> };
  responses: Record<string, { description: string; content?: Record<string, MediaType> }>;
  security: Array<Record<string, string[]>>;
}

export interface OpenApiDocument {
  openapi: string;
  info: DocumentOptions['info'];
  servers: Array<{ url: string }>;
  tags: Array<{ name: string }>;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, JsonSchema>; securitySchemes: Record<string, JsonSchema> };
}

const SECURITY_SCHEMES = {
  userJwt: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: 'A users-permissions JWT (`POST /api/auth/local`): the subject is the signed-in user',
  },
  apiToken: {
    type: 'http',
    scheme: 'bearer',
    description: "A Strapi API token with the route's action: the request names the subject",
  },
};

// Either scheme will do for an end-user route; a public one needs none.
const SECURITY: Record<DocumentedContract['audience'], Operation['security']> = {
  public: [],
  'end-user': [{ userJwt: [] }, { apiToken: [] }],
};

// A contract that lists 304 answers conditional requests.
const IF_NONE_MATCH: Parameter = {
  name: 'If-None-Match',
  in: 'header',
  required: false,
  description: 'The ETag of an answer held already: 304 when it is still the answer',
  schema: { type: 'string' },
};

/** Koa's `:name` path parameters as OpenAPI's `{name}`. */
export const openApiPath = (path: string) => path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

/**
 * `schema` as a JSON schema fragment of the document. With `named`, every named schema inside it but
 * `except` becomes a `$ref` into `components.schemas`.
 */
function jsonSchema(schema: z.ZodType, io: 'input' | 'output', named?: Map<unknown, string>, except?: unknown): JsonSchema {
  const { $schema, ...fragment } = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io,
    override: ({ zodSchema, jsonSchema: json }) => {
      const name = named?.get(zodSchema);
      if (name === undefined || zodSchema === except) return;
      for (const key of Object.keys(json)) delete json[key as keyof typeof json];
      json.$ref = `#/components/schemas/${name}`;
    },
  });
  // A `#/$defs/…` reference inside the document would resolve against the document, not the schema.
  if ('$defs' in fragment) throw new Error('A contract schema needs $defs (it is recursive or reused by id); name it in components instead');
  return fragment;
}

/** An object schema's fields as parameters: path ones always required, query ones when the schema says so. */
function parametersOf(schema: z.ZodObject | undefined, location: 'path' | 'query'): Parameter[] {
  if (!schema) return [];
  const json = jsonSchema(schema, 'input');
  const required = (json.required ?? []) as string[];
  return Object.entries((json.properties ?? {}) as Record<string, JsonSchema>).map(([name, { description, ...field }]) => ({
    name,
    in: location,
    required: location === 'path' || required.includes(name),
    ...(typeof description === 'string' ? { description } : {}),
    schema: field,
  }));
}

const mediaType = (schema: JsonSchema, example: unknown): MediaType => (example === undefined ? { schema } : { schema, example });

function responsesOf(contract: RouteContract, named: Map<unknown, string>): Operation['responses'] {
  return Object.fromEntries(
    Object.entries(contract.responses).map(([status, { description, schema, contentType, example }]) => {
      const content: Record<string, MediaType> = {};
      if (schema) content['application/json'] = mediaType(jsonSchema(schema, 'output', named), example);
      // A JSON answer with a `contentType` as well answers that type too (a rendering); alone, it is the body's type.
      if (contentType) content[contentType] = mediaType({ type: 'string' }, schema ? undefined : example);
      return [status, Object.keys(content).length ? { description, content } : { description }];
    })
  );
}

function operationOf(contract: DocumentedContract, named: Map<unknown, string>): Operation {
  const { params, query, body } = contract.request;
  const parameters = [...parametersOf(params, 'path'), ...parametersOf(query, 'query'), ...(304 in contract.responses ? [IF_NONE_MATCH] : [])];
  let requestBody: Operation['requestBody'];
  if (body) {
    const schema = jsonSchema(body, 'input');
    requestBody = { required: ((schema.required ?? []) as string[]).length > 0, content: { 'application/json': { schema } } };
  }
  return {
    tags: [contract.tag],
    summary: contract.summary,
    ...(contract.description ? { description: contract.description } : {}),
    ...(parameters.length ? { parameters } : {}),
    ...(requestBody ? { requestBody } : {}),
    responses: responsesOf(contract, named),
    security: SECURITY[contract.audience],
  };
}

/** The document of `entries` (a route table's values), in their order. */
export function openApiDocument(entries: ReadonlyArray<{ contract: DocumentedContract }>, options: DocumentOptions): OpenApiDocument {
  const components = options.components ?? {};
  const named = new Map<unknown, string>(Object.entries(components).map(([name, schema]) => [schema, name]));
  const paths: OpenApiDocument['paths'] = {};
  for (const { contract } of entries) {
    const item = (paths[openApiPath(contract.path)] ??= {});
    const method = contract.method.toLowerCase();
    if (item[method]) throw new Error(`Two contracts for ${contract.method} ${contract.path}`);
    item[method] = operationOf(contract, named);
  }
  return {
    openapi: '3.1.1',
    info: options.info,
    servers: [{ url: options.serverUrl }],
    tags: [...new Set(entries.map(({ contract }) => contract.tag))].map((name) => ({ name })),
    paths,
    components: {
      schemas: Object.fromEntries(Object.entries(components).map(([name, schema]) => [name, jsonSchema(schema, 'output', named, schema)])),
      securitySchemes: SECURITY_SCHEMES,
    },
  };
}
