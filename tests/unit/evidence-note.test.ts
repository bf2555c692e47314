import { generateKeyPairSync } from 'node:crypto';
import { emptyRoot, formatCheckpoint, formatVerifierKey, noteKeyId } from '../../server/src/domain/evidence';
import { noteSigner, noteVerifier, openCheckpoint, openNote, parseCheckpoint } from '../../server/src/domain/evidence';
import { parseNote, parseVerifierKey, privateKeyFromSeed, signCheckpoint } from '../../server/src/domain/evidence';
import { signNote } from '../../server/src/domain/evidence';

/** Matches the evidence error (an Error subclass with a `code`) that a call throws. */
const withCode = (code: string) => expect.objectContaining({ code });

/*
 * Known answers:
 * - golang.org/x/mod sumdb/note (note.go's package example and note_test.go): the PeterNeumann signer key
 *   "PRIVATE+KEY+PeterNeumann+c74f20a3+<base64(0x01 || seed)>", its verifier key and signed note, and the
 *   EnochRoot key (the all-zero seed) with its signature of the same text.
 * - the example of c2sp.org/signed-note v1.0.0: the verifier key example.com/foo and its note.
 * - the Go checksum database: its verifier key (src/cmd/go/internal/modfetch/key.go) and a checkpoint it
 *   served, which only that key can have signed.
 */
const PETER_SKEY = 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';
const PETER_VKEY = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const ENOCH_VKEY = 'EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop';
const TEXT = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const PETER_SIG =
  '— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n';
const ENOCH_SIG =
  '— EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n';

const SPEC_VKEY = 'example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k';
const SPEC_NOTE =
  'This is an example message.\n\n— example.com/foo Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=\n';

const SUMDB_VKEY = 'sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8';
const SUMDB_CHECKPOINT =
  'go.sum database tree\n31700353\nqINS1GRFhWHwdkUeqLEoP4yEMkTBBzxBkGwGQlVlVcs=\n\n— sum.golang.org Az3grnmrIUEDFqHzAElIQCPNoRFRAAdFo47fooyWKMHb89k11GJh5zHIfNCOBmwn/C3YI8oW9/C8DJ87F61QqspBYwM=\n';

/** A Go signer key is PRIVATE+KEY+<name>+<key ID>+<base64(0x01 || seed)>. */
function goSigner(skey: string) {
  const [, name, keyId, key] = /^PRIVATE\+KEY\+([^+]+)\+([0-9a-f]{8})\+(.+)$/.exec(skey) as RegExpExecArray;
  const signer = noteSigner(name, privateKeyFromSeed(Buffer.from(key, 'base64').subarray(1)));
  return { signer, keyId };
}

const { signer: peter, keyId: peterKeyId } = goSigner(PETER_SKEY);
const enoch = noteSigner('EnochRoot', privateKeyFromSeed(Buffer.alloc(32)));

describe('signed notes (c2sp.org/signed-note)', () => {
  it('reproduces Go sumdb/note byte for byte: key ID, verifier key, signatures', () => {
    expect(peter.keyId.toString('hex')).toBe(peterKeyId);
    expect(formatVerifierKey({ name: peter.name, publicKey: peter.privateKey })).toBe(PETER_VKEY);
    expect(formatVerifierKey({ name: enoch.name, publicKey: enoch.privateKey })).toBe(ENOCH_VKEY);
    expect(signNote(TEXT, [peter])).toBe(`${TEXT}\n${PETER_SIG}`);
    expect(signNote(TEXT, [peter, enoch])).toBe(`${TEXT}\n${PETER_SIG}${ENOCH_SIG}`);
  });

  it('opens the Go note with the published verifier key, and keeps signatures of unknown keys unverified', () => {
    const opened = openNote(`${TEXT}\n${PETER_SIG}${ENOCH_SIG}`, [parseVerifierKey(PETER_VKEY)]);
    expect(opened.text).toBe(TEXT);
    expect(opened.verified.map((s) => s.name)).toEqual(['PeterNeumann']);
    expect(opened.unverified.map((s) => s.line)).toEqual([ENOCH_SIG.trimEnd()]);
    const both = openNote(
      Buffer.from(`${TEXT}\n${PETER_SIG}${ENOCH_SIG}`),
      [PETER_VKEY, ENOCH_VKEY].map(parseVerifierKey)
    );
    expect(both.verified).toHaveLength(2);
  });

  it('opens the example of the specification', () => {
    expect(openNote(SPEC_NOTE, [parseVerifierKey(SPEC_VKEY)]).text).toBe('This is an example message.\n');
    expect(formatVerifierKey(parseVerifierKey(SPEC_VKEY))).toBe(SPEC_VKEY);
  });

  it('rejects a changed text, a signature that does not verify, or a note no known key signed', () => {
    const verifiers = [parseVerifierKey(PETER_VKEY)];
    const note = `${TEXT}\n${PETER_SIG}`;
    expect(() => openNote(note.replace('cryptography', 'cryptographY'), verifiers)).toThrow(withCode('bad-signature'));
    const forged = PETER_SIG.replace('x08go/ZJ', 'x08go/ZK');
    expect(() => openNote(`${TEXT}\n${forged}`, verifiers)).toThrow(withCode('bad-signature'));
    // The known key's bad signature rejects the note even next to a good one.
    expect(() => openNote(`${TEXT}\n${PETER_SIG}${forged}`, verifiers)).toThrow(withCode('duplicate-signature'));
    expect(() => openNote(`${TEXT}\n${ENOCH_SIG}${forged}`, [...verifiers, parseVerifierKey(ENOCH_VKEY)])).toThrow(
      withCode('bad-signature')
    );
    expect(() => openNote(`${TEXT}\n${ENOCH_SIG}`, verifiers)).toThrow(withCode('unverified'));
    // Same name, other ID; same ID, other name: unknown keys, ignored, so nothing verifies.
    const otherKey = generateKeyPairSync('ed25519').privateKey;
    expect(() => openNote(`${TEXT}\n${PETER_SIG}`, [noteVerifier('PeterNeumann', otherKey)])).toThrow(
      withCode('unverified')
    );
    expect(() => openNote(`${TEXT}\n${PETER_SIG.replace('PeterNeumann', 'PeterNeuman')}`, verifiers)).toThrow(
      withCode('unverified')
    );
    expect(() => openNote(note, [...verifiers, ...verifiers])).toThrow(withCode('ambiguous-verifier'));
  });

  it.each([
    ['no final newline', `${TEXT}\n${PETER_SIG.trimEnd()}`],
    ['no blank line', `${TEXT}${PETER_SIG}`],
    ['no signature', `${TEXT}\n`],
    ['a hyphen for the em dash', `${TEXT}\n${PETER_SIG.replace('—', '-')}`],
    ['two spaces', `${TEXT}\n${PETER_SIG.replace('— ', '—  ')}`],
    ['unpadded base64', `${TEXT}\n${PETER_SIG.replace('=\n', '\n')}`],
    ['base64 with stray bits', `${TEXT}\n${PETER_SIG.replace('AM=', 'AN=')}`],
    ['a tab', `${TEXT.replace(' ', '\t')}\n${PETER_SIG}`],
    ['a carriage return', `${TEXT.replace('\n', '\r\n')}\n${PETER_SIG}`],
    ['a lone surrogate', `${TEXT.replace('If', '\ud800')}\n${PETER_SIG}`],
    ['only a key ID', `${TEXT}\n— PeterNeumann x08gow==\n`],
    ['a name with +', `${TEXT}\n${PETER_SIG.replace('PeterNeumann', 'Peter+Neumann')}`],
  ])('refuses a note with %s', (_, note) => {
    expect(() => openNote(note, [parseVerifierKey(PETER_VKEY)])).toThrow(withCode('malformed'));
  });

  it('refuses invalid UTF-8', () => {
    const bytes = Buffer.concat([Buffer.from([0xff]), Buffer.from(`${TEXT}\n${PETER_SIG}`)]);
    expect(() => parseNote(bytes)).toThrow(withCode('malformed'));
  });

  it('splits at the last blank line, so a text may hold blank lines', () => {
    const text = 'first\n\nsecond\n\n';
    const note = signNote(text, [peter]);
    expect(openNote(note, [noteVerifier(peter.name, peter.privateKey)]).text).toBe(text);
    expect(parseNote(note).signatures).toHaveLength(1);
  });

  it('bounds the number of signatures', () => {
    const many = `${TEXT}\n${ENOCH_SIG.repeat(101)}`;
    expect(() => parseNote(many)).toThrow(withCode('malformed'));
    expect(parseNote(`${TEXT}\n${ENOCH_SIG.repeat(100)}`).signatures).toHaveLength(100);
  });

  it('signs only what it could verify again', () => {
    expect(() => signNote('no newline', [peter])).toThrow(withCode('malformed'));
    expect(() => signNote('a\tb\n', [peter])).toThrow(withCode('malformed'));
    expect(() => signNote(TEXT, [])).toThrow(withCode('no-signer'));
    expect(() => noteSigner('has space', peter.privateKey)).toThrow(withCode('bad-key-name'));
    expect(() => noteSigner('a+b', peter.privateKey)).toThrow(withCode('bad-key-name'));
    expect(() => noteSigner('', peter.privateKey)).toThrow(withCode('bad-key-name'));
  });

  it('derives the key ID as SHA-256(name || 0x0A || 0x01 || key)[:4]', () => {
    expect(noteKeyId('EnochRoot', enoch.privateKey).toString('hex')).toBe('af0cfe78');
  });

  it('parses verifier keys strictly, checking their key ID', () => {
    const sumdb = parseVerifierKey(SUMDB_VKEY);
    expect(sumdb.name).toBe('sum.golang.org');
    expect(formatVerifierKey(sumdb)).toBe(SUMDB_VKEY);
    expect(() => parseVerifierKey(PETER_VKEY.replace('c74f20a3', 'c74f20a4'))).toThrow(withCode('bad-verifier-key'));
    expect(() => parseVerifierKey(PETER_VKEY.replace('c74f20a3', 'C74F20A3'))).toThrow(withCode('bad-verifier-key'));
    expect(() => parseVerifierKey(PETER_VKEY.replace('+ARpc', '+Ahpc'))).toThrow(withCode('unsupported-key'));
    expect(() => parseVerifierKey(PETER_VKEY.slice(0, -4))).toThrow(withCode('bad-verifier-key'));
    expect(() => parseVerifierKey('PeterNeumann')).toThrow(withCode('bad-verifier-key'));
    expect(() => parseVerifierKey(`Peter Neumann+c74f20a3+${PETER_VKEY.split('+')[2]}`)).toThrow(
      withCode('bad-key-name')
    );
  });
});

describe('checkpoints (c2sp.org/tlog-checkpoint)', () => {
  const root = Buffer.from('0a'.repeat(32), 'hex');
  const origin = 'example.kz/policy-versions';

  it('verifies a checkpoint of the Go checksum database with its published key', () => {
    const { checkpoint, verified } = openCheckpoint(
      SUMDB_CHECKPOINT,
      [parseVerifierKey(SUMDB_VKEY)],
      'go.sum database tree'
    );
    expect(checkpoint.treeSize).toBe(31700353);
    expect(checkpoint.rootHash.toString('base64')).toBe('qINS1GRFhWHwdkUeqLEoP4yEMkTBBzxBkGwGQlVlVcs=');
    expect(verified.map((s) => s.name)).toEqual(['sum.golang.org']);
  });

  it('formats, signs, opens and parses back', () => {
    const checkpoint = { origin, treeSize: 20852163, rootHash: root, extensions: ['time 1772359200'] };
    const text = formatCheckpoint(checkpoint);
    expect(text).toBe(`${origin}\n20852163\n${root.toString('base64')}\ntime 1772359200\n`);
    expect(parseCheckpoint(text)).toEqual(checkpoint);
    const signer = noteSigner(origin, generateKeyPairSync('ed25519').privateKey);
    const note = signCheckpoint(checkpoint, [signer]);
    const opened = openCheckpoint(note, [noteVerifier(origin, signer.privateKey)], origin);
    expect(opened.checkpoint).toEqual(checkpoint);
    expect(() => openCheckpoint(note, [noteVerifier(origin, signer.privateKey)], 'other.example/log')).toThrow(
      withCode('wrong-origin')
    );
    expect(() =>
      openCheckpoint(note.replace('20852163', '20852162'), [noteVerifier(origin, signer.privateKey)])
    ).toThrow(withCode('bad-signature'));
  });

  it('has one head for the empty tree', () => {
    const text = formatCheckpoint({ origin, treeSize: 0, rootHash: emptyRoot(), extensions: [] });
    expect(text).toBe(`${origin}\n0\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n`);
    expect(parseCheckpoint(text).treeSize).toBe(0);
    expect(() => parseCheckpoint(`${origin}\n0\n${root.toString('base64')}\n`)).toThrow(withCode('bad-checkpoint'));
  });

  it.each([
    ['no final newline', `${origin}\n1\n${root.toString('base64')}`],
    ['two lines', `${origin}\n1\n`],
    ['an empty origin', `\n1\n${root.toString('base64')}\n`],
    ['a leading zero', `${origin}\n01\n${root.toString('base64')}\n`],
    ['a sign', `${origin}\n+1\n${root.toString('base64')}\n`],
    ['a size past 2^53', `${origin}\n9007199254740993\n${root.toString('base64')}\n`],
    ['hex for the root', `${origin}\n1\n${root.toString('hex')}\n`],
    ['a short root', `${origin}\n1\n${root.subarray(1).toString('base64')}\n`],
    ['an empty extension line', `${origin}\n1\n${root.toString('base64')}\n\nmore\n`],
    ['a control character', `${origin}\n1\n${root.toString('base64')}\nx\u0001\n`],
  ])('refuses a checkpoint with %s', (_, text) => {
    expect(() => parseCheckpoint(text)).toThrow(withCode('bad-checkpoint'));
  });

  it('formats only a well-formed checkpoint', () => {
    const good = { origin, treeSize: 1, rootHash: root, extensions: [] };
    expect(() => formatCheckpoint({ ...good, origin: 'has space' })).toThrow(withCode('bad-checkpoint'));
    expect(() => formatCheckpoint({ ...good, treeSize: -1 })).toThrow(withCode('bad-checkpoint'));
    expect(() => formatCheckpoint({ ...good, treeSize: 1.5 })).toThrow(withCode('bad-checkpoint'));
    expect(() => formatCheckpoint({ ...good, rootHash: Buffer.alloc(31) })).toThrow(withCode('bad-checkpoint'));
    expect(() => formatCheckpoint({ ...good, extensions: ['two\nlines'] })).toThrow(withCode('bad-checkpoint'));
  });
});
