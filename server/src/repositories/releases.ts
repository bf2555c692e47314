import type { Core } from '@strapi/strapi';
import { RELEASE_UID } from '../constants';
import { SUPPORTED_LOCALES, type PolicyLocale } from '../../../shared/locales';
import { asTrustedWrite } from '../utils/trusted-writes';
import type { ConsentTermsDraft } from '../../../shared/consent-terms';
import { storedConsent, type LocaleText, type VersionRecord } from './versions';

/** A published version as frozen at publication: what readers are served, whatever happens to its draft rows. */
export interface ReleaseRecord {
  policyKey: string;
  version: number;
  /** The documentId of the draft it was published from, by which the editor API names versions. */
  versionDocumentId: string;
  effectiveAt: Date;
  material: boolean;
  releasedAt: Date;
  withdrawnAt: Date | null;
  basedOnVersion: number | null;
  /** Every locale's text; bodies are empty strings unless they were asked for. */
  texts: Partial<Record<PolicyLocale, LocaleText>>;
  /** The consent terms frozen at publication (shared/consent-terms.ts); null before terms existed. */
  consent: ConsentTermsDraft | null;
}

const HEAD_FIELDS = [
  'policyKey', 'version', 'versionDocumentId', 'effectiveAt', 'material', 'releasedAt', 'withdrawnAt', 'basedOnVersion', 'locales', 'consent',
] as const;

const string = (value: unknown): string => (typeof value === 'string' ? value : '');
const object = (value: unknown): Record<string, unknown> =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

/** Stored JSON is read defensively: a malformed locale entry is left out rather than served. */
function toTexts(locales: unknown, bodies: unknown): Partial<Record<PolicyLocale, LocaleText>> {
  const texts: Partial<Record<PolicyLocale, LocaleText>> = {};
  for (const locale of SUPPORTED_LOCALES) {
    const entry = object(locales)[locale];
    if (!entry || typeof entry !== 'object') continue;
    const fields = object(entry);
    texts[locale] = {
      title: string(fields.title),
      body: string(object(bodies)[locale]),
      changeSummary: string(fields.changeSummary),
      contentHash: typeof fields.contentHash === 'string' ? fields.contentHash : null,
    };
  }
  return texts;
}

const toRelease = (row: Record<string, any>): ReleaseRecord => ({
  policyKey: row.policyKey,
  version: row.version,
  versionDocumentId: row.versionDocumentId,
  effectiveAt: new Date(row.effectiveAt),
  material: Boolean(row.material),
  releasedAt: new Date(row.releasedAt),
  withdrawnAt: row.withdrawnAt ? new Date(row.withdrawnAt) : null,
  basedOnVersion: row.basedOnVersion ?? null,
  texts: toTexts(row.locales, row.bodies),
  consent: storedConsent(row.consent),
});

/** A release in the shape the editor API gives every version. */
export const releaseAsVersion = (release: ReleaseRecord): VersionRecord => ({
  documentId: release.versionDocumentId,
  policyKey: release.policyKey,
  state: release.withdrawnAt ? 'withdrawn' : 'published',
  version: release.version,
  effectiveAt: release.effectiveAt,
  material: release.material,
  releasedAt: release.releasedAt,
  withdrawnAt: release.withdrawnAt,
  basedOnVersion: release.basedOnVersion,
  updatedAt: release.withdrawnAt ?? release.releasedAt,
  consent: release.consent,
  locales: release.texts,
});

/**
 * Releases live in a table of their own that neither i18n nor the Content Manager manages, written with
 * strapi.db.query as trusted writes only (middlewares/frozen-releases refuses every other writer). One row
 * per published version, all its locales in JSON columns, so no locale operation of i18n reaches them.
 */
export const releasesRepository = (strapi: Core.Strapi) => {
  const query = () => strapi.db.query(RELEASE_UID);

  return {
    /** A policy's releases, newest first; bodies only when asked, as they are the bulk of the data. */
    async findByPolicy(policyKey: string, { withBody = false }: { withBody?: boolean } = {}): Promise<ReleaseRecord[]> {
      const select = withBody ? [...HEAD_FIELDS, 'bodies'] : [...HEAD_FIELDS];
      const rows = await query().findMany({ where: { policyKey }, select, orderBy: { version: 'desc' } });
      return rows.map(toRelease);
    },

    async findByDocumentId(versionDocumentId: string): Promise<ReleaseRecord | null> {
      const row = await query().findOne({ where: { versionDocumentId }, select: [...HEAD_FIELDS, 'bodies'] });
      return row ? toRelease(row) : null;
    },

    async findText(policyKey: string, version: number, locale: PolicyLocale): Promise<LocaleText | null> {
      const row = await query().findOne({ where: { policyKey, version }, select: ['locales', 'bodies'] });
      return row ? (toTexts(row.locales, row.bodies)[locale] ?? null) : null;
    },

    /** The terms frozen on one release, or null. */
    async findConsent(policyKey: string, version: number): Promise<ConsentTermsDraft | null> {
      const row = await query().findOne({ where: { policyKey, version }, select: ['consent'] });
      return storedConsent(row?.consent);
    },

    async create(release: ReleaseRecord): Promise<void> {
      const { texts, ...head } = release;
      const locales: Record<string, Omit<LocaleText, 'body'>> = {};
      const bodies: Record<string, string> = {};
      for (const [locale, text] of Object.entries(texts) as Array<[PolicyLocale, LocaleText]>) {
        locales[locale] = { title: text.title, changeSummary: text.changeSummary, contentHash: text.contentHash };
        bodies[locale] = text.body;
      }
      await asTrustedWrite(() => query().create({ data: { ...head, locales, bodies } }));
    },

    /**
     * Withdraws a release that has neither taken effect by `at` nor been withdrawn, in one conditional UPDATE, so
     * that two withdrawals, or a withdrawal and the effective date, cannot both win. False when nothing matched.
     */
    async markWithdrawn(policyKey: string, version: number, at: Date): Promise<boolean> {
      const { count } = await asTrustedWrite(() =>
        query().updateMany({ where: { policyKey, version, withdrawnAt: null, effectiveAt: { $gt: at } }, data: { withdrawnAt: at } })
      );
      return count > 0;
    },
  };
};
