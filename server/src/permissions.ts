import { PLUGIN_ID } from './constants';

/** Admin RBAC actions; Strapi prefixes each uid as plugin::policy-versions.<uid>. */
export const adminActions = [
  { section: 'plugins', displayName: 'Read policies and versions', uid: 'read', pluginName: PLUGIN_ID },
  { section: 'plugins', displayName: 'Edit drafts and create policies', uid: 'edit', pluginName: PLUGIN_ID },
  { section: 'plugins', displayName: 'Publish and withdraw versions', uid: 'publish', pluginName: PLUGIN_ID },
  { section: 'plugins', displayName: 'Read the acceptance ledger', uid: 'read-acceptances', pluginName: PLUGIN_ID },
  { section: 'plugins', displayName: 'Export the acceptance ledger', uid: 'export', pluginName: PLUGIN_ID },
  // Erasure rewrites a subject's identifying fields for good: a decision of its own, not a side effect of reading.
  { section: 'plugins', displayName: "Erase a subject's identifying data from the ledger", uid: 'erase', pluginName: PLUGIN_ID },
  { section: 'plugins', displayName: 'Record what was done about withdrawals of consent', uid: 'handle-withdrawals', pluginName: PLUGIN_ID },
];
