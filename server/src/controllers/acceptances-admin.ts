import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { requestBody, type Context } from '../http';
import { getService } from '../utils/plugin';

/** Compliance officers' routes over the ledger, guarded by the read-acceptances and export actions. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const service = () => getService(strapi, 'ledger-admin');

  return {
    async list(ctx: Context) {
      ctx.body = await service().list(ctx.query);
    },

    async stats(ctx: Context) {
      ctx.body = await service().stats(ctx.query);
    },

    async verify(ctx: Context) {
      ctx.body = { data: await service().verify() };
    },

    async export(ctx: Context) {
      const format = ctx.query.format ?? 'csv';
      if (format !== 'csv' && format !== 'ndjson') throw new errors.ValidationError('"format" must be csv or ndjson', { format });
      const stream = service().exportStream(format, ctx.query);
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      ctx.set('Content-Disposition', `attachment; filename="acceptances-${stamp}.${format}"`);
      ctx.set('Cache-Control', 'no-store');
      ctx.type = format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8';
      ctx.body = stream;
    },

    async erase(ctx: Context) {
      const result = await getService(strapi, 'ledger').erase(requestBody(ctx));
      ctx.status = 201;
      ctx.body = result;
    },
  };
};
