import type { Core } from '@strapi/strapi';
import { ACTIONS } from '../constants';
import type { Context } from '../http';
import { getService } from '../utils/plugin';
import { createPolicyRequest, editorLocale, importRequest, policyRequest } from './validation/admin-policies';

/** The editors' side of policies (shared/contracts/admin-policies): parse, call the service, send. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  /**
   * Consent counts are ledger data: only for admins who may read acceptances. In the answer itself, so the
   * list screen does not ask for statistics once per row.
   */
  async function withConsentCounts<Policy extends { key: string }>(ctx: Context, policies: Policy[]) {
    if (!(ctx.state as { userAbility?: { can(action: string): boolean } }).userAbility?.can(ACTIONS.readAcceptances)) return policies;
    const counts = await getService(strapi, 'ledger-admin').countsByPolicy();
    return policies.map((policy) => ({ ...policy, acceptances: counts[policy.key] ?? { subjects: 0, subjectsOnCurrent: 0 } }));
  }

  return {
    async find(ctx: Context) {
      const list = await getService(strapi, 'reader').listPolicies(editorLocale(ctx), { withUnpublished: true });
      ctx.body = { ...list, data: await withConsentCounts(ctx, list.data) };
    },

    async findOne(ctx: Context) {
      const policy = await getService(strapi, 'reader').policyForEditors(policyRequest(ctx), editorLocale(ctx));
      ctx.body = { data: (await withConsentCounts(ctx, [policy]))[0] };
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
  };
};
