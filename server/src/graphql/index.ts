import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../constants';
import contentTypes from '../content-types';
import { resolvers, resolversConfig } from './resolvers';
import { typeDefs } from './schema';

/**
 * When @strapi/plugin-graphql is installed, its generated CRUD would expose the plugin's tables: the
 * ledger's personal data to any role or full-access token granted `find`, and create/update/delete
 * mutations that bypass the publication rules. So it is off for every content type of the plugin (read from
 * the plugin's own list, so a type added later is covered too); the plugin's resources are served by its
 * routes and by its own GraphQL fields (docs/graphql.md), which go through the same services and checks.
 */
export function registerGraphql(strapi: Core.Strapi): void {
  const graphql = strapi.plugin('graphql');
  if (!graphql) return;
  const extension = graphql.service('extension');
  for (const name of Object.keys(contentTypes)) extension.shadowCRUD(`plugin::${PLUGIN_ID}.${name}`).disable();
  extension.use(() => ({ typeDefs, resolvers: resolvers(strapi), resolversConfig }));
}
