import type { Core } from '@strapi/strapi';
import { renderMarkdown } from '../domain/render';
import type { Context } from '../http';
import { getService } from '../utils/plugin';
import { draftConsentRequest, draftLocaleRequest, draftRequest, policyVersionsRequest, previewRequest, publicationInput, versionRequest } from './validation/versions';

/** The editors' side of versions (shared/contracts/versions): parse, call the versions service, send. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const versions = () => getService(strapi, 'versions');

  return {
    async find(ctx: Context) {
      ctx.body = { data: await versions().list(policyVersionsRequest(ctx)) };
    },

    async createDraft(ctx: Context) {
      const { key, copyFrom } = draftRequest(ctx);
      ctx.status = 201;
      ctx.body = { data: await versions().createDraft(key, { copyFrom }) };
    },

    async findOne(ctx: Context) {
      ctx.body = { data: await versions().getForEditors(versionRequest(ctx)) };
    },

    async updateLocale(ctx: Context) {
      const { documentId, locale, text } = draftLocaleRequest(ctx);
      ctx.body = { data: await versions().updateDraftLocale(documentId, locale, text) };
    },

    async updateConsent(ctx: Context) {
      const { documentId, consent } = draftConsentRequest(ctx);
      ctx.body = { data: await versions().updateDraftConsent(documentId, consent) };
    },

    async delete(ctx: Context) {
      await versions().deleteDraft(versionRequest(ctx));
      ctx.status = 204;
    },

    async checkPublication(ctx: Context) {
      const { documentId, input } = publicationInput(ctx);
      ctx.body = { data: await versions().checkPublication(documentId, input) };
    },

    async publish(ctx: Context) {
      const { documentId, input } = publicationInput(ctx);
      const { version, material } = await versions().publish(documentId, input);
      ctx.body = { data: version, meta: { material } };
    },

    async withdraw(ctx: Context) {
      ctx.body = { data: await versions().withdraw(versionRequest(ctx)) };
    },

    /** Live preview in the editor, with the very renderer the public API uses. */
    async preview(ctx: Context) {
      ctx.body = { data: { html: renderMarkdown(previewRequest(ctx)) } };
    },
  };
};
