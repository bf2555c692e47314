/** Shared test helpers: the fixture policies (also for bench/diff.ts), and checks for the diff engine tests. */
import { readFileSync } from 'fs';
import * as path from 'path';
import { newText, oldText, type BlockKind, type DiffResult } from '../../server/src/domain/diff';

export const FIXTURES = path.resolve(__dirname, '../../../shared/fixtures/policies');

export function fixture(name: string): string {
  return readFileSync(path.join(FIXTURES, name), 'utf8');
}

export const FIXTURE_NAMES = [
  'en-ecooptimum-kz.txt',
  'en-estimation-kz.txt',
  'en-generic-site.txt',
  'ru-company-service.txt',
  'ru-reco-kz.txt',
] as const;

/** Both texts rebuilt exactly, and every block's word ops spell its two sides. */
export function expectLossless(result: DiffResult, before: string, after: string): void {
  expect(oldText(result)).toBe(before);
  expect(newText(result)).toBe(after);
  for (const block of result.blocks) {
    if (!block.words) continue;
    const spelled = (skip: 'insert' | 'delete'): string =>
      block.words!.filter((op) => op.op !== skip).map((op) => op.text).join('');
    expect(spelled('insert')).toBe(block.old!.text);
    expect(spelled('delete')).toBe(block.new!.text);
  }
}

/** Kinds of the blocks that are not unchanged, in reading order, with the new (or old) text's start. */
export function touched(result: DiffResult): Array<[BlockKind, string]> {
  return result.blocks
    .filter((block) => block.kind !== 'unchanged')
    .map((block) => [block.kind, (block.new ?? block.old)!.text.slice(0, 24)]);
}

/** Line-level edits on a fixture: each finds its line by its start, so a wrong start fails loudly. */
export class Lines {
  private readonly lines: string[];

  constructor(text: string) {
    this.lines = text.split('\n');
  }

  find(start: string): number {
    const index = this.lines.findIndex((line) => line.startsWith(start));
    if (index < 0) throw new Error(`No line starts with ${start}`);
    return index;
  }

  line(start: string): string {
    return this.lines[this.find(start)];
  }

  replace(start: string, replacement: string): this {
    this.lines[this.find(start)] = replacement;
    return this;
  }

  insertAfter(start: string, ...added: string[]): this {
    this.lines.splice(this.find(start) + 1, 0, ...added);
    return this;
  }

  remove(start: string): this {
    this.lines.splice(this.find(start), 1);
    return this;
  }

  /** Moves the line to just after the line starting with `after`. */
  move(start: string, after: string): this {
    const [moved] = this.lines.splice(this.find(start), 1);
    return this.insertAfter(after, moved);
  }

  toString(): string {
    return this.lines.join('\n');
  }
}

/** Word-like segments, counted independently of the engine. */
export function words(text: string, locale: string): number {
  return [...new Intl.Segmenter(locale, { granularity: 'word' }).segment(text)].filter((s) => s.isWordLike).length;
}

/** Fixture paragraphs (non-blank lines) in a seeded random order, joined by blank lines, up to `bytes` of UTF-8. */
export function shuffledFixtures(bytes: number, seed: number): string {
  const random = prng(seed);
  const paragraphs = FIXTURE_NAMES.flatMap((name) => fixture(name).split('\n').filter((line) => line.trim()));
  const out: string[] = [];
  for (let length = 0; length < bytes; ) {
    const paragraph = paragraphs[Math.floor(random() * paragraphs.length)];
    out.push(paragraph);
    length += Buffer.byteLength(paragraph) + 2;
  }
  return out.join('\n\n');
}

/** Small seeded PRNG (mulberry32) so random edits are reproducible. */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
