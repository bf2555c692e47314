import { z } from '@strapi/utils';
import { defineRoute, isoInstantOrNull } from './route';

/** The ledger's evidence for anyone to check offline: the public keys that sign receipts. */

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
