import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { TERM_ITEMS, type TermItem } from '../../../shared/consent-terms';
import type { PolicyLocale } from '../../../shared/locales';
import { policiesRepository, type PolicyRecord } from '../repositories/policies';
import { conflictError } from '../utils/errors';
import { getConfig, getService } from '../utils/plugin';

export interface PolicySettings {
  requiredLocales: PolicyLocale[];
  fallbackOrder: PolicyLocale[];
  minNoticeDays: number;
  /** The consent-term items publication does not ask of this policy (plugin config only). */
  consentOptOut: TermItem[];
}

/** A new policy; a setting null or absent is the plugin's configured default. */
export interface CreatePolicyInput {
  key: string;
  titles: Partial<Record<PolicyLocale, string>>;
  requiredLocales?: PolicyLocale[] | null;
  fallbackOrder?: PolicyLocale[] | null;
  minNoticeDays?: number | null;
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const repository = policiesRepository(strapi);
  const config = () => getConfig(strapi);

  return {
    findAll: () => repository.findAll(),
    findByKey: (key: string) => repository.findByKey(key),

    async require(key: string): Promise<PolicyRecord> {
      const policy = await repository.findByKey(key);
      if (!policy) throw new errors.NotFoundError(`Policy "${key}" not found`, { policy: key });
      return policy;
    },

    /** Plugin config per key wins over what is stored on the policy, which wins over the global defaults. */
    settings(policy: PolicyRecord): PolicySettings {
      const global = config();
      const overrides = global.policies[policy.key] ?? {};
      return {
        requiredLocales: overrides.requiredLocales ?? policy.requiredLocales ?? global.requiredLocales,
        fallbackOrder: overrides.fallbackOrder ?? policy.fallbackOrder ?? global.fallbackOrder,
        minNoticeDays: overrides.minNoticeDays ?? policy.minNoticeDays ?? global.minNoticeDays,
        consentOptOut: overrides.consentOptOut === true ? [...TERM_ITEMS] : (overrides.consentOptOut ?? []),
      };
    },

    async create(input: CreatePolicyInput): Promise<PolicyRecord> {
      if (await repository.findByKey(input.key)) {
        throw conflictError(`Policy "${input.key}" already exists`, { policy: input.key });
      }
      const policy = await repository.create({
        key: input.key,
        titles: input.titles,
        requiredLocales: input.requiredLocales ?? null,
        fallbackOrder: input.fallbackOrder ?? null,
        minNoticeDays: input.minNoticeDays ?? null,
      });
      getService(strapi, 'timeline').invalidate(policy.key);
      await getService(strapi, 'ledger').logPublications();
      return policy;
    },
  };
};
