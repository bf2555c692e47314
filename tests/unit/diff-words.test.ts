import { diffWords } from 'diff';
import { diffPolicies, type WordOp } from '../../server/src/domain/diff';
import { chunkBounds, countWords, wordSegmenter } from '../../server/src/domain/diff/segmenter';
import { diffBlockWords } from '../../server/src/domain/diff/words';

const LIMITS = { timeoutMs: 1000, maxChars: 10_000 };

function changedWords(before: string, after: string, locale: 'ru' | 'kk' | 'en'): WordOp[] {
  return diffBlockWords(before, after, wordSegmenter(locale), LIMITS).words.filter((op) => op.op !== 'equal');
}

describe('word diff', () => {
  it('replaces данные by сведения as two whole words, where the default tokenizer makes letter salad', () => {
    const before = 'Пользователь передаёт свои данные Администрации.';
    const after = 'Пользователь передаёт свои сведения Администрации.';
    expect(changedWords(before, after, 'ru')).toEqual([
      { op: 'delete', text: 'данные' },
      { op: 'insert', text: 'сведения' },
    ]);
    // What the issue is about: without a segmenter jsdiff splits Cyrillic into letters.
    expect(diffWords(before, after).filter((change) => change.added || change.removed).length).toBeGreaterThan(2);
  });

  it.each([
    ['деректерді', 'мәліметтерді'],
    ['өңдеу', 'қорғау'],
    ['тұлғаларға', 'ұйымдарға'],
    ['шаһар', 'үшін'],
    ['Қазақстан', 'Республикасы'],
  ])('replaces the Kazakh word %s by %s as whole words', (from, to) => {
    const before = `Біз ${from} сақтаймыз.`;
    const after = `Біз ${to} сақтаймыз.`;
    expect(changedWords(before, after, 'kk')).toEqual([
      { op: 'delete', text: from },
      { op: 'insert', text: to },
    ]);
  });

  it('keeps whitespace-only edits as their own ops', () => {
    const ops = diffBlockWords('a  b\nc', 'a b c', wordSegmenter('en'), LIMITS).words;
    expect(ops.filter((op) => op.op === 'equal').map((op) => op.text.trim())).toEqual(['a', 'b', 'c']);
    expect(ops.filter((op) => op.op !== 'insert').map((op) => op.text).join('')).toBe('a  b\nc');
    expect(ops.filter((op) => op.op !== 'delete').map((op) => op.text).join('')).toBe('a b c');
  });

  it('goes coarse (whole block replaced) when the block is too long or no time is left', () => {
    const long = 'слово '.repeat(3000);
    expect(diffBlockWords(long, `${long}ещё`, wordSegmenter('ru'), LIMITS)).toEqual({
      coarse: true,
      words: [
        { op: 'delete', text: long },
        { op: 'insert', text: `${long}ещё` },
      ],
    });
    expect(diffBlockWords('a b', 'a c', wordSegmenter('en'), { timeoutMs: 0, maxChars: 100 }).coarse).toBe(true);
  });

  it('marks a coarse block in the result and the summary', () => {
    const before = `1. ${'слово '.repeat(50)}`;
    const after = `1. ${'слово '.repeat(49)}иное`;
    const result = diffPolicies(before, after, 'ru', { maxBlockChars: 100 });
    expect(result.blocks[0]).toMatchObject({ kind: 'changed', coarse: true });
    expect(result.summary.coarse).toBe(1);
    expect(result.summary.wordsDeleted).toBe(51);
  });
});

describe('word segmenter', () => {
  it('is created once per locale', () => {
    expect(wordSegmenter('kk')).toBe(wordSegmenter('kk'));
    expect(wordSegmenter('kk')).not.toBe(wordSegmenter('ru'));
  });

  it('cuts long text into pieces before whitespace and finds the same words as one segment() call', () => {
    const text = 'Жеке деректерді өңдеу,  қорғау және сақтау. '.repeat(200);
    const bounds = [...chunkBounds(text)];
    expect(bounds.length).toBeGreaterThan(10);
    expect(bounds.map(([start, end]) => text.slice(start, end)).join('')).toBe(text);
    for (const [start] of bounds.slice(1)) expect(text[start]).toMatch(/\s/);
    const native = [...new Intl.Segmenter('kk', { granularity: 'word' }).segment(text)];
    expect([...wordSegmenter('kk').segment(text)].map((s) => [s.segment, s.index])).toEqual(
      native.map((s) => [s.segment, s.index]),
    );
    expect(countWords(text, wordSegmenter('kk'))).toBe(native.filter((s) => s.isWordLike).length);
  });
});
