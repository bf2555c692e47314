import type { Core } from '@strapi/strapi';
import { permissionChanges } from '../domain/ledger/log-events';
import { adminOf, type Context, type Next } from '../http';
import { grantsRepository } from '../repositories/grants';
import { getService } from '../utils/plugin';

// Strapi's routes that change roles and their permissions: the admin panel's and the end users' (users-permissions).
const ROLE_ROUTES = /^\/(admin|users-permissions)\/roles(\/|$)/;

/**
 * Records, as an audit event naming the admin, every change a role route makes to who holds the plugin's actions.
 * Strapi's role services give no hook with the admin in it, so the grants are compared around the request: the
 * before-and-after read costs two small queries on a rare admin write, and catches every kind of change (a new
 * role with permissions, edited permissions or conditions, a deleted role).
 */
export const createPermissionAudit = (strapi: Core.Strapi) => {
  const grants = grantsRepository(strapi);
  // The request is never held back by its audit: a failed read is logged, as an audit event that cannot be written is.
  const read = () =>
    grants.pluginGrants().catch((error: Error) => {
      strapi.log.error(`policy-versions: could not read the roles' permissions to audit a change: ${error.message}`);
      return null;
    });
  return async (ctx: Context, next: Next) => {
    if (ctx.method === 'GET' || ctx.method === 'HEAD' || ctx.method === 'OPTIONS' || !ROLE_ROUTES.test(ctx.path)) return next();
    const before = await read();
    await next();
    if (!before || ctx.status >= 300 || !ctx.state.user) return;
    const after = await read();
    if (!after) return;
    const { granted, revoked } = permissionChanges(before, after);
    if (granted.length + revoked.length > 0) await getService(strapi, 'ledger').audit('permissions', adminOf(ctx), { granted, revoked });
  };
};
