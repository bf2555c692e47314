import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../constants';

/** The content-API actions of the end users' ledger routes, as Users & Permissions and API tokens name them. */
export const LEDGER_CONTENT_ACTIONS = ['accept', 'withdraw', 'status', 'me'].map(
  (action) => `plugin::${PLUGIN_ID}.acceptances.${action}`
);

const ROLE_UID = 'plugin::users-permissions.role';
const PERMISSION_UID = 'plugin::users-permissions.permission';
const MARKER = 'ledger-authenticated-grant';

/** Grants the ledger routes to the given Authenticated role unless the marker says that was done before. */
async function grantTo(strapi: Core.Strapi, role: { id: number }) {
  const store = strapi.store({ type: 'plugin', name: PLUGIN_ID });
  if (await store.get({ key: MARKER })) return;
  const existing = await strapi.db.query(PERMISSION_UID).findMany({
    where: { action: { $in: LEDGER_CONTENT_ACTIONS }, role: { id: role.id } },
  });
  if (existing.length === 0) {
    for (const action of LEDGER_CONTENT_ACTIONS) {
      await strapi.db.query(PERMISSION_UID).create({ data: { action, role: role.id } });
    }
  }
  await store.set({ key: MARKER, value: { grantedAt: new Date().toISOString() } });
}

/**
 * Signed-in end users may accept, withdraw and read their own consent out of the box: the Authenticated
 * role gets the ledger routes once. A marker in the core store remembers that, so an operator who later
 * removes them in Settings › Roles keeps them removed across restarts.
 *
 * Strapi bootstraps plugins in the order of config/plugins. When this plugin comes first on a new database,
 * Users & Permissions has not created its roles yet, and it only writes its default permissions (public
 * register and login included) while the permission table is empty: granting before that would leave the
 * app without them. So the grant waits for Users & Permissions' first permission of the Authenticated role.
 */
export async function grantLedgerRoutesOnce(strapi: Core.Strapi) {
  if (!strapi.plugin('users-permissions')) return;
  const role = await strapi.db.query(ROLE_UID).findOne({ where: { type: 'authenticated' } });
  if (role) return grantTo(strapi, role);
  let pending = true;
  strapi.db.lifecycles.subscribe({
    models: [PERMISSION_UID],
    async afterCreate(event) {
      if (!pending) return;
      const roleId = (event.params.data as { role?: unknown } | undefined)?.role;
      if (typeof roleId !== 'number' && typeof roleId !== 'string') return;
      const owner = await strapi.db.query(ROLE_UID).findOne({ where: { id: roleId, type: 'authenticated' } });
      if (!owner || !pending) return;
      pending = false;
      await grantTo(strapi, owner);
    },
  });
}
