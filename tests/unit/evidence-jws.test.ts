import { createHash, createPublicKey, generateKeyPairSync, verify } from 'node:crypto';
import { canonicalJson } from '../../server/src/domain/ledger/canonical';
import { decodeJws, jwkThumbprint, privateKeyFromPem, privateKeyFromSeed } from '../../server/src/domain/evidence';
import { privateKeyToPem, publicJwk, publicKeyFromJwk, publicKeyFromPem } from '../../server/src/domain/evidence';
import { publicKeyToPem, rawPublicKey, seedOf, signCompact, signJws } from '../../server/src/domain/evidence';
import { verifyCompact, verifyJws } from '../../server/src/domain/evidence';

/** Matches the evidence error (an Error subclass with a `code`) that a call throws. */
const withCode = (code: string) => expect.objectContaining({ code });

/*
 * RFC 8037 appendix A: the Ed25519 key of A.1 (`d`, `x`), its RFC 7638 thumbprint in A.3, and in A.4 the JWS
 * of the payload "Example of Ed25519 signing" under the protected header {"alg":"EdDSA"}.
 */
const RFC = {
  d: 'nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A',
  x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo',
  thumbprint: 'kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k',
  payload: 'Example of Ed25519 signing',
  jws: [
    'eyJhbGciOiJFZERTQSJ9',
    'RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc',
    'hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg',
  ].join('.'),
};

const rfcKey = privateKeyFromSeed(Buffer.from(RFC.d, 'base64url'));
const rfcJwk = { kty: 'OKP' as const, crv: 'Ed25519' as const, x: RFC.x };

/** Re-encodes one part of a compact JWS (0 header, 1 payload, 2 signature). */
const withPart = (token: string, index: number, part: string) =>
  token
    .split('.')
    .map((old, i) => (i === index ? part : old))
    .join('.');
const b64 = (value: unknown) =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

describe('JWK (RFC 8037, RFC 7638)', () => {
  it('derives the RFC 8037 A.1 public key and A.3 thumbprint', () => {
    expect(publicJwk(rfcKey)).toEqual({ ...rfcJwk, kid: RFC.thumbprint });
    expect(jwkThumbprint(rfcJwk)).toBe(RFC.thumbprint);
    // RFC 7638 section 3: the required members in lexicographic order, no whitespace, then SHA-256.
    const members = `{"crv":"Ed25519","kty":"OKP","x":"${RFC.x}"}`;
    expect(createHash('sha256').update(members).digest('base64url')).toBe(RFC.thumbprint);
  });

  it('imports a JWK to the key Node itself imports', () => {
    const ours = publicKeyFromJwk(rfcJwk);
    const node = createPublicKey({ key: rfcJwk, format: 'jwk' });
    expect(rawPublicKey(ours)).toEqual(rawPublicKey(node));
    expect(publicKeyFromJwk({ ...rfcJwk, kid: RFC.thumbprint }).equals(node)).toBe(true);
  });

  it('round-trips keys through PEM and seed', () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    expect(seedOf(privateKeyFromPem(privateKeyToPem(privateKey)))).toEqual(seedOf(privateKey));
    expect(privateKeyFromSeed(seedOf(privateKey)).equals(privateKey)).toBe(true);
    const pem = publicKeyToPem(privateKey);
    expect(pem).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    expect(publicJwk(publicKeyFromPem(pem))).toEqual(publicJwk(privateKey));
  });

  it('refuses what is not exactly an Ed25519 public key', () => {
    expect(() => publicKeyFromJwk({ ...rfcJwk, d: RFC.d })).toThrow(withCode('jwk-private'));
    expect(() => publicKeyFromJwk({ ...rfcJwk, crv: 'X25519' })).toThrow(withCode('key-type'));
    expect(() => publicKeyFromJwk({ kty: 'EC', crv: 'P-256', x: RFC.x })).toThrow(withCode('key-type'));
    expect(() => publicKeyFromJwk({ ...rfcJwk, x: RFC.x.slice(0, -3) })).toThrow(withCode('key-length'));
    expect(() => publicKeyFromJwk({ ...rfcJwk, x: `${RFC.x}=` })).toThrow(withCode('jwk-malformed'));
    expect(() => publicKeyFromJwk({ ...rfcJwk, kid: 'key-1' })).toThrow(withCode('jwk-kid-mismatch'));
    expect(() => publicKeyFromJwk('not an object')).toThrow(withCode('jwk-malformed'));
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 });
    expect(() => publicKeyFromPem(rsa.publicKey.export({ format: 'pem', type: 'spki' }) as string)).toThrow(
      withCode('key-type')
    );
    expect(() => publicKeyFromPem(privateKeyToPem(rfcKey))).toThrow(withCode('key-type'));
    expect(() => privateKeyFromPem(rsa.privateKey.export({ format: 'pem', type: 'pkcs8' }) as string)).toThrow(
      withCode('key-type')
    );
    expect(() => publicJwk(rsa.publicKey)).toThrow(withCode('key-type'));
  });
});

describe('compact JWS with EdDSA (RFC 7515, RFC 8037)', () => {
  it('reproduces the RFC 8037 A.4 JWS exactly and verifies it (A.5)', () => {
    expect(signCompact(RFC.payload, rfcKey)).toBe(RFC.jws);
    const { header, payload } = verifyCompact(RFC.jws, rfcJwk);
    expect(header).toEqual({ alg: 'EdDSA' });
    expect(payload.toString()).toBe(RFC.payload);
  });

  const { privateKey } = generateKeyPairSync('ed25519');
  const jwk = publicJwk(privateKey);
  const receipt = {
    version: 'KI-CR-v1.1.0',
    consentReceiptID: 'r-1',
    recordHash: 'c04a'.padEnd(64, '0'),
    log: { leafIndex: 41, treeSize: 42 },
  };
  const token = signJws(receipt, privateKey, { typ: 'policy-versions-receipt+jws' });

  it('signs canonical JSON under { alg, kid, typ }, and Node verifies it with the published JWK alone', () => {
    const [header, payload, signature] = token.split('.');
    expect(JSON.parse(Buffer.from(header, 'base64url').toString())).toEqual({
      alg: 'EdDSA',
      kid: jwk.kid,
      typ: 'policy-versions-receipt+jws',
    });
    expect(Buffer.from(payload, 'base64url').toString()).toBe(canonicalJson(receipt));
    const nodeKey = createPublicKey({ key: { kty: jwk.kty, crv: jwk.crv, x: jwk.x }, format: 'jwk' });
    expect(verify(null, Buffer.from(`${header}.${payload}`), nodeKey, Buffer.from(signature, 'base64url'))).toBe(true);
  });

  it('verifies with a JWK, a key set or a KeyObject', () => {
    const other = publicJwk(generateKeyPairSync('ed25519').privateKey);
    expect(verifyJws(token, jwk).payload).toEqual(receipt);
    expect(verifyJws(token, [other, jwk], { typ: 'policy-versions-receipt+jws' }).payload).toEqual(receipt);
    expect(verifyJws(token, publicKeyFromJwk(jwk)).header.kid).toBe(jwk.kid);
    expect(decodeJws(token).header.kid).toBe(jwk.kid);
  });

  it('fails a changed payload or header, a changed signature, or another key', () => {
    const changed = withPart(token, 1, b64(canonicalJson({ ...receipt, consentReceiptID: 'r-2' })));
    expect(() => verifyJws(changed, jwk)).toThrow(withCode('signature'));
    const header = JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString());
    expect(() => verifyJws(withPart(token, 0, b64({ ...header, typ: 'JWT' })), jwk)).toThrow(withCode('signature'));
    const signature = Buffer.from(token.split('.')[2], 'base64url');
    signature[10] ^= 1;
    expect(() => verifyJws(withPart(token, 2, signature.toString('base64url')), jwk)).toThrow(withCode('signature'));
    // Re-keyed: signed with another key under our kid.
    const forged = signJws(receipt, generateKeyPairSync('ed25519').privateKey, { kid: jwk.kid });
    expect(() => verifyJws(forged, [jwk])).toThrow(withCode('signature'));
    expect(() => verifyJws(token, publicJwk(generateKeyPairSync('ed25519').privateKey))).toThrow(withCode('kid'));
    expect(() => verifyJws(token, [publicJwk(generateKeyPairSync('ed25519').privateKey)])).toThrow(withCode('kid'));
    expect(() => verifyJws(token, jwk, { typ: 'JWT' })).toThrow(withCode('typ'));
  });

  it('accepts no other algorithm, no critical extension and no second spelling', () => {
    const header = JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString());
    expect(() => verifyJws(withPart(token, 0, b64({ ...header, alg: 'none' })), jwk)).toThrow(withCode('alg'));
    expect(() => verifyJws(withPart(token, 0, b64({ ...header, alg: 'HS256' })), jwk)).toThrow(withCode('alg'));
    expect(() => verifyJws(withPart(token, 0, b64({ ...header, crit: ['b64'], b64: false })), jwk)).toThrow(
      withCode('crit')
    );
    expect(() => verifyJws(withPart(token, 0, b64({ ...header, kid: 7 })), jwk)).toThrow(withCode('malformed'));
    expect(() => verifyJws(withPart(token, 0, b64('[1]')), jwk)).toThrow(withCode('malformed'));
    expect(() => verifyJws(`${token}=`, jwk)).toThrow(withCode('malformed'));
    expect(() => verifyJws(withPart(token, 1, `${token.split('.')[1]}+`), jwk)).toThrow(withCode('malformed'));
    expect(() => verifyJws(token.split('.').slice(0, 2).join('.'), jwk)).toThrow(withCode('malformed'));
    expect(() => verifyJws(`${token}.x`, jwk)).toThrow(withCode('malformed'));
    expect(() => verifyJws(withPart(token, 2, ''), jwk)).toThrow(withCode('signature'));
    const notJson = signCompact('not json', privateKey, { kid: jwk.kid });
    expect(() => verifyJws(notJson, jwk)).toThrow(withCode('payload'));
    expect(verifyCompact(notJson, jwk).payload.toString()).toBe('not json');
  });

  it('signs only with an Ed25519 private key', () => {
    expect(() => signCompact('x', publicKeyFromJwk(jwk))).toThrow(withCode('key-type'));
    expect(() => signCompact('x', generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey)).toThrow(
      withCode('key-type')
    );
  });
});
