import { decodeBase64, isWellFormed } from './encoding';
import { CheckpointError } from './errors';
import { emptyRoot, HASH_SIZE } from './merkle';
import { openNote, signNote, type NoteSignature, type NoteSigner, type NoteVerifier } from './note';

/*
 * The body of a C2SP tlog checkpoint (c2sp.org/tlog-checkpoint), the signed tree head that is anchored with
 * witnesses:
 *
 *     <origin>
 *     <tree size, decimal, no leading zeros>
 *     <root hash, base64>
 *     [extension lines]
 *
 * Parsing accepts exactly one spelling of a tree head, so two different texts can never both be "the" checkpoint
 * of one size. The spec lets any non-empty origin through and only recommends a schema-less URL; formatting our
 * own holds to that recommendation (the origin is also the signing key's name, which cannot hold spaces or "+").
 */

export interface Checkpoint {
  origin: string;
  treeSize: number;
  rootHash: Buffer;
  /** Opaque, non-empty lines after the root; not recommended by the spec (monitors cannot audit them). */
  extensions: readonly string[];
}

const SIZE = /^(?:0|[1-9][0-9]*)$/;
const CONTROL = /[\u0000-\u001f]/;

const fail = (message: string) => new CheckpointError('bad-checkpoint', message);

function requireLine(line: string, what: string) {
  if (line === '' || CONTROL.test(line) || !isWellFormed(line))
    throw fail(`the ${what} must be a non-empty line of text`);
}

function requireRoot(treeSize: number, rootHash: Uint8Array) {
  if (rootHash.length !== HASH_SIZE) throw fail('the root hash is 32 bytes');
  // A tree of no leaves has one head; any other is a checkpoint of a tree that cannot exist.
  if (treeSize === 0 && !emptyRoot().equals(rootHash))
    throw fail('a checkpoint of size 0 must carry the empty tree hash');
}

export function formatCheckpoint(checkpoint: Checkpoint): string {
  const { origin, treeSize, rootHash, extensions } = checkpoint;
  requireLine(origin, 'origin');
  if (/[\s+]/u.test(origin)) throw fail('the origin should be a schema-less URL, without spaces or "+"');
  if (!Number.isSafeInteger(treeSize) || treeSize < 0)
    throw fail(`the tree size must be a non-negative integer, not ${treeSize}`);
  requireRoot(treeSize, rootHash);
  extensions.forEach((line) => requireLine(line, 'extension line'));
  return [origin, String(treeSize), Buffer.from(rootHash).toString('base64'), ...extensions, ''].join('\n');
}

/** Parses a checkpoint body (a note's text); with `expectedOrigin`, refuses another log's checkpoint. */
export function parseCheckpoint(text: string, expectedOrigin?: string): Checkpoint {
  if (!text.endsWith('\n')) throw fail('the checkpoint text must end with a newline');
  const lines = text.slice(0, -1).split('\n');
  if (lines.length < 3) throw fail('a checkpoint has an origin, a tree size and a root hash line');
  const [origin, size, root, ...extensions] = lines;
  requireLine(origin, 'origin');
  if (expectedOrigin !== undefined && origin !== expectedOrigin) {
    throw new CheckpointError(
      'wrong-origin',
      `checkpoint of ${JSON.stringify(origin)}, expected ${JSON.stringify(expectedOrigin)}`
    );
  }
  const treeSize = SIZE.test(size) ? Number(size) : NaN;
  if (!Number.isSafeInteger(treeSize))
    throw fail(
      `the tree size must be a decimal integer without leading zeros, not ${JSON.stringify(size.slice(0, 40))}`
    );
  const rootHash = decodeBase64(root);
  if (!rootHash) throw fail('the root hash must be canonical base64');
  requireRoot(treeSize, rootHash);
  extensions.forEach((line) => requireLine(line, 'extension line'));
  return { origin, treeSize, rootHash, extensions };
}

export function signCheckpoint(checkpoint: Checkpoint, signers: readonly NoteSigner[]): string {
  return signNote(formatCheckpoint(checkpoint), signers);
}

export interface OpenedCheckpoint {
  checkpoint: Checkpoint;
  verified: NoteSignature[];
  unverified: NoteSignature[];
}

/**
 * Verifies a signed checkpoint with the log's keys and parses its body. Pass only the log's own keys as
 * `verifiers`: a witness key among them would make a witness's signature enough.
 */
export function openCheckpoint(
  note: string | Uint8Array,
  verifiers: readonly NoteVerifier[],
  expectedOrigin?: string
): OpenedCheckpoint {
  const { text, verified, unverified } = openNote(note, verifiers);
  return { checkpoint: parseCheckpoint(text, expectedOrigin), verified, unverified };
}
