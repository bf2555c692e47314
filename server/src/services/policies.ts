import type { Core } from '@strapi/strapi';
import { errors, yup, validateYupSchema } from '@strapi/utils';
import { POLICY_KEY_PATTERN } from '../../../shared/policy-key';
import { normalizeLocale } from '../domain/locales';
import { SUPPORTED_LOCALES, type PolicyLocale } from '../../../shared/locales';
import { policiesRepository, type PolicyRecord } from '../repositories/policies';
import { conflictError } from '../utils/errors';
import { wellFormedValues } from '../utils/validation';
import { getConfig, getService } from '../utils/plugin';

export interface PolicySettings {
  requiredLocales: PolicyLocale[];
  fallbackOrder: PolicyLocale[];
  minNoticeDays: number;
}

const localeList = () =>
  yup
    .array()
    .of(yup.string().oneOf([...SUPPORTED_LOCALES]))
    .min(1)
    .test('distinct', 'locales must not repeat', (list) => !list || new Set(list).size === list.length);

const createPolicySchema = yup
  .object({
    key: yup
      .string()
      .required()
      .matches(new RegExp(`^${POLICY_KEY_PATTERN}$`), 'key must be lower-case letters, digits and dashes (at most 64)'),
    titles: yup.object().required().test(wellFormedValues),
    requiredLocales: localeList().nullable(),
    fallbackOrder: localeList().nullable(),
    minNoticeDays: yup.number().integer().min(0).max(3650).nullable(),
  })
  .noUnknown();

/** Accepts `kz` and regional tags as keys of `titles`, stores canonical locale codes. */
function normalizeTitles(raw: Record<string, unknown>): Partial<Record<PolicyLocale, string>> {
  const titles: Partial<Record<PolicyLocale, string>> = {};
  for (const [tag, title] of Object.entries(raw)) {
    const locale = normalizeLocale(tag);
    if (!locale) throw new errors.ValidationError(`Unsupported locale "${tag}" in titles`, { supported: SUPPORTED_LOCALES });
    if (typeof title !== 'string' || title.trim() === '' || title.length > 255) {
      throw new errors.ValidationError(`Title for "${locale}" must be a non-empty string of at most 255 characters`);
    }
    titles[locale] = title.trim();
  }
  if (Object.keys(titles).length === 0) throw new errors.ValidationError('A policy needs a title in at least one locale');
  return titles;
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
      };
    },

    async create(input: unknown): Promise<PolicyRecord> {
      const valid = (await validateYupSchema(createPolicySchema)(input)) as Record<string, any>;
      const titles = normalizeTitles(valid.titles);
      if (await repository.findByKey(valid.key)) {
        throw conflictError(`Policy "${valid.key}" already exists`, { policy: valid.key });
      }
      const policy = await repository.create({
        key: valid.key,
        titles,
        requiredLocales: valid.requiredLocales ?? null,
        fallbackOrder: valid.fallbackOrder ?? null,
        minNoticeDays: valid.minNoticeDays ?? null,
      });
      getService(strapi, 'timeline').invalidate(policy.key);
      return policy;
    },
  };
};
