/**
 * Splits Markdown (or the plain text policies are often pasted as) into blocks, losslessly.
 *
 * A block is a heading line, a list item, a line starting with a clause number, or a run of
 * lines up to a blank line. Everything between blocks (line breaks, blank lines) is kept in
 * the block's `sep`, so joining `lead + text + sep ...` gives back the input exactly.
 */
import type { BlockSide, BlockType } from '../../../../shared/contracts/diff';

const BLANK_LINE = /^[ \t]*$/;
const HEADING = /^ {0,3}(#{1,6})(?:[ \t]+|$)/;
/** `•` and `●` are not Markdown, but pasted policies use them as bullets. */
const BULLET = /^[ \t]*[-*+•●▪◦](?:[ \t]+|$)/;
const INDENT = /^[ \t]*/;
/**
 * `1.1`, `1.1.1.`, `2.4.`, `1.1\.` (escaped so Markdown does not see a list), or a
 * one-level `1.` / `1)` / `1\.`. Parts have at most 3 digits so a date like `21.05.2013`
 * or a year is not taken for a clause.
 */
const CLAUSE = /^(?:\d{1,3}(?:\\?\.\d{1,3})+(?:\\?[.)])?|\d{1,9}\\?[.)])(?=[\s\p{L}«"“„(]|$)/u;
/** A one-level `1.` or `1)` followed by a space is a Markdown ordered-list item. */
const ORDERED_MARKER = /^\d{1,9}[.)](?:[ \t]|$)/;

/** Where the structure of a block's first line ends and its content begins. */
export interface BlockHead {
  type: BlockType;
  level?: number;
  /** Offset of the text shown as content: after `## ` or `- `, or after the indentation. */
  contentStart: number;
  clause?: { text: string; start: number; end: number };
}

export function parseBlockHead(text: string): BlockHead {
  const heading = HEADING.exec(text);
  if (heading) {
    const contentStart = heading[0].length;
    return { type: 'heading', level: heading[1].length, contentStart, clause: clauseAt(text, contentStart) };
  }
  const bullet = BULLET.exec(text);
  if (bullet) {
    const contentStart = bullet[0].length;
    return { type: 'list-item', contentStart, clause: clauseAt(text, contentStart) };
  }
  const contentStart = INDENT.exec(text)![0].length;
  const clause = clauseAt(text, contentStart);
  const ordered = clause !== undefined && ORDERED_MARKER.test(text.slice(contentStart));
  return { type: ordered ? 'list-item' : 'paragraph', contentStart, clause };
}

function clauseAt(text: string, start: number): BlockHead['clause'] {
  const match = CLAUSE.exec(text.slice(start, start + 40));
  return match ? { text: match[0], start, end: start + match[0].length } : undefined;
}

/** The block's text without its clause number: equal keys with different numbers mean renumbered. */
export function blockKey(text: string, head: BlockHead): string {
  return head.clause ? text.slice(0, head.clause.start) + text.slice(head.clause.end) : text;
}

export interface SplitText {
  /** Whitespace before the first block. */
  lead: string;
  blocks: BlockSide[];
  /** Parallel to `blocks`. */
  heads: BlockHead[];
}

/** A line that opens a new block even without a blank line before it. */
function opensBlock(line: string): boolean {
  if (HEADING.test(line) || BULLET.test(line)) return true;
  const indent = INDENT.exec(line)![0].length;
  return clauseAt(line, indent) !== undefined;
}

export function splitBlocks(markdown: string): SplitText {
  const spans: Array<{ start: number; end: number }> = [];
  let current: { start: number; end: number } | undefined;
  let currentIsHeading = false;
  let pos = 0;
  while (pos < markdown.length) {
    const newline = markdown.indexOf('\n', pos);
    const lineEnd = newline < 0 ? markdown.length : newline;
    // A CR before the LF belongs to the line break (kept in `sep`), not to the block text.
    const contentEnd = newline > pos && markdown[newline - 1] === '\r' ? newline - 1 : lineEnd;
    const line = markdown.slice(pos, contentEnd);
    if (BLANK_LINE.test(line)) {
      current = undefined;
    } else if (current && !currentIsHeading && !opensBlock(line)) {
      current.end = contentEnd;
    } else {
      current = { start: pos, end: contentEnd };
      currentIsHeading = HEADING.test(line);
      spans.push(current);
    }
    pos = newline < 0 ? markdown.length : newline + 1;
  }

  const blocks: BlockSide[] = [];
  const heads: BlockHead[] = [];
  spans.forEach((span, index) => {
    const text = markdown.slice(span.start, span.end);
    const sepEnd = index + 1 < spans.length ? spans[index + 1].start : markdown.length;
    const head = parseBlockHead(text);
    const side: BlockSide = { index, text, sep: markdown.slice(span.end, sepEnd), type: head.type };
    if (head.level !== undefined) side.level = head.level;
    if (head.clause) side.clause = head.clause.text;
    blocks.push(side);
    heads.push(head);
  });
  return { lead: spans.length ? markdown.slice(0, spans[0].start) : markdown, blocks, heads };
}
