import type { Core } from '@strapi/strapi';
import { registerAppendOnlyAcceptances } from './middlewares/append-only-acceptances';
import { registerImmutableVersions } from './middlewares/immutable-versions';

export default ({ strapi }: { strapi: Core.Strapi }) => {
  registerImmutableVersions(strapi);
  registerAppendOnlyAcceptances(strapi);
};
