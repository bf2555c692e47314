import type { Core } from '@strapi/strapi';
import type { Context } from '../http';
import { pluginDocument } from '../openapi';

/** `GET /openapi.json` (shared/contracts/openapi): the document, built once, for this app's REST prefix. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  let document: ReturnType<typeof pluginDocument> | undefined;

  return {
    async document(ctx: Context) {
      document ??= pluginDocument(strapi.config.get('api.rest.prefix') as string | undefined);
      ctx.body = document;
    },
  };
};
