import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { getService } from '../utils/plugin';
import { renderMarkdown } from '../domain/render';
import { requestBody, type Context } from '../http';

/** The editors' API behind the admin panel; every route is guarded by the plugin's RBAC actions. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  return {
    async listPolicies(ctx: Context) {
      ctx.body = await getService(strapi, 'reader').listPolicies(
        { locale: null, acceptLanguage: ctx.get('accept-language') },
        { withUnpublished: true }
      );
    },

    async createPolicy(ctx: Context) {
      ctx.status = 201;
      ctx.body = { data: await getService(strapi, 'policies').create(requestBody(ctx)) };
    },

    async listVersions(ctx: Context) {
      ctx.body = { data: await getService(strapi, 'versions').list(ctx.params.key) };
    },

    async createDraft(ctx: Context) {
      ctx.status = 201;
      ctx.body = { data: await getService(strapi, 'versions').createDraft(ctx.params.key, requestBody(ctx)) };
    },

    async getVersion(ctx: Context) {
      ctx.body = { data: await getService(strapi, 'versions').get(ctx.params.documentId) };
    },

    async updateDraftLocale(ctx: Context) {
      ctx.body = { data: await getService(strapi, 'versions').updateDraftLocale(ctx.params.documentId, ctx.params.locale, requestBody(ctx)) };
    },

    async deleteDraft(ctx: Context) {
      await getService(strapi, 'versions').deleteDraft(ctx.params.documentId);
      ctx.status = 204;
    },

    async publish(ctx: Context) {
      ctx.body = { data: await getService(strapi, 'versions').publish(ctx.params.documentId, requestBody(ctx)) };
    },

    async withdraw(ctx: Context) {
      ctx.body = { data: await getService(strapi, 'versions').withdraw(ctx.params.documentId) };
    },

    async importText(ctx: Context) {
      ctx.status = 201;
      ctx.body = { data: await getService(strapi, 'importer').importIntoDraft(ctx.params.key, requestBody(ctx)) };
    },

    /** Live preview in the editor, with the very renderer the public API uses. */
    async preview(ctx: Context) {
      const { markdown } = requestBody(ctx);
      if (typeof markdown !== 'string' || markdown.length > 1_000_000) {
        throw new errors.ValidationError('markdown must be a string of at most 1,000,000 characters');
      }
      ctx.body = { data: { html: renderMarkdown(markdown) } };
    },
  };
};
