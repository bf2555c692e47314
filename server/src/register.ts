import type { Core } from '@strapi/strapi';
import { registerImmutableVersions } from './middlewares/immutable-versions';

export default ({ strapi }: { strapi: Core.Strapi }) => {
  registerImmutableVersions(strapi);
};
