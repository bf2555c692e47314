import type { Core } from '@strapi/strapi';
import { ACTIONS } from '../constants';
import type { Context } from '../http';
import { getService } from '../utils/plugin';
import { createPolicyRequest, editorLocale, importRequest, policyRequest } from './validation/admin-policies';

/** The editors' side of policies (shared/contracts/admin-policies): parse, call the service, send. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async find(ctx: Context) {
    const list = await getService(strapi, 'reader').listPolicies(editorLocale(ctx), { withUnpublished: true });
    // Consent counts are ledger data: only for admins who may read acceptances. One answer for the whole
    // list, so the screen does not ask for statistics once per row.
    if (!(ctx.state as { userAbility?: { can(action: string): boolean } }).userAbility?.can(ACTIONS.readAcceptances)) {
      ctx.body = list;
      return;
    }
    const counts = await getService(strapi, 'ledger-admin').countsByPolicy();
    ctx.body = {
      ...list,
      data: list.data.map((policy) => ({ ...policy, acceptances: counts[policy.key] ?? { subjects: 0, subjectsOnCurrent: 0 } })),
    };
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
