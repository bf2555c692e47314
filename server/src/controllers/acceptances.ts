import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { clientAddress } from '../domain/ledger/ip';
import type { Actor, RequestInfo } from '../services/ledger';
import { requestBody, type Context } from '../http';
import { getConfig, getService } from '../utils/plugin';

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
 * The end users' side of the ledger. Every route needs a users-permissions JWT or an API token; Strapi's
 * content-API auth checks the role's or the token's permission for the action before this runs.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const ledger = () => getService(strapi, 'ledger');
  const trustProxy = () => getConfig(strapi).ledger.trustProxy;

  const requestInfo = (ctx: Context): RequestInfo => ({
    ip: clientAddress(ctx.req.socket.remoteAddress, ctx.get('x-forwarded-for') || undefined, trustProxy()),
    userAgent: ctx.get('user-agent') || null,
    acceptLanguage: ctx.get('accept-language') || null,
  });

  /** Whose status: the signed-in user's own, or, with an API token, the one named in ?subject=. */
  const subjectOf = (ctx: Context): string => {
    const actor = actorOf(ctx);
    const given = ctx.query.subject;
    if (actor.kind === 'user') {
      if (given !== undefined) throw new errors.ForbiddenError('A signed-in user can only see their own status: drop ?subject=');
      return actor.userId as string;
    }
    if (typeof given !== 'string' || given === '' || given.length > 255) {
      throw new errors.ValidationError('A call with an API token must name ?subject= once (a string of at most 255 characters)');
    }
    return given;
  };

  const respond = (ctx: Context, result: { created: boolean; data: unknown; receipt: unknown }) => {
    ctx.status = result.created ? 201 : 200;
    ctx.body = { data: result.data, meta: { receipt: result.receipt, created: result.created } };
  };

  return {
    async accept(ctx: Context) {
      respond(ctx, await ledger().accept(ctx.params.key, requestBody(ctx), actorOf(ctx), requestInfo(ctx)));
    },

    async withdraw(ctx: Context) {
      respond(ctx, await ledger().withdraw(ctx.params.key, requestBody(ctx), actorOf(ctx), requestInfo(ctx)));
    },

    async status(ctx: Context) {
      ctx.set('Cache-Control', 'private, no-store');
      ctx.body = { data: await ledger().status(ctx.params.key, subjectOf(ctx)) };
    },

    async me(ctx: Context) {
      const actor = actorOf(ctx);
      if (actor.kind !== 'user') throw new errors.ForbiddenError('This is the signed-in user\'s own history; call it with their JWT');
      ctx.set('Cache-Control', 'private, no-store');
      const records = (await ledger().history(actor.userId as string)) as Array<{ policy: string | null }>;
      ctx.body = { data: records.filter((record) => record.policy === ctx.params.key) };
    },
  };
};
