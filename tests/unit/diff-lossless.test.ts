// @shared-fixtures: reads ../shared/fixtures/policies (npm test skips this file, saying so, where it is absent).
import {
  applyDiff,
  diffPolicies,
  diffPoliciesAsync,
  renderInlineRedline,
  renderSideBySide,
  type DiffResult,
  type PolicyLocale,
} from '../../server/src/domain/diff';
import { expectLossless, FIXTURE_NAMES, fixture, prng } from './diff-support';

const TEXTS = FIXTURE_NAMES.map((name) => ({ name, text: fixture(name), locale: name.slice(0, 2) as PolicyLocale }));
const ALL_LINES = TEXTS.flatMap(({ text }) => text.split('\n'));

/** One random edit of the kinds an editor makes, whitespace mishaps included. */
function randomEdit(lines: string[], random: () => number): void {
  const pick = (n: number): number => Math.floor(random() * n);
  const at = pick(lines.length);
  switch (pick(9)) {
    case 0:
      lines.splice(at, 1);
      break;
    case 1:
      lines.splice(at, 0, ALL_LINES[pick(ALL_LINES.length)]);
      break;
    case 2: {
      const [moved] = lines.splice(at, 1);
      lines.splice(pick(lines.length + 1), 0, moved);
      break;
    }
    case 3: {
      const words = lines[at]?.split(' ') ?? [];
      const donor = ALL_LINES[pick(ALL_LINES.length)].split(' ');
      if (words.length) words[pick(words.length)] = donor[pick(donor.length)];
      lines[at] = words.join(' ');
      break;
    }
    case 4:
      lines[at] = (lines[at] ?? '').replace(' ', '  ');
      break;
    case 5:
      lines.splice(at, 0, '');
      break;
    case 6:
      lines[at] = `${lines[at] ?? ''}${random() < 0.5 ? ' ' : '\r'}`;
      break;
    case 7:
      lines[at] = (lines[at] ?? '').replace(/\d/, (d) => String((Number(d) + 1) % 10));
      break;
    default:
      if (lines[at] === '') lines.splice(at, 1);
  }
}

/** Counts agree with the blocks, and every block of both texts is there once. */
function expectConsistent(result: DiffResult, before: string, after: string): void {
  expectLossless(result, before, after);
  expect(applyDiff(before, result)).toBe(after);
  const { summary, blocks } = result;
  const count = (...kinds: string[]): number => blocks.filter((block) => kinds.includes(block.kind)).length;
  expect(summary.added).toBe(count('inserted'));
  expect(summary.removed).toBe(count('deleted'));
  expect(summary.changed).toBe(count('changed'));
  expect(summary.moved).toBe(count('moved', 'moved-changed'));
  expect(summary.renumbered).toBe(count('renumbered'));
  expect(summary.unchanged).toBe(count('unchanged'));
  const indices = (side: 'old' | 'new'): number[] =>
    blocks.flatMap((block) => (block[side] ? [block[side]!.index] : [])).sort((a, b) => a - b);
  expect(indices('old')).toEqual([...indices('old').keys()]);
  expect(indices('new')).toEqual([...indices('new').keys()]);
  for (const block of blocks) {
    if (block.kind === 'unchanged') expect(block.new!.text).toBe(block.old!.text);
    if (block.kind === 'changed' || block.kind === 'moved-changed') expect(block.words).toBeDefined();
  }
}

describe('lossless on random revisions of the fixtures', () => {
  it.each(TEXTS.map(({ name }, n) => [name, n]))('%s: 40 revisions of 1 to 8 random edits', (_, n) => {
    const { text, locale } = TEXTS[n as number];
    const random = prng(1000 + (n as number));
    for (let round = 0; round < 40; round++) {
      const lines = text.split('\n');
      const edits = 1 + Math.floor(random() * 8);
      for (let e = 0; e < edits; e++) randomEdit(lines, random);
      const after = lines.join('\n');
      const result = diffPolicies(text, after, locale);
      expectConsistent(result, text, after);
      expect(renderInlineRedline(result)).not.toContain('<script');
      renderSideBySide(result);
    }
  });

  it('every fixture against every other one', () => {
    for (const a of TEXTS) {
      for (const b of TEXTS) expectConsistent(diffPolicies(a.text, b.text, b.locale), a.text, b.text);
    }
  });

  it('fixtures as Markdown paragraphs (each line its own paragraph), with CRLF line ends', () => {
    for (const { text, locale } of TEXTS) {
      const markdown = text.split('\n').join('\n\n');
      const crlf = markdown.replace(/\n/g, '\r\n');
      expectConsistent(diffPolicies(markdown, crlf, locale), markdown, crlf);
      expectConsistent(diffPolicies(text, markdown, locale), text, markdown);
    }
  });

  it('async and sync give the same result', async () => {
    const random = prng(7);
    for (const { text, locale } of TEXTS) {
      const lines = text.split('\n');
      for (let e = 0; e < 5; e++) randomEdit(lines, random);
      const after = lines.join('\n');
      expect(await diffPoliciesAsync(text, after, locale)).toEqual(diffPolicies(text, after, locale));
    }
  });
});
