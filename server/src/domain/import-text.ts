export type ImportFormat = 'text' | 'markdown';

type Block =
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'item'; text: string };

type ClauseNumber = number[];

// Clause numbers at a line start: "1.", "1.1", "1.1.1.", also glued to the text ("2.3.Text").
const LEADING_CLAUSE = /^(\d{1,2}(?:\.\d{1,2})*)(\.?)(?=\s|\p{L}|["«“„'])/u;
// Candidates inside a line are multi-level only: a lone "5." or "2013" inside a sentence is never a clause.
const INLINE_CLAUSE = /(?<![\p{L}\p{N}.,])(\d{1,2}(?:\.\d{1,2})+)\.?(?=\s)/gu;
// What must (and must not) come just before an inline candidate. Lookbehinds tested at the candidate alone
// (sticky, lastIndex = its index): the same test on the line up to it read the whole prefix for every
// candidate, which made a long single line quadratic.
const SENTENCE_END = /(?<=[.;:!?…]["'»”’)]*\s+)/uy;
// "п. 5.2." / "No. 3.1." / "cl. 4.2." refer to a clause, they do not start one.
const ABBREVIATION_END = /(?<=(?:^|[\s(])(?:п|пп|ст|ч|гл|разд|no|nos|cl|p|pp|art|sec|para)\.\s+)/iuy;
const BULLET_LINE = /^[●•\-–]\s+/u;
const INLINE_BULLET = /\s+[●•]\s+/u;
const PAREN_ITEM = /^\d{1,2}\)/u;
const TITLE_MAX_CHARS = 60;
const TITLE_MAX_WORDS = 8;

/** Converts a plain-text policy into Markdown whose rendering keeps every word and the clause structure. */
export function plainTextToMarkdown(text: string): string {
  const lines = joinWrappedLines(normalize(text).split('\n'));
  const blocks: Block[] = [];
  let current: ClauseNumber | null = null;

  lines.forEach((line, index) => {
    if (line === null) return;
    const leading = leadingClause(line);
    if (BULLET_LINE.test(line)) {
      blocks.push({ kind: 'item', text: line.replace(BULLET_LINE, '') });
    } else if (PAREN_ITEM.test(line)) {
      blocks.push({ kind: 'item', text: line });
    } else if (isHeading(line, leading, nextLine(lines, index))) {
      blocks.push({ kind: 'heading', text: line });
      current = leading ?? current;
    } else {
      current = leading ?? current;
      for (const segment of splitClauses(line, current)) {
        current = segment.clause ?? current;
        blocks.push(...splitInlineBullets(segment.text));
      }
    }
  });

  return render(blocks);
}

/** Markdown passes through untouched apart from normalization; plain text is converted. */
export function importPolicyText(input: string, format: ImportFormat): string {
  return format === 'markdown' ? input.normalize('NFC').replace(/\r\n/g, '\n') : plainTextToMarkdown(input);
}

export function detectFormat(fileName: string): ImportFormat {
  return /\.(?:md|markdown)$/i.test(fileName) ? 'markdown' : 'text';
}

function normalize(text: string): string {
  return text.normalize('NFC').replace(/\r\n?/g, '\n');
}

/**
 * Trims lines (String#trim also drops no-break spaces, so blank-ish lines become null) and glues a line
 * that starts in lower case onto the line above it: such a line is the rest of a wrapped sentence or title.
 */
function joinWrappedLines(raw: string[]): (string | null)[] {
  const out: (string | null)[] = [];
  for (const rawLine of raw) {
    const line = rawLine.trim();
    const previous = out.length > 0 ? out[out.length - 1] : null;
    if (line === '') out.push(null);
    else if (previous !== null && /^\p{Ll}/u.test(line)) out[out.length - 1] = `${previous} ${line}`;
    else out.push(line);
  }
  return out;
}

function nextLine(lines: (string | null)[], index: number): string | null {
  for (let i = index + 1; i < lines.length; i += 1) {
    const line = lines[i];
    if (line !== null) return line;
  }
  return null;
}

function leadingClause(line: string): ClauseNumber | null {
  const match = LEADING_CLAUSE.exec(line);
  if (!match) return null;
  const parts = match[1].split('.').map(Number);
  // A bare "5" without its dot is a count or a year, not a clause.
  return parts.length === 1 && match[2] === '' ? null : parts;
}

function isHeading(line: string, clause: ClauseNumber | null, next: string | null): boolean {
  if (clause && clause.length > 1) return false;
  const body = clause ? line.replace(LEADING_CLAUSE, '').trim() : line;
  if (body === '') return false;
  if (isUpperCase(body)) return true;
  if (clause) {
    const child = next ? leadingClause(next) : null;
    const introducesChildren = child !== null && child.length === 2 && child[0] === clause[0] && child[1] === 1;
    if (introducesChildren && body.length <= 100) return true;
  }
  return isShortTitle(body);
}

/** At least three letters and none in lower case; the lower-case test goes first, as prose fails it at once. */
function isUpperCase(text: string): boolean {
  return !/\p{Ll}/u.test(text) && /(?:\p{L}\P{L}*){3}/u.test(text);
}

function isShortTitle(text: string): boolean {
  return (
    text.length <= TITLE_MAX_CHARS &&
    text.split(/\s+/).length <= TITLE_MAX_WORDS &&
    /^\p{Lu}/u.test(text) &&
    !/[.;:,!?…]$/u.test(text) &&
    !text.includes(',')
  );
}

/** Next sibling of the clause or of one of its ancestors, or its first child. */
function isSuccessor(previous: ClauseNumber, candidate: ClauseNumber): boolean {
  const firstChild = [...previous, 1];
  if (sameNumber(candidate, firstChild)) return true;
  return previous.some((part, level) => sameNumber(candidate, [...previous.slice(0, level), part + 1]));
}

function sameNumber(a: ClauseNumber, b: ClauseNumber): boolean {
  return a.length === b.length && a.every((part, i) => part === b[i]);
}

/** Splits clauses run together in one line, accepting only numbers that continue the clause sequence. */
function splitClauses(line: string, start: ClauseNumber | null): { text: string; clause: ClauseNumber | null }[] {
  const segments: { text: string; clause: ClauseNumber | null }[] = [];
  let current = start;
  let segmentStart = 0;
  let segmentClause: ClauseNumber | null = null;
  for (const match of line.matchAll(INLINE_CLAUSE)) {
    const at = match.index ?? 0;
    const candidate = match[1].split('.').map(Number);
    if (at === 0 || !current || !endsBefore(SENTENCE_END, line, at) || endsBefore(ABBREVIATION_END, line, at)) continue;
    if (!isSuccessor(current, candidate)) continue;
    segments.push({ text: line.slice(segmentStart, at).trim(), clause: segmentClause });
    segmentStart = at;
    segmentClause = candidate;
    current = candidate;
  }
  segments.push({ text: line.slice(segmentStart).trim(), clause: segmentClause });
  return segments;
}

/** Whether the sticky lookbehind `pattern` holds at `index` of `line`. */
function endsBefore(pattern: RegExp, line: string, index: number): boolean {
  pattern.lastIndex = index;
  return pattern.test(line);
}

function splitInlineBullets(text: string): Block[] {
  const [lead, ...items] = text.split(INLINE_BULLET);
  return [
    { kind: 'paragraph', text: lead },
    ...items.map((item): Block => ({ kind: 'item', text: item })),
  ];
}

function render(blocks: Block[]): string {
  let out = '';
  blocks.forEach((block, i) => {
    if (i > 0) out += block.kind === 'item' && blocks[i - 1].kind === 'item' ? '\n' : '\n\n';
    if (block.kind === 'heading') out += `## ${escapeInline(block.text)}`;
    else if (block.kind === 'item') out += `- ${escapeLine(block.text)}`;
    else out += escapeLine(block.text);
  });
  return `${out}\n`;
}

function escapeInline(text: string): string {
  return text.replace(/[\\`*_[\]<|~#]/g, '\\$&').replace(/&(?=#?[\p{L}\p{N}]+;)/gu, '\\&');
}

/** Escapes inline syntax plus what markdown-it would read as a block marker at the start of a line. */
function escapeLine(text: string): string {
  return escapeInline(text)
    .replace(/^(\d{1,9})([.)])(?=\s|$)/, '$1\\$2')
    .replace(/^[>+\-=]/, '\\$&');
}
