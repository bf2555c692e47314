import { useMemo } from 'react';
import { useFetchClient } from '@strapi/strapi/admin';
import { PLUGIN_ID } from '../pluginId';
import type {
  AcceptanceFilters,
  AcceptanceStats,
  Acceptance,
  ChainVerification,
  DiffResult,
  ExportFormat,
  LocaleText,
  PageMeta,
  PolicyLocale,
  PolicySummary,
  VersionRecord,
} from './types';

const base = `/${PLUGIN_ID}`;

/** Drops empty filters so the server sees only what the user actually set. */
const compact = (params: object) =>
  Object.fromEntries(Object.entries(params).filter(([, value]) => value !== undefined && value !== null && value !== ''));

/** Typed calls to the plugin's admin routes, through the admin's own authenticated fetch client. */
export const usePolicyApi = () => {
  const { get, post, put, del } = useFetchClient();

  return useMemo(
    () => ({
      listPolicies: async () => (await get<{ data: PolicySummary[] }>(`${base}/policies`)).data.data,

      createPolicy: async (input: { key: string; titles: Partial<Record<PolicyLocale, string>> }) =>
        (await post<{ data: unknown }>(`${base}/policies`, input)).data.data,

      listVersions: async (key: string) =>
        (await get<{ data: VersionRecord[] }>(`${base}/policies/${encodeURIComponent(key)}/versions`)).data.data,

      getVersion: async (documentId: string) => (await get<{ data: VersionRecord }>(`${base}/versions/${documentId}`)).data.data,

      createDraft: async (key: string, copyFrom: 'empty' | 'current' | number) =>
        (await post<{ data: VersionRecord }>(`${base}/policies/${encodeURIComponent(key)}/versions`, { copyFrom })).data.data,

      updateLocale: async (documentId: string, locale: PolicyLocale, text: Partial<Omit<LocaleText, 'contentHash'>>) =>
        (await put<{ data: VersionRecord }>(`${base}/versions/${documentId}/locales/${locale}`, text)).data.data,

      deleteDraft: async (documentId: string) => {
        await del(`${base}/versions/${documentId}`);
      },

      publish: async (documentId: string, input: { material: boolean; effectiveAt: string | null }) =>
        (await post<{ data: VersionRecord }>(`${base}/versions/${documentId}/publish`, input)).data.data,

      withdraw: async (documentId: string) =>
        (await post<{ data: VersionRecord }>(`${base}/versions/${documentId}/withdraw`)).data.data,

      importText: async (
        key: string,
        input: { locale: PolicyLocale; text: string; format: 'text' | 'markdown'; documentId: string }
      ) => (await post<{ data: VersionRecord }>(`${base}/policies/${encodeURIComponent(key)}/import`, input)).data.data,

      preview: async (markdown: string) =>
        (await post<{ data: { html: string } }>(`${base}/preview`, { markdown })).data.data.html,

      diff: async (params: { from: string; to: string; locale: PolicyLocale }) =>
        (await get<{ data: DiffResult }>(`${base}/diff`, { params })).data.data,

      acceptances: async (params: AcceptanceFilters & { page: number; pageSize: number }) =>
        (await get<{ data: Acceptance[]; meta: { pagination: PageMeta } }>(`${base}/acceptances`, { params: compact(params) })).data,

      stats: async (policy: string) =>
        (await get<{ data: AcceptanceStats }>(`${base}/acceptances/stats`, { params: { policy } })).data.data,

      exportAcceptances: async (format: ExportFormat, filters: AcceptanceFilters) =>
        (await get(`${base}/acceptances/export`, { params: compact({ ...filters, format }), responseType: 'blob' })).data,

      verifyChain: async () => (await get<{ data: ChainVerification }>(`${base}/acceptances/verify`)).data.data,
    }),
    [get, post, put, del]
  );
};
