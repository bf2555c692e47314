import { ACTIONS } from '../constants';

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

const guarded = (method: Method, path: string, handler: string, action: string) => ({
  method,
  path,
  handler: `admin-api.${handler}`,
  config: {
    policies: ['admin::isAuthenticatedAdmin', { name: 'admin::hasPermissions', config: { actions: [action] } }],
  },
});

export default {
  type: 'admin' as const,
  routes: [
    guarded('GET', '/policies', 'listPolicies', ACTIONS.read),
    guarded('POST', '/policies', 'createPolicy', ACTIONS.edit),
    guarded('GET', '/policies/:key/versions', 'listVersions', ACTIONS.read),
    guarded('POST', '/policies/:key/versions', 'createDraft', ACTIONS.edit),
    guarded('POST', '/policies/:key/import', 'importText', ACTIONS.edit),
    guarded('GET', '/versions/:documentId', 'getVersion', ACTIONS.read),
    guarded('PUT', '/versions/:documentId/locales/:locale', 'updateDraftLocale', ACTIONS.edit),
    guarded('DELETE', '/versions/:documentId', 'deleteDraft', ACTIONS.edit),
    guarded('POST', '/versions/:documentId/publish', 'publish', ACTIONS.publish),
    guarded('POST', '/versions/:documentId/withdraw', 'withdraw', ACTIONS.publish),
    guarded('POST', '/preview', 'preview', ACTIONS.read),
    { ...guarded('GET', '/diff', 'diff', ACTIONS.read), handler: 'diff.drafts' },
    { ...guarded('GET', '/acceptances', 'list', ACTIONS.readAcceptances), handler: 'acceptances-admin.list' },
    { ...guarded('GET', '/acceptances/stats', 'stats', ACTIONS.readAcceptances), handler: 'acceptances-admin.stats' },
    { ...guarded('GET', '/acceptances/export', 'export', ACTIONS.export), handler: 'acceptances-admin.export' },
    { ...guarded('GET', '/acceptances/verify', 'verify', ACTIONS.readAcceptances), handler: 'acceptances-admin.verify' },
    { ...guarded('POST', '/acceptances/erasures', 'erase', ACTIONS.erase), handler: 'acceptances-admin.erase' },
  ],
};
