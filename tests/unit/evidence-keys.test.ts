import { generateKeyPairSync } from 'node:crypto';
import { generateSigningKey, KeyConfigError, loadKeyring, openNote } from '../../server/src/domain/evidence';
import { parsePrivateKey, parsePublicKey, publicJwk, publicKeyToPem } from '../../server/src/domain/evidence';
import { publishedKeys, rawPublicKey, seedOf, signJws, signNote, verifyJws } from '../../server/src/domain/evidence';

/** Matches the evidence error (an Error subclass with a `code`) that a call throws. */
const withCode = (code: string) => expect.objectContaining({ code });

const NAME = 'example.kz/policy-versions';

describe('signing key configuration', () => {
  const current = generateSigningKey();
  const old = generateSigningKey();

  it('reads the current key as a PKCS#8 PEM or a base64url seed, the same key either way', () => {
    const fromPem = parsePrivateKey(current.pem);
    const fromSeed = parsePrivateKey(current.seed);
    expect(seedOf(fromPem)).toEqual(seedOf(current.privateKey));
    expect(fromSeed.equals(fromPem)).toBe(true);
    expect(current.seed).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // As an environment variable carries it: one line, breaks written "\n", maybe a trailing newline.
    expect(parsePrivateKey(current.pem.trim().replace(/\n/g, '\\n')).equals(fromPem)).toBe(true);
    expect(parsePrivateKey(`${current.seed}\n`).equals(fromPem)).toBe(true);
  });

  it.each([
    ['nothing', undefined, 'key-missing'],
    ['an empty string', '  ', 'key-missing'],
    ['padded base64url', 'A'.repeat(43) + '=', 'key-format'],
    ['standard base64 with "+"', `${'A'.repeat(42)}+`, 'key-format'],
    ['31 bytes', Buffer.alloc(31, 1).toString('base64url'), 'key-length'],
    ['64 bytes (seed and public key)', Buffer.alloc(64, 1).toString('base64url'), 'key-length'],
    ['hex', 'ab'.repeat(32), 'key-length'],
    [
      'an RSA key',
      generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ format: 'pem', type: 'pkcs8' }) as string,
      'key-type',
    ],
    [
      'an EC key',
      generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'pem', type: 'sec1' }) as string,
      'key-type',
    ],
    ['a public key', publicKeyToPem(generateSigningKey().privateKey), 'pem-malformed'],
    [
      'an encrypted key',
      '-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIB\n-----END ENCRYPTED PRIVATE KEY-----\n',
      'pem-encrypted',
    ],
    ['an OpenSSH key', '-----BEGIN OPENSSH PRIVATE KEY-----\nb3Bl\n-----END OPENSSH PRIVATE KEY-----\n', 'pem-openssh'],
    ['a broken PEM', '-----BEGIN PRIVATE KEY-----\nnot base64\n-----END PRIVATE KEY-----\n', 'pem-malformed'],
  ])('refuses %s as the signing key, with a KeyConfigError', (_, value, code) => {
    expect(() => parsePrivateKey(value)).toThrow(withCode(code));
  });

  it('says what is wrong in words', () => {
    expect(() => parsePrivateKey('ab'.repeat(32))).toThrow(
      'must be 32 bytes, got 48 (this looks like hex; give base64url)'
    );
    expect(() =>
      parsePrivateKey(generateKeyPairSync('x25519').privateKey.export({ format: 'pem', type: 'pkcs8' }) as string)
    ).toThrow('expected an Ed25519 private key, got a x25519 private key');
  });

  it('reads a public key as SPKI PEM, base64url, C2SP verifier key, JWK, or the public half of a private key', () => {
    const jwk = publicJwk(old.privateKey);
    const raw = rawPublicKey(old.privateKey);
    const forms = [
      publicKeyToPem(old.privateKey),
      raw.toString('base64url'),
      jwk,
      old.pem,
      old.pem.replace(/\n/g, '\\n'),
    ];
    for (const form of forms) expect(rawPublicKey(parsePublicKey(form).publicKey)).toEqual(raw);
    const loaded = loadKeyring({
      name: NAME,
      current: current.seed,
      retired: [{ publicKey: publicKeyToPem(old.privateKey), retiredAt: '2026-01-01' }],
    });
    const vkey = loaded.retired[0].verifierKey;
    expect(parsePublicKey(vkey)).toEqual({ publicKey: expect.anything(), name: NAME });
    expect(() => parsePublicKey(vkey.replace(/\+[0-9a-f]{8}\+/, '+00000000+'))).toThrow(withCode('bad-verifier-key'));
    expect(() => parsePublicKey({ ...jwk, kid: 'other' })).toThrow(withCode('jwk-kid-mismatch'));
  });

  it('loads a keyring: the current key signs, retired keys only verify, all are published with their dates', () => {
    const keyring = loadKeyring({
      name: NAME,
      current: { privateKey: current.pem, createdAt: '2026-03-01T00:00:00Z' },
      retired: [
        {
          publicKey: publicKeyToPem(old.privateKey),
          createdAt: '2025-01-01',
          retiredAt: new Date('2026-03-01T00:00:00Z'),
        },
      ],
    });
    expect(keyring.current.kid).toBe(publicJwk(current.privateKey).kid);
    expect(keyring.current.name).toBe(NAME);
    expect(keyring.current.verifierKey.startsWith(`${NAME}+`)).toBe(true);
    expect(keyring.retired[0]).not.toHaveProperty('privateKey');
    expect(publishedKeys(keyring)).toEqual([
      { ...publicJwk(current.privateKey), createdAt: '2026-03-01T00:00:00.000Z', retiredAt: null },
      { ...publicJwk(old.privateKey), createdAt: '2025-01-01T00:00:00.000Z', retiredAt: '2026-03-01T00:00:00.000Z' },
    ]);
    // A receipt of the old key still verifies against the published set after the rotation.
    const oldReceipt = signJws({ n: 1 }, old.privateKey);
    expect(verifyJws(oldReceipt, publishedKeys(keyring)).payload).toEqual({ n: 1 });
    const note = signNote('checkpoint\n', [keyring.current.noteSigner]);
    expect(
      openNote(
        note,
        keyring.keys.map((key) => key.noteVerifier)
      ).verified
    ).toHaveLength(1);
  });

  it('keeps only the public half of a retired key given as a private key', () => {
    const keyring = loadKeyring({
      name: NAME,
      current: current.seed,
      retired: [{ privateKey: old.seed, retiredAt: '2026-01-01' }],
    });
    expect(keyring.retired[0].publicKey.type).toBe('public');
    expect(Object.values(keyring.retired[0]).some((value) => (value as { type?: string })?.type === 'private')).toBe(
      false
    );
  });

  it('names a retired key by its verifier key, or by its own name', () => {
    const vkey = loadKeyring({ name: 'old.example/log', current: old.seed }).current.verifierKey;
    const keyring = loadKeyring({
      name: NAME,
      current: current.seed,
      retired: [{ publicKey: vkey, retiredAt: '2026-01-01' }],
    });
    expect(keyring.retired[0].name).toBe('old.example/log');
    expect(() =>
      loadKeyring({
        name: NAME,
        current: current.seed,
        retired: [{ name: 'x.example', publicKey: vkey, retiredAt: '2026-01-01' }],
      })
    ).toThrow(withCode('key-name'));
  });

  it.each([
    ['no name', { name: '', current: 'CURRENT' }, 'key-name'],
    [
      'a current key that is retired',
      { name: NAME, current: { privateKey: 'x', retiredAt: '2026-01-01' } },
      'key-retired',
    ],
    [
      'a retired key without retiredAt',
      { name: NAME, current: 'CURRENT', retired: [{ publicKey: 'OLD' }] },
      'key-date',
    ],
    [
      'a date that is not one',
      { name: NAME, current: 'CURRENT', retired: [{ publicKey: 'OLD', retiredAt: 'yesterday' }] },
      'key-date',
    ],
    [
      'retirement before creation',
      {
        name: NAME,
        current: 'CURRENT',
        retired: [{ publicKey: 'OLD', createdAt: '2026-02-01', retiredAt: '2026-01-01' }],
      },
      'key-date',
    ],
    [
      'the current key among the retired ones',
      { name: NAME, current: 'CURRENT', retired: [{ publicKey: 'CURRENT_PUBLIC', retiredAt: '2026-01-01' }] },
      'key-duplicate',
    ],
    ['a name with a space', { name: 'my log', current: 'CURRENT' }, 'key-name'],
    [
      'a retired key that is not a key',
      { name: NAME, current: 'CURRENT', retired: [{ publicKey: 'not a key!', retiredAt: '2026-01-01' }] },
      'key-format',
    ],
  ])('refuses %s', (_, config, code) => {
    const fill = (value: unknown) =>
      value === 'CURRENT'
        ? current.seed
        : value === 'OLD'
          ? rawPublicKey(old.privateKey).toString('base64url')
          : value === 'CURRENT_PUBLIC'
            ? rawPublicKey(current.privateKey).toString('base64url')
            : value;
    const filled = JSON.parse(JSON.stringify(config), (key, value) => fill(value));
    expect(() => loadKeyring(filled)).toThrow(withCode(code));
  });

  it('throws plain Error subclasses that carry a code', () => {
    try {
      parsePrivateKey('c2hvcnQ');
    } catch (error) {
      expect(error).toBeInstanceOf(Error);
      expect(error).toBeInstanceOf(KeyConfigError);
      expect((error as KeyConfigError).name).toBe('KeyConfigError');
      expect((error as KeyConfigError).code).toBe('key-length');
    }
    expect.assertions(4);
  });
});
