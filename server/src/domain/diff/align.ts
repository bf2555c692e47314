/**
 * Aligns two sequences of block ids (equal id = equal block text up to the clause number).
 *
 * A full LCS over thousands of blocks costs O(n·m) in the worst case, so, patience-style:
 * 1. strip the common head and tail of the stretch;
 * 2. anchor the blocks that occur exactly once in both sides of the stretch, keeping the
 *    longest run of them in the same order (longest increasing subsequence, O(k log k));
 * 3. repeat in the stretches between anchors;
 * 4. a stretch without any unique block goes to jsdiff's Myers `diffArrays` under a
 *    `timeout`; if that gives up, the stretch stays unaligned (its blocks become
 *    deleted/inserted, and the move detection may still pair them).
 */
import { diffArrays } from 'diff';
import type { Budget, Steps } from './steps';

export interface Alignment {
  /** Matched [oldIndex, newIndex] pairs, increasing in both. */
  pairs: Array<[number, number]>;
  /** False when some stretch was left unaligned for lack of time. */
  complete: boolean;
}

interface Stretch {
  aLo: number;
  aHi: number;
  bLo: number;
  bHi: number;
}

export function* alignIds(a: number[], b: number[], budget: Budget, timeoutMs: number): Steps<Alignment> {
  const pairs: Array<[number, number]> = [];
  let complete = true;
  const stack: Stretch[] = [{ aLo: 0, aHi: a.length, bLo: 0, bHi: b.length }];
  for (let stretch = stack.pop(); stretch; stretch = stack.pop()) {
    let { aLo, aHi, bLo, bHi } = stretch;
    while (aLo < aHi && bLo < bHi && a[aLo] === b[bLo]) pairs.push([aLo++, bLo++]);
    while (aLo < aHi && bLo < bHi && a[aHi - 1] === b[bHi - 1]) pairs.push([--aHi, --bHi]);
    if (aLo === aHi || bLo === bHi) continue;
    if (budget.exhausted()) {
      complete = false;
      continue;
    }
    const anchors = uniqueAnchors(a, b, { aLo, aHi, bLo, bHi });
    if (anchors.length) {
      let prevA = aLo;
      let prevB = bLo;
      for (const [i, j] of anchors) {
        pairs.push([i, j]);
        stack.push({ aLo: prevA, aHi: i, bLo: prevB, bHi: j });
        prevA = i + 1;
        prevB = j + 1;
      }
      stack.push({ aLo: prevA, aHi, bLo: prevB, bHi });
    } else if (!lcsPairs(a, b, { aLo, aHi, bLo, bHi }, Math.min(timeoutMs, budget.remaining()), pairs)) {
      complete = false;
    }
    yield;
  }
  pairs.sort((x, y) => x[0] - y[0]);
  return { pairs, complete };
}

/** Blocks unique on both sides of the stretch, longest same-order run of them. */
function uniqueAnchors(a: number[], b: number[], s: Stretch): Array<[number, number]> {
  // Per id: occurrences in a, occurrences in b, last position in b.
  const seen = new Map<number, { inA: number; inB: number; j: number }>();
  for (let i = s.aLo; i < s.aHi; i++) {
    const entry = seen.get(a[i]);
    if (entry) entry.inA++;
    else seen.set(a[i], { inA: 1, inB: 0, j: -1 });
  }
  for (let j = s.bLo; j < s.bHi; j++) {
    const entry = seen.get(b[j]);
    if (entry) {
      entry.inB++;
      entry.j = j;
    }
  }
  const candidates: Array<[number, number]> = [];
  for (let i = s.aLo; i < s.aHi; i++) {
    const entry = seen.get(a[i])!;
    if (entry.inA === 1 && entry.inB === 1) candidates.push([i, entry.j]);
  }
  return longestIncreasing(candidates);
}

/** Longest subsequence of candidates (sorted by old index) increasing in new index. */
function longestIncreasing(candidates: Array<[number, number]>): Array<[number, number]> {
  // tails[k]: index in candidates of the smallest tail of an increasing run of length k+1.
  const tails: number[] = [];
  const previous = new Array<number>(candidates.length);
  candidates.forEach(([, j], c) => {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (candidates[tails[mid]][1] < j) lo = mid + 1;
      else hi = mid;
    }
    previous[c] = lo > 0 ? tails[lo - 1] : -1;
    tails[lo] = c;
  });
  const run: Array<[number, number]> = [];
  for (let c = tails.length ? tails[tails.length - 1] : -1; c >= 0; c = previous[c]) run.push(candidates[c]);
  return run.reverse();
}

/** Myers LCS of a stretch with a deadline; pushes its pairs, false if it gave up. */
function lcsPairs(a: number[], b: number[], s: Stretch, timeoutMs: number, pairs: Array<[number, number]>): boolean {
  if (timeoutMs <= 0) return false;
  const changes = diffArrays(a.slice(s.aLo, s.aHi), b.slice(s.bLo, s.bHi), { timeout: timeoutMs });
  if (!changes) return false;
  let i = s.aLo;
  let j = s.bLo;
  for (const change of changes) {
    if (change.added) j += change.count;
    else if (change.removed) i += change.count;
    else for (let k = 0; k < change.count; k++) pairs.push([i++, j++]);
  }
  return true;
}
