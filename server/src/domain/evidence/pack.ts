import type { StoredRecord } from '../ledger/types';
import type { PublishedKey } from './keys';

/*
 * A per-subject evidence pack: everything needed to check, offline and without trusting the operator's database,
 * what the log says about one person. It is JSON, so a court's expert can read it with any tool; the verifier
 * (pack-verify.ts, shipped as `policy-versions-verify`) recomputes every claim from it.
 *
 * What it proves, and how:
 * - each record (the subject's acceptances, withdrawals and erasure, and the publication events of the texts they
 *   accepted) is recomputed from its fields: its identity digest from the salt and identifying fields, its record
 *   hash, and its RFC 9162 leaf;
 * - each leaf is in the tree of `checkpoint` (an inclusion proof), a tree head signed with the log's key as a C2SP
 *   checkpoint and, where a timestamp authority is configured, timestamped (RFC 3161) over the signed note;
 * - earlier checkpoints are consistent with it (consistency proofs): the log was only ever appended to between
 *   them, and a record in an earlier timestamped checkpoint existed no later than that checkpoint's time;
 * - each receipt JWS verifies with a published key and says what its record says;
 * - each accepted text is the exact Markdown whose hash the record carries, published in the log before it.
 */

export const EVIDENCE_PACK_FORMAT = 'policy-versions-evidence-pack/1';

/** An RFC 3161 timestamp over the signed checkpoint note (SHA-256 of its UTF-8 bytes). */
export interface PackTimestamp {
  /** The authority's URL as configured. */
  tsa: string;
  /** The TimeStampToken (a CMS ContentInfo), DER in base64. */
  token: string;
  /** The genTime the token states, ISO 8601, as the server read it (the verifier reads it again). */
  genTime: string;
}

export interface PackCheckpoint {
  treeSize: number;
  /** The tree head, 64 hex digits (the note carries it in base64). */
  rootHash: string;
  /** The signed note: the C2SP checkpoint body, a blank line, the signature lines. */
  note: string;
  /** When the server signed it (also the note's `Timestamp:` extension line). */
  signedAt: string;
  /** Null when no timestamp authority is configured, or it has not answered yet. */
  timestamp: PackTimestamp | null;
}

/** An earlier checkpoint and the RFC 9162 consistency proof from its tree to the pack's checkpoint. */
export interface PackEarlierCheckpoint extends PackCheckpoint {
  /** Hex hashes, PROOF(treeSize, D[checkpoint.treeSize]). */
  consistency: string[];
}

/** RFC 9162 inclusion proof of one leaf in the pack's checkpoint. */
export interface PackInclusion {
  leafIndex: number;
  treeSize: number;
  hashes: string[];
}

export interface PackEntry {
  /** The record as stored, every field the record hash and identity digest are computed from. */
  record: StoredRecord;
  /** For the subject's own records: the Kantara receipt and its JWS (null without a signing key then). */
  receipt: Record<string, unknown> | null;
  receiptJws: string | null;
  inclusion: PackInclusion;
  /** Tree size of the first timestamped checkpoint that holds this record, when there is one. */
  firstAnchoredIn: number | null;
}

/** A text as it was accepted: the exact Markdown its content hash (domain/hash.ts) is taken over. */
export interface PackText {
  policy: string;
  version: number;
  locale: string;
  title: string;
  contentHash: string;
  markdown: string;
  effectiveAt: string;
}

export interface EvidencePack {
  format: typeof EVIDENCE_PACK_FORMAT;
  generatedAt: string;
  /** The subject as the ledger names them (after erasure, the `erased:<id>` pseudonym). */
  subject: string;
  log: {
    /** The checkpoint origin, which is also the note key name. */
    origin: string;
    /** C2SP verifier keys (`<name>+<key ID>+<base64>`) of the current and retired keys. */
    verifierKeys: string[];
    /** The same keys as JWKs, for the receipts. */
    keys: PublishedKey[];
  };
  /** The checkpoint every inclusion proof is to; it covers every record in the pack. */
  checkpoint: PackCheckpoint;
  /** Earlier timestamped checkpoints that hold some of the records, oldest first. */
  earlierCheckpoints: PackEarlierCheckpoint[];
  /** The subject's records and the publication events of the texts they accepted, in log order. */
  entries: PackEntry[];
  texts: PackText[];
  /** The operator named in the receipts. */
  controller: { name: string; contact: string; country: string; address?: string };
}
