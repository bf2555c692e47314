import { createHash } from 'node:crypto';
import { decodeHex } from './encoding';
import { ProofError } from './errors';

/*
 * The transparency log's Merkle tree, as RFC 9162 section 2.1 (RFC 6962 section 2.1) defines it, so that any
 * Certificate Transparency or tlog tool can check our proofs.
 *
 * Why it is built from "perfect subtree" nodes. The ledger holds millions of records, and a proof has to be
 * answered in a few milliseconds, so neither the tree nor its leaves can be read whole. Every hash that
 * RFC 9162's MTH, PATH and SUBPROOF ever take is the MTH of a range D[a:b] whose start a is a multiple of the
 * largest power of two not above its length; such a range is a run of perfect subtrees (one per binary digit of
 * b - a, largest first), and its MTH is their roots folded from the right. A perfect subtree is named by
 * `(level, index)`: the 2^level leaves from index·2^level. Appending a leaf completes exactly the perfect
 * subtrees that end at it (the leaf itself and on average one more), and they never change again, so the glue can store
 * each node once, as append returns it (2n − 1 nodes for n leaves), and read back only the few a proof needs.
 *
 * Costs for a tree of n leaves:
 * - append: 1 + (trailing ones of the old size) hashes, amortized under 2; the frontier holds popcount(n) roots.
 * - tree head: popcount(n) ≤ log2 n + 1 node reads and as many hashes.
 * - inclusion or consistency proof: at most 2·⌈log2 n⌉ node reads (one proof hash at most is a run of several
 *   nodes, the right edge of a tree whose size is not a power of two) and as many hashes; `*Plan` names them up
 *   front, so the glue fetches them in one query.
 * - a node computed from leaves instead of read (`nodeFromLeaves`): 2^level leaf reads and hashes, log2 memory.
 * The recursions below are those of RFC 9162, with "take the MTH" replaced by "name the range": depth log2 n.
 *
 * Sizes and indexes are JavaScript numbers, exact to 2^53, far past any ledger; arithmetic uses division rather
 * than bit operators, which would cut them to 32 bits.
 */

export type Hash = Buffer;

export const HASH_SIZE = 32;

/** A perfect subtree: the 2^level leaves starting at leaf index·2^level. A leaf is level 0. */
export interface NodeId {
  readonly level: number;
  readonly index: number;
}

export interface TreeNode {
  readonly id: NodeId;
  readonly hash: Hash;
}

/** Reads the hash of a perfect subtree, from storage or computed; it must throw rather than guess. */
export type NodeReader = (id: NodeId) => Hash;

const LEAF_PREFIX = Buffer.from([0x00]);
const NODE_PREFIX = Buffer.from([0x01]);

const sha256 = (...parts: Uint8Array[]) => {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest();
};

/** RFC 9162 leaf hash: SHA-256(0x00 || leaf bytes). The prefix keeps a leaf from passing for a node. */
export const hashLeaf = (data: Uint8Array): Hash => sha256(LEAF_PREFIX, data);

/** RFC 9162 interior node: SHA-256(0x01 || left || right). */
export const hashChildren = (left: Uint8Array, right: Uint8Array): Hash => sha256(NODE_PREFIX, left, right);

/** The tree head of the empty tree, SHA-256 of the empty string (a fresh copy: Buffers can be written to). */
export const emptyRoot = (): Hash => sha256();

/** The leaf of a ledger record: its record hash (64 hex digits) as 32 raw bytes, leaf-hashed. */
export function recordLeafHash(recordHash: string): Hash {
  return hashLeaf(parseHash(recordHash));
}

/** A hash from its hex form, exactly 64 lowercase hex digits. */
export function parseHash(hex: string): Hash {
  const bytes = typeof hex === 'string' ? decodeHex(hex) : null;
  if (!bytes || bytes.length !== HASH_SIZE) {
    throw new ProofError(
      'bad-hash',
      `not a SHA-256 hash in lowercase hex: ${JSON.stringify(String(hex).slice(0, 80))}`
    );
  }
  return bytes;
}

export const nodeKey = (id: NodeId) => `${id.level}/${id.index}`;

const isSize = (value: number) => Number.isSafeInteger(value) && value >= 0;

function requireSize(value: number, what: string) {
  if (!isSize(value)) throw new ProofError('bad-size', `${what} must be a non-negative safe integer, not ${value}`);
}

const isHash = (value: unknown): value is Uint8Array => value instanceof Uint8Array && value.length === HASH_SIZE;

/** 2^level, exact past 2^31 (where `1 << level` would wrap). */
const width = (level: number) => 2 ** level;

/** The largest power of two strictly below n (n ≥ 2): RFC 9162's k. */
function splitPoint(n: number) {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** The largest power of two not above n (n ≥ 1), as its exponent. */
function floorLog2(n: number) {
  let level = 0;
  while (width(level + 1) <= n) level += 1;
  return level;
}

/**
 * The perfect subtrees that make up D[start:end], largest first, for the ranges RFC 9162 hashes: `start` must be
 * a multiple of the largest power of two not above end − start (0 always is). Folded from the right
 * (`foldRange`), their hashes are MTH(D[start:end]).
 */
export function rangeNodes(start: number, end: number): NodeId[] {
  requireSize(start, 'range start');
  requireSize(end, 'range end');
  if (end <= start) return [];
  if (start % width(floorLog2(end - start)) !== 0) {
    throw new ProofError('bad-range', `[${start}, ${end}) is not a range of the tree's own subtrees`);
  }
  const nodes: NodeId[] = [];
  let at = start;
  while (at < end) {
    const level = floorLog2(end - at);
    nodes.push({ level, index: at / width(level) });
    at += width(level);
  }
  return nodes;
}

/** MTH of a run of perfect subtrees given left to right: the rightmost is the deepest right child. */
export function foldRange(hashes: readonly Uint8Array[]): Hash {
  if (hashes.length === 0) return emptyRoot();
  let root: Hash = Buffer.from(hashes[hashes.length - 1]);
  for (let i = hashes.length - 2; i >= 0; i -= 1) root = hashChildren(hashes[i], root);
  return root;
}

interface Range {
  start: number;
  end: number;
}

/** RFC 9162 2.1.3.1 PATH(m, D[start:end]), naming the ranges whose MTH are the audit path, leaf first. */
function pathRanges(m: number, start: number, end: number, out: Range[]) {
  const n = end - start;
  if (n <= 1) return;
  const k = splitPoint(n);
  if (m < k) {
    pathRanges(m, start, start + k, out);
    out.push({ start: start + k, end });
  } else {
    pathRanges(m - k, start + k, end, out);
    out.push({ start, end: start + k });
  }
}

/** RFC 9162 2.1.4.1 SUBPROOF(m, D[start:end], b), naming ranges the same way. */
function subproofRanges(m: number, start: number, end: number, complete: boolean, out: Range[]) {
  const n = end - start;
  if (m === n) {
    if (!complete) out.push({ start, end });
    return;
  }
  const k = splitPoint(n);
  if (m <= k) {
    subproofRanges(m, start, start + k, complete, out);
    out.push({ start: start + k, end });
  } else {
    subproofRanges(m - k, start + k, end, false, out);
    out.push({ start, end: start + k });
  }
}

/**
 * What a proof is made of, before any hash is read: each proof hash is the fold of one group of perfect subtrees
 * (`parts`), and `nodes` lists each subtree once, for a single batched read.
 */
export interface ProofPlan {
  readonly parts: readonly (readonly NodeId[])[];
  readonly nodes: readonly NodeId[];
}

function plan(ranges: Range[]): ProofPlan {
  const parts = ranges.map((range) => rangeNodes(range.start, range.end));
  const seen = new Map<string, NodeId>();
  for (const id of parts.flat()) seen.set(nodeKey(id), id);
  return { parts, nodes: [...seen.values()] };
}

/** The plan of the inclusion proof (audit path) of leaf `leafIndex` in the tree of size `treeSize`. */
export function inclusionPlan(leafIndex: number, treeSize: number): ProofPlan {
  requireSize(leafIndex, 'leaf index');
  requireSize(treeSize, 'tree size');
  if (leafIndex >= treeSize)
    throw new ProofError('bad-size', `leaf ${leafIndex} is not in a tree of ${treeSize} leaves`);
  const ranges: Range[] = [];
  pathRanges(leafIndex, 0, treeSize, ranges);
  return plan(ranges);
}

/**
 * The plan of the consistency proof from size `fromSize` to `toSize` (RFC 9162 PROOF(m, D[n])). A proof from 0,
 * or between equal sizes, is empty: every tree extends the empty one, and a tree is consistent with itself.
 */
export function consistencyPlan(fromSize: number, toSize: number): ProofPlan {
  requireSize(fromSize, 'first tree size');
  requireSize(toSize, 'second tree size');
  if (fromSize > toSize) throw new ProofError('bad-size', `no consistency proof from ${fromSize} down to ${toSize}`);
  const ranges: Range[] = [];
  if (fromSize > 0) subproofRanges(fromSize, 0, toSize, true, ranges);
  return plan(ranges);
}

/** Reads the nodes of a plan and folds each part: the proof hashes, in RFC 9162 order. */
export function buildProof(proofPlan: ProofPlan, read: NodeReader): Hash[] {
  const hashes = new Map<string, Hash>();
  for (const id of proofPlan.nodes) hashes.set(nodeKey(id), readNode(read, id));
  return proofPlan.parts.map((part) => foldRange(part.map((id) => hashes.get(nodeKey(id)) as Hash)));
}

function readNode(read: NodeReader, id: NodeId): Hash {
  const hash = read(id);
  if (!isHash(hash))
    throw new ProofError('bad-node', `node ${nodeKey(id)} was read as something other than a 32-byte hash`);
  return Buffer.from(hash);
}

/** MTH(D[treeSize]) from perfect subtrees: popcount(treeSize) reads. */
export function treeHead(treeSize: number, read: NodeReader): Hash {
  return foldRange(rangeNodes(0, treeSize).map((id) => readNode(read, id)));
}

export const inclusionProof = (leafIndex: number, treeSize: number, read: NodeReader): Hash[] =>
  buildProof(inclusionPlan(leafIndex, treeSize), read);

export const consistencyProof = (fromSize: number, toSize: number, read: NodeReader): Hash[] =>
  buildProof(consistencyPlan(fromSize, toSize), read);

/**
 * A perfect subtree computed from its leaves, for storage that keeps leaves only (or to recheck a stored node):
 * 2^level leaf reads and hashes, at most level + 1 hashes held.
 */
export function nodeFromLeaves(id: NodeId, leafHashAt: (index: number) => Hash): Hash {
  const frontier = new MerkleFrontier();
  const first = id.index * width(id.level);
  for (let i = 0; i < width(id.level); i += 1) frontier.append(leafHashAt(first + i));
  return frontier.root();
}

/**
 * The right edge of a growing tree (a compact range over [0, size)): the roots of its perfect subtrees, largest
 * first, one per binary digit of the size. It is all that is needed to append and to take the tree head, so a
 * log of any length is extended, or recomputed from a stream of leaves, in O(log n) memory.
 */
export class MerkleFrontier {
  private treeSize = 0;
  private roots: Hash[] = [];

  /** Resumes a tree from its stored right edge: the hashes of `rangeNodes(0, size)`, in that order. */
  static restore(size: number, roots: readonly Uint8Array[]): MerkleFrontier {
    requireSize(size, 'tree size');
    const ids = rangeNodes(0, size);
    if (roots.length !== ids.length || !roots.every(isHash)) {
      throw new ProofError(
        'bad-node',
        `a tree of ${size} leaves has ${ids.length} edge hashes of 32 bytes, not what was given`
      );
    }
    const frontier = new MerkleFrontier();
    frontier.treeSize = size;
    frontier.roots = roots.map((root) => Buffer.from(root));
    return frontier;
  }

  get size() {
    return this.treeSize;
  }

  /** The edge as stored nodes, largest first. */
  get nodes(): TreeNode[] {
    return rangeNodes(0, this.treeSize).map((id, i) => ({ id, hash: Buffer.from(this.roots[i]) }));
  }

  /**
   * Adds the next leaf (its leaf hash, see `hashLeaf`) and returns the perfect subtrees it completes, bottom up,
   * the leaf itself first: the nodes to store, after which no stored node ever changes.
   */
  append(leafHash: Uint8Array): TreeNode[] {
    if (!isHash(leafHash)) throw new ProofError('bad-hash', 'a leaf hash is 32 bytes');
    let hash: Hash = Buffer.from(leafHash);
    let index = this.treeSize;
    let level = 0;
    const completed: TreeNode[] = [{ id: { level, index }, hash }];
    // A right child (odd index) completes its parent with the left sibling, the last root so far.
    while (index % 2 === 1) {
      hash = hashChildren(this.roots.pop() as Hash, hash);
      index = (index - 1) / 2;
      level += 1;
      completed.push({ id: { level, index }, hash });
    }
    this.roots.push(hash);
    this.treeSize += 1;
    return completed;
  }

  /** MTH of the tree so far. */
  root(): Hash {
    return foldRange(this.roots);
  }

  copy(): MerkleFrontier {
    return MerkleFrontier.restore(this.treeSize, this.roots);
  }
}

/** The tree head of a stream of leaf hashes (for verification that recomputes the whole log). */
export function treeHeadFromLeaves(leafHashes: Iterable<Uint8Array>): Hash {
  const frontier = new MerkleFrontier();
  for (const leaf of leafHashes) frontier.append(leaf);
  return frontier.root();
}

/*
 * The verifiers walk up from the leaf (or the first tree's last leaf) with RFC 9162's two cursors: fn, the node's
 * index at its level, and sn, the last node's index there. Each proof hash is a sibling on the left (fn odd, or fn
 * the last node, whose right sibling does not exist) or on the right.
 */
interface Cursors {
  fn: number;
  sn: number;
}

const isOdd = (value: number) => value % 2 === 1;

function shift(at: Cursors) {
  at.fn = Math.floor(at.fn / 2);
  at.sn = Math.floor(at.sn / 2);
}

/** "Right-shift both fn and sn equally until either LSB(fn) is set or fn is 0": climbs past levels without a sibling. */
function shiftWhileEven(at: Cursors) {
  while (!isOdd(at.fn) && at.fn !== 0) shift(at);
}

export interface InclusionCheck {
  leafHash: Uint8Array;
  leafIndex: number;
  treeSize: number;
  proof: readonly Uint8Array[];
  rootHash: Uint8Array;
}

/** RFC 9162 2.1.3.2: the root an audit path leads to, or null where the path cannot be one for this position. */
export function rootFromInclusionProof({
  leafHash,
  leafIndex,
  treeSize,
  proof,
}: Omit<InclusionCheck, 'rootHash'>): Hash | null {
  if (!isSize(leafIndex) || !isSize(treeSize) || leafIndex >= treeSize) return null;
  if (!isHash(leafHash) || !proof.every(isHash)) return null;
  const at = { fn: leafIndex, sn: treeSize - 1 };
  let r: Hash = Buffer.from(leafHash);
  for (const p of proof) {
    if (at.sn === 0) return null;
    if (isOdd(at.fn) || at.fn === at.sn) {
      r = hashChildren(p, r);
      shiftWhileEven(at);
    } else {
      r = hashChildren(r, p);
    }
    shift(at);
  }
  return at.sn === 0 ? r : null;
}

/**
 * Whether `proof` proves that `leafHash` is leaf `leafIndex` of the tree of size `treeSize` with head `rootHash`.
 * The proof binds the leaf's position to the head; the head alone binds the size (a path of one tree also fits
 * some other sizes, with this tree's head), so take size and head together from one verified checkpoint.
 */
export function verifyInclusion(check: InclusionCheck): boolean {
  const root = rootFromInclusionProof(check);
  return root !== null && isHash(check.rootHash) && root.equals(check.rootHash);
}

export interface ConsistencyCheck {
  fromSize: number;
  toSize: number;
  fromRoot: Uint8Array;
  toRoot: Uint8Array;
  proof: readonly Uint8Array[];
}

const isPowerOfTwo = (value: number) => value >= 1 && width(floorLog2(value)) === value;

/**
 * RFC 9162 2.1.4.2: whether `proof` shows that the tree of `toSize` leaves with head `toRoot` extends the one of
 * `fromSize` leaves with head `fromRoot`, i.e. that the log only appended. The RFC's algorithm is for
 * 0 < first < second; equal sizes need an empty proof and equal heads, and from size 0 an empty proof and the
 * empty tree's head. As with inclusion, each size must come with its own head, from a verified checkpoint.
 */
export function verifyConsistency({ fromSize, toSize, fromRoot, toRoot, proof }: ConsistencyCheck): boolean {
  if (!isSize(fromSize) || !isSize(toSize) || fromSize > toSize) return false;
  if (!isHash(fromRoot) || !isHash(toRoot) || !proof.every(isHash)) return false;
  if (fromSize === 0) return proof.length === 0 && emptyRoot().equals(fromRoot);
  if (fromSize === toSize) return proof.length === 0 && Buffer.from(fromRoot).equals(toRoot);
  if (proof.length === 0) return false;

  const path = isPowerOfTwo(fromSize) ? [fromRoot, ...proof] : [...proof];
  const at = { fn: fromSize - 1, sn: toSize - 1 };
  while (isOdd(at.fn)) shift(at);
  let fr: Hash = Buffer.from(path[0]);
  let sr: Hash = Buffer.from(path[0]);
  for (const c of path.slice(1)) {
    if (at.sn === 0) return false;
    if (isOdd(at.fn) || at.fn === at.sn) {
      fr = hashChildren(c, fr);
      sr = hashChildren(c, sr);
      shiftWhileEven(at);
    } else {
      sr = hashChildren(sr, c);
    }
    shift(at);
  }
  return at.sn === 0 && fr.equals(fromRoot) && sr.equals(toRoot);
}
