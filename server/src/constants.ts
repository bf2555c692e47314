export const PLUGIN_ID = 'policy-versions';
export const POLICY_UID = 'plugin::policy-versions.policy' as const;
export const VERSION_UID = 'plugin::policy-versions.policy-version' as const;
export const RELEASE_UID = 'plugin::policy-versions.policy-release' as const;
export const ACCEPTANCE_UID = 'plugin::policy-versions.acceptance' as const;
export const LEDGER_HEAD_UID = 'plugin::policy-versions.ledger-head' as const;
export const LEDGER_NODE_UID = 'plugin::policy-versions.ledger-node' as const;
export const LEDGER_CHECKPOINT_UID = 'plugin::policy-versions.ledger-checkpoint' as const;
export const WITHDRAWAL_OUTCOME_UID = 'plugin::policy-versions.withdrawal-outcome' as const;
export const WEBHOOK_NOTICE_UID = 'plugin::policy-versions.webhook-notice' as const;

/** Admin RBAC actions, registered as `plugin::policy-versions.<uid>`. */
export const ACTIONS = {
  read: 'plugin::policy-versions.read',
  edit: 'plugin::policy-versions.edit',
  publish: 'plugin::policy-versions.publish',
  readAcceptances: 'plugin::policy-versions.read-acceptances',
  export: 'plugin::policy-versions.export',
  erase: 'plugin::policy-versions.erase',
  handleWithdrawals: 'plugin::policy-versions.handle-withdrawals',
} as const;
