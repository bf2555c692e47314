import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from './constants';
import type { PluginConfig } from './config';
import { createFastLedger } from './middlewares/fast-ledger';
import { createFastRead } from './middlewares/fast-read';
import { registerAppendOnlyAcceptances } from './middlewares/append-only-acceptances';
import { registerFrozenReleases } from './middlewares/frozen-releases';
import { registerImmutableVersions } from './middlewares/immutable-versions';
import { registerGraphql } from './graphql';

export default ({ strapi }: { strapi: Core.Strapi }) => {
  registerImmutableVersions(strapi);
  registerFrozenReleases(strapi);
  registerAppendOnlyAcceptances(strapi);
  registerGraphql(strapi);
  // Middlewares added during register run before the app's configured stack, which is set up later.
  const config = strapi.config.get(`plugin::${PLUGIN_ID}`) as PluginConfig;
  if (config.fastRead) strapi.server.use(createFastRead(strapi));
  if (config.ledger.fastPath) strapi.server.use(createFastLedger(strapi));
};
