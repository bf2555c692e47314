import type { LedgerEvent } from '../../../../shared/ledger-events';

export type { LedgerEvent };

/** A ledger row as stored, with `id` the record's UUID and `seq` its 1-based position in the chain. */
export interface StoredRecord {
  seq: number;
  id: string;
  subject: string | null;
  policy: string | null;
  version: number | null;
  locale: string | null;
  contentHash: string | null;
  event: LedgerEvent;
  recordedAt: string;
  ip: string | null;
  userAgent: string | null;
  acceptLanguage: string | null;
  source: string | null;
  /** Canonical JSON text of the metadata object, or null. */
  metadata: string | null;
  identitySalt: string | null;
  identityDigest: string;
  prevHash: string | null;
  hash: string;
}

/** The record as the API shows it: its chain position and identity digest stay inside. */
export type PublicRecord = Omit<StoredRecord, 'seq' | 'identitySalt' | 'identityDigest' | 'metadata'> & {
  metadata: Record<string, unknown> | null;
};

export const toPublicRecord = (record: StoredRecord): PublicRecord => {
  const { seq: _seq, identitySalt: _salt, identityDigest: _digest, metadata, ...rest } = record;
  return { ...rest, metadata: metadata === null ? null : JSON.parse(metadata) };
};
