// @shared-fixtures: reads ../shared/fixtures/policies (npm test skips this file, saying so, where it is absent).
import { diffPolicies, diffPoliciesAsync } from '../../server/src/domain/diff';
import { splitBlocks } from '../../server/src/domain/diff/blocks';
import { expectLossless, fixture, shuffledFixtures } from './diff-support';

describe('diff bounds on large and hostile inputs', () => {
  it('two unrelated 500 KB texts: valid, lossless, and the event loop keeps turning', async () => {
    const before = shuffledFixtures(500 * 1024, 1);
    const after = shuffledFixtures(500 * 1024, 2);
    let ticks = 0;
    const probe = setInterval(() => ticks++, 1);
    const result = await diffPoliciesAsync(before, after, 'ru');
    clearInterval(probe);
    expectLossless(result, before, after);
    expect(ticks).toBeGreaterThan(0);
  });

  it('one 300 KB line without a single space: valid and lossless', () => {
    const before = 'я'.repeat(300_000);
    const after = `${'я'.repeat(150_000)}ә${'я'.repeat(150_000)}`;
    const result = diffPolicies(before, after, 'kk');
    expectLossless(result, before, after);
    expect(result.blocks.map((block) => block.kind)).toEqual(['deleted', 'inserted']);
  });

  it('one 360 KB paragraph with a word changed: too long for a word diff, whole block replaced', () => {
    const before = 'слово '.repeat(60_000);
    const after = before.replace('слово слово', 'слово иное');
    const result = diffPolicies(before, after, 'ru');
    expectLossless(result, before, after);
    expect(result.blocks).toHaveLength(1);
    expect(result.blocks[0]).toMatchObject({ kind: 'changed', coarse: true });
    expect(result.summary).toMatchObject({ wordsDeleted: 60_000, wordsInserted: 60_000, coarse: 1 });
  });

  it('20 000 identical list items with one changed in the middle', () => {
    const items = Array.from({ length: 20_000 }, () => '- пункт');
    const before = items.join('\n');
    items[10_000] = '- иной пункт';
    const after = items.join('\n');
    const result = diffPolicies(before, after, 'ru');
    expectLossless(result, before, after);
    expect(result.summary).toMatchObject({ changed: 1, unchanged: 19_999, coarse: 0 });
  });

  it('with no time budget at all the result is coarse but still lossless', () => {
    const before = fixture('ru-reco-kz.txt');
    const after = before.replace(/данные/g, 'сведения').split('\n').reverse().join('\n');
    const result = diffPolicies(before, after, 'ru', { budgetMs: 0 });
    expectLossless(result, before, after);
    expect(result.summary.coarse).toBeGreaterThan(0);
  });
});

describe('block splitting', () => {
  it('splits on blank lines, list items, headings and clause numbers, keeping every separator', () => {
    const text = '\n# Title\nIntro line\ncontinued\n\n- one\n* two\n1) three\n2. four\n\n1.1\\. escaped\n1.1.1. deep\n2.3.Glued\n\n\u00a0\n\n21.05.2013 is a date\n2021 is a year\n';
    const { lead, blocks } = splitBlocks(text);
    expect(lead).toBe('\n');
    expect(blocks.map((b) => [b.type, b.clause ?? null, b.text])).toEqual([
      ['heading', null, '# Title'],
      ['paragraph', null, 'Intro line\ncontinued'],
      ['list-item', null, '- one'],
      ['list-item', null, '* two'],
      ['list-item', '1)', '1) three'],
      ['list-item', '2.', '2. four'],
      ['paragraph', '1.1\\.', '1.1\\. escaped'],
      ['paragraph', '1.1.1.', '1.1.1. deep'],
      ['paragraph', '2.3.', '2.3.Glued'],
      ['paragraph', null, '\u00a0'],
      ['paragraph', null, '21.05.2013 is a date\n2021 is a year'],
    ]);
    expect(lead + blocks.map((b) => b.text + b.sep).join('')).toBe(text);
    expect(blocks[0].level).toBe(1);
  });

  it('finds clause numbers inside headings', () => {
    const [heading] = splitBlocks('## 2. PURPOSES OF PROCESSING').blocks;
    expect(heading).toMatchObject({ type: 'heading', level: 2, clause: '2.' });
  });
});
