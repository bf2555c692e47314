import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { clientAddress } from '../domain/ledger/ip';
import { subjectOf, type Actor, type RequestInfo } from '../services/ledger';
import type { Context } from '../http';
import { getConfig, getService } from '../utils/plugin';
import { acceptRequest, ownHistoryRequest, statusRequest, withdrawRequest } from './validation/acceptances';

/** The end user behind a users-permissions JWT, or an API token that names subjects itself. */
const actorOf = (ctx: Context): Actor => {
  const strategy = (ctx.state as any).auth?.strategy?.name;
  const user = (ctx.state as any).user;
  if (strategy === 'users-permissions' && user?.id !== undefined) return { kind: 'user', userId: String(user.id) };
  // Strapi 5.54 names the strategy content-api-token; earlier 5.x releases called it api-token.
  if (strategy === 'content-api-token' || strategy === 'api-token') return { kind: 'api-token' };
  throw new errors.UnauthorizedError('Sign in, or call with an API token');
};

/**
 * The end users' side of the ledger (shared/contracts/acceptances): parse, ask the ledger, send. Every route
 * needs a users-permissions JWT or an API token; Strapi's content-API auth checks the role's or the token's
 * permission for the action before this runs.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const ledger = () => getService(strapi, 'ledger');
  const config = () => getConfig(strapi).ledger;

  const requestInfo = (ctx: Context): RequestInfo => ({
    ip: clientAddress(ctx.req.socket.remoteAddress, ctx.get('x-forwarded-for') || undefined, config().trustProxy),
    userAgent: ctx.get('user-agent') || null,
    acceptLanguage: ctx.get('accept-language') || null,
  });

  const respond = (ctx: Context, result: Awaited<ReturnType<ReturnType<typeof ledger>['accept']>>, extra: Record<string, unknown> = {}) => {
    ctx.status = result.created ? 201 : 200;
    ctx.body = { data: result.data, meta: { receipt: result.receipt, receiptJws: result.receiptJws, created: result.created, ...extra } };
  };

  return {
    async accept(ctx: Context) {
      const { key, body } = acceptRequest(ctx, config().maxMetadataBytes);
      respond(ctx, await ledger().accept(key, body, actorOf(ctx), requestInfo(ctx)));
    },

    async withdraw(ctx: Context) {
      const { key, body } = withdrawRequest(ctx);
      const result = await ledger().withdraw(key, body, actorOf(ctx), requestInfo(ctx));
      // The operator's deadline, so the subject knows by when processing stops.
      const processingStopBy = result.data.event === 'withdrawn' ? getService(strapi, 'withdrawals').processingStopBy(result.data.recordedAt) : null;
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
