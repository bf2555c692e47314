import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { ConsentTermsDraft } from '../../../shared/consent-terms';
import type { EditorVersion, EditorVersionStatus, MaterialVerdict, PublicationCheck } from '../../../shared/contracts/versions';
import type { PolicyLocale } from '../../../shared/locales';
import { missingTermItems, termsDifferMaterially } from '../domain/consent-terms';
import { contentHash } from '../domain/hash';
import { checkRelease } from '../domain/publication-rules';
import { versionInForce, versionStatus, type TimelineVersion } from '../domain/resolution';
import { policiesRepository } from '../repositories/policies';
import { releaseAsVersion, releasesRepository, type ReleaseRecord } from '../repositories/releases';
import { versionsRepository, type LocaleText, type VersionRecord } from '../repositories/versions';
import { conflictError } from '../utils/errors';
import { getService } from '../utils/plugin';

/** What a new draft starts from: nothing, the version in force (else the newest), or a published version. */
export type CopyFrom = 'empty' | 'current' | number;
/** The fields of one locale of a draft an editor writes; those absent stay as they are. */
export type DraftText = Partial<Omit<LocaleText, 'contentHash'>>;
export interface PublishInput {
  material: boolean;
  /** Null or absent: on publication. */
  effectiveAt?: Date | null;
}

/** Where a version stands at `now`: a draft, or its place among the policy's releases. */
function statusOf(record: VersionRecord, timeline: readonly TimelineVersion[], now: Date): EditorVersionStatus {
  // A version that is not a draft always has its number and date; the test only narrows the types.
  if (record.state === 'draft' || record.version === null || record.effectiveAt === null) return 'draft';
  return versionStatus(timeline, { version: record.version, effectiveAt: record.effectiveAt, withdrawnAt: record.withdrawnAt }, now);
}

const toEditorVersion = (record: VersionRecord, status: EditorVersionStatus): EditorVersion => ({
  ...record,
  status,
  effectiveAt: record.effectiveAt?.toISOString() ?? null,
  releasedAt: record.releasedAt?.toISOString() ?? null,
  withdrawnAt: record.withdrawnAt?.toISOString() ?? null,
  updatedAt: record.updatedAt?.toISOString() ?? null,
});

/**
 * The editor's operations on versions: drafts are free to change; publishing copies a draft into a release,
 * which from then on is the version (its number, dates and texts), whatever becomes of the draft's rows.
 * The editor API's answers carry each version's status (shared/contracts/versions).
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const repository = versionsRepository(strapi);
  const releases = releasesRepository(strapi);
  const policyRows = policiesRepository(strapi);
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

  /** The version as the editor API answers it, its status against the policy's releases as they are now. */
  async function editorAnswer(documentId: string): Promise<EditorVersion> {
    const record = await requireVersion(documentId);
    const timeline = record.state === 'draft' ? [] : await releases.findByPolicy(record.policyKey);
    return toEditorVersion(record, statusOf(record, timeline, new Date()));
  }

  /** The version in force at `now`, else the newest; `released` newest first. */
  const inForceOrNewest = (released: ReleaseRecord[], now: Date) => {
    const published = released.filter((release) => !release.withdrawnAt);
    return versionInForce(published, now) ?? published[0];
  };

  /**
   * The publication rules (domain/publication-rules) for `record` as asked, against the policy as it is now.
   * Terms that differ materially from the version in force make the version material whatever the editor
   * ticked (domain/consent-terms termsDifferMaterially), and so are held to the notice period too.
   */
  async function assess(record: VersionRecord, input: PublishInput, backfill: boolean) {
    const settings = policies().settings(await policies().require(record.policyKey));
    const released = await releases.findByPolicy(record.policyKey);
    const lastEffectiveAt = released
      .filter((release) => !release.withdrawnAt)
      .reduce<Date | null>((latest, item) => (!latest || item.effectiveAt > latest ? item.effectiveAt : latest), null);
    const now = new Date();
    const terms = termsDifferMaterially(inForceOrNewest(released, now)?.consent, record.consent);
    const material: MaterialVerdict = {
      value: input.material || terms.material,
      forcedByTerms: terms.material && !input.material,
      reasons: terms.reasons,
    };
    const check = checkRelease(
      {
        bodies: record.locales,
        requiredLocales: settings.requiredLocales,
        effectiveAt: input.effectiveAt ?? null,
        now,
        material: material.value,
        minNoticeDays: settings.minNoticeDays,
        lastEffectiveAt,
        missingTerms: missingTermItems(record.consent, { optOut: settings.consentOptOut }).map(({ item }) => item),
      },
      { backfill }
    );
    return { check, material, released, now };
  }

  /** The webhook events of a committed publication or withdrawal, from the release as stored; never fails the change. */
  async function announce(policyKey: string, version: number, send: (release: ReleaseRecord) => unknown) {
    try {
      const release = (await releases.findByPolicy(policyKey)).find((found) => found.version === version);
      if (release) await send(release);
    } catch (error) {
      strapi.log.error(`policy-versions: the webhook events of version ${version} of "${policyKey}" could not be sent: ${(error as Error).message}`);
    }
  }

  return {
    /** Every version of a policy for the editors, without bodies: drafts (newest edit first), then by number, newest first. */
    async list(key: string): Promise<EditorVersion[]> {
      await policies().require(key);
      const released = await releases.findByPolicy(key);
      const records = [...(await drafts(key, released)), ...released.map(releaseAsVersion)];
      const now = new Date();
      return records
        .sort((a, b) => (b.version ?? Infinity) - (a.version ?? Infinity) || cmpDates(b.updatedAt, a.updatedAt))
        .map((record) => toEditorVersion(record, statusOf(record, released, now)));
    },

    /** A version with every body, as the server's own code works with it (dates as dates, no status). */
    get: requireVersion,

    /** A version with every body, as the editor API answers it. */
    getForEditors: editorAnswer,

    async createDraft(key: string, { copyFrom = 'empty' }: { copyFrom?: CopyFrom } = {}): Promise<EditorVersion> {
      await policies().require(key);
      if (copyFrom === 'empty') return editorAnswer(await repository.createDraft(key, null, {}));

      const released = await releases.findByPolicy(key, { withBody: true });
      const source =
        copyFrom === 'current'
          ? inForceOrNewest(released, new Date())
          : released.find((release) => release.version === copyFrom && !release.withdrawnAt);
      if (!source) throw new errors.NotFoundError(`Policy "${key}" has no published version to copy from`, { copyFrom });
      const texts = Object.fromEntries(
        (Object.entries(source.texts) as Array<[PolicyLocale, LocaleText]>).map(([locale, text]) => [
          locale,
          { title: text.title, body: text.body, changeSummary: '' },
        ])
      );
      return editorAnswer(await repository.createDraft(key, source.version, texts, { material: source.material, consent: source.consent }));
    },

    async updateDraftLocale(documentId: string, locale: PolicyLocale, text: DraftText): Promise<EditorVersion> {
      requireDraft(await requireVersion(documentId));
      await repository.updateLocale(documentId, locale, text);
      return editorAnswer(documentId);
    },

    /** Replaces the draft's terms, on every locale row it has, since they are the version's, not a locale's. */
    async updateDraftConsent(documentId: string, consent: ConsentTermsDraft): Promise<EditorVersion> {
      const record = await requireVersion(documentId);
      requireDraft(record);
      await repository.updateHead(documentId, Object.keys(record.locales) as PolicyLocale[], { consent });
      return editorAnswer(documentId);
    },

    async deleteDraft(documentId: string) {
      requireDraft(await requireVersion(documentId));
      await repository.delete(documentId);
    },

    /** Publishing's dry run: the very check publish makes, against the policy as it is now; nothing is written. */
    async checkPublication(documentId: string, input: PublishInput): Promise<PublicationCheck> {
      const record = await requireVersion(documentId);
      requireDraft(record);
      const { check, material } = await assess(record, input, false);
      return { ok: check.ok, problems: check.problems, effectiveAt: check.effectiveAt.toISOString(), material };
    },

    /**
     * Publishes a draft. `backfill` is for code only (seed and migration scripts), never HTTP: it records a
     * version that was already in force before the plugin was installed (domain/publication-rules checkRelease).
     */
    async publish(
      documentId: string,
      input: PublishInput,
      { backfill = false }: { backfill?: boolean } = {}
    ): Promise<{ version: EditorVersion; material: MaterialVerdict }> {
      const { policyKey } = await requireVersion(documentId);
      const { published, material } = await strapi.db.transaction(async ({ trx }) => {
        await policyRows.lockForPublication(policyKey, trx);
        const fresh = await requireVersion(documentId);
        requireDraft(fresh);
        const { check, material, released, now } = await assess(fresh, input, backfill);
        if (!check.ok) {
          throw new errors.ValidationError(check.problems.map((problem) => problem.message).join(' '), { problems: check.problems });
        }
        // Withdrawn versions keep their numbers, so a number always names one text.
        const version = (released[0]?.version ?? 0) + 1;
        const texts = Object.fromEntries(
          (Object.entries(fresh.locales) as Array<[PolicyLocale, LocaleText]>).map(([locale, text]) => [
            locale,
            { ...text, contentHash: text.body.trim() ? contentHash(text.body) : null },
          ])
        );
        const release: ReleaseRecord = {
          policyKey,
          version,
          versionDocumentId: documentId,
          effectiveAt: check.effectiveAt,
          material: material.value,
          releasedAt: now,
          withdrawnAt: null,
          basedOnVersion: fresh.basedOnVersion,
          consent: fresh.consent,
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
        return { published: version, material };
      });
      getService(strapi, 'timeline').invalidate(policyKey);
      strapi.log.info(`[policy-versions] published "${policyKey}" version ${published}`);
      await getService(strapi, 'ledger').logPublications();
      await announce(policyKey, published, (release) => getService(strapi, 'webhooks').published(release));
      return { version: await editorAnswer(documentId), material };
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
            consent: record.consent,
            texts: record.locales,
          });
          strapi.log.info(`[policy-versions] moved version ${record.version} of "${policy.key}" into its release`);
        }
      }
    },

    async withdraw(documentId: string): Promise<EditorVersion> {
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
        // The checks above read the row; the release's own conditional update decides, at the time of writing.
        const at = new Date();
        if (!(await releases.markWithdrawn(record.policyKey, record.version as number, at))) {
          throw conflictError(`Version ${record.version} of "${record.policyKey}" was withdrawn or took effect meanwhile.`, {
            policy: record.policyKey,
            version: record.version,
          });
        }
        await repository.updateHead(documentId, Object.keys(record.locales) as PolicyLocale[], { state: 'withdrawn', withdrawnAt: at });
      });
      getService(strapi, 'timeline').invalidate(record.policyKey);
      await getService(strapi, 'ledger').logPublications();
      await announce(record.policyKey, record.version as number, (release) => getService(strapi, 'webhooks').withdrawn(release));
      return editorAnswer(documentId);
    },
  };
};

const cmpDates = (a: Date | null, b: Date | null) => (a?.getTime() ?? 0) - (b?.getTime() ?? 0);
