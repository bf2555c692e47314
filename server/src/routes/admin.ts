import {
  acceptanceStats,
  eraseSubject,
  exportAcceptances,
  exportReacceptance,
  getEvidencePack,
  listAcceptances,
  listWithdrawals,
  recordWithdrawalOutcome,
  verifyLedger,
} from '../../../shared/contracts/ledger';
import { getDraftDiff } from '../../../shared/contracts/diff';
import { createPolicy, getPolicyForEditors, importPolicyText, listPoliciesForEditors } from '../../../shared/contracts/admin-policies';
import type { RouteContract } from '../../../shared/contracts/route';
import {
  createDraft,
  deleteDraft,
  getPolicyVersion,
  listPolicyVersions,
  previewMarkdown,
  publishVersion,
  runPublicationCheck,
  updateDraftConsent,
  updateDraftLocale,
  withdrawVersion,
} from '../../../shared/contracts/versions';
import { ACTIONS } from '../constants';

/** An admin route: an admin JWT and the plugin's own RBAC action. A config object per route (Strapi writes into it). */
const entry = <Contract extends RouteContract>(contract: Contract, handler: string, action: string) => ({
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

/** The admin routes by name, read by Strapi's route table and the OpenAPI document. */
export const adminApi = {
  listPolicies: entry(listPoliciesForEditors, 'admin-policies.find', ACTIONS.read),
  getPolicy: entry(getPolicyForEditors, 'admin-policies.findOne', ACTIONS.read),
  createPolicy: entry(createPolicy, 'admin-policies.create', ACTIONS.edit),
  importText: entry(importPolicyText, 'admin-policies.importText', ACTIONS.edit),
  listVersions: entry(listPolicyVersions, 'versions.find', ACTIONS.read),
  createDraft: entry(createDraft, 'versions.createDraft', ACTIONS.edit),
  getVersion: entry(getPolicyVersion, 'versions.findOne', ACTIONS.read),
  updateDraftLocale: entry(updateDraftLocale, 'versions.updateLocale', ACTIONS.edit),
  updateDraftConsent: entry(updateDraftConsent, 'versions.updateConsent', ACTIONS.edit),
  deleteDraft: entry(deleteDraft, 'versions.delete', ACTIONS.edit),
  // The editors who prepare a draft learn what it still lacks; writing nothing, it needs no publish right.
  publicationCheck: entry(runPublicationCheck, 'versions.checkPublication', ACTIONS.edit),
  publish: entry(publishVersion, 'versions.publish', ACTIONS.publish),
  withdraw: entry(withdrawVersion, 'versions.withdraw', ACTIONS.publish),
  preview: entry(previewMarkdown, 'versions.preview', ACTIONS.read),
  diff: entry(getDraftDiff, 'diff.drafts', ACTIONS.read),
  listAcceptances: entry(listAcceptances, 'ledger.list', ACTIONS.readAcceptances),
  stats: entry(acceptanceStats, 'ledger.stats', ACTIONS.readAcceptances),
  exportAcceptances: entry(exportAcceptances, 'ledger.export', ACTIONS.export),
  reacceptance: entry(exportReacceptance, 'ledger.reacceptance', ACTIONS.export),
  evidencePack: entry(getEvidencePack, 'ledger.evidence', ACTIONS.export),
  verify: entry(verifyLedger, 'ledger.verify', ACTIONS.readAcceptances),
  erase: entry(eraseSubject, 'ledger.erase', ACTIONS.erase),
  listWithdrawals: entry(listWithdrawals, 'withdrawals.list', ACTIONS.readAcceptances),
  recordWithdrawalOutcome: entry(recordWithdrawalOutcome, 'withdrawals.recordOutcome', ACTIONS.handleWithdrawals),
};

export default { type: 'admin' as const, routes: Object.values(adminApi).map((item) => item.route) };
