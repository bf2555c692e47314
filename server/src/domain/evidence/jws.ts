import { KeyObject, sign, verify } from 'node:crypto';
import { canonicalJson } from '../ledger/canonical';
import { decodeBase64url, decodeUtf8 } from './encoding';
import { JwsError } from './errors';
import { jwkThumbprint, publicJwk, publicKeyFromJwk, type Ed25519Jwk } from './jwk';

/*
 * Compact JWS (RFC 7515) with alg EdDSA over Ed25519 (RFC 8037): the signed receipt a user or their lawyer checks
 * offline with any JOSE library and the published JWK. The payload is the receipt in canonical JSON, so the bytes
 * signed are the bytes anyone re-deriving them from the receipt gets.
 *
 * Verification accepts only what signing makes: alg "EdDSA" (RFC 9864's "Ed25519" names the same algorithm, but
 * we never emit it), no `crit` extensions (RFC 7515 4.1.11: one not understood must be refused), canonical
 * base64url, a 64-byte signature, and a kid that agrees with the key. Any embedded key or key URL (`jwk`, `jku`,
 * `x5u`) is ignored: the verifier brings the key.
 */

export const JWS_ALG = 'EdDSA';

export interface JwsHeader {
  alg: typeof JWS_ALG;
  kid?: string;
  typ?: string;
  [member: string]: unknown;
}

export interface HeaderOptions {
  kid?: string;
  typ?: string;
}

export interface DecodedJws {
  header: JwsHeader;
  payload: Buffer;
  signature: Buffer;
  /** BASE64URL(header) "." BASE64URL(payload): the signed bytes. */
  signingInput: string;
}

const malformed = (message: string) => new JwsError('malformed', message);

/** Signs raw payload bytes. The header is `{ alg: "EdDSA" }` plus `kid`/`typ` when given, in canonical JSON. */
export function signCompact(payload: Uint8Array | string, privateKey: KeyObject, options: HeaderOptions = {}): string {
  if (privateKey.type !== 'private' || privateKey.asymmetricKeyType !== 'ed25519') {
    throw new JwsError('key-type', 'EdDSA signing needs an Ed25519 private key');
  }
  const header = canonicalJson({ alg: JWS_ALG, kid: options.kid, typ: options.typ });
  const signingInput = `${Buffer.from(header, 'utf8').toString('base64url')}.${Buffer.from(payload).toString('base64url')}`;
  return `${signingInput}.${sign(null, Buffer.from(signingInput, 'ascii'), privateKey).toString('base64url')}`;
}

/**
 * Signs a JSON value as its canonical JSON. The kid defaults to the key's RFC 7638 thumbprint, the kid of its
 * published JWK.
 */
export function signJws(payload: unknown, privateKey: KeyObject, options: HeaderOptions = {}): string {
  const kid = options.kid ?? publicJwk(privateKey).kid;
  return signCompact(canonicalJson(payload), privateKey, { ...options, kid });
}

/** Splits and decodes a compact JWS without checking its signature (for display; never trust it as is). */
export function decodeJws(token: string): DecodedJws {
  const parts = typeof token === 'string' ? token.split('.') : [];
  if (parts.length !== 3) throw malformed('a compact JWS has three dot-separated parts');
  const [headerBytes, payload, signature] = parts.map(decodeBase64url);
  if (!headerBytes || !payload || !signature) throw malformed('each part of a compact JWS is unpadded base64url');
  const headerText = decodeUtf8(headerBytes);
  let header: unknown;
  try {
    header = headerText === null ? null : JSON.parse(headerText);
  } catch {
    header = null;
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header))
    throw malformed('the protected header is not a JSON object');
  const members = header as Record<string, unknown>;
  if (members.alg !== JWS_ALG)
    throw new JwsError('alg', `alg must be "${JWS_ALG}", not ${JSON.stringify(members.alg)}`);
  if ('crit' in members)
    throw new JwsError('crit', 'the header names critical extensions, which this verifier does not implement');
  for (const name of ['kid', 'typ'] as const) {
    if (members[name] !== undefined && typeof members[name] !== 'string') throw malformed(`"${name}" must be a string`);
  }
  return { header: members as JwsHeader, payload, signature, signingInput: `${parts[0]}.${parts[1]}` };
}

export type JwsKey = KeyObject | Ed25519Jwk | readonly Ed25519Jwk[];

/**
 * The key a token is checked with. A key set is searched by the header's kid, which must then be there; a single
 * key is used as given, but a kid on both sides must agree (a KeyObject names none).
 */
function keyFor(header: JwsHeader, key: JwsKey): KeyObject {
  if (Array.isArray(key)) {
    const set = key as readonly Ed25519Jwk[];
    if (header.kid === undefined) throw new JwsError('kid', 'the header has no kid to choose a key by');
    const match = set.find((jwk) => (jwk.kid ?? jwkThumbprint(jwk)) === header.kid);
    if (!match) throw new JwsError('kid', `no published key has kid ${JSON.stringify(header.kid)}`);
    return publicKeyFromJwk(match);
  }
  if (key instanceof KeyObject) {
    if (key.asymmetricKeyType !== 'ed25519') throw new JwsError('key-type', 'EdDSA verification needs an Ed25519 key');
    return key;
  }
  const jwk = key as Ed25519Jwk;
  if (header.kid !== undefined && jwk.kid !== undefined && header.kid !== jwk.kid) {
    throw new JwsError('kid', `signed with kid ${JSON.stringify(header.kid)}, not ${JSON.stringify(jwk.kid)}`);
  }
  return publicKeyFromJwk(jwk);
}

/** Verifies a compact JWS and returns its header and raw payload; throws `JwsError` (`JwkError` for an unusable key). */
export function verifyCompact(token: string, key: JwsKey): { header: JwsHeader; payload: Buffer } {
  const { header, payload, signature, signingInput } = decodeJws(token);
  const publicKey = keyFor(header, key);
  const ok = signature.length === 64 && verify(null, Buffer.from(signingInput, 'ascii'), publicKey, signature);
  if (!ok) throw new JwsError('signature', 'the JWS signature does not verify');
  return { header, payload };
}

/** Verifies a compact JWS over a JSON payload; with `typ`, also requires that header type. */
export function verifyJws(
  token: string,
  key: JwsKey,
  options: { typ?: string } = {}
): { header: JwsHeader; payload: unknown } {
  const { header, payload } = verifyCompact(token, key);
  if (options.typ !== undefined && header.typ !== options.typ) {
    throw new JwsError('typ', `expected typ ${JSON.stringify(options.typ)}, got ${JSON.stringify(header.typ)}`);
  }
  const text = decodeUtf8(payload);
  try {
    if (text === null) throw new Error('not UTF-8');
    return { header, payload: JSON.parse(text) };
  } catch {
    throw new JwsError('payload', 'the JWS payload is not JSON');
  }
}
