import type { Core } from '@strapi/strapi';
import type { Context } from '../http';
import { getService } from '../utils/plugin';

/** The ledger's public evidence (shared/contracts/evidence): what anyone needs to check a receipt offline. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async keys(ctx: Context) {
    // Public and the same for everyone; short-lived, so a rotation (a restart with a new key) shows within minutes.
    ctx.set('Cache-Control', 'public, max-age=300');
    ctx.body = { data: getService(strapi, 'signing').publishedKeys() };
  },
});
