/**
 * Public, JSON-serialisable shape of a policy diff (schema 1).
 *
 * The result is lossless: every character of both inputs is held in exactly one
 * place (`lead`, a block side's `text` or `sep`), so `oldText(result)` and
 * `newText(result)` give back the inputs byte for byte.
 */

import type { PolicyLocale } from '../locales';

/** Markdown structure of a block, enough to render it recognisably. */
export type BlockType = 'heading' | 'list-item' | 'paragraph';

/** One block (heading, list item, clause or paragraph) as it stands in one of the two texts. */
export interface BlockSide {
  /** 0-based position of the block among the blocks of its own text. */
  index: number;
  /** Exact source text of the block, without the line break that ends it. */
  text: string;
  /**
   * Exact whitespace between this block and the next one (or the end of the text):
   * `"\n"` between list items, `"\n\n"` between paragraphs, `""` at the very end.
   * A change here alone does not make a block changed.
   */
  sep: string;
  type: BlockType;
  /** Heading level 1-6, only for `type: 'heading'`. */
  level?: number;
  /**
   * Clause number as written, e.g. `"1."`, `"1.1"`, `"1.1.1."`, `"2.4."`, `"1.1\\."`, `"3)"`.
   * Absent when the block does not start with one.
   */
  clause?: string;
}

/** A piece of a changed block: kept, inserted or deleted text (whitespace included, exact). */
export interface WordOp {
  op: 'equal' | 'insert' | 'delete';
  text: string;
}

/**
 * How a block of the new text relates to the old text:
 * - `unchanged`: same text (the separator after it may differ);
 * - `renumbered`: same text once the clause number is removed, different number;
 * - `changed`: edited in place (paired by position and similarity);
 * - `inserted` / `deleted`: only in the new / old text;
 * - `moved`: same text (up to the clause number) at another place;
 * - `moved-changed`: edited and moved.
 */
export type BlockKind =
  | 'unchanged'
  | 'renumbered'
  | 'changed'
  | 'inserted'
  | 'deleted'
  | 'moved'
  | 'moved-changed';

export interface DiffBlock {
  kind: BlockKind;
  /** The block in the old text; absent for `inserted`. */
  old?: BlockSide;
  /** The block in the new text; absent for `deleted`. */
  new?: BlockSide;
  /**
   * Word-level operations turning `old.text` into `new.text`, for `changed`, `moved-changed`,
   * `renumbered` and a `moved` block whose number changed. Equal + delete ops spell
   * `old.text`, equal + insert ops spell `new.text`.
   */
  words?: WordOp[];
  /**
   * True when the word diff was too costly (block too long, or a time budget ran out) and
   * `words` is the whole old text deleted and the whole new text inserted.
   */
  coarse?: boolean;
}

/** Counts for a change log line or an e-mail to users. */
export interface DiffSummary {
  /** Blocks only in the new text. */
  added: number;
  /** Blocks only in the old text. */
  removed: number;
  /** Blocks edited in place. */
  changed: number;
  /** Blocks moved, edited or not (`moved` + `moved-changed`). */
  moved: number;
  /** Blocks whose only change is their clause number. */
  renumbered: number;
  unchanged: number;
  /**
   * Words (as the locale's `Intl.Segmenter` sees them) in inserted text: insert ops of
   * changed blocks plus whole inserted blocks. Clause numbers changed by renumbering are not counted.
   */
  wordsInserted: number;
  /** Same as `wordsInserted`, for deleted text. */
  wordsDeleted: number;
  /** Blocks whose `words` are coarse (see `DiffBlock.coarse`), plus 1 if the block alignment was cut short. */
  coarse: number;
}

export interface DiffResult {
  schema: 1;
  locale: PolicyLocale;
  summary: DiffSummary;
  /** Whitespace before the first block of each text (usually empty). */
  lead: { old: string; new: string };
  /**
   * Blocks in reading order: the new text's order, with deleted blocks where they stood
   * in the old text. A moved block appears once, where it now stands; `old.index` says
   * where it came from.
   */
  blocks: DiffBlock[];
}
