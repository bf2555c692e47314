import type { Knex } from 'knex';
import type { Core } from '@strapi/strapi';
import { POLICY_UID } from '../constants';
import { isLocaleList } from '../domain/locales';
import { isSupportedLocale, type PolicyLocale } from '../../../shared/locales';
import { asTrustedWrite } from '../utils/trusted-writes';

export interface PolicyRecord {
  documentId: string;
  key: string;
  titles: Partial<Record<PolicyLocale, string>>;
  requiredLocales: PolicyLocale[] | null;
  fallbackOrder: PolicyLocale[] | null;
  minNoticeDays: number | null;
}

const FIELDS = ['key', 'titles', 'requiredLocales', 'fallbackOrder', 'minNoticeDays'] as const;

/** A stored locale list, or null (the configured default) when what is stored is not one. */
const localeList = (value: unknown): PolicyLocale[] | null => (isLocaleList(value) ? value : null);

const titles = (value: unknown): Partial<Record<PolicyLocale, string>> =>
  value && typeof value === 'object' && !Array.isArray(value)
    ? Object.fromEntries(
        Object.entries(value).filter(([locale, title]) => isSupportedLocale(locale) && typeof title === 'string')
      )
    : {};

// Read defensively: whatever a row holds (written by an older release, or by hand in the database), the
// readers get settings they can use, never a 500.
const toRecord = (doc: Record<string, any>): PolicyRecord => ({
  documentId: doc.documentId,
  key: doc.key,
  titles: titles(doc.titles),
  requiredLocales: localeList(doc.requiredLocales),
  fallbackOrder: localeList(doc.fallbackOrder),
  minNoticeDays: Number.isInteger(doc.minNoticeDays) && doc.minNoticeDays >= 0 ? doc.minNoticeDays : null,
});

export const policiesRepository = (strapi: Core.Strapi) => {
  const documents = () => strapi.documents(POLICY_UID);
  return {
    async findAll(): Promise<PolicyRecord[]> {
      const docs = await documents().findMany({ fields: [...FIELDS], sort: 'key:asc' });
      return docs.map(toRecord);
    },
    async findByKey(key: string): Promise<PolicyRecord | null> {
      const doc = await documents().findFirst({ filters: { key }, fields: [...FIELDS] });
      return doc ? toRecord(doc) : null;
    },
    async create(data: Omit<PolicyRecord, 'documentId'>): Promise<PolicyRecord> {
      return toRecord(await asTrustedWrite(() => documents().create({ data: data as any })));
    },
    /**
     * Within `trx`, makes concurrent publications of one policy queue on its row (PostgreSQL, MySQL), so
     * version numbers and the order of effective dates are checked against committed data. SQLite
     * serialises writers already. The query engine has no FOR UPDATE, hence knex.
     */
    async lockForPublication(key: string, trx: Knex.Transaction): Promise<void> {
      if (strapi.db.dialect.client === 'sqlite') return;
      await strapi.db.connection(strapi.db.metadata.get(POLICY_UID).tableName).transacting(trx).where({ key }).forUpdate().first();
    },
  };
};
