export const PLUGIN_ID = 'policy-versions';
export const POLICY_UID = 'plugin::policy-versions.policy' as const;
export const VERSION_UID = 'plugin::policy-versions.policy-version' as const;

/** Admin RBAC actions, registered as `plugin::policy-versions.<uid>`. */
export const ACTIONS = {
  read: 'plugin::policy-versions.read',
  edit: 'plugin::policy-versions.edit',
  publish: 'plugin::policy-versions.publish',
} as const;
