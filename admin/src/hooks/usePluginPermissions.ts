import { useRBAC } from '@strapi/strapi/admin';
import { PLUGIN_ID } from '../pluginId';

// Module-level so useRBAC sees the same array on every render and checks once.
const PERMISSIONS = ['read', 'edit', 'publish', 'read-acceptances', 'export', 'handle-withdrawals'].map((name) => ({
  action: `plugin::${PLUGIN_ID}.${name}`,
  subject: null,
}));

/**
 * Which of the plugin's actions the signed-in admin's roles allow (useRBAC names them canRead,
 * canReadAcceptances, ...). Only hides controls: the server checks every call again.
 */
export const usePluginPermissions = () => {
  const { allowedActions, isLoading } = useRBAC(PERMISSIONS);
  return {
    isLoading,
    canRead: allowedActions.canRead === true,
    canEdit: allowedActions.canEdit === true,
    canPublish: allowedActions.canPublish === true,
    canReadAcceptances: allowedActions.canReadAcceptances === true,
    canExport: allowedActions.canExport === true,
    canHandleWithdrawals: allowedActions.canHandleWithdrawals === true,
  };
};

export type PluginPermissions = ReturnType<typeof usePluginPermissions>;
