import { getCurrentVersion, getVersion, listPolicies, listVersions } from '../../../shared/contracts/policies';
import type { RouteContract } from '../../../shared/contracts/route';

// Policies are published law-facing texts: reading them needs no account, so these routes are truly public.
const PUBLIC = () => ({ auth: false as const, policies: [] });
// The ledger's routes need a users-permissions JWT (Authenticated role) or an API token with the action.
const END_USER = () => ({ policies: [] });

// A config object per route: Strapi writes each route's auth scope into its config, in place.
const route = (contract: Pick<RouteContract, 'method' | 'path'>, handler: string, config: () => object) => ({
  method: contract.method,
  path: contract.path,
  handler,
  config: config(),
});

/** The routes by name, for the fast paths, which answer some of them ahead of Strapi's stack. */
export const contentApiRoutes = {
  listPolicies: route(listPolicies, 'policies.find', PUBLIC),
  current: route(getCurrentVersion, 'policies.current', PUBLIC),
  versions: route(listVersions, 'policies.versions', PUBLIC),
  version: route(getVersion, 'policies.version', PUBLIC),
  diff: route({ method: 'GET', path: '/policies/:key/diff' }, 'diff.published', PUBLIC),
  accept: route({ method: 'POST', path: '/policies/:key/acceptances' }, 'acceptances.accept', END_USER),
  withdraw: route({ method: 'POST', path: '/policies/:key/withdrawals' }, 'acceptances.withdraw', END_USER),
  status: route({ method: 'GET', path: '/policies/:key/acceptances/status' }, 'acceptances.status', END_USER),
  me: route({ method: 'GET', path: '/policies/:key/acceptances/me' }, 'acceptances.me', END_USER),
};

export default { type: 'content-api' as const, routes: Object.values(contentApiRoutes) };
