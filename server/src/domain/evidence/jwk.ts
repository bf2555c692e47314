import { createHash, createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { canonicalJson } from '../ledger/canonical';
import { decodeBase64url } from './encoding';
import { JwkError } from './errors';

/*
 * Ed25519 keys between Node's KeyObject, PEM, raw bytes and JWK (RFC 8037). Published keys are JWKs because that
 * is what every JOSE library takes to check a receipt offline; their `kid` is the RFC 7638 thumbprint, so a kid
 * cannot be reused for another key and anyone can recompute it from the key alone.
 *
 * Raw keys go through DER with the fixed RFC 8410 prefixes rather than Node's JWK import: that import takes the
 * private `d` but silently ignores a `x` that does not belong to it.
 */

export const ED25519_KEY_SIZE = 32;

/** An Ed25519 public key as a JWK. `kid`, when present, is its RFC 7638 thumbprint. */
export interface Ed25519Jwk {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
  kid?: string;
}

export type PublishedJwk = Ed25519Jwk & { kid: string };

// RFC 8410: SubjectPublicKeyInfo and PKCS#8 OneAsymmetricKey of id-Ed25519 (1.3.101.112), less the key bytes.
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

function requireEd25519(key: KeyObject, type?: 'public' | 'private') {
  if (key.asymmetricKeyType !== 'ed25519' || (type && key.type !== type)) {
    const found = key.type === 'secret' ? 'a secret key' : `a ${key.asymmetricKeyType} ${key.type} key`;
    throw new JwkError('key-type', `expected an Ed25519 ${type ?? 'public or private'} key, got ${found}`);
  }
}

/** The public half of an Ed25519 key, given either half. */
export function publicKeyOf(key: KeyObject): KeyObject {
  requireEd25519(key);
  return key.type === 'private' ? createPublicKey(key) : key;
}

/** The 32 bytes of an Ed25519 public key (RFC 8032 encoding), from either half. */
export function rawPublicKey(key: KeyObject): Buffer {
  const der = publicKeyOf(key).export({ format: 'der', type: 'spki' });
  return der.subarray(SPKI_PREFIX.length);
}

export function publicKeyFromRaw(raw: Uint8Array): KeyObject {
  if (raw.length !== ED25519_KEY_SIZE)
    throw new JwkError('key-length', `an Ed25519 public key is 32 bytes, not ${raw.length}`);
  return createPublicKey({ key: Buffer.concat([SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
}

/** The private key of a 32-byte RFC 8032 seed (the `d` of a JWK). */
export function privateKeyFromSeed(seed: Uint8Array): KeyObject {
  if (seed.length !== ED25519_KEY_SIZE)
    throw new JwkError('key-length', `an Ed25519 seed is 32 bytes, not ${seed.length}`);
  return createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });
}

export function seedOf(privateKey: KeyObject): Buffer {
  requireEd25519(privateKey, 'private');
  return privateKey.export({ format: 'der', type: 'pkcs8' }).subarray(PKCS8_PREFIX.length);
}

/** RFC 7638 thumbprint: base64url SHA-256 of the required members {crv, kty, x} in canonical JSON. */
export function jwkThumbprint(jwk: Pick<Ed25519Jwk, 'kty' | 'crv' | 'x'>): string {
  const members = canonicalJson({ crv: jwk.crv, kty: jwk.kty, x: jwk.x });
  return createHash('sha256').update(members, 'utf8').digest('base64url');
}

/** The published form of a key: its public JWK with the thumbprint as kid. */
export function publicJwk(key: KeyObject): PublishedJwk {
  const base = { kty: 'OKP' as const, crv: 'Ed25519' as const, x: rawPublicKey(key).toString('base64url') };
  return { ...base, kid: jwkThumbprint(base) };
}

/**
 * The public key of a JWK, refusing anything that is not exactly an Ed25519 public key: another kty or crv, an
 * `x` that is not 32 bytes of canonical base64url, a private `d` (a published key must never carry it), or a
 * kid other than the thumbprint (ours always are, so another kid is not one of our keys).
 */
export function publicKeyFromJwk(value: unknown): KeyObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new JwkError('jwk-malformed', 'a JWK is a JSON object');
  const jwk = value as Record<string, unknown>;
  if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519') {
    throw new JwkError(
      'key-type',
      `expected kty "OKP" and crv "Ed25519", got ${JSON.stringify(jwk.kty)} and ${JSON.stringify(jwk.crv)}`
    );
  }
  if ('d' in jwk)
    throw new JwkError('jwk-private', 'the JWK carries a private key ("d"); publish and use public keys only');
  const x = typeof jwk.x === 'string' ? decodeBase64url(jwk.x) : null;
  if (!x) throw new JwkError('jwk-malformed', '"x" must be unpadded base64url');
  const key = publicKeyFromRaw(x);
  if (jwk.kid !== undefined && jwk.kid !== jwkThumbprint({ kty: 'OKP', crv: 'Ed25519', x: jwk.x as string })) {
    throw new JwkError('jwk-kid-mismatch', `kid ${JSON.stringify(jwk.kid)} is not the RFC 7638 thumbprint of the key`);
  }
  return key;
}

export function publicKeyToPem(key: KeyObject): string {
  return publicKeyOf(key).export({ format: 'pem', type: 'spki' }) as string;
}

export function privateKeyToPem(privateKey: KeyObject): string {
  requireEd25519(privateKey, 'private');
  return privateKey.export({ format: 'pem', type: 'pkcs8' }) as string;
}

/** An Ed25519 public key from SPKI PEM ("BEGIN PUBLIC KEY"); a private PEM is refused, not silently reduced. */
export function publicKeyFromPem(pem: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPublicKey({ key: pem, format: 'pem' });
  } catch (error) {
    throw new JwkError('pem-malformed', `not a PEM public key: ${(error as Error).message}`);
  }
  if (key.type !== 'public' || /PRIVATE KEY-----/.test(pem))
    throw new JwkError('key-type', 'expected a public key PEM, got a private key');
  requireEd25519(key, 'public');
  return key;
}

/** An Ed25519 private key from unencrypted PKCS#8 PEM ("BEGIN PRIVATE KEY"). */
export function privateKeyFromPem(pem: string): KeyObject {
  if (/BEGIN ENCRYPTED PRIVATE KEY/.test(pem))
    throw new JwkError(
      'pem-encrypted',
      'encrypted PKCS#8 is not supported; give the key unencrypted, from a secret store'
    );
  if (/BEGIN OPENSSH PRIVATE KEY/.test(pem))
    throw new JwkError('pem-openssh', 'OpenSSH keys are not PKCS#8; convert with `ssh-keygen -p -m PKCS8 -f <file>`');
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: pem, format: 'pem' });
  } catch (error) {
    throw new JwkError('pem-malformed', `not a PEM private key: ${(error as Error).message}`);
  }
  requireEd25519(key, 'private');
  return key;
}
