import type { Core } from '@strapi/strapi';
import { createPermissionAudit } from './middlewares/audit-permissions';
import { createFastLedger } from './middlewares/fast-ledger';
import { createFastRead } from './middlewares/fast-read';
import { registerAppendOnlyAcceptances } from './middlewares/append-only-acceptances';
import { registerFrozenReleases } from './middlewares/frozen-releases';
import { registerImmutableVersions } from './middlewares/immutable-versions';
import { registerGraphql } from './graphql';
import { getConfig } from './utils/plugin';

export default ({ strapi }: { strapi: Core.Strapi }) => {
  registerImmutableVersions(strapi);
  registerFrozenReleases(strapi);
  registerAppendOnlyAcceptances(strapi);
  registerGraphql(strapi);
  // Middlewares added during register run before the app's configured stack, which is set up later.
  const config = getConfig(strapi);
  if (config.fastRead) strapi.server.use(createFastRead(strapi));
  if (config.ledger.fastPath) strapi.server.use(createFastLedger(strapi));
  strapi.server.use(createPermissionAudit(strapi));
};
