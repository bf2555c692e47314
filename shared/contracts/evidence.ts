import { z } from '@strapi/utils';
import { defineRoute, errorResponse, isoInstant, isoInstantOrNull, type ResponseOf } from './route';

/**
 * The ledger's evidence for anyone to check offline: the public keys that sign receipts and checkpoints, the
 * transparency log's signed checkpoints, and RFC 9162 inclusion and consistency proofs. Nothing personal: a proof
 * names hashes only, and a record is looked up by its hash, which only its receipt's holder knows.
 */

/** An Ed25519 public key as a JWK (RFC 8037), its kid the RFC 7638 thumbprint, with when it signed. */
export const publishedKey = z.object({
  kty: z.literal('OKP'),
  crv: z.literal('Ed25519'),
  kid: z.string(),
  x: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
  createdAt: isoInstantOrNull,
  /** Null for the current key; a retired key signs nothing after this. */
  retiredAt: isoInstantOrNull,
});

export const listLedgerKeys = defineRoute({
  method: 'GET',
  path: '/ledger/keys',
  audience: 'public',
  tag: 'Evidence',
  summary: 'The public keys that sign consent receipts: the current one first, then the retired ones',
  description:
    'Verify a receipt JWS with the key whose kid its header names, with any JOSE library (alg EdDSA). Retired keys stay listed, so receipts they signed still verify. Empty when the server has no signing key.',
  request: {},
  responses: {
    200: {
      description: 'The keys',
      schema: z.object({ data: z.array(publishedKey) }),
      example: {
        data: [
          {
            kty: 'OKP',
            crv: 'Ed25519',
            kid: 'kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k',
            x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo',
            createdAt: '2026-01-06T00:00:00.000Z',
            retiredAt: null,
          },
        ],
      },
    },
  },
});

export type PublishedKey = z.infer<typeof publishedKey>;

const hexHash = z.string().regex(/^[0-9a-f]{64}$/, { error: 'a SHA-256 hash as 64 lowercase hex digits' });
const treeSizeParam = (description: string) =>
  z
    .string()
    .regex(/^(0|[1-9]\d{0,14})$/, { error: (issue) => `"${(issue.path ?? []).join('.')}" must be a whole number` })
    .transform(Number)
    .describe(description);

const badRequest = { description: 'A parameter is not valid', schema: errorResponse };
const notFound = { description: 'No such checkpoint, record or tree size', schema: errorResponse };

/** A signed tree head: the C2SP checkpoint note, and its RFC 3161 timestamp once the authority answered. */
export const ledgerCheckpoint = z.object({
  treeSize: z.number().int().min(0),
  /** MTH of the first treeSize records, hex (the note carries it in base64). */
  rootHash: hexHash,
  /** The signed note: origin, tree size, root hash (base64), `Timestamp:` line, a blank line and the signature lines. */
  note: z.string(),
  signedAt: isoInstant,
  timestamp: z
    .object({ tsa: z.string(), token: z.string().describe('The RFC 3161 TimeStampToken, DER in base64, over SHA-256 of the note'), genTime: isoInstant })
    .nullable(),
});

const EXAMPLE_CHECKPOINT = {
  treeSize: 1000,
  rootHash: '3f2a0c3d7e1b9a4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4',
  note: 'example.kz/policy-versions\n1000\nPyoMPX4bmkxdbn+AkaKzxNXm9wgZKjtMXW5/gJGis8Q=\nTimestamp: 2026-12-02T08:00:00.000Z\n\n\u2014 example.kz/policy-versions n3SmWk3XyTMW0bIq2Fxmd8tGR1TLrSkgH1DiVhzFwzRn+3cBqEnK1eUYlbU0IOq5SMpJyPj2x6nEdwbbNRp0b1TOvQk=\n',
  signedAt: '2026-12-02T08:00:00.000Z',
  timestamp: null,
};

export const getLatestCheckpoint = defineRoute({
  method: 'GET',
  path: '/ledger/checkpoint',
  audience: 'public',
  tag: 'Evidence',
  summary: 'The latest signed checkpoint of the transparency log',
  description:
    'Verify its note with a C2SP signed-note verifier and the log key (GET /ledger/keys); keep it: a later checkpoint must be consistent with it (GET /ledger/proofs/consistency), or the log was rewritten.',
  request: {},
  responses: {
    200: { description: 'The checkpoint', schema: z.object({ data: ledgerCheckpoint }), example: { data: EXAMPLE_CHECKPOINT } },
    404: { description: 'The log has no checkpoint yet (no record, or no signing key)', schema: errorResponse },
  },
});

export const listCheckpoints = defineRoute({
  method: 'GET',
  path: '/ledger/checkpoints',
  audience: 'public',
  tag: 'Evidence',
  summary: 'Signed checkpoints with a tree size from `from` to `to`, smallest first, at most 100',
  request: {
    query: z.object({
      from: treeSizeParam('Smallest tree size, 0 by default').optional(),
      to: treeSizeParam('Largest tree size, no limit by default').optional(),
    }),
  },
  responses: {
    200: { description: 'The checkpoints', schema: z.object({ data: z.array(ledgerCheckpoint) }), example: { data: [EXAMPLE_CHECKPOINT] } },
    400: badRequest,
  },
});

export const getInclusionProof = defineRoute({
  method: 'GET',
  path: '/ledger/proofs/inclusion',
  audience: 'public',
  tag: 'Evidence',
  summary: 'The RFC 9162 inclusion proof of a record (by its hash, as its receipt states it) in the tree of `treeSize` records',
  description:
    'The leaf is SHA-256(0x00 || the 32 bytes of the record hash); fold the hashes up to the root of the checkpoint of that size. treeSize defaults to the latest checkpoint\'s.',
  request: {
    query: z.object({
      hash: hexHash.describe("The record's hash (a receipt's recordHash)"),
      treeSize: treeSizeParam('A tree size that includes the record, up to the log\'s size').optional(),
    }),
  },
  responses: {
    200: {
      description: 'The proof',
      schema: z.object({ data: z.object({ treeSize: z.number().int(), leafIndex: z.number().int(), hashes: z.array(hexHash) }) }),
      example: { data: { treeSize: 1000, leafIndex: 41, hashes: [EXAMPLE_CHECKPOINT.rootHash] } },
    },
    400: badRequest,
    404: notFound,
  },
});

export const getConsistencyProof = defineRoute({
  method: 'GET',
  path: '/ledger/proofs/consistency',
  audience: 'public',
  tag: 'Evidence',
  summary: 'The RFC 9162 consistency proof from the tree of `from` records to the tree of `to` records',
  request: {
    query: z.object({
      from: treeSizeParam('The earlier tree size'),
      to: treeSizeParam('The later tree size, up to the log\'s size'),
    }),
  },
  responses: {
    200: {
      description: 'The proof (empty from 0, or between equal sizes)',
      schema: z.object({ data: z.object({ fromSize: z.number().int(), treeSize: z.number().int(), hashes: z.array(hexHash) }) }),
      example: { data: { fromSize: 500, treeSize: 1000, hashes: [EXAMPLE_CHECKPOINT.rootHash] } },
    },
    400: badRequest,
    404: notFound,
  },
});

export type LedgerCheckpoint = z.infer<typeof ledgerCheckpoint>;
export type InclusionProofResponse = ResponseOf<typeof getInclusionProof>;
