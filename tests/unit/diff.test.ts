// @shared-fixtures: reads ../shared/fixtures/policies (npm test skips this file, saying so, where it is absent).
import { applyDiff, diffPolicies, diffPoliciesAsync } from '../../server/src/domain/diff';
import { expectLossless, fixture, Lines, touched, words } from './diff-support';

describe('diffPolicies on a revision of ru-reco-kz.txt', () => {
  const before = fixture('ru-reco-kz.txt');
  const lines = new Lines(before);
  const addedClause = '4.1.9. Проведения опросов и исследований с согласия Пользователя.';
  const addedBullet = '5) дату рождения Пользователя.';
  const deletedClause = lines.line('7.2.3.');
  const after = lines
    // A word replaced: данные → сведения.
    .replace('5.2. Персональные данные', lines.line('5.2. Персональные данные').replace('данные', 'сведения'))
    // A clause inserted.
    .insertAfter('4.1.8.', addedClause)
    // A clause deleted.
    .remove('7.2.3.')
    // A clause moved, number and text untouched.
    .move('6.2. Пользователи', '9.3.')
    // The second of the duplicated 2.4. clauses renumbered.
    .replace('2.4. Администрация сайта не проверяет', lines.line('2.4. Администрация сайта не проверяет').replace('2.4.', '2.5.'))
    // A bullet list: one item edited, one added.
    .replace('4) место жительство', '4) место жительства Пользователя.')
    .insertAfter('4) место жительства', addedBullet)
    .toString();
  const result = diffPolicies(before, after, 'ru');

  it('reports exactly the edits made, everything else unchanged', () => {
    expect(touched(result)).toEqual([
      ['renumbered', '2.5. Администрация сайта'],
      ['changed', '4) место жительства Поль'],
      ['inserted', addedBullet.slice(0, 24)],
      ['inserted', addedClause.slice(0, 24)],
      ['changed', '5.2. Персональные сведен'],
      ['deleted', deletedClause.slice(0, 24)],
      ['moved', '6.2. Пользователи в любо'],
    ]);
    const total = result.blocks.length;
    expect(result.summary).toEqual({
      added: 2,
      removed: 1,
      changed: 2,
      moved: 1,
      renumbered: 1,
      unchanged: total - 7,
      wordsInserted: 2 + words(addedClause, 'ru') + words(addedBullet, 'ru'),
      wordsDeleted: 2 + words(deletedClause, 'ru'),
      coarse: 0,
    });
  });

  it('diffs the edited blocks word by word', () => {
    const edited = result.blocks.filter((block) => block.kind === 'changed');
    expect(edited.map((block) => block.words!.filter((op) => op.op !== 'equal'))).toEqual([
      [
        { op: 'delete', text: 'жительство' },
        { op: 'insert', text: 'жительства' },
      ],
      [
        { op: 'delete', text: 'данные' },
        { op: 'insert', text: 'сведения' },
      ],
    ]);
    const renumbered = result.blocks.find((block) => block.kind === 'renumbered')!;
    expect(renumbered.words!.filter((op) => op.op !== 'equal')).toEqual([
      { op: 'delete', text: '2.4.' },
      { op: 'insert', text: '2.5.' },
    ]);
    expect(renumbered.old!.clause).toBe('2.4.');
    expect(renumbered.new!.clause).toBe('2.5.');
  });

  it('keeps where a moved clause came from', () => {
    const moved = result.blocks.find((block) => block.kind === 'moved')!;
    expect(moved.words).toBeUndefined();
    expect(moved.old!.text).toBe(moved.new!.text);
    expect(moved.new!.index).toBeGreaterThan(moved.old!.index);
  });

  it('is lossless, and applyDiff turns the old text into the new one', () => {
    expectLossless(result, before, after);
    expect(applyDiff(before, result)).toBe(after);
    expect(() => applyDiff(`${before} `, result)).toThrow('not computed from this text');
  });

  it('gives the same result asynchronously', async () => {
    expect(await diffPoliciesAsync(before, after, 'ru')).toEqual(result);
  });
});

describe('diffPolicies on a Kazakh policy', () => {
  const before = [
    '# Құпиялылық саясаты',
    '',
    '## 1. Жалпы ережелер',
    '',
    '1.1. Осы саясат пайдаланушының жеке деректерін өңдеу тәртібін белгілейді.',
    '1.2. Біз сіздің деректеріңізді үшінші тұлғаларға бермейміз.',
    '1.3. Деректер шаһар орталығындағы серверде сақталады.',
    '',
    '## 2. Пайдаланушының құқықтары',
    '',
    '- Деректерге қол жеткізу;',
    '- деректерді жою.',
    '',
  ].join('\n');

  it('edits a sentence word by word, Kazakh letters inside whole words', () => {
    const after = before
      .replace('сіздің деректеріңізді үшінші тұлғаларға бермейміз', 'сіздің мәліметтеріңізді үшінші тұлғаларға ешқашан бермейміз')
      .replace('шаһар орталығындағы', 'қала орталығындағы');
    const result = diffPolicies(before, after, 'kk');
    expectLossless(result, before, after);
    expect(touched(result).map(([kind]) => kind)).toEqual(['changed', 'changed']);
    const [first, second] = result.blocks.filter((block) => block.kind === 'changed');
    expect(first.words).toEqual([
      { op: 'equal', text: '1.2. Біз сіздің ' },
      { op: 'delete', text: 'деректеріңізді' },
      { op: 'insert', text: 'мәліметтеріңізді' },
      { op: 'equal', text: ' үшінші тұлғаларға' },
      { op: 'insert', text: ' ешқашан' },
      { op: 'equal', text: ' бермейміз.' },
    ]);
    expect(second.words).toEqual([
      { op: 'equal', text: '1.3. Деректер ' },
      { op: 'delete', text: 'шаһар' },
      { op: 'insert', text: 'қала' },
      { op: 'equal', text: ' орталығындағы серверде сақталады.' },
    ]);
    expect(result.summary).toMatchObject({ changed: 2, wordsInserted: 3, wordsDeleted: 2, added: 0, removed: 0 });
  });

  it('sees a renumbered heading and list items as structure', () => {
    const after = before.replace('## 2. Пайдаланушының', '## 3. Пайдаланушының');
    const result = diffPolicies(before, after, 'kk');
    expect(touched(result)).toEqual([['renumbered', '## 3. Пайдаланушының құқ']]);
    expect(result.blocks[0].new).toMatchObject({ type: 'heading', level: 1 });
    expect(result.blocks.find((block) => block.kind === 'renumbered')!.new).toMatchObject({
      type: 'heading',
      level: 2,
      clause: '3.',
    });
    expect(result.blocks.at(-1)!.new).toMatchObject({ type: 'list-item', text: '- деректерді жою.', sep: '\n' });
  });
});

describe('diffPolicies on en-estimation-kz.txt (lists numbered 1., 2. that restart)', () => {
  const before = fixture('en-estimation-kz.txt');

  it('an item inserted into the first list renumbers the following items, nothing moves', () => {
    const numbered = before.split('\n');
    const first = numbered.findIndex((line) => line.startsWith('  2. Last name'));
    // Items 3..12 of the first list become 4..13; the stray "    5. Legal Basis" keeps its number.
    for (let i = first + 1; i < numbered.length && !numbered[i].startsWith('\u00a0') && numbered[i] !== ''; i++) {
      numbered[i] = numbered[i].replace(/^ {2}(\d+)\./, (_, n: string) => `  ${Number(n) + 1}.`);
    }
    numbered.splice(first + 1, 0, '  3. Postal address.');
    const after = numbered.join('\n');
    const result = diffPolicies(before, after, 'en');
    expectLossless(result, before, after);
    expect(result.summary).toMatchObject({ added: 1, removed: 0, changed: 0, moved: 0, renumbered: 10, coarse: 0 });
    expect(touched(result).map(([kind]) => kind)).toEqual(['inserted', ...Array(10).fill('renumbered')]);
  });

  it('the first item of the last list deleted renumbers the rest, nothing moves', () => {
    const numbered = before.split('\n');
    const first = numbered.findIndex((line) => line.startsWith('  1. Cross-border Transfer'));
    for (let i = first + 1; i < numbered.length && numbered[i] !== ''; i++) {
      numbered[i] = numbered[i].replace(/^ {2}(\d+)\./, (_, n: string) => `  ${Number(n) - 1}.`);
    }
    numbered.splice(first, 1);
    const after = numbered.join('\n');
    const result = diffPolicies(before, after, 'en');
    expectLossless(result, before, after);
    expect(result.summary).toMatchObject({ added: 0, removed: 1, changed: 0, moved: 0, renumbered: 10, coarse: 0 });
  });

  it('finds nothing to report between the text and itself', () => {
    const result = diffPolicies(before, before, 'en');
    expect(result.blocks.every((block) => block.kind === 'unchanged')).toBe(true);
    expect(result.summary.unchanged).toBe(result.blocks.length);
  });
});

describe('diffPolicies across languages', () => {
  it('en-ecooptimum-kz.txt against ru-reco-kz.txt (one template, two languages) ends with a valid, lossless result', async () => {
    const before = fixture('en-ecooptimum-kz.txt');
    const after = fixture('ru-reco-kz.txt');
    const result = await diffPoliciesAsync(before, after, 'ru');
    expectLossless(result, before, after);
    const { summary, blocks } = result;
    const olds = blocks.filter((block) => block.old).length;
    const news = blocks.filter((block) => block.new).length;
    const both = summary.unchanged + summary.renumbered + summary.changed + summary.moved;
    expect(olds).toBe(both + summary.removed);
    expect(news).toBe(both + summary.added);
    expect(summary.added).toBeGreaterThan(0);
  });
});

describe('diffPolicies input checks', () => {
  it('rejects a locale it has no segmenter for', () => {
    expect(() => diffPolicies('a', 'b', 'de' as 'en')).toThrow(RangeError);
  });

  it('handles empty and whitespace-only texts', () => {
    for (const [before, after] of [
      ['', ''],
      ['', 'A.'],
      ['A.', ''],
      ['\n\n', ' \n'],
      ['\n\nA.\n', 'A.'],
    ]) {
      expectLossless(diffPolicies(before, after, 'en'), before, after);
    }
  });
});
