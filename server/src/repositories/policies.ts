import type { Core } from '@strapi/strapi';
import { POLICY_UID } from '../constants';
import type { PolicyLocale } from '../domain/locales';

export interface PolicyRecord {
  documentId: string;
  key: string;
  titles: Partial<Record<PolicyLocale, string>>;
  requiredLocales: PolicyLocale[] | null;
  fallbackOrder: PolicyLocale[] | null;
  minNoticeDays: number | null;
}

const FIELDS = ['key', 'titles', 'requiredLocales', 'fallbackOrder', 'minNoticeDays'] as const;

const toRecord = (doc: Record<string, any>): PolicyRecord => ({
  documentId: doc.documentId,
  key: doc.key,
  titles: doc.titles ?? {},
  requiredLocales: doc.requiredLocales ?? null,
  fallbackOrder: doc.fallbackOrder ?? null,
  minNoticeDays: doc.minNoticeDays ?? null,
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
      return toRecord(await documents().create({ data: data as any }));
    },
  };
};
