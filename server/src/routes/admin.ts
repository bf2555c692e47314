import type { RouteContract } from '../../../shared/contracts/route';
import { ACTIONS } from '../constants';

type Placeholder = Pick<RouteContract, 'method' | 'path'>;

/** An admin route: an admin JWT and the plugin's own RBAC action. A config object per route (Strapi writes into it). */
const entry = <Contract extends RouteContract | Placeholder>(contract: Contract, handler: string, action: string) => ({
  contract,
  route: {
    method: contract.method,
    path: contract.path,
    handler,
    config: {
      policies: ['admin::isAuthenticatedAdmin', { name: 'admin::hasPermissions', config: { actions: [action] } }],
    },
  },
});

// A route not yet described by a contract.
const at = (method: Placeholder['method'], path: string): Placeholder => ({ method, path });

/** The admin routes by name, read by Strapi's route table and the OpenAPI document. */
export const adminApi = {
  listPolicies: entry(at('GET', '/policies'), 'admin-api.listPolicies', ACTIONS.read),
  createPolicy: entry(at('POST', '/policies'), 'admin-api.createPolicy', ACTIONS.edit),
  listVersions: entry(at('GET', '/policies/:key/versions'), 'admin-api.listVersions', ACTIONS.read),
  createDraft: entry(at('POST', '/policies/:key/versions'), 'admin-api.createDraft', ACTIONS.edit),
  importText: entry(at('POST', '/policies/:key/import'), 'admin-api.importText', ACTIONS.edit),
  getVersion: entry(at('GET', '/versions/:documentId'), 'admin-api.getVersion', ACTIONS.read),
  updateDraftLocale: entry(at('PUT', '/versions/:documentId/locales/:locale'), 'admin-api.updateDraftLocale', ACTIONS.edit),
  deleteDraft: entry(at('DELETE', '/versions/:documentId'), 'admin-api.deleteDraft', ACTIONS.edit),
  publish: entry(at('POST', '/versions/:documentId/publish'), 'admin-api.publish', ACTIONS.publish),
  withdraw: entry(at('POST', '/versions/:documentId/withdraw'), 'admin-api.withdraw', ACTIONS.publish),
  preview: entry(at('POST', '/preview'), 'admin-api.preview', ACTIONS.read),
  diff: entry(at('GET', '/diff'), 'diff.drafts', ACTIONS.read),
  listAcceptances: entry(at('GET', '/acceptances'), 'acceptances-admin.list', ACTIONS.readAcceptances),
  stats: entry(at('GET', '/acceptances/stats'), 'acceptances-admin.stats', ACTIONS.readAcceptances),
  exportAcceptances: entry(at('GET', '/acceptances/export'), 'acceptances-admin.export', ACTIONS.export),
  verify: entry(at('GET', '/acceptances/verify'), 'acceptances-admin.verify', ACTIONS.readAcceptances),
  erase: entry(at('POST', '/acceptances/erasures'), 'acceptances-admin.erase', ACTIONS.erase),
};

export default { type: 'admin' as const, routes: Object.values(adminApi).map((item) => item.route) };
