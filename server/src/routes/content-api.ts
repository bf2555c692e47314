import { acceptPolicy, getConsentStatus, listOwnAcceptances, withdrawConsent } from '../../../shared/contracts/acceptances';
import { getPublishedDiff } from '../../../shared/contracts/diff';
import { getConsistencyProof, getInclusionProof, getLatestCheckpoint, listCheckpoints, listLedgerKeys } from '../../../shared/contracts/evidence';
import { getOpenApiDocument } from '../../../shared/contracts/openapi';
import { getCurrentVersion, getVersion, listPolicies, listVersions } from '../../../shared/contracts/policies';
import type { RouteContract } from '../../../shared/contracts/route';

// Policies are published law-facing texts: reading them needs no account, so these routes are truly public.
const PUBLIC = () => ({ auth: false as const, policies: [] });
// The ledger's routes need a users-permissions JWT (Authenticated role) or an API token with the action.
const END_USER = () => ({ policies: [] });

/** A route of the table: its contract (shared/contracts), the handler that serves it and Strapi's route config. */
const entry = <Contract extends RouteContract>(contract: Contract, handler: string, config: () => object) => ({
  contract,
  // A config object per route: Strapi writes each route's auth scope into its config, in place.
  route: { method: contract.method, path: contract.path, handler, config: config() },
});

/** The content-API routes by name: Strapi's route table, the fast paths and the OpenAPI document read them here. */
export const contentApi = {
  listPolicies: entry(listPolicies, 'policies.find', PUBLIC),
  current: entry(getCurrentVersion, 'policies.current', PUBLIC),
  versions: entry(listVersions, 'policies.versions', PUBLIC),
  version: entry(getVersion, 'policies.version', PUBLIC),
  diff: entry(getPublishedDiff, 'diff.published', PUBLIC),
  accept: entry(acceptPolicy, 'acceptances.accept', END_USER),
  withdraw: entry(withdrawConsent, 'acceptances.withdraw', END_USER),
  status: entry(getConsentStatus, 'acceptances.status', END_USER),
  me: entry(listOwnAcceptances, 'acceptances.me', END_USER),
  ledgerKeys: entry(listLedgerKeys, 'evidence.keys', PUBLIC),
  checkpoint: entry(getLatestCheckpoint, 'evidence.checkpoint', PUBLIC),
  checkpoints: entry(listCheckpoints, 'evidence.checkpoints', PUBLIC),
  inclusionProof: entry(getInclusionProof, 'evidence.inclusion', PUBLIC),
  consistencyProof: entry(getConsistencyProof, 'evidence.consistency', PUBLIC),
  openApi: entry(getOpenApiDocument, 'openapi.document', PUBLIC),
};

export default { type: 'content-api' as const, routes: Object.values(contentApi).map((item) => item.route) };
