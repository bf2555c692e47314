import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../constants';
import { acceptRequest, statusRequest, withdrawRequest } from '../controllers/validation/acceptances';
import { actorOf, requestInfo } from '../controllers/validation/caller';
import { publishedDiffRequest } from '../controllers/validation/diff';
import { currentRequest, versionRequest, versionsRequest } from '../controllers/validation/policies';
import type { Context } from '../http';
import { contentApi } from '../routes/content-api';
import { subjectOf } from '../services/ledger';
import { getConfig, getService } from '../utils/plugin';
import { requestOf, unfold, withStatus, type Arguments } from './request';

/** What Strapi's GraphQL plugin gives each resolver: the Koa context Strapi authenticated. */
type ResolverContext = { koaContext: Context };
type Resolver = (parent: unknown, args: Arguments, context: ResolverContext) => Promise<unknown>;

const resolver = (resolve: Resolver) => withStatus(resolve);

/** The content-API action of a REST route, as Users & Permissions roles and API tokens hold it. */
const actionOf = (route: { route: { handler: string } }) => `plugin::${PLUGIN_ID}.${route.route.handler}`;

/** The same services, validation and rules as the REST routes (controllers/policies, diff, acceptances). */
export const resolvers = (strapi: Core.Strapi) => {
  const reader = () => getService(strapi, 'reader');
  const ledger = () => getService(strapi, 'ledger');
  const config = () => getConfig(strapi).ledger;

  const recorded = (result: Awaited<ReturnType<ReturnType<typeof ledger>['accept']>>, processingStopBy: string | null = null) => ({
    record: result.data,
    created: result.created,
    receipt: result.receipt,
    receiptJws: result.receiptJws,
    processingStopBy,
  });

  return {
    Query: {
      policyVersionsCurrent: resolver(async (_parent, { key, ...query }, { koaContext }) => {
        const request = currentRequest(requestOf(koaContext, { params: { key }, query }));
        return unfold(await reader().current(request.key, request.at, request.locale));
      }),

      policyVersionsVersions: resolver(async (_parent, { key, ...query }, { koaContext }) => {
        const request = versionsRequest(requestOf(koaContext, { params: { key }, query }));
        const { data, meta } = await reader().archive(request.key, request.locale);
        return { ...meta, versions: data };
      }),

      policyVersionsVersion: resolver(async (_parent, { key, version, ...query }, { koaContext }) => {
        const request = versionRequest(requestOf(koaContext, { params: { key, version }, query }));
        return unfold(await reader().version(request.key, request.version, request.locale));
      }),

      policyVersionsDiff: resolver(async (_parent, { key, ...query }, { koaContext }) => {
        const parsed = publishedDiffRequest(requestOf(koaContext, { params: { key }, query }));
        return unfold(await getService(strapi, 'diff').published(parsed.key, parsed.request));
      }),

      policyVersionsConsentStatus: resolver(async (_parent, { key, ...query }, { koaContext }) => {
        const request = statusRequest(requestOf(koaContext, { params: { key }, query }));
        return ledger().status(request.key, subjectOf(actorOf(koaContext), request.subject));
      }),
    },

    Mutation: {
      policyVersionsAccept: resolver(async (_parent, { key, input }, { koaContext }) => {
        const request = acceptRequest(requestOf(koaContext, { params: { key }, body: input }), config().maxMetadataBytes);
        return recorded(await ledger().accept(request.key, request.body, actorOf(koaContext), requestInfo(koaContext, config().trustProxy)));
      }),

      policyVersionsWithdraw: resolver(async (_parent, { key, input }, { koaContext }) => {
        const request = withdrawRequest(requestOf(koaContext, { params: { key }, body: input }));
        const result = await ledger().withdraw(request.key, request.body, actorOf(koaContext), requestInfo(koaContext, config().trustProxy));
        // The operator's deadline, so the subject knows by when processing stops (as REST answers it).
        return recorded(result, getService(strapi, 'withdrawals').processingStopBy(result.data));
      }),
    },
  };
};

/**
 * Public reads need no account, as their REST routes; the ledger's need the REST route's action, held by the
 * caller's Users & Permissions role or API token (Strapi's GraphQL plugin checks it before the resolver runs).
 */
export const resolversConfig = {
  'Query.policyVersionsCurrent': { auth: false },
  'Query.policyVersionsVersions': { auth: false },
  'Query.policyVersionsVersion': { auth: false },
  'Query.policyVersionsDiff': { auth: false },
  'Query.policyVersionsConsentStatus': { auth: { scope: [actionOf(contentApi.status)] } },
  'Mutation.policyVersionsAccept': { auth: { scope: [actionOf(contentApi.accept)] } },
  'Mutation.policyVersionsWithdraw': { auth: { scope: [actionOf(contentApi.withdraw)] } },
};
