import { z } from '@strapi/utils';
import { defineRoute } from './route';

/** The OpenAPI 3.1 document of the public and end-user routes, generated from these contracts (server/src/openapi). */
export const getOpenApiDocument = defineRoute({
  method: 'GET',
  path: '/openapi.json',
  audience: 'public',
  tag: 'Documentation',
  summary: 'This API as an OpenAPI 3.1 document: every public and end-user route, its parameters, answers and examples',
  request: {},
  responses: {
    200: {
      description: 'The OpenAPI document',
      schema: z.looseObject({
        openapi: z.string().regex(/^3\.1\.\d+$/),
        info: z.looseObject({ title: z.string(), version: z.string() }),
        paths: z.record(z.string(), z.unknown()),
      }),
    },
  },
});
