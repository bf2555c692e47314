/**
 * Pairs the blocks the alignment left over: moves first, then edits in place, then moves
 * with edits. Every search is bounded so that hundreds of KB of unrelated text stay cheap.
 */
import type { Budget, Steps } from './steps';

/** How a new block is tied to an old one. */
export type LinkKind = 'aligned' | 'changed' | 'moved' | 'moved-changed';

export interface Links {
  /** newIndex → [kind, oldIndex]; new blocks absent here are inserted. */
  byNew: Map<number, [LinkKind, number]>;
  /** Old indices linked to some new block; the others are deleted. */
  linkedOld: Set<number>;
}

/** What the linker needs to know about one side's blocks. */
export interface LinkSide {
  /** Block text without its clause number (the alignment key). */
  keys: string[];
  clauses: Array<string | undefined>;
}

/** How many blocks ahead an edited block may have drifted within its stretch. */
const WINDOW = 8;
/** Pair comparisons allowed when looking for moved-and-edited blocks across the text. */
const MOVE_SEARCH_PAIRS = 40_000;
const CHECKS_PER_STEP = 500;
const EDIT_SIMILARITY = 0.5;
/** A clause keeping its number may be rewritten more before it stops counting as "changed". */
const EDIT_SIMILARITY_SAME_CLAUSE = 0.25;
const MOVE_SIMILARITY = 0.6;
const HAS_WORD = /[\p{L}\p{N}]/u;
const WORD = /[\p{L}\p{N}]+/gu;

export function* linkBlocks(
  pairs: Array<[number, number]>,
  oldSide: LinkSide,
  newSide: LinkSide,
  budget: Budget,
): Steps<Links> {
  const byNew = new Map<number, [LinkKind, number]>();
  const linkedOld = new Set<number>();
  const link = (kind: LinkKind, i: number, j: number): void => {
    byNew.set(j, [kind, i]);
    linkedOld.add(i);
  };
  for (const [i, j] of pairs) link('aligned', i, j);

  linkExactMoves(oldSide, newSide, byNew, linkedOld, link);
  yield;

  const bags = new BagCache(oldSide.keys, newSide.keys);
  let checks = 0;
  // Stretches between aligned pairs: deleted and inserted blocks there are edit candidates.
  const bounds: Array<[number, number]> = [[-1, -1], ...pairs, [oldSide.keys.length, newSide.keys.length]];
  for (let g = 1; g < bounds.length; g++) {
    const olds = range(bounds[g - 1][0] + 1, bounds[g][0]).filter((i) => !linkedOld.has(i));
    const news = range(bounds[g - 1][1] + 1, bounds[g][1]).filter((j) => !byNew.has(j));
    let from = 0;
    for (const i of olds) {
      if (from >= news.length || budget.exhausted()) break;
      let best = -1;
      let bestScore = 0;
      for (let c = from; c < Math.min(news.length, from + WINDOW); c++) {
        const score = bags.similarity(i, news[c]);
        const needed = sameClause(oldSide, newSide, i, news[c]) ? EDIT_SIMILARITY_SAME_CLAUSE : EDIT_SIMILARITY;
        if (score >= needed && score > bestScore) {
          best = c;
          bestScore = score;
        }
      }
      if (best >= 0) {
        link('changed', i, news[best]);
        from = best + 1;
      }
      checks += WINDOW;
      if (checks >= CHECKS_PER_STEP) {
        checks = 0;
        yield;
      }
    }
  }

  const restOld = range(0, oldSide.keys.length).filter((i) => !linkedOld.has(i) && HAS_WORD.test(oldSide.keys[i]));
  const restNew = range(0, newSide.keys.length).filter((j) => !byNew.has(j) && HAS_WORD.test(newSide.keys[j]));
  if (restOld.length * restNew.length > MOVE_SEARCH_PAIRS) return { byNew, linkedOld };
  for (const i of restOld) {
    let best = -1;
    let bestScore = MOVE_SIMILARITY;
    for (const j of restNew) {
      if (byNew.has(j)) continue;
      const score = bags.similarity(i, j);
      if (score >= bestScore) {
        best = j;
        bestScore = score;
      }
    }
    if (best >= 0) link('moved-changed', i, best);
    checks += restNew.length;
    if (checks >= CHECKS_PER_STEP) {
      checks = 0;
      if (budget.exhausted()) break;
      yield;
    }
  }
  return { byNew, linkedOld };
}

/** Same key (text up to the clause number) deleted here and inserted there: a move. O(n). */
function linkExactMoves(
  oldSide: LinkSide,
  newSide: LinkSide,
  byNew: Map<number, [LinkKind, number]>,
  linkedOld: Set<number>,
  link: (kind: LinkKind, i: number, j: number) => void,
): void {
  const waiting = new Map<string, number[]>();
  oldSide.keys.forEach((key, i) => {
    // Blank-ish blocks (a lone no-break space, a rule) carry no meaning worth calling a move.
    if (linkedOld.has(i) || !HAS_WORD.test(key)) return;
    const queue = waiting.get(key);
    if (queue) queue.push(i);
    else waiting.set(key, [i]);
  });
  newSide.keys.forEach((key, j) => {
    if (byNew.has(j)) return;
    const queue = waiting.get(key);
    if (queue?.length) link('moved', queue.shift()!, j);
  });
}

function sameClause(oldSide: LinkSide, newSide: LinkSide, i: number, j: number): boolean {
  return oldSide.clauses[i] !== undefined && oldSide.clauses[i] === newSide.clauses[j];
}

function range(from: number, to: number): number[] {
  const out: number[] = [];
  for (let k = from; k < to; k++) out.push(k);
  return out;
}

/** Lower-cased word multisets, built on first use; similarity is the Dice coefficient. */
class BagCache {
  private readonly oldBags = new Map<number, Bag>();
  private readonly newBags = new Map<number, Bag>();

  constructor(
    private readonly oldKeys: string[],
    private readonly newKeys: string[],
  ) {}

  similarity(i: number, j: number): number {
    const a = bagOf(this.oldBags, this.oldKeys, i);
    const b = bagOf(this.newBags, this.newKeys, j);
    if (!a.size || !b.size) return 0;
    const [small, large] = a.counts.size <= b.counts.size ? [a, b] : [b, a];
    let common = 0;
    for (const [word, count] of small.counts) common += Math.min(count, large.counts.get(word) ?? 0);
    return (2 * common) / (a.size + b.size);
  }
}

interface Bag {
  counts: Map<string, number>;
  size: number;
}

function bagOf(cache: Map<number, Bag>, keys: string[], index: number): Bag {
  let bag = cache.get(index);
  if (!bag) {
    const counts = new Map<string, number>();
    let size = 0;
    for (const [word] of keys[index].toLowerCase().matchAll(WORD)) {
      counts.set(word, (counts.get(word) ?? 0) + 1);
      size++;
    }
    bag = { counts, size };
    cache.set(index, bag);
  }
  return bag;
}
