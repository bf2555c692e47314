import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { POLICY_UID, RELEASE_UID, WEBHOOK_NOTICE_UID } from '../constants';
import { isTrustedWrite } from '../utils/trusted-writes';

const WRITE_LIFECYCLES = [
  'beforeCreate', 'beforeCreateMany', 'beforeUpdate', 'beforeUpdateMany', 'beforeDelete', 'beforeDeleteMany',
] as const;

const WHAT = { [RELEASE_UID]: 'A published version', [POLICY_UID]: 'A policy', [WEBHOOK_NOTICE_UID]: 'A webhook notice' } as const;

/**
 * Releases, policies and webhook notices are written by the plugin's own services only, and those mark their writes as
 * trusted. Database lifecycles run under every strapi.db.query call as well as under the Document Service,
 * so code of the app or of another plugin that reaches for the query engine is refused too. (Raw SQL and
 * the database's own users remain: the read path's hash check detects what they change.)
 */
export const registerFrozenReleases = (strapi: Core.Strapi) => {
  const refuse = (event: { model: { uid: string }; action: string }) => {
    if (isTrustedWrite()) return;
    const what = WHAT[event.model.uid as keyof typeof WHAT];
    throw new errors.ForbiddenError(
      `${what} is written only through the policy-versions plugin's own API, which validates and records it`,
      { uid: event.model.uid, action: event.action }
    );
  };
  strapi.db.lifecycles.subscribe({
    // Webhook notices are written with the query builder, which runs no lifecycles: this leaves only
    // other code's query-engine writes, which could otherwise make an effective-date event fire again.
    models: Object.keys(WHAT),
    ...Object.fromEntries(WRITE_LIFECYCLES.map((name) => [name, refuse])),
  });
};
