import { createHash, sign, verify, type KeyObject } from 'node:crypto';
import { decodeBase64, decodeHex, decodeUtf8, isWellFormed } from './encoding';
import { NoteError } from './errors';
import { publicKeyFromRaw, publicKeyOf, rawPublicKey } from './jwk';

/*
 * C2SP signed notes (c2sp.org/signed-note) with Ed25519, the envelope of tlog checkpoints: it is what witnesses,
 * monitors and Go's golang.org/x/mod/sumdb/note read, so an anchored checkpoint can be checked by tools that
 * know nothing of this plugin.
 *
 *     <text, ending in a newline>
 *     <blank line>
 *     — <key name> <base64(4-byte key ID || signature)>
 *
 * Parsing is strict and fails closed: one spelling per note (canonical base64, no control characters, valid
 * UTF-8), signatures from unknown keys ignored as the spec requires, but a signature from a known key that does
 * not verify rejects the whole note, and so does a note with no verified signature.
 */

/** The signed-note signature type of Ed25519. */
const ED25519_TYPE = 0x01;
const EM_DASH = '\u2014';
const KEY_ID_SIZE = 4;
const ED25519_SIGNATURE_SIZE = 64;
/** The spec asks verifiers to accept at least 16 signatures and to bound them; Go's reader allows 100. */
export const MAX_NOTE_SIGNATURES = 100;

export interface NoteSigner {
  readonly name: string;
  /** The 4-byte key ID. */
  readonly keyId: Buffer;
  readonly privateKey: KeyObject;
}

export interface NoteVerifier {
  readonly name: string;
  readonly keyId: Buffer;
  readonly publicKey: KeyObject;
}

export interface NoteSignature {
  readonly name: string;
  readonly keyId: Buffer;
  readonly signature: Buffer;
  /** The signature line as it stands in the note, without its newline. */
  readonly line: string;
}

/** Key names are non-empty, without Unicode spaces or "+", which separates the parts of a verifier key. */
export const isValidKeyName = (name: string) =>
  name.length > 0 && isWellFormed(name) && !/[\s+]/u.test(name) && !hasControl(name);

const hasControl = (text: string) => /[\u0000-\u0009\u000b-\u001f]/.test(text);

function requireKeyName(name: string) {
  if (!isValidKeyName(name))
    throw new NoteError(
      'bad-key-name',
      `key name ${JSON.stringify(name)} must be non-empty, without spaces, "+" or control characters`
    );
}

/** Key ID = SHA-256(key name || 0x0A || 0x01 || 32-byte public key)[:4]. */
export function noteKeyId(name: string, publicKey: KeyObject): Buffer {
  return createHash('sha256')
    .update(name, 'utf8')
    .update(Buffer.from([0x0a, ED25519_TYPE]))
    .update(rawPublicKey(publicKey))
    .digest()
    .subarray(0, KEY_ID_SIZE);
}

export function noteSigner(name: string, privateKey: KeyObject): NoteSigner {
  requireKeyName(name);
  if (privateKey.type !== 'private') throw new NoteError('bad-key', 'a note signer needs the private key');
  return { name, keyId: noteKeyId(name, privateKey), privateKey };
}

export function noteVerifier(name: string, key: KeyObject): NoteVerifier {
  requireKeyName(name);
  const publicKey = publicKeyOf(key);
  return { name, keyId: noteKeyId(name, publicKey), publicKey };
}

/** The verifier key string `<name>+<hex key ID>+<base64(0x01 || public key)>` that monitors and witnesses are given. */
export function formatVerifierKey(verifier: Pick<NoteVerifier, 'name' | 'publicKey'>): string {
  const { name, keyId, publicKey } = noteVerifier(verifier.name, verifier.publicKey);
  const typedKey = Buffer.concat([Buffer.from([ED25519_TYPE]), rawPublicKey(publicKey)]);
  return `${name}+${keyId.toString('hex')}+${typedKey.toString('base64')}`;
}

/** Parses a verifier key string, checking that its key ID is the one its name and key give. */
export function parseVerifierKey(vkey: string): NoteVerifier {
  // The name and the ID have no "+", the base64 key may.
  const match = /^([^+]*)\+([^+]*)\+(.*)$/s.exec(vkey);
  const keyId = match ? decodeHex(match[2]) : null;
  const typedKey = match ? decodeBase64(match[3]) : null;
  if (!match || !keyId || keyId.length !== KEY_ID_SIZE || !typedKey) {
    throw new NoteError('bad-verifier-key', 'a verifier key is <name>+<8 hex digits>+<base64 key>');
  }
  requireKeyName(match[1]);
  if (typedKey[0] !== ED25519_TYPE)
    throw new NoteError('unsupported-key', `only Ed25519 verifier keys (type 0x01) are supported`);
  if (typedKey.length !== 1 + 32)
    throw new NoteError('bad-verifier-key', `an Ed25519 verifier key is 32 bytes, not ${typedKey.length - 1}`);
  const verifier = noteVerifier(match[1], publicKeyFromRaw(typedKey.subarray(1)));
  if (!verifier.keyId.equals(keyId))
    throw new NoteError('bad-verifier-key', `key ID ${match[2]} does not match the name and key`);
  return verifier;
}

function requireNoteText(text: string, what: string) {
  if (!isWellFormed(text)) throw new NoteError('malformed', `the ${what} is not well-formed Unicode`);
  if (hasControl(text)) throw new NoteError('malformed', `the ${what} has control characters other than newline`);
  if (!text.endsWith('\n')) throw new NoteError('malformed', `the ${what} must end with a newline`);
}

/** Signs `text` (which must end with a newline) with each signer, in the order given. */
export function signNote(text: string, signers: readonly NoteSigner[]): string {
  requireNoteText(text, 'note text');
  if (signers.length === 0) throw new NoteError('no-signer', 'a signed note needs at least one signature');
  const message = Buffer.from(text, 'utf8');
  const lines = signers.map((signer) => {
    requireKeyName(signer.name);
    const signature = sign(null, message, signer.privateKey);
    return `${EM_DASH} ${signer.name} ${Buffer.concat([signer.keyId, signature]).toString('base64')}\n`;
  });
  return `${text}\n${lines.join('')}`;
}

/**
 * Splits a note into its text and signature lines, checking only the form. Nothing is verified: use
 * `openNote` before trusting a word of the text.
 */
export function parseNote(note: string | Uint8Array): { text: string; signatures: NoteSignature[] } {
  const decoded = typeof note === 'string' ? note : decodeUtf8(note);
  if (decoded === null) throw new NoteError('malformed', 'the note is not valid UTF-8');
  requireNoteText(decoded, 'note');
  // The text keeps its final newline; the last blank line separates it from the signatures.
  const split = decoded.lastIndexOf('\n\n');
  if (split < 0) throw new NoteError('malformed', 'the note has no blank line before its signatures');
  const text = decoded.slice(0, split + 1);
  const block = decoded.slice(split + 2);
  if (block === '') throw new NoteError('malformed', 'the note has no signatures');
  const lines = block.slice(0, -1).split('\n');
  if (lines.length > MAX_NOTE_SIGNATURES)
    throw new NoteError('malformed', `more than ${MAX_NOTE_SIGNATURES} signatures`);
  const signatures = lines.map((line) => {
    const parts = line.startsWith(`${EM_DASH} `) ? line.slice(2).split(' ') : [];
    const bytes = parts.length === 2 ? decodeBase64(parts[1]) : null;
    if (!bytes || bytes.length <= KEY_ID_SIZE || !isValidKeyName(parts[0])) {
      throw new NoteError('malformed', `not a signature line: ${JSON.stringify(line.slice(0, 120))}`);
    }
    return { name: parts[0], keyId: bytes.subarray(0, KEY_ID_SIZE), signature: bytes.subarray(KEY_ID_SIZE), line };
  });
  return { text, signatures };
}

export interface OpenedNote {
  text: string;
  /** The signatures of the given verifiers, all checked. */
  verified: NoteSignature[];
  /** Signatures of keys not given (witness cosignatures, other logs): kept, not checked. */
  unverified: NoteSignature[];
}

/**
 * Verifies a note against known keys. A signature counts as a known key's only when both name and key ID match
 * it; then it must verify. Throws `NoteError` with code `malformed`, `bad-signature`, `duplicate-signature`,
 * `ambiguous-verifier` or `unverified` (no known key signed).
 */
export function openNote(note: string | Uint8Array, verifiers: readonly NoteVerifier[]): OpenedNote {
  const known = new Map<string, NoteVerifier>();
  for (const verifier of verifiers) {
    const id = `${verifier.name} ${verifier.keyId.toString('hex')}`;
    if (known.has(id)) throw new NoteError('ambiguous-verifier', `two verifiers share the name and key ID ${id}`);
    known.set(id, verifier);
  }
  const { text, signatures } = parseNote(note);
  const message = Buffer.from(text, 'utf8');
  const verified: NoteSignature[] = [];
  const unverified: NoteSignature[] = [];
  const seen = new Set<string>();
  for (const signature of signatures) {
    const id = `${signature.name} ${signature.keyId.toString('hex')}`;
    const verifier = known.get(id);
    if (!verifier) {
      unverified.push(signature);
      continue;
    }
    if (seen.has(id)) throw new NoteError('duplicate-signature', `${signature.name} signed the note twice`);
    seen.add(id);
    const ok =
      signature.signature.length === ED25519_SIGNATURE_SIZE &&
      verify(null, message, verifier.publicKey, signature.signature);
    if (!ok) throw new NoteError('bad-signature', `the signature of ${signature.name} does not verify`);
    verified.push(signature);
  }
  if (verified.length === 0) throw new NoteError('unverified', 'no signature of a known key');
  return { text, verified, unverified };
}
