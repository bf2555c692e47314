import type { Core } from '@strapi/strapi';
import { sendPrepared, type Context } from '../http';
import { getService } from '../utils/plugin';
import { draftDiffRequest, publishedDiffRequest } from './validation/diff';

/** Diffs (shared/contracts/diff): parse, ask the diff service, send. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const service = () => getService(strapi, 'diff');

  return {
    async published(ctx: Context) {
      const { key, request } = publishedDiffRequest(ctx);
      sendPrepared(ctx, await service().published(key, request));
    },

    async drafts(ctx: Context) {
      ctx.body = { data: await service().drafts(draftDiffRequest(ctx)) };
    },
  };
};
