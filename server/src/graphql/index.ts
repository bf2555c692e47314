import type { Core } from '@strapi/strapi';
import { ACCEPTANCE_UID, LEDGER_HEAD_UID, LEDGER_CHECKPOINT_UID, LEDGER_NODE_UID, POLICY_UID, RELEASE_UID, VERSION_UID, WITHDRAWAL_OUTCOME_UID } from '../constants';

/** Every content type of the plugin: none is a public resource in its raw form. */
const PLUGIN_TYPES = [POLICY_UID, VERSION_UID, RELEASE_UID, ACCEPTANCE_UID, LEDGER_HEAD_UID, LEDGER_NODE_UID, LEDGER_CHECKPOINT_UID, WITHDRAWAL_OUTCOME_UID];

/**
 * When @strapi/plugin-graphql is installed, its generated CRUD would expose the plugin's tables: the
 * ledger's personal data to any role or full-access token granted `find`, and create/update/delete
 * mutations that bypass the publication rules. The plugin's resources are served only by its own routes.
 */
export function registerGraphql(strapi: Core.Strapi): void {
  const graphql = strapi.plugin('graphql');
  if (!graphql) return;
  const extension = graphql.service('extension');
  for (const uid of PLUGIN_TYPES) extension.shadowCRUD(uid).disable();
}
