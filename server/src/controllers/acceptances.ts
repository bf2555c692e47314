import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { subjectOf } from '../services/ledger';
import type { Context } from '../http';
import { getConfig, getService } from '../utils/plugin';
import { acceptRequest, ownHistoryRequest, statusRequest, withdrawRequest } from './validation/acceptances';
import { actorOf, requestInfo } from './validation/caller';

/**
 * The end users' side of the ledger (shared/contracts/acceptances): parse, ask the ledger, send. Every route
 * needs a users-permissions JWT or an API token; Strapi's content-API auth checks the role's or the token's
 * permission for the action before this runs.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const ledger = () => getService(strapi, 'ledger');
  const config = () => getConfig(strapi).ledger;

  const info = (ctx: Context) => requestInfo(ctx, config().trustProxy);

  const respond = (ctx: Context, result: Awaited<ReturnType<ReturnType<typeof ledger>['accept']>>, extra: Record<string, unknown> = {}) => {
    ctx.status = result.created ? 201 : 200;
    ctx.body = { data: result.data, meta: { receipt: result.receipt, receiptJws: result.receiptJws, created: result.created, ...extra } };
  };

  return {
    async accept(ctx: Context) {
      const { key, body } = acceptRequest(ctx, config().maxMetadataBytes);
      respond(ctx, await ledger().accept(key, body, actorOf(ctx), info(ctx)));
    },

    async withdraw(ctx: Context) {
      const { key, body } = withdrawRequest(ctx);
      const result = await ledger().withdraw(key, body, actorOf(ctx), info(ctx));
      // The operator's deadline, so the subject knows by when processing stops.
      const processingStopBy = getService(strapi, 'withdrawals').processingStopBy(result.data);
      respond(ctx, result, { processingStopBy });
    },

    async status(ctx: Context) {
      const { key, subject } = statusRequest(ctx);
      ctx.set('Cache-Control', 'private, no-store');
      ctx.body = { data: await ledger().status(key, subjectOf(actorOf(ctx), subject)) };
    },

    async me(ctx: Context) {
      const { key } = ownHistoryRequest(ctx);
      const actor = actorOf(ctx);
      if (actor.kind !== 'user') throw new errors.ForbiddenError('This is the signed-in user\'s own history; call it with their JWT');
      ctx.set('Cache-Control', 'private, no-store');
      ctx.body = { data: await ledger().history(actor.userId, key) };
    },
  };
};
