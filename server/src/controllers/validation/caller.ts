import { errors } from '@strapi/utils';
import { clientAddress } from '../../domain/ledger/ip';
import type { Context } from '../../http';
import type { Actor, RequestInfo } from '../../services/ledger';

/**
 * Who calls the ledger and from where, read from the request Strapi authenticated: shared by the REST
 * controller and the GraphQL resolvers, which both run behind Strapi's content-API auth.
 */

/** The end user behind a users-permissions JWT, or an API token that names subjects itself. */
export const actorOf = (ctx: Context): Actor => {
  const strategy = (ctx.state as any).auth?.strategy?.name;
  const user = (ctx.state as any).user;
  if (strategy === 'users-permissions' && user?.id !== undefined) return { kind: 'user', userId: String(user.id) };
  // Strapi 5.54 names the strategy content-api-token; earlier 5.x releases called it api-token.
  if (strategy === 'content-api-token' || strategy === 'api-token') return { kind: 'api-token' };
  throw new errors.UnauthorizedError('Sign in, or call with an API token');
};

/** What the request says about where a ledger event came from. */
export const requestInfo = (ctx: Context, trustProxy: boolean): RequestInfo => ({
  ip: clientAddress(ctx.req.socket.remoteAddress, ctx.get('x-forwarded-for') || undefined, trustProxy),
  userAgent: ctx.get('user-agent') || null,
  acceptLanguage: ctx.get('accept-language') || null,
});
