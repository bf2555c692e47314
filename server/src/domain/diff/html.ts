/**
 * HTML views of a diff. Policy text is user input: every piece of it goes through
 * `escapeHtml`, and the Markdown structure (headings, list items, paragraphs) is rebuilt
 * from the block type, never by passing text through as markup. Inline Markdown
 * (emphasis, links) is shown as written.
 */
import { parseBlockHead } from './blocks';
import type { BlockSide, DiffBlock, DiffResult, WordOp } from '../../../../shared/contracts/diff';
import type { PolicyLocale } from '../../../../shared/locales';

export interface SideBySideOptions {
  /** Column headings; default by locale ("Прежняя редакция" / "Новая редакция" for ru). */
  oldLabel?: string;
  newLabel?: string;
}

const LABELS: Record<PolicyLocale, { old: string; new: string }> = {
  ru: { old: 'Прежняя редакция', new: 'Новая редакция' },
  kk: { old: 'Бұрынғы редакция', new: 'Жаңа редакция' },
  en: { old: 'Previous version', new: 'New version' },
};

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char]);
}

/**
 * One column: each block in reading order as `<div class="pv-block pv-block--KIND">`, edits as
 * `<ins class="pv-ins">` / `<del class="pv-del">`. A moved block stands at its new place with
 * `data-move-from` (its old index); where it used to be, a `pv-block--move-source` block with
 * `data-move-to` (its new index) shows the old text struck through.
 */
export function renderInlineRedline(result: DiffResult): string {
  const parts = readingRows(result).map(({ block, source }) => {
    if (source) return wrap(block, 'move-source', element(block.old!, struck(block.old!)));
    const side = block.new ?? block.old!;
    let inner: string;
    if (block.kind === 'inserted') inner = marked('ins', content(side));
    else if (block.kind === 'deleted') inner = marked('del', content(side));
    else if (block.words) inner = renderOps(block, ['equal', 'delete', 'insert']);
    else inner = content(side);
    return wrap(block, block.kind, element(side, inner));
  });
  return `<div class="pv-diff pv-diff--inline" lang="${escapeHtml(result.locale)}">\n${parts.join('\n')}\n</div>`;
}

/** A `<table class="pv-diff-table">`: old text left, new text right, one row per block. */
export function renderSideBySide(result: DiffResult, options: SideBySideOptions = {}): string {
  const labels = LABELS[result.locale] ?? LABELS.en;
  const oldLabel = escapeHtml(options.oldLabel ?? labels.old);
  const newLabel = escapeHtml(options.newLabel ?? labels.new);
  const rows = readingRows(result).map(({ block, source }) => {
    if (source) {
      const moved = block.words ? renderOps(block, ['equal', 'delete']) : content(block.old!);
      return row(block, 'move-source', element(block.old!, moved), '');
    }
    const words = block.words;
    const oldCell = !block.old || block.kind.startsWith('moved')
      ? ''
      : element(block.old, words ? renderOps(block, ['equal', 'delete']) : block.kind === 'deleted' ? struck(block.old) : content(block.old));
    const newCell = !block.new
      ? ''
      : element(block.new, words ? renderOps(block, ['equal', 'insert']) : block.kind === 'inserted' ? marked('ins', content(block.new)) : content(block.new));
    return row(block, block.kind, oldCell, newCell);
  });
  return (
    `<table class="pv-diff-table" lang="${escapeHtml(result.locale)}">\n` +
    `<thead><tr><th class="pv-old">${oldLabel}</th><th class="pv-new">${newLabel}</th></tr></thead>\n` +
    `<tbody>\n${rows.join('\n')}\n</tbody>\n</table>`
  );
}

interface Row {
  block: DiffBlock;
  /** The empty place a moved block left behind. */
  source: boolean;
}

/** Blocks in reading order, plus one row per moved block where it stood in the old text. */
function readingRows(result: DiffResult): Row[] {
  const sources = result.blocks
    .filter((block) => block.kind === 'moved' || block.kind === 'moved-changed')
    .sort((a, b) => a.old!.index - b.old!.index);
  const rows: Row[] = [];
  let next = 0;
  for (const block of result.blocks) {
    if (block.old && block.kind !== 'moved' && block.kind !== 'moved-changed') {
      for (; next < sources.length && sources[next].old!.index < block.old.index; next++) {
        rows.push({ block: sources[next], source: true });
      }
    }
    rows.push({ block, source: false });
  }
  for (; next < sources.length; next++) rows.push({ block: sources[next], source: true });
  return rows;
}

/** Every value is escaped: a stored result read back from a database is input too. */
function attributes(block: DiffBlock, kind: string): string {
  const side = block.new ?? block.old!;
  const attr = (name: string, value: unknown): string => ` ${name}="${escapeHtml(String(value))}"`;
  let attrs = attr('class', `pv-block pv-block--${kind}`);
  if (side.clause) attrs += attr('data-clause', side.clause);
  if (block.old) attrs += attr('data-old-index', block.old.index);
  if (block.new) attrs += attr('data-new-index', block.new.index);
  if (kind === 'moved' || kind === 'moved-changed') attrs += attr('data-move-from', block.old!.index);
  if (kind === 'move-source') attrs += attr('data-move-to', block.new!.index);
  return attrs;
}

function wrap(block: DiffBlock, kind: string, inner: string): string {
  return `<div${attributes(block, kind)}>${inner}</div>`;
}

function row(block: DiffBlock, kind: string, oldCell: string, newCell: string): string {
  return `<tr${attributes(block, kind)}><td class="pv-old">${oldCell}</td><td class="pv-new">${newCell}</td></tr>`;
}

/** The block's Markdown structure around already-escaped inner HTML. */
function element(side: BlockSide, inner: string): string {
  if (side.type === 'heading') {
    const level = Math.min(6, Math.max(1, Math.trunc(Number(side.level)) || 1));
    return `<h${level} class="pv-heading">${inner}</h${level}>`;
  }
  if (side.type === 'list-item') return `<ul class="pv-list"><li>${inner}</li></ul>`;
  return `<p>${inner}</p>`;
}

/** Text after the structure marker (`## `, `- `), clause number set apart. */
function content(side: BlockSide): string {
  const head = parseBlockHead(side.text);
  const clause = head.clause;
  if (!clause) return text(side.text.slice(head.contentStart));
  return (
    text(side.text.slice(head.contentStart, clause.start)) +
    `<span class="pv-clause">${text(clause.text)}</span>` +
    text(side.text.slice(clause.end))
  );
}

function struck(side: BlockSide): string {
  return marked('del', content(side));
}

function marked(tag: 'ins' | 'del', inner: string): string {
  return inner ? `<${tag} class="pv-${tag}">${inner}</${tag}>` : '';
}

/** Word ops of the kinds asked for, structure markers left out. */
function renderOps(block: DiffBlock, kinds: Array<WordOp['op']>): string {
  const oldSkip = block.old ? parseBlockHead(block.old.text).contentStart : 0;
  const newSkip = block.new ? parseBlockHead(block.new.text).contentStart : 0;
  return withoutMarkers(block.words!, oldSkip, newSkip)
    .filter((op) => kinds.includes(op.op))
    .map((op) => (op.op === 'equal' ? text(op.text) : marked(op.op === 'insert' ? 'ins' : 'del', text(op.text))))
    .join('');
}

/** Drops the first `oldSkip` characters of the old side and `newSkip` of the new side. */
function withoutMarkers(ops: WordOp[], oldSkip: number, newSkip: number): WordOp[] {
  const out: WordOp[] = [];
  let o = oldSkip;
  let n = newSkip;
  for (const op of ops) {
    const length = op.text.length;
    let drop: number;
    if (op.op === 'equal') {
      drop = Math.min(length, Math.max(o, n));
      o = Math.max(0, o - length);
      n = Math.max(0, n - length);
    } else if (op.op === 'delete') {
      drop = Math.min(length, o);
      o -= drop;
    } else {
      drop = Math.min(length, n);
      n -= drop;
    }
    if (drop < length) out.push({ op: op.op, text: op.text.slice(drop) });
  }
  return out;
}

/** Escaped text; line breaks inside a block kept visible. */
function text(raw: string): string {
  return escapeHtml(raw).replace(/\r?\n/g, '<br>');
}
