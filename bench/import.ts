/**
 * Plain-text import benchmark: `npx tsx bench/import.ts`. Prints figures only; nothing is asserted.
 *
 * A policy pasted from a PDF often arrives as one line. Two such lines, each at 450 KB (the size the issue
 * reported), 1 MB (about what koa-body's default JSON limit lets through) and 1,000,000 characters (the
 * importer's own limit):
 *   prose    the five fixture policies with their line breaks turned into spaces, repeated;
 *   figures  "1.1 " over and over, as in a table of numbers: every one is a clause candidate.
 * Each: the first run (cold code paths) and the median of 5 more, and whether every word survived in order.
 */
import MarkdownIt from 'markdown-it';
import { importPolicyText } from '../server/src/domain/import-text';
// The tests' fixture loader, so the bench imports the same texts.
import { FIXTURE_NAMES, fixture } from '../tests/unit/diff-support';

const md = new MarkdownIt({ html: false });
const ms = (value: number): string => `${value.toFixed(0)} ms`;

const words = (text: string): string[] => text.normalize('NFC').match(/[\p{L}\p{N}]+/gu) ?? [];
const renderedWords = (markdown: string): string[] => {
  const html = md.render(markdown).replace(/<[^>]*>/g, ' ').replace(/&(amp|lt|gt|quot|#39);/g, ' ');
  return words(html);
};
const sameWords = (a: string[], b: string[]) => a.length === b.length && a.every((word, i) => word === b[i]);

/** `unit` repeated, after a leading clause number (so inline clauses are looked for), up to `size`. */
function singleLine(unit: string, size: { bytes?: number; chars?: number }): string {
  const unitBytes = Buffer.byteLength(unit);
  const count = size.bytes !== undefined ? Math.ceil(size.bytes / unitBytes) : Math.ceil((size.chars as number) / unit.length);
  const text = `1. ${unit.repeat(count)}`;
  return size.chars !== undefined ? text.slice(0, size.chars) : text;
}

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
}

function main(): void {
  const prose = `${FIXTURE_NAMES.map(fixture).join(' ').replace(/\s*\n\s*/g, ' ')} `;
  const inputs: Array<[string, string]> = [];
  for (const [label, size] of [
    ['450 KB', { bytes: 450 * 1024 }],
    ['1 MB', { bytes: 1024 * 1024 }],
    ['1,000,000 chars', { chars: 1_000_000 }],
  ] as const) {
    inputs.push([`prose, ${label}`, singleLine(prose, size)]);
    inputs.push([`figures, ${label}`, singleLine('1.1 ', size)]);
  }

  const rows: Array<[string, string, string]> = [];
  for (const [label, text] of inputs) {
    let start = performance.now();
    const markdown = importPolicyText(text, 'text');
    const cold = performance.now() - start;
    const warm: number[] = [];
    for (let run = 0; run < 5; run++) {
      start = performance.now();
      importPolicyText(text, 'text');
      warm.push(performance.now() - start);
    }
    const kb = Math.round(Buffer.byteLength(text) / 1024);
    rows.push([
      `${label} (${kb} KB, ${text.length} chars)`,
      `${ms(cold)} cold, ${ms(median(warm))} warm median of 5, words kept ${sameWords(renderedWords(markdown), words(text)) ? 'yes' : 'NO'}`,
      '< 1000 ms',
    ]);
  }

  const width = Math.max(...rows.map(([label]) => label.length));
  const valueWidth = Math.max(...rows.map(([, value]) => value.length));
  console.log(`${'single-line plain-text import'.padEnd(width)}  ${'figure'.padEnd(valueWidth)}  target`);
  for (const [label, value, target] of rows) console.log(`${label.padEnd(width)}  ${value.padEnd(valueWidth)}  ${target}`);
}

main();
