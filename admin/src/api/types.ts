/** Shapes of the plugin's admin API, as the server sends them (dates are ISO strings). */

import type { DiffSummary } from '../../../shared/contracts/diff';
import type { PolicyLocale } from '../../../shared/locales';

export type { DiffSummary, PolicyLocale };

export interface PolicySummary {
  key: string;
  title: string;
  titles: Partial<Record<PolicyLocale, string>>;
  requiredLocales: PolicyLocale[];
  fallbackOrder: PolicyLocale[];
  current: {
    version: number;
    effectiveAt: string;
    supersededAt: string | null;
    material: boolean;
    status: string;
    publishedAt: string | null;
    locales: PolicyLocale[];
  } | null;
  upcoming: { version: number; effectiveAt: string; material: boolean } | null;
}

export interface LocaleText {
  title: string;
  body: string;
  changeSummary: string;
  contentHash: string | null;
}

export type VersionState = 'draft' | 'published' | 'withdrawn';

export interface VersionRecord {
  documentId: string;
  policyKey: string;
  state: VersionState;
  version: number | null;
  effectiveAt: string | null;
  material: boolean;
  releasedAt: string | null;
  withdrawnAt: string | null;
  basedOnVersion: number | null;
  updatedAt: string | null;
  locales: Partial<Record<PolicyLocale, LocaleText>>;
}

export interface PublicationProblem {
  code: 'missing-locale' | 'effective-in-past' | 'effective-order' | 'notice-period' | string;
  message: string;
  details?: Record<string, unknown>;
}

export interface DiffSide {
  documentId: string;
  version: number | null;
  state: VersionState;
}

export interface DiffResult {
  from: DiffSide;
  to: DiffSide;
  locale: PolicyLocale;
  summary: DiffSummary;
  inline: string;
  sideBySide: string;
}

export interface Acceptance {
  id: string;
  subject: string;
  policy: string;
  version: number;
  locale: PolicyLocale;
  contentHash: string;
  event: 'accepted' | 'withdrawn' | string;
  recordedAt: string;
  ip: string | null;
  userAgent: string | null;
  acceptLanguage: string | null;
  source: string | null;
  metadata: unknown;
  prevHash: string;
  hash: string;
}

export interface PageMeta {
  page: number;
  pageSize: number;
  total: number;
  pageCount: number;
}

export interface AcceptanceFilters {
  policy?: string;
  version?: string;
  locale?: string;
  subject?: string;
  event?: string;
  from?: string;
  to?: string;
}

export interface AcceptanceStats {
  policy: string;
  currentVersion: number | null;
  subjectsTotal: number;
  subjectsOnCurrent: number;
  perVersionLocale: Array<{ version: number; locale: PolicyLocale; accepted: number; withdrawn: number }>;
  daily: Array<{ date: string; accepted: number; withdrawn: number }>;
}

export interface ChainVerification {
  ok: boolean;
  count: number;
  firstBroken: unknown;
  mismatchedTexts?: Array<{ policy: string; version: number; locale: string; contentHash: string; releasedHash: string | null }>;
}

export type ExportFormat = 'csv' | 'ndjson';
