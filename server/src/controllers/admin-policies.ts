import type { Core } from '@strapi/strapi';
import type { Context } from '../http';
import { getService } from '../utils/plugin';
import { createPolicyRequest, editorLocale, importRequest, policyRequest } from './validation/admin-policies';

/** The editors' side of policies (shared/contracts/admin-policies): parse, call the service, send. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async find(ctx: Context) {
    ctx.body = await getService(strapi, 'reader').listPolicies(editorLocale(ctx), { withUnpublished: true });
  },

  async findOne(ctx: Context) {
    ctx.body = { data: await getService(strapi, 'reader').policyForEditors(policyRequest(ctx), editorLocale(ctx)) };
  },

  async create(ctx: Context) {
    const input = createPolicyRequest(ctx);
    ctx.status = 201;
    ctx.body = { data: await getService(strapi, 'policies').create(input) };
  },

  async importText(ctx: Context) {
    const { key, input } = importRequest(ctx);
    ctx.status = 201;
    ctx.body = { data: await getService(strapi, 'importer').importIntoDraft(key, input) };
  },
});
