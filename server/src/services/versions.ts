import type { Core } from '@strapi/strapi';
import { errors, yup, validateYupSchema } from '@strapi/utils';
import { POLICY_UID } from '../constants';
import { contentHash } from '../domain/hash';
import type { PolicyLocale } from '../../../shared/locales';
import { checkPublication } from '../domain/publication-rules';
import { parseInstant, parseVersionNumber } from '../domain/request-params';
import { versionInForce } from '../domain/resolution';
import { releaseAsVersion, releasesRepository, type ReleaseRecord } from '../repositories/releases';
import { versionsRepository, type LocaleText, type VersionRecord } from '../repositories/versions';
import { conflictError, parseLocale } from '../utils/errors';
import { wellFormedString } from '../utils/validation';
import { getService } from '../utils/plugin';

export const MAX_BODY_CHARS = 1_000_000;

const BACKFILL_WAIVED = new Set(['effective-in-past', 'notice-period', 'missing-locale']);

const localeTextSchema = yup
  .object({
    title: wellFormedString().max(255),
    body: wellFormedString().max(MAX_BODY_CHARS),
    changeSummary: wellFormedString().max(5000),
  })
  .noUnknown();

const publishSchema = yup
  .object({
    effectiveAt: yup.string().nullable(),
    material: yup.boolean().required('material must be given: say whether users must accept this version again'),
  })
  .noUnknown();

/**
 * The editor's operations on versions: drafts are free to change; publishing copies a draft into a release,
 * which from then on is the version (its number, dates and texts), whatever becomes of the draft's rows.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const repository = versionsRepository(strapi);
  const releases = releasesRepository(strapi);
  const policies = () => getService(strapi, 'policies');

  /** A version by documentId: its release once published, else its draft rows. */
  async function requireVersion(documentId: string): Promise<VersionRecord> {
    const release = await releases.findByDocumentId(documentId);
    if (release) return releaseAsVersion(release);
    const record = await repository.findOne(documentId);
    if (!record) throw new errors.NotFoundError('Policy version not found', { documentId });
    return record;
  }

  /** Drafts, from the workspace rows that no release claims. */
  async function drafts(key: string, released: ReleaseRecord[]): Promise<VersionRecord[]> {
    const claimed = new Set(released.map((release) => release.versionDocumentId));
    const rows = await repository.findByPolicy(key, { states: ['draft'] });
    return rows.filter((record) => !claimed.has(record.documentId));
  }

  const requireDraft = (record: VersionRecord) => {
    if (record.state !== 'draft') {
      throw conflictError(
        `Version ${record.version} of "${record.policyKey}" is ${record.state}; its text can never change. Create a new draft instead.`,
        { policy: record.policyKey, version: record.version, state: record.state }
      );
    }
  };

  // On PostgreSQL and MySQL, concurrent publishes of one policy queue on its row, so version numbers and
  // effective-date order are checked against committed data. SQLite already serialises writers.
  async function lockPolicy(key: string, trx: unknown) {
    if (strapi.db.dialect.client === 'sqlite') return;
    const table = strapi.db.metadata.get(POLICY_UID).tableName;
    await strapi.db.connection(table).transacting(trx as any).where({ key }).forUpdate().first();
  }

  return {
    async list(key: string) {
      await policies().require(key);
      const released = await releases.findByPolicy(key);
      const records = [...(await drafts(key, released)), ...released.map(releaseAsVersion)];
      return records.sort((a, b) => (b.version ?? Infinity) - (a.version ?? Infinity) || cmpDates(b.updatedAt, a.updatedAt));
    },

    get: requireVersion,

    async createDraft(key: string, input: { copyFrom?: unknown } = {}) {
      await policies().require(key);
      const copyFrom = input.copyFrom ?? 'empty';
      if (copyFrom === 'empty') return requireVersion(await repository.createDraft(key, null, {}));

      const published = (await releases.findByPolicy(key, { withBody: true }))
        .filter((release) => !release.withdrawnAt)
        .map(releaseAsVersion);
      let source: VersionRecord | undefined;
      if (copyFrom === 'current') {
        const now = new Date();
        const entries = published.map((record) => ({ ...record, version: record.version as number, effectiveAt: record.effectiveAt as Date }));
        source = versionInForce(entries, now) ?? published.sort((a, b) => (b.version ?? 0) - (a.version ?? 0))[0];
      } else {
        const number = parseVersionNumber(copyFrom);
        if (number === null) throw new errors.ValidationError('copyFrom must be "empty", "current" or a version number');
        source = published.find((record) => record.version === number);
      }
      if (!source) throw new errors.NotFoundError(`Policy "${key}" has no published version to copy from`, { copyFrom });
      const texts = Object.fromEntries(
        Object.entries(source.locales).map(([locale, text]) => [locale, { title: text!.title, body: text!.body, changeSummary: '' }])
      ) as Partial<Record<PolicyLocale, Omit<LocaleText, 'contentHash'>>>;
      return requireVersion(await repository.createDraft(key, source.version, texts, source.material));
    },

    async updateDraftLocale(documentId: string, localeInput: unknown, input: unknown) {
      const locale = parseLocale(localeInput);
      const data = (await validateYupSchema(localeTextSchema, { strict: true })(input)) as Partial<LocaleText>;
      requireDraft(await requireVersion(documentId));
      await repository.updateLocale(documentId, locale, data);
      return requireVersion(documentId);
    },

    async deleteDraft(documentId: string) {
      requireDraft(await requireVersion(documentId));
      await repository.delete(documentId);
    },

    /**
     * Publishes a draft. `backfill` is for code only (seed and migration scripts), never HTTP: it records a
     * version that was already in force before the plugin was installed, so the checks that protect readers
     * of a future version (not in the past, notice period, every required locale) give way; the rising
     * order of effective dates still holds.
     */
    async publish(documentId: string, input: unknown, { backfill = false }: { backfill?: boolean } = {}) {
      const valid = (await validateYupSchema(publishSchema, { strict: true })(input)) as {
        effectiveAt?: string | null;
        material: boolean;
      };
      let effectiveAt: Date | null = null;
      if (valid.effectiveAt) {
        effectiveAt = parseInstant(valid.effectiveAt);
        if (!effectiveAt) {
          throw new errors.ValidationError('effectiveAt must be an ISO-8601 instant with a time zone, e.g. 2026-12-01T00:00:00Z', {
            effectiveAt: valid.effectiveAt,
          });
        }
      }

      const record = await requireVersion(documentId);
      requireDraft(record);
      const policy = await policies().require(record.policyKey);
      const settings = policies().settings(policy);

      const published = await strapi.db.transaction(async ({ trx }) => {
        await lockPolicy(policy.key, trx);
        const fresh = await requireVersion(documentId);
        requireDraft(fresh);
        const released = await releases.findByPolicy(policy.key);
        const lastEffectiveAt = released
          .filter((release) => !release.withdrawnAt)
          .reduce<Date | null>((latest, item) => (!latest || item.effectiveAt > latest ? item.effectiveAt : latest), null);
        const now = new Date();
        const check = checkPublication({
          bodies: fresh.locales,
          requiredLocales: settings.requiredLocales,
          effectiveAt,
          now,
          material: valid.material,
          minNoticeDays: settings.minNoticeDays,
          lastEffectiveAt,
        });
        const problems = check.ok ? [] : check.problems.filter((problem) => !backfill || !BACKFILL_WAIVED.has(problem.code));
        const effective = effectiveAt ?? now;
        if (backfill && effective > now) {
          throw new errors.ValidationError('A backfilled version must have taken effect already', { effectiveAt: effective.toISOString() });
        }
        if (!Object.values(fresh.locales).some((text) => text?.body.trim())) {
          throw new errors.ValidationError('A version needs a text in at least one locale');
        }
        if (problems.length > 0) {
          throw new errors.ValidationError(problems.map((problem) => problem.message).join(' '), { problems });
        }
        // Withdrawn versions keep their numbers, so a number always names one text.
        const version = (released[0]?.version ?? 0) + 1;
        const texts = Object.fromEntries(
          (Object.entries(fresh.locales) as Array<[PolicyLocale, LocaleText]>).map(([locale, text]) => [
            locale,
            { ...text, contentHash: text.body.trim() ? contentHash(text.body) : null },
          ])
        ) as Partial<Record<PolicyLocale, LocaleText>>;
        const release: ReleaseRecord = {
          policyKey: policy.key,
          version,
          versionDocumentId: documentId,
          effectiveAt: check.ok ? check.effectiveAt : effective,
          material: valid.material,
          releasedAt: now,
          withdrawnAt: null,
          basedOnVersion: fresh.basedOnVersion,
          texts,
        };
        await releases.create(release);
        // The draft's rows say so too, so the workspace never offers them for editing again.
        for (const [locale, text] of Object.entries(texts) as Array<[PolicyLocale, LocaleText]>) {
          await repository.updateHead(documentId, [locale], {
            state: 'published',
            version,
            effectiveAt: release.effectiveAt,
            material: release.material,
            releasedAt: now,
            contentHash: text.contentHash,
          });
        }
        return version;
      });
      getService(strapi, 'timeline').invalidate(policy.key);
      strapi.log.info(`[policy-versions] published "${policy.key}" version ${published}`);
      return requireVersion(documentId);
    },

    /**
     * Installs from before releases existed kept published texts only in the i18n rows: each such version
     * gets its release once, at bootstrap, as those rows hold it then.
     */
    async releaseLegacyVersions() {
      for (const policy of await policies().findAll()) {
        const released = new Set((await releases.findByPolicy(policy.key)).map((release) => release.version));
        // Heads first: at every start but the first, every version has its release and no body is read.
        const legacy = await repository.findByPolicy(policy.key, { states: ['published', 'withdrawn'] });
        for (const head of legacy) {
          if (head.version === null || head.effectiveAt === null || released.has(head.version)) continue;
          const record = (await repository.findOne(head.documentId)) as VersionRecord & { version: number; effectiveAt: Date };
          await releases.create({
            policyKey: policy.key,
            version: record.version,
            versionDocumentId: record.documentId,
            effectiveAt: record.effectiveAt,
            material: record.material,
            releasedAt: record.releasedAt ?? record.effectiveAt,
            withdrawnAt: record.withdrawnAt,
            basedOnVersion: record.basedOnVersion,
            texts: record.locales,
          });
          strapi.log.info(`[policy-versions] moved version ${record.version} of "${policy.key}" into its release`);
        }
      }
    },

    async withdraw(documentId: string) {
      const record = await requireVersion(documentId);
      if (record.state !== 'published') {
        throw conflictError(`Only a published version can be withdrawn; this one is ${record.state}.`, { state: record.state });
      }
      const now = new Date();
      if (record.effectiveAt && record.effectiveAt <= now) {
        throw conflictError(
          `Version ${record.version} of "${record.policyKey}" took effect on ${record.effectiveAt.toISOString()} and can only be superseded by a new version.`,
          { policy: record.policyKey, version: record.version, effectiveAt: record.effectiveAt.toISOString() }
        );
      }
      await strapi.db.transaction(async () => {
        await releases.markWithdrawn(record.policyKey, record.version as number, now);
        await repository.updateHead(documentId, Object.keys(record.locales) as PolicyLocale[], { state: 'withdrawn', withdrawnAt: now });
      });
      getService(strapi, 'timeline').invalidate(record.policyKey);
      return requireVersion(documentId);
    },
  };
};

const cmpDates = (a: Date | null, b: Date | null) => (a?.getTime() ?? 0) - (b?.getTime() ?? 0);
