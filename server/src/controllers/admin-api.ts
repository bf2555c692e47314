import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { PLUGIN_ID } from '../constants';
import { renderMarkdown } from '../domain/render';
import type { Context } from './public-api';

export const body = (ctx: Context): Record<string, unknown> => {
  const value = (ctx.request as any).body;
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw new errors.ValidationError('The request body must be a JSON object');
  return value;
};

/** The editors' API behind the admin panel; every route is guarded by the plugin's RBAC actions. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const service = (name: string) => strapi.plugin(PLUGIN_ID).service(name);

  return {
    async listPolicies(ctx: Context) {
      ctx.body = await service('reader').listPolicies(
        { locale: null, acceptLanguage: ctx.get('accept-language') },
        { withUnpublished: true }
      );
    },

    async createPolicy(ctx: Context) {
      ctx.status = 201;
      ctx.body = { data: await service('policies').create(body(ctx)) };
    },

    async listVersions(ctx: Context) {
      ctx.body = { data: await service('versions').list(ctx.params.key) };
    },

    async createDraft(ctx: Context) {
      ctx.status = 201;
      ctx.body = { data: await service('versions').createDraft(ctx.params.key, body(ctx)) };
    },

    async getVersion(ctx: Context) {
      ctx.body = { data: await service('versions').get(ctx.params.documentId) };
    },

    async updateDraftLocale(ctx: Context) {
      ctx.body = { data: await service('versions').updateDraftLocale(ctx.params.documentId, ctx.params.locale, body(ctx)) };
    },

    async deleteDraft(ctx: Context) {
      await service('versions').deleteDraft(ctx.params.documentId);
      ctx.status = 204;
    },

    async publish(ctx: Context) {
      ctx.body = { data: await service('versions').publish(ctx.params.documentId, body(ctx)) };
    },

    async withdraw(ctx: Context) {
      ctx.body = { data: await service('versions').withdraw(ctx.params.documentId) };
    },

    async importText(ctx: Context) {
      ctx.status = 201;
      ctx.body = { data: await service('importer').importIntoDraft(ctx.params.key, body(ctx)) };
    },

    /** Live preview in the editor, with the very renderer the public API uses. */
    async preview(ctx: Context) {
      const { markdown } = body(ctx);
      if (typeof markdown !== 'string' || markdown.length > 1_000_000) {
        throw new errors.ValidationError('markdown must be a string of at most 1,000,000 characters');
      }
      ctx.body = { data: { html: renderMarkdown(markdown) } };
    },
  };
};
