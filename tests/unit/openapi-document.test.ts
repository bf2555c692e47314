import { z } from '@strapi/utils';
import { defineRoute, errorResponse } from '../../shared/contracts/route';
import { documentProblems } from '../../server/src/openapi/check';
import { openApiDocument, openApiPath } from '../../server/src/openapi/document';

const item = z.object({ id: z.number().int(), name: z.string().describe('Its name') });

const listItems = defineRoute({
  method: 'GET',
  path: '/shelves/:shelf/items',
  audience: 'public',
  tag: 'Items',
  summary: 'The items on a shelf',
  description: 'Longer words',
  request: {
    params: z.object({ shelf: z.string().describe('The shelf') }),
    query: z.object({ sort: z.enum(['name', 'id']).default('name'), page: z.string().optional(), must: z.string() }),
  },
  responses: {
    200: { description: 'The items', schema: z.object({ data: z.array(item) }), contentType: 'text/html', example: { data: [{ id: 1, name: 'A' }] } },
    304: { description: 'Not modified' },
    404: { description: 'No such shelf', schema: errorResponse },
  },
});

const addItem = defineRoute({
  method: 'POST',
  path: '/shelves/:shelf/items',
  audience: 'end-user',
  tag: 'Items',
  summary: 'Puts an item on a shelf',
  request: { params: z.object({ shelf: z.string() }), body: z.object({ name: z.string(), note: z.string().default('') }) },
  responses: { 201: { description: 'Added', schema: z.object({ data: item }) }, 401: { description: 'Not signed in', schema: errorResponse } },
});

const exportItems = defineRoute({
  method: 'GET',
  path: '/export',
  audience: 'public',
  tag: 'Export',
  summary: 'Every item as CSV',
  request: {},
  responses: { 200: { description: 'CSV', contentType: 'text/csv', example: 'id,name\n' } },
});

const document = openApiDocument([{ contract: listItems }, { contract: addItem }, { contract: exportItems }], {
  info: { title: 'Shelves', version: '1.0.0' },
  serverUrl: '/api/shelves',
  components: { Error: errorResponse, Item: item },
});

describe('openApiDocument', () => {
  it('turns Koa parameters into OpenAPI ones and groups methods by path', () => {
    expect(openApiPath('/policies/:key/versions/:version')).toBe('/policies/{key}/versions/{version}');
    expect(Object.keys(document.paths)).toEqual(['/shelves/{shelf}/items', '/export']);
    expect(Object.keys(document.paths['/shelves/{shelf}/items'])).toEqual(['get', 'post']);
    expect(document.servers).toEqual([{ url: '/api/shelves' }]);
    expect(document.tags).toEqual([{ name: 'Items' }, { name: 'Export' }]);
  });

  it('reads parameters from the params and query schemas, as a client sends them', () => {
    const get = document.paths['/shelves/{shelf}/items'].get;
    expect(get).toMatchObject({ tags: ['Items'], summary: 'The items on a shelf', description: 'Longer words' });
    expect(get.parameters).toEqual([
      { name: 'shelf', in: 'path', required: true, description: 'The shelf', schema: { type: 'string' } },
      { name: 'sort', in: 'query', required: false, schema: { type: 'string', enum: ['name', 'id'], default: 'name' } },
      { name: 'page', in: 'query', required: false, schema: { type: 'string' } },
      { name: 'must', in: 'query', required: true, schema: { type: 'string' } },
      // A 304 in the contract means the route answers conditional requests.
      expect.objectContaining({ name: 'If-None-Match', in: 'header', required: false }),
    ]);
  });

  it('describes answers by status, naming shared schemas, with their examples', () => {
    const { responses } = document.paths['/shelves/{shelf}/items'].get;
    expect(responses['200']).toEqual({
      description: 'The items',
      content: {
        'application/json': {
          schema: {
            type: 'object',
            properties: { data: { type: 'array', items: { $ref: '#/components/schemas/Item' } } },
            required: ['data'],
            additionalProperties: false,
          },
          example: { data: [{ id: 1, name: 'A' }] },
        },
        'text/html': { schema: { type: 'string' } },
      },
    });
    expect(responses['304']).toEqual({ description: 'Not modified' });
    expect(responses['404'].content).toEqual({ 'application/json': { schema: { $ref: '#/components/schemas/Error' } } });
    expect(document.paths['/export'].get.responses['200'].content).toEqual({ 'text/csv': { schema: { type: 'string' }, example: 'id,name\n' } });
    expect(document.components.schemas.Item).toMatchObject({ properties: { name: { type: 'string', description: 'Its name' } } });
    expect(document.components.schemas.Error).toMatchObject({ required: ['data', 'error'] });
  });

  it('takes request bodies as the client sends them: a field with a default is optional', () => {
    const { requestBody } = document.paths['/shelves/{shelf}/items'].post;
    expect(requestBody).toEqual({
      required: true,
      content: {
        'application/json': {
          schema: { type: 'object', properties: { name: { type: 'string' }, note: { type: 'string', default: '' } }, required: ['name'] },
        },
      },
    });
  });

  it('needs no account for a public route and a JWT or an API token for an end-user one', () => {
    expect(document.paths['/shelves/{shelf}/items'].get.security).toEqual([]);
    expect(document.paths['/shelves/{shelf}/items'].post.security).toEqual([{ userJwt: [] }, { apiToken: [] }]);
    expect(Object.keys(document.components.securitySchemes)).toEqual(['userJwt', 'apiToken']);
  });

  it('refuses two contracts for one route', () => {
    expect(() => openApiDocument([{ contract: addItem }, { contract: addItem }], { info: { title: 'x', version: '1' }, serverUrl: '/' })).toThrow(
      'Two contracts for POST /shelves/:shelf/items'
    );
  });
});

describe('documentProblems', () => {
  it('finds nothing wrong with a generated document', () => {
    expect(documentProblems(document)).toEqual([]);
  });

  it('names what is wrong: the version, answers, path parameters, security schemes and references', () => {
    const broken = {
      openapi: '3.0.3',
      info: { title: 'x' },
      paths: {
        '/a/{id}': { get: { responses: {}, security: [{ cookie: [] }] } },
        '/b': { post: { parameters: [{ name: 'id', in: 'path', required: true }], responses: { 200: { content: {} } } } },
        '/c': { get: { responses: { 200: { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/Nope' } } } } } } },
      },
    };
    expect(documentProblems(broken)).toEqual([
      'openapi is 3.0.3, not 3.1.x',
      'info needs a title and a version',
      'GET /a/{id}: no responses',
      'GET /a/{id}: path parameter {id} is not declared',
      'GET /a/{id}: unknown security scheme cookie',
      'POST /b 200: no description',
      'POST /b: path parameter id is not in the path',
      '#/paths/~1c/get/responses/200/content/application~1json/schema: $ref #/components/schemas/Nope does not resolve',
    ]);
  });
});
