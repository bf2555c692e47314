import type { Core } from '@strapi/strapi';
import { sendPrepared, type Context } from '../http';
import { getService } from '../utils/plugin';
import { currentRequest, policiesRequest, versionRequest, versionsRequest } from './validation/policies';

/** The public, read-only side of policies (shared/contracts/policies): parse, ask the reader, send. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const reader = () => getService(strapi, 'reader');

  return {
    async find(ctx: Context) {
      ctx.set('Vary', 'Accept-Language');
      ctx.body = await reader().listPolicies(policiesRequest(ctx));
    },

    async current(ctx: Context) {
      const { key, at, locale } = currentRequest(ctx);
      sendPrepared(ctx, await reader().current(key, at, locale));
    },

    async versions(ctx: Context) {
      const { key, locale } = versionsRequest(ctx);
      ctx.set('Vary', 'Accept-Language');
      ctx.body = await reader().archive(key, locale);
    },

    async version(ctx: Context) {
      const { key, version, locale } = versionRequest(ctx);
      sendPrepared(ctx, await reader().version(key, version, locale));
    },
  };
};
