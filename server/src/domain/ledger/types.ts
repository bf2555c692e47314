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
  /**
   * Canonical JSON text: for an acceptance, each purpose of the version's consent terms and whether it was given
   * (`{"analytics":false,"service":true}`); for a withdrawal, the purposes withdrawn (`["analytics"]`). Null when
   * the version names no purposes, or a withdrawal withdraws all of them.
   */
  purposes: string | null;
  /** Canonical JSON text of who gave the consent for the subject (`{ role: "representative", name, relation }`), or null. */
  givenBy: string | null;
  identitySalt: string | null;
  identityDigest: string;
  prevHash: string | null;
  hash: string;
}

/** The record as the API shows it: its chain position and identity digest stay inside. */
export type PublicRecord = Omit<StoredRecord, 'seq' | 'identitySalt' | 'identityDigest' | 'metadata' | 'purposes' | 'givenBy'> & {
  metadata: Record<string, unknown> | null;
  purposes: Record<string, boolean> | string[] | null;
  givenBy: GivenBy | null;
};

/** A legal representative who consented for the subject (Law 94-V Art. 7, 8(1)): a parent for a child, say. */
export interface GivenBy {
  role: 'representative';
  name: string;
  relation: string;
}

const parsed = (text: string | null) => (text === null ? null : JSON.parse(text));

export const toPublicRecord = (record: StoredRecord): PublicRecord => {
  const { seq: _seq, identitySalt: _salt, identityDigest: _digest, metadata, purposes, givenBy, ...rest } = record;
  return { ...rest, metadata: parsed(metadata), purposes: parsed(purposes), givenBy: parsed(givenBy) };
};
