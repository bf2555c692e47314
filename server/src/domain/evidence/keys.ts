import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { decodeBase64url } from './encoding';
import { EvidenceError, KeyConfigError } from './errors';
import {
  privateKeyFromPem,
  privateKeyFromSeed,
  privateKeyToPem,
  publicJwk,
  publicKeyFromJwk,
  publicKeyFromPem,
  publicKeyFromRaw,
  publicKeyOf,
  seedOf,
  type Ed25519Jwk,
  type PublishedJwk,
} from './jwk';
import {
  formatVerifierKey,
  isValidKeyName,
  noteSigner,
  noteVerifier,
  parseVerifierKey,
  type NoteSigner,
  type NoteVerifier,
} from './note';

/*
 * The signing keys of the ledger, from the plugin's config or an environment variable, never from the database:
 * whoever can write the database must not be able to sign.
 *
 * The current key signs receipts and checkpoints. Retired keys are kept as public keys only, so that receipts
 * and checkpoints they signed still verify after a rotation, and so that a leaked old key can be retired without
 * leaving it able to sign here. Each key has one name (its signed-note key name, by default the log's origin), a
 * JWS kid (the RFC 7638 thumbprint) and a note key ID; they are all derived from the key, never configured, so they
 * cannot disagree with it.
 *
 * Accepted private key forms (the current key):
 * - PKCS#8 PEM, "-----BEGIN PRIVATE KEY-----" (`openssl genpkey -algorithm ed25519`), unencrypted. In an
 *   environment variable its line breaks may be written as the two characters "\n".
 * - The 32-byte Ed25519 seed (RFC 8032's private key, a JWK's `d`) in unpadded base64url, 43 characters.
 * Accepted public key forms (retired keys): SPKI PEM ("BEGIN PUBLIC KEY"), the 32-byte key in base64url, a C2SP
 * verifier key `<name>+<id>+<base64>`, or a JWK; a retired key given as a private key keeps only its public half.
 */

export interface KeyConfig {
  /** Signed-note key name; defaults to the keyring's name. */
  name?: string;
  /** The current key's private key. */
  privateKey?: string;
  /** A retired key's public key. */
  publicKey?: string | Ed25519Jwk;
  createdAt?: string | Date;
  /** Required for a retired key, refused on the current one. */
  retiredAt?: string | Date;
}

export interface KeyringConfig {
  /** The log's origin and default key name: a schema-less URL such as "example.kz/policy-versions". */
  name: string;
  /** The current key, or just its private key. */
  current: KeyConfig | string;
  retired?: readonly KeyConfig[];
}

export interface LedgerKey {
  name: string;
  /** RFC 7638 thumbprint: the JWS kid. */
  kid: string;
  jwk: PublishedJwk;
  publicKey: KeyObject;
  /** Signed-note verifier key `<name>+<key ID>+<base64 key>`. */
  verifierKey: string;
  noteVerifier: NoteVerifier;
  createdAt: string | null;
  retiredAt: string | null;
}

export interface SigningKey extends LedgerKey {
  privateKey: KeyObject;
  noteSigner: NoteSigner;
}

export interface Keyring {
  name: string;
  current: SigningKey;
  retired: LedgerKey[];
  /** The current key first, then the retired ones as configured. */
  keys: LedgerKey[];
}

export type PublishedKey = PublishedJwk & { createdAt: string | null; retiredAt: string | null };

/** Reruns a key helper, naming the key in its error and keeping its code. */
function about<T>(where: string, make: () => T): T {
  try {
    return make();
  } catch (error) {
    if (error instanceof KeyConfigError) throw error;
    const code = error instanceof EvidenceError ? error.code : 'key-format';
    throw new KeyConfigError(code, `${where}: ${(error as Error).message}`);
  }
}

const isPem = (text: string) => text.startsWith('-----BEGIN');

/** A PEM from an environment variable may carry its line breaks as the two characters "\n". */
const unescapePem = (text: string) => (text.includes('\n') ? text : text.replace(/\\n/g, '\n'));

function decodeKeyBytes(text: string, what: string): Buffer {
  const bytes = decodeBase64url(text);
  if (!bytes) {
    throw new KeyConfigError(
      'key-format',
      `${what} must be a PEM or 32 bytes in unpadded base64url (43 characters of A-Z a-z 0-9 - _)`
    );
  }
  if (bytes.length !== 32) {
    const hint = /^[0-9a-fA-F]{64}$/.test(text) ? ' (this looks like hex; give base64url)' : '';
    throw new KeyConfigError('key-length', `${what} must be 32 bytes, got ${bytes.length}${hint}`);
  }
  return bytes;
}

/** The current key from its PKCS#8 PEM or base64url seed; throws `KeyConfigError` naming what is wrong. */
export function parsePrivateKey(value: unknown): KeyObject {
  if (typeof value !== 'string' || value.trim() === '')
    throw new KeyConfigError('key-missing', 'no signing key is configured');
  const text = value.trim();
  if (isPem(text)) return about('signing key', () => privateKeyFromPem(unescapePem(text)));
  return about('signing key', () => privateKeyFromSeed(decodeKeyBytes(text, 'a signing key seed')));
}

/** A public key in any of the forms above (a private one reduced to its public half); returns its name if it says one. */
export function parsePublicKey(value: unknown): { publicKey: KeyObject; name?: string } {
  if (typeof value === 'object' && value !== null)
    return { publicKey: about('public key', () => publicKeyFromJwk(value)) };
  if (typeof value !== 'string' || value.trim() === '')
    throw new KeyConfigError('key-missing', 'no public key is given');
  const text = value.trim();
  if (isPem(text)) {
    const pem = unescapePem(text);
    const key = /PRIVATE KEY-----/.test(pem)
      ? publicKeyOf(about('public key', () => privateKeyFromPem(pem)))
      : about('public key', () => publicKeyFromPem(pem));
    return { publicKey: key };
  }
  if (text.includes('+')) {
    const verifier = about('verifier key', () => parseVerifierKey(text));
    return { publicKey: verifier.publicKey, name: verifier.name };
  }
  return { publicKey: about('public key', () => publicKeyFromRaw(decodeKeyBytes(text, 'a public key'))) };
}

function parseDate(value: unknown, what: string): string | null {
  if (value === undefined || value === null) return null;
  const time =
    value instanceof Date
      ? value.getTime()
      : typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value)
        ? Date.parse(value)
        : NaN;
  if (!Number.isFinite(time))
    throw new KeyConfigError('key-date', `${what} must be an ISO 8601 date, not ${JSON.stringify(value)}`);
  return new Date(time).toISOString();
}

function requireName(name: unknown): asserts name is string {
  if (typeof name !== 'string' || !isValidKeyName(name)) {
    throw new KeyConfigError(
      'key-name',
      `key name ${JSON.stringify(name)} must be non-empty, without spaces or "+" (a schema-less URL such as example.kz/policy-versions)`
    );
  }
}

function ledgerKey(name: string, key: KeyObject, createdAt: string | null, retiredAt: string | null): LedgerKey {
  requireName(name);
  if (createdAt && retiredAt && retiredAt < createdAt)
    throw new KeyConfigError('key-date', `key ${name} is retired before it was created`);
  const publicKey = publicKeyOf(key);
  const jwk = publicJwk(publicKey);
  const verifier = noteVerifier(name, publicKey);
  return {
    name,
    kid: jwk.kid,
    jwk,
    publicKey,
    verifierKey: formatVerifierKey(verifier),
    noteVerifier: verifier,
    createdAt,
    retiredAt,
  };
}

/** Reads and checks the whole key configuration. */
export function loadKeyring(config: KeyringConfig): Keyring {
  if (!config || typeof config !== 'object') throw new KeyConfigError('key-missing', 'no signing key configuration');
  requireName(config.name);
  const current: KeyConfig =
    typeof config.current === 'string' ? { privateKey: config.current } : (config.current ?? {});
  if (current.retiredAt != null)
    throw new KeyConfigError(
      'key-retired',
      'the current signing key cannot have retiredAt; move it to the retired keys'
    );
  const privateKey = parsePrivateKey(current.privateKey);
  const name = current.name ?? config.name;
  const head = ledgerKey(name, privateKey, parseDate(current.createdAt, "the current key's createdAt"), null);
  const signing: SigningKey = { ...head, privateKey, noteSigner: noteSigner(name, privateKey) };

  const retired = (config.retired ?? []).map((entry, i) => {
    const where = `retired key ${i + 1}`;
    const given = entry.publicKey ?? entry.privateKey;
    const { publicKey, name: statedName } = about(where, () => parsePublicKey(given));
    const keyName = entry.name ?? statedName ?? config.name;
    if (statedName !== undefined && statedName !== keyName) {
      throw new KeyConfigError('key-name', `${where}: its verifier key names ${statedName}, the config ${keyName}`);
    }
    const retiredAt = parseDate(entry.retiredAt, `${where}'s retiredAt`);
    if (!retiredAt) throw new KeyConfigError('key-date', `${where} needs retiredAt, the date it stopped signing`);
    return ledgerKey(keyName, publicKey, parseDate(entry.createdAt, `${where}'s createdAt`), retiredAt);
  });

  const keys = [signing, ...retired];
  const kids = new Set<string>();
  for (const key of keys) {
    if (kids.has(key.kid))
      throw new KeyConfigError(
        'key-duplicate',
        `key ${key.kid} is configured twice (a retired key cannot also be the current one)`
      );
    kids.add(key.kid);
  }
  return { name: config.name, current: signing, retired, keys };
}

/** The keys as `GET …/ledger/keys` lists them: public JWKs with their dates, current first. */
export const publishedKeys = (keyring: Keyring): PublishedKey[] =>
  keyring.keys.map((key) => ({ ...key.jwk, createdAt: key.createdAt, retiredAt: key.retiredAt }));

/** A fresh key for the demo and tests, in both configurable forms. */
export function generateSigningKey(): { privateKey: KeyObject; seed: string; pem: string } {
  const { privateKey } = generateKeyPairSync('ed25519');
  return { privateKey, seed: seedOf(privateKey).toString('base64url'), pem: privateKeyToPem(privateKey) };
}
