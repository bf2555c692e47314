import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../constants';

/** The content-API actions of the end users' ledger routes, as Users & Permissions and API tokens name them. */
export const LEDGER_CONTENT_ACTIONS = ['accept', 'withdraw', 'status', 'me'].map(
  (action) => `plugin::${PLUGIN_ID}.acceptances.${action}`
);

const PERMISSION_UID = 'plugin::users-permissions.permission';
const MARKER = 'ledger-authenticated-grant';

/**
 * Signed-in end users may accept, withdraw and read their own consent out of the box: the Authenticated
 * role gets the ledger routes once, on the first boot. A marker in the core store remembers that, so an
 * operator who later removes them in Settings › Roles keeps them removed across restarts.
 */
export async function grantLedgerRoutesOnce(strapi: Core.Strapi) {
  if (!strapi.plugin('users-permissions')) return;
  const store = strapi.store({ type: 'plugin', name: PLUGIN_ID });
  if (await store.get({ key: MARKER })) return;
  const role = await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'authenticated' } });
  if (!role) return;
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
