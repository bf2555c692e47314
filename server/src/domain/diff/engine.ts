/**
 * The diff itself: split both texts into blocks, align them, link what is left, then
 * word-diff the edited blocks. See steps.ts for how it stays bounded and non-blocking.
 */
import { alignIds } from './align';
import { blockKey, splitBlocks, type BlockHead, type SplitText } from './blocks';
import { linkBlocks, type LinkSide } from './link';
import { countWords, chunkBounds, wordSegmenter, type WordSegmenter } from './segmenter';
import { Budget, runAsync, runSync, type Steps } from './steps';
import type { BlockKind, DiffBlock, DiffResult, DiffSummary, WordOp } from '../../../../shared/contracts/diff';
import type { PolicyLocale } from '../../../../shared/locales';
import type { DiffOptions } from './types';
import { diffBlockWords, type WordDiffLimits } from './words';

const LOCALES: readonly PolicyLocale[] = ['ru', 'kk', 'en'];
const DEFAULTS: Required<DiffOptions> = {
  blockTimeoutMs: 10,
  maxBlockChars: 10_000,
  alignTimeoutMs: 10,
  budgetMs: 1500,
};
/** The summary counter each kind of block adds to. */
const COUNTED_AS: Record<BlockKind, 'added' | 'removed' | 'changed' | 'moved' | 'renumbered' | 'unchanged'> = {
  unchanged: 'unchanged',
  renumbered: 'renumbered',
  changed: 'changed',
  inserted: 'added',
  deleted: 'removed',
  moved: 'moved',
  'moved-changed': 'moved',
};
/** Segmenter pieces (of ~512 chars) counted between two yields. */
const PIECES_PER_STEP = 16;

/**
 * Diffs two versions of a policy in one go. Blocks the caller for the whole computation
 * (bounded by `options.budgetMs` plus linear work): meant for a policy of some KB. For
 * anything larger, or inside a request handler, prefer `diffPoliciesAsync`.
 */
export function diffPolicies(
  oldMarkdown: string,
  newMarkdown: string,
  locale: PolicyLocale,
  options: DiffOptions = {},
): DiffResult {
  return runSync(diffSteps(oldMarkdown, newMarkdown, locale, options));
}

/** Same result as `diffPolicies`, computed in slices of ~10 ms that let the event loop run between them. */
export function diffPoliciesAsync(
  oldMarkdown: string,
  newMarkdown: string,
  locale: PolicyLocale,
  options: DiffOptions = {},
): Promise<DiffResult> {
  return runAsync(diffSteps(oldMarkdown, newMarkdown, locale, options));
}

function* diffSteps(
  oldMarkdown: string,
  newMarkdown: string,
  locale: PolicyLocale,
  options: DiffOptions,
): Steps<DiffResult> {
  if (!LOCALES.includes(locale)) throw new RangeError(`Unsupported locale: ${String(locale)}`);
  const limits = { ...DEFAULTS, ...options };
  const budget = new Budget(limits.budgetMs);
  const segmenter = wordSegmenter(locale);

  const oldSplit = splitBlocks(oldMarkdown);
  yield;
  const newSplit = splitBlocks(newMarkdown);
  yield;
  const oldSide = linkSide(oldSplit);
  const newSide = linkSide(newSplit);
  const ids = new Map<string, number>();
  const idOf = (key: string): number => {
    let id = ids.get(key);
    if (id === undefined) ids.set(key, (id = ids.size));
    return id;
  };
  const oldIds = oldSide.keys.map(idOf);
  const newIds = newSide.keys.map(idOf);
  yield;

  const alignment = yield* alignIds(oldIds, newIds, budget, limits.alignTimeoutMs);
  const links = yield* linkBlocks(alignment.pairs, oldSide, newSide, budget);

  const summary: DiffSummary = {
    added: 0,
    removed: 0,
    changed: 0,
    moved: 0,
    renumbered: 0,
    unchanged: 0,
    wordsInserted: 0,
    wordsDeleted: 0,
    coarse: alignment.complete ? 0 : 1,
  };
  const blocks: DiffBlock[] = [];
  const add = (block: DiffBlock): void => {
    blocks.push(block);
    summary[COUNTED_AS[block.kind]]++;
  };
  const wordLimits = (): WordDiffLimits => ({
    timeoutMs: Math.min(limits.blockTimeoutMs, budget.remaining()),
    maxChars: limits.maxBlockChars,
  });

  // Reading order: walk the new text; before each new block, show the deleted old blocks
  // that stood before the next block kept in place.
  const oldCount = oldSplit.blocks.length;
  const newCount = newSplit.blocks.length;
  const nextInPlaceOld = new Array<number>(newCount + 1);
  nextInPlaceOld[newCount] = oldCount;
  for (let j = newCount - 1; j >= 0; j--) {
    const link = links.byNew.get(j);
    const inPlace = link && (link[0] === 'aligned' || link[0] === 'changed');
    nextInPlaceOld[j] = inPlace ? link[1] : nextInPlaceOld[j + 1];
  }
  let oldCursor = 0;
  function* flushDeleted(bound: number): Steps<void> {
    for (; oldCursor < bound; oldCursor++) {
      if (links.linkedOld.has(oldCursor)) continue;
      const old = oldSplit.blocks[oldCursor];
      add({ kind: 'deleted', old });
      summary.wordsDeleted += yield* countWordsSteps(old.text, segmenter);
    }
  }

  for (let j = 0; j < newCount; j++) {
    yield* flushDeleted(nextInPlaceOld[j]);
    const now = newSplit.blocks[j];
    const link = links.byNew.get(j);
    if (!link) {
      add({ kind: 'inserted', new: now });
      summary.wordsInserted += yield* countWordsSteps(now.text, segmenter);
      continue;
    }
    const [how, i] = link;
    const old = oldSplit.blocks[i];
    if (how === 'aligned' || how === 'changed') oldCursor = i + 1;
    if (how === 'aligned' || how === 'moved') {
      const block: DiffBlock = {
        kind: how === 'moved' ? 'moved' : old.text === now.text ? 'unchanged' : 'renumbered',
        old,
        new: now,
      };
      if (old.text !== now.text) {
        // Equal keys differ only in the clause number; the word diff is a safety net.
        block.words =
          renumbering(old.text, oldSplit.heads[i], now.text, newSplit.heads[j]) ??
          diffBlockWords(old.text, now.text, segmenter, wordLimits()).words;
      }
      add(block);
      yield;
      continue;
    }
    const { words, coarse: isCoarse } = diffBlockWords(old.text, now.text, segmenter, wordLimits());
    const block: DiffBlock = { kind: how, old, new: now, words };
    if (isCoarse) {
      block.coarse = true;
      summary.coarse++;
    }
    add(block);
    yield;
    for (const op of words) {
      if (op.op === 'insert') summary.wordsInserted += yield* countWordsSteps(op.text, segmenter);
      if (op.op === 'delete') summary.wordsDeleted += yield* countWordsSteps(op.text, segmenter);
    }
  }
  yield* flushDeleted(oldCount);

  return {
    schema: 1,
    locale,
    summary,
    lead: { old: oldSplit.lead, new: newSplit.lead },
    blocks,
  };
}

function linkSide(split: SplitText): LinkSide {
  return {
    keys: split.blocks.map((block, index) => blockKey(block.text, split.heads[index])),
    clauses: split.blocks.map((block) => block.clause),
  };
}

/** Ops for a block whose only change is its clause number: keep, old number out, new number in, keep. */
function renumbering(oldText: string, oldHead: BlockHead, newText: string, newHead: BlockHead): WordOp[] | undefined {
  const a = oldHead.clause;
  const b = newHead.clause;
  if (!a || !b || oldText.slice(0, a.start) !== newText.slice(0, b.start)) return undefined;
  if (oldText.slice(a.end) !== newText.slice(b.end)) return undefined;
  const ops: WordOp[] = [];
  if (a.start > 0) ops.push({ op: 'equal', text: oldText.slice(0, a.start) });
  ops.push({ op: 'delete', text: a.text }, { op: 'insert', text: b.text });
  if (a.end < oldText.length) ops.push({ op: 'equal', text: oldText.slice(a.end) });
  return ops;
}

/** Word count of any length of text, yielding between pieces so a huge block does not block. */
function* countWordsSteps(text: string, segmenter: WordSegmenter): Steps<number> {
  let words = 0;
  let pieces = 0;
  for (const [start, end] of chunkBounds(text)) {
    words += countWords(text.slice(start, end), segmenter);
    if (++pieces % PIECES_PER_STEP === 0) yield;
  }
  return words;
}
