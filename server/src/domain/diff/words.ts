/**
 * Word-level diff of one block, exact to the character.
 *
 * jsdiff's `diffWords` (with an `Intl.Segmenter`) decides which words are kept, deleted and
 * inserted, but it compares words without their surrounding whitespace and tidies that
 * whitespace afterwards, so its change objects do not always spell the inputs back. We keep
 * its decisions and re-cut every piece from the original strings, emitting whitespace that
 * differs inside kept runs as its own delete/insert; the ops are then lossless by construction.
 */
import { diffWords, type Change } from 'diff';
import type { WordSegmenter } from './segmenter';
import type { WordOp } from '../../../../shared/contracts/diff';

const WHITESPACE = /\s/;
const ALL_WHITESPACE = /\s+/g;

export interface WordDiffLimits {
  /** jsdiff `timeout`; 0 or less means no time is left: go coarse at once. */
  timeoutMs: number;
  maxChars: number;
}

export interface BlockWords {
  words: WordOp[];
  coarse: boolean;
}

export function diffBlockWords(
  oldText: string,
  newText: string,
  segmenter: WordSegmenter,
  limits: WordDiffLimits,
): BlockWords {
  if (limits.timeoutMs > 0 && oldText.length <= limits.maxChars && newText.length <= limits.maxChars) {
    const changes = diffWords(oldText, newText, { intlSegmenter: segmenter, timeout: limits.timeoutMs });
    const ops = changes && recut(oldText, newText, changes);
    if (ops) return { words: normalize(ops), coarse: false };
  }
  return { words: replaceWhole(oldText, newText), coarse: true };
}

/** The coarse but always valid diff: the whole old text out, the whole new text in. */
export function replaceWhole(oldText: string, newText: string): WordOp[] {
  const ops: WordOp[] = [];
  append(ops, 'delete', oldText);
  append(ops, 'insert', newText);
  return ops;
}

/**
 * Walks both texts along jsdiff's changes, matching their non-whitespace characters one by
 * one. Returns undefined if they ever disagree (then the caller falls back to coarse).
 */
function recut(oldText: string, newText: string, changes: Change[]): WordOp[] | undefined {
  const ops: WordOp[] = [];
  let o = 0;
  let n = 0;
  for (const change of changes) {
    const core = change.value.replace(ALL_WHITESPACE, '');
    const oldEnd = change.added ? o : skipCore(oldText, o, core);
    const newEnd = change.removed ? n : skipCore(newText, n, core);
    if (oldEnd < 0 || newEnd < 0) return undefined;
    if (change.added) append(ops, 'insert', newText.slice(n, newEnd));
    else if (change.removed) append(ops, 'delete', oldText.slice(o, oldEnd));
    else if (!appendKept(ops, oldText.slice(o, oldEnd), newText.slice(n, newEnd))) return undefined;
    o = oldEnd;
    n = newEnd;
  }
  // Only whitespace may remain after the last word.
  return appendKept(ops, oldText.slice(o), newText.slice(n)) ? ops : undefined;
}

/** End of the shortest stretch from `start` whose non-whitespace characters are `core`, or -1. */
function skipCore(text: string, start: number, core: string): number {
  let i = start;
  for (let k = 0; k < core.length; i++) {
    if (i >= text.length) return -1;
    if (WHITESPACE.test(text[i])) continue;
    if (text[i] !== core[k]) return -1;
    k++;
  }
  return i;
}

/** Kept text: same non-whitespace characters on both sides, whitespace runs may differ. */
function appendKept(ops: WordOp[], oldPart: string, newPart: string): boolean {
  if (oldPart === newPart) {
    append(ops, 'equal', oldPart);
    return true;
  }
  let i = 0;
  let j = 0;
  while (i < oldPart.length || j < newPart.length) {
    const oldSpace = whitespaceEnd(oldPart, i);
    const newSpace = whitespaceEnd(newPart, j);
    appendSpace(ops, oldPart.slice(i, oldSpace), newPart.slice(j, newSpace));
    i = oldSpace;
    j = newSpace;
    let k = 0;
    while (
      i + k < oldPart.length &&
      j + k < newPart.length &&
      !WHITESPACE.test(oldPart[i + k]) &&
      oldPart[i + k] === newPart[j + k]
    ) {
      k++;
    }
    if (k === 0 && (i < oldPart.length || j < newPart.length)) return false;
    append(ops, 'equal', oldPart.slice(i, i + k));
    i += k;
    j += k;
  }
  return true;
}

function appendSpace(ops: WordOp[], oldSpace: string, newSpace: string): void {
  if (oldSpace === newSpace) {
    append(ops, 'equal', oldSpace);
  } else {
    append(ops, 'delete', oldSpace);
    append(ops, 'insert', newSpace);
  }
}

function whitespaceEnd(text: string, start: number): number {
  let i = start;
  while (i < text.length && WHITESPACE.test(text[i])) i++;
  return i;
}

function append(ops: WordOp[], op: WordOp['op'], text: string): void {
  if (!text) return;
  const last = ops[ops.length - 1];
  if (last && last.op === op) last.text += text;
  else ops.push({ op, text });
}

/**
 * One delete then one insert between kept runs, and whitespace common to both moved out to
 * the kept runs, so `данные` → `сведения` reads as exactly those two words.
 */
function normalize(ops: WordOp[]): WordOp[] {
  const out: WordOp[] = [];
  let deleted = '';
  let inserted = '';
  const flush = (): void => {
    const lead = deleted && inserted ? commonWhitespace(deleted, inserted, 1) : '';
    const restDeleted = deleted.slice(lead.length);
    const restInserted = inserted.slice(lead.length);
    const trail = restDeleted && restInserted ? commonWhitespace(restDeleted, restInserted, -1) : '';
    append(out, 'equal', lead);
    append(out, 'delete', restDeleted.slice(0, restDeleted.length - trail.length));
    append(out, 'insert', restInserted.slice(0, restInserted.length - trail.length));
    append(out, 'equal', trail);
    deleted = '';
    inserted = '';
  };
  for (const { op, text } of ops) {
    if (op === 'delete') deleted += text;
    else if (op === 'insert') inserted += text;
    else {
      flush();
      append(out, 'equal', text);
    }
  }
  flush();
  return out;
}

/** Longest whitespace-only common prefix (direction 1) or suffix (direction -1). */
function commonWhitespace(a: string, b: string, direction: 1 | -1): string {
  let k = 0;
  while (k < a.length && k < b.length) {
    const ca = direction === 1 ? a[k] : a[a.length - 1 - k];
    const cb = direction === 1 ? b[k] : b[b.length - 1 - k];
    if (ca !== cb || !WHITESPACE.test(ca)) break;
    k++;
  }
  return direction === 1 ? a.slice(0, k) : a.slice(a.length - k);
}
