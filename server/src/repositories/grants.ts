import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../constants';
import { canonicalJson } from '../domain/ledger/canonical';
import type { Grant } from '../domain/ledger/log-events';

const ACTION_PREFIX = `plugin::${PLUGIN_ID}.`;
const USERS_PERMISSIONS_UID = 'plugin::users-permissions.permission';

interface PermissionRow {
  action: string;
  conditions?: unknown;
  properties?: unknown;
  role?: { id: number | string; name?: string | null } | null;
}

/** Who holds the plugin's actions: Strapi's own permission tables, read through its query engine. */
export const grantsRepository = (strapi: Core.Strapi) => {
  const read = async (uid: string, scope: Grant['scope'], settings: (row: PermissionRow) => unknown): Promise<Grant[]> => {
    if (!strapi.db.metadata.has(uid)) return [];
    const rows = (await strapi.db.query(uid as 'admin::permission').findMany({
      where: { action: { $startsWith: ACTION_PREFIX } },
      populate: { role: { select: ['id', 'name'] } },
    })) as PermissionRow[];
    return rows.map((row) => ({
      scope,
      roleId: row.role?.id ?? 'none',
      role: row.role?.name ?? '',
      action: row.action,
      settings: canonicalJson(settings(row) ?? null),
    }));
  };

  return {
    /** Every grant of one of the plugin's actions, to admin roles (with their conditions) and to end-user roles. */
    async pluginGrants(): Promise<Grant[]> {
      const admin = await read('admin::permission', 'admin', (row) => ({ conditions: row.conditions ?? [], properties: row.properties ?? {} }));
      const users = await read(USERS_PERMISSIONS_UID, 'users-permissions', () => null);
      return [...admin, ...users];
    },
  };
};
