import type { Core } from '@strapi/strapi';
import { VERSION_UID } from '../constants';
import { SUPPORTED_LOCALES, type PolicyLocale } from '../../../shared/locales';
import { consentTermsDraft, type ConsentTermsDraft } from '../../../shared/consent-terms';
import { asTrustedWrite } from '../utils/trusted-writes';

export type VersionState = 'draft' | 'published' | 'withdrawn';

/** The non-localized part of a version, the same on every locale row. */
export interface VersionHead {
  documentId: string;
  policyKey: string;
  state: VersionState;
  version: number | null;
  effectiveAt: Date | null;
  material: boolean;
  releasedAt: Date | null;
  withdrawnAt: Date | null;
  basedOnVersion: number | null;
  updatedAt: Date | null;
  /** The version's consent terms (shared/consent-terms.ts); a draft's may be incomplete. */
  consent: ConsentTermsDraft | null;
}

export interface LocaleText {
  title: string;
  body: string;
  changeSummary: string;
  contentHash: string | null;
}

export interface VersionRecord extends VersionHead {
  locales: Partial<Record<PolicyLocale, LocaleText>>;
}

const HEAD_FIELDS = [
  'policyKey', 'state', 'version', 'effectiveAt', 'material', 'releasedAt', 'withdrawnAt', 'basedOnVersion', 'updatedAt', 'consent',
] as const;

const toDate = (value: unknown): Date | null => (value ? new Date(value as string) : null);

/** Stored terms as the contract reads them; a value that does not parse (written below the plugin) reads as none, never a 500. */
export const storedConsent = (value: unknown): ConsentTermsDraft | null => {
  const parsed = consentTermsDraft.safeParse(value);
  return parsed.success ? parsed.data : null;
};

const toHead = (doc: Record<string, any>): VersionHead => ({
  documentId: doc.documentId,
  policyKey: doc.policyKey,
  state: doc.state,
  version: doc.version ?? null,
  effectiveAt: toDate(doc.effectiveAt),
  material: Boolean(doc.material),
  releasedAt: toDate(doc.releasedAt),
  withdrawnAt: toDate(doc.withdrawnAt),
  basedOnVersion: doc.basedOnVersion ?? null,
  updatedAt: toDate(doc.updatedAt),
  consent: storedConsent(doc.consent),
});

const toLocaleText = (doc: Record<string, any>): LocaleText => ({
  title: doc.title ?? '',
  body: doc.body ?? '',
  changeSummary: doc.changeSummary ?? '',
  contentHash: doc.contentHash ?? null,
});

/**
 * Versions are i18n documents: one row per locale sharing a documentId. The Document Service reads one
 * locale at a time, so whole versions are gathered from one query per supported locale. These rows are the
 * editors' workspace; once published, a version is served from its release (repositories/releases).
 * Every write here is a trusted write: the Document Service guard refuses all others.
 */
export const versionsRepository = (strapi: Core.Strapi) => {
  const documents = () => strapi.documents(VERSION_UID);

  const gather = (perLocale: Array<[PolicyLocale, Record<string, any>[]]>, withBody: boolean) => {
    const byId = new Map<string, VersionRecord>();
    for (const [locale, docs] of perLocale) {
      for (const doc of docs) {
        const record = byId.get(doc.documentId) ?? { ...toHead(doc), locales: {} };
        const text = toLocaleText(doc);
        record.locales[locale] = withBody ? text : { ...text, body: '' };
        byId.set(doc.documentId, record);
      }
    }
    return [...byId.values()];
  };

  // One locale after the other: inside a transaction the queries share one connection, and node-postgres
  // deprecates queuing queries on a busy client.
  const eachLocale = async (read: (locale: PolicyLocale) => Promise<Record<string, any>[]>) => {
    const perLocale: Array<[PolicyLocale, Record<string, any>[]]> = [];
    for (const locale of SUPPORTED_LOCALES) perLocale.push([locale, await read(locale)]);
    return perLocale;
  };

  const localeFields = (withBody: boolean) =>
    withBody ? ['title', 'body', 'changeSummary', 'contentHash'] : ['title', 'changeSummary', 'contentHash'];

  return {
    /** All versions of a policy, every locale; bodies only when asked, as they are the bulk of the data. */
    async findByPolicy(
      policyKey: string,
      { states, withBody = false }: { states?: VersionState[]; withBody?: boolean } = {}
    ): Promise<VersionRecord[]> {
      const filters: Record<string, any> = { policyKey };
      if (states) filters.state = { $in: states };
      const perLocale = await eachLocale((locale) =>
        documents().findMany({ locale, filters, fields: [...HEAD_FIELDS, ...localeFields(withBody)] as any })
      );
      return gather(perLocale, withBody);
    },

    async findOne(documentId: string): Promise<VersionRecord | null> {
      const perLocale = await eachLocale(async (locale) => {
        const doc = await documents().findOne({ documentId, locale, fields: [...HEAD_FIELDS, ...localeFields(true)] as any });
        return doc ? [doc] : [];
      });
      return gather(perLocale, true)[0] ?? null;
    },

    createDraft(
      policyKey: string,
      basedOnVersion: number | null,
      locales: Partial<Record<PolicyLocale, Omit<LocaleText, 'contentHash'>>>,
      { material = false, consent = null }: { material?: boolean; consent?: ConsentTermsDraft | null } = {}
    ): Promise<string> {
      const entries = Object.entries(locales) as Array<[PolicyLocale, Omit<LocaleText, 'contentHash'>]>;
      const [firstLocale, firstText] = entries[0] ?? [SUPPORTED_LOCALES[0], { title: '', body: '', changeSummary: '' }];
      return asTrustedWrite(async () => {
        const created = await documents().create({
          locale: firstLocale,
          data: { policyKey, basedOnVersion, material, consent, state: 'draft', ...firstText } as any,
        });
        for (const [locale, text] of entries.slice(1)) {
          await documents().update({ documentId: created.documentId, locale, data: { ...text } as any });
        }
        return created.documentId;
      });
    },

    async updateLocale(documentId: string, locale: PolicyLocale, data: Partial<Omit<LocaleText, 'contentHash'>>) {
      await asTrustedWrite(() => documents().update({ documentId, locale, data: data as any }));
    },

    /** Writes the non-localized fields on the given locale rows (and, with them, a locale's frozen hash). */
    async updateHead(
      documentId: string,
      locales: PolicyLocale[],
      data: Partial<Omit<VersionHead, 'documentId'>> & { contentHash?: string | null }
    ) {
      await asTrustedWrite(async () => {
        for (const locale of locales) await documents().update({ documentId, locale, data: data as any });
      });
    },

    async delete(documentId: string) {
      await asTrustedWrite(() => documents().delete({ documentId, locale: '*' } as any));
    },
  };
};
