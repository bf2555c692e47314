import type { Core } from '@strapi/strapi';
import { adminOf, type Context } from '../http';
import { getService } from '../utils/plugin';
import { listWithdrawalsRequest, outcomeRequest } from './validation/withdrawals';

/** Compliance officers' routes over withdrawals (shared/contracts/ledger): the list and the outcome of each. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const withdrawals = () => getService(strapi, 'withdrawals');

  return {
    async list(ctx: Context) {
      const { filters, page, pageSize } = listWithdrawalsRequest(ctx);
      ctx.body = await withdrawals().list(filters, page, pageSize);
    },

    async recordOutcome(ctx: Context) {
      const { id, body } = outcomeRequest(ctx);
      ctx.status = 201;
      ctx.body = { data: await withdrawals().recordOutcome(id, body, adminOf(ctx)) };
    },
  };
};
