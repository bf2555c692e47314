import { renderMarkdown } from '../../server/src/domain/render';
import { checkPublication } from '../../server/src/domain/publication-rules';

type Locale = 'ru' | 'kk' | 'en';

interface LocaleContent {
  title: string;
  body: string;
  changeSummary: string;
}

interface DemoVersion {
  label: string;
  material: boolean;
  effectiveOffsetDays: number;
  locales: Record<Locale, LocaleContent>;
}

interface DemoPolicy {
  key: string;
  titles: Record<Locale, string>;
  versions: DemoVersion[];
}

interface Edit {
  kind: string;
}

interface Revisions {
  demoPolicy(readV1?: (locale: Locale) => string): DemoPolicy;
  deriveRevision(markdown: string, edits: Edit[]): string;
  reword(find: string, replacement: string): Edit;
  addAfter(anchor: string, block: string): Edit;
  remove(anchor: string): Edit;
  move(anchor: string, after: string): Edit;
}

// Plain CommonJS that runs inside the playground Strapi app, so it is loaded as is.
const revisions: Revisions = require('../../playground/demo/revisions.js');

const LOCALES: Locale[] = ['ru', 'kk', 'en'];
const KAZAKH_LETTERS = ['ә', 'ғ', 'қ', 'ң', 'ө', 'ұ', 'ү', 'һ', 'і'];
const DAY = 86_400_000;

const clauseNumbers = (body: string): string[] => [...body.matchAll(/^(\d+(?:\.\d+)+)\. /gm)].map(([, n]) => n);
const clauseText = (body: string, number: string): string | undefined =>
  body.split(/\n{2,}/).find((block) => block.startsWith(`${number}. `));
const compareClauses = (a: string, b: string): number => {
  const [x, y] = [a.split('.').map(Number), b.split('.').map(Number)];
  for (let i = 0; i < Math.max(x.length, y.length); i += 1) {
    if ((x[i] ?? -1) !== (y[i] ?? -1)) return (x[i] ?? -1) - (y[i] ?? -1);
  }
  return 0;
};

describe('demo policy plan', () => {
  const plan = revisions.demoPolicy();
  const [v1, v2, v3] = plan.versions;
  const every = plan.versions.flatMap((version) => LOCALES.map((locale) => [version.label, locale] as const));
  const content = (label: string, locale: Locale): LocaleContent =>
    plan.versions.find((version) => version.label === label)!.locales[locale];

  it('describes one privacy policy with three versions around now, each in ru, kk and en', () => {
    expect(plan.key).toBe('privacy');
    expect(Object.keys(plan.titles).sort()).toEqual(['en', 'kk', 'ru']);
    expect(plan.versions.map((v) => [v.label, v.effectiveOffsetDays, v.material])).toEqual([
      ['v1', -400, false],
      ['v2', -30, false],
      ['v3', 14, true],
    ]);
    for (const version of plan.versions) expect(Object.keys(version.locales).sort()).toEqual(['en', 'kk', 'ru']);
  });

  it.each(every)('%s %s: fills the title, body and change summary', (label, locale) => {
    const { title, body, changeSummary } = content(label, locale);
    expect(title.trim()).not.toBe('');
    expect(body.trim().length).toBeGreaterThan(2500);
    expect(changeSummary.trim()).not.toBe('');
  });

  it.each(every)('%s %s: numbers every clause once, and v2 onwards in order', (label, locale) => {
    const numbers = clauseNumbers(content(label, locale).body);
    expect(numbers.length).toBeGreaterThan(20);
    expect(new Set(numbers).size).toBe(numbers.length);
    if (label !== 'v1') expect([...numbers].sort(compareClauses)).toEqual(numbers);
  });

  it.each(every)('%s %s: renders, with an anchor for every section and clause', (label, locale) => {
    const { body } = content(label, locale);
    const html = renderMarkdown(body);
    const ids = [...html.matchAll(/ id="([^"]+)"/g)].map(([, id]) => id);
    const clauseIds = clauseNumbers(body).map((n) => `clause-${n.split('.').join('-')}`);
    expect(ids.filter((id) => id.startsWith('clause-'))).toEqual(clauseIds);
    expect(html.match(/<h2 id="/g)).toHaveLength(9);
  });

  it.each(LOCALES)('%s: every version differs from the one before', (locale) => {
    expect(v2.locales[locale].body).not.toBe(v1.locales[locale].body);
    expect(v3.locales[locale].body).not.toBe(v2.locales[locale].body);
  });

  it('the locales are translations of one text: the same clauses in every version', () => {
    for (const version of plan.versions) {
      const [ru, kk, en] = LOCALES.map((locale) => clauseNumbers(version.locales[locale].body));
      expect(kk).toEqual(ru);
      expect(en).toEqual(ru);
    }
  });

  it('v1 misprints 5.3 before 5.2, and v2 moves 5.2 back into place in every locale', () => {
    for (const locale of LOCALES) {
      const [before, after] = [v1, v2].map((v) => clauseNumbers(v.locales[locale].body).filter((n) => n.startsWith('5.')));
      expect(before).toEqual(['5.1', '5.3', '5.2']);
      expect(after).toEqual(['5.1', '5.2', '5.3']);
      expect(clauseText(v2.locales[locale].body, '5.2')).toBe(clauseText(v1.locales[locale].body, '5.2'));
    }
  });

  it.each([
    ['ru', 'сайте Компании demo-kompania.example и его поддоменах', 'Компания отвечает на запрос', 'Продолжение использования сайта'],
    ['kk', 'Компанияның demo-kompania.example сайтында', 'Компания сұрауға Заңда белгіленген мерзімде', 'сайтты пайдалануды жалғастыру'],
    ['en', "Company's website demo-kompania.example and its subdomains", 'The Company answers a request', 'Continued use of the website'],
  ] as const)('v2 %s: names the site in 1.3, adds 6.3 on answers, removes 9.3 on acceptance by use', (locale, site, answers, byUse) => {
    const [before, after] = [v1.locales[locale].body, v2.locales[locale].body];
    expect(clauseText(before, '1.3')).not.toContain('demo-kompania.example');
    expect(clauseText(after, '1.3')).toContain(site);
    expect(clauseText(before, '6.3')).toBeUndefined();
    expect(clauseText(after, '6.3')).toContain(answers);
    expect(clauseText(before, '9.3')).toContain(byUse);
    expect(clauseText(after, '9.3')).toBeUndefined();
    expect(after).not.toContain(byUse);
  });

  it.each([
    ['ru', 'не дольше трех лет', 'одного года', 'в личном кабинете', 'Трансграничная передача', 'ИИН'],
    ['kk', 'үш жылдан аспайтын', 'бір жыл', 'жеке кабинеттегі', 'трансшекаралық', 'ЖСН'],
    ['en', 'no longer than three years', 'one year', 'in the Consents section of the personal account', 'across borders', 'IIN'],
  ] as const)('v3 %s: changes retention in 4.2, withdrawal in 5.2, adds 7.3 cross-border, removes 2.3 on the IIN', (locale, oldTerm, newTerm, account, crossBorder, iin) => {
    const [before, after] = [v2.locales[locale].body, v3.locales[locale].body];
    expect(clauseText(before, '4.2')).toContain(oldTerm);
    expect(clauseText(after, '4.2')).not.toContain(oldTerm);
    expect(clauseText(after, '4.2')).toContain(newTerm);
    expect(clauseText(before, '5.2')).not.toContain(account);
    expect(clauseText(after, '5.2')).toContain(account);
    expect(clauseText(after, '5.2')).toContain('privacy@demo-kompania.example');
    expect(clauseText(before, '7.3')).toBeUndefined();
    expect(clauseText(after, '7.3')).toContain(crossBorder);
    expect(clauseText(before, '2.3')).toContain(iin);
    expect(clauseText(after, '2.3')).toBeUndefined();
    expect(after).not.toContain(iin);
  });

  it.each([
    ['v2', ['1.3', '5.2', '5.3', '6.3', '9.3']],
    ['v3', ['2.3', '4.2', '5.2', '7.3']],
  ])('%s: every change summary names the clauses it changed', (label, clauses) => {
    for (const locale of LOCALES) {
      const named = content(label, locale).changeSummary.match(/\d+\.\d+/g);
      expect([...new Set(named)].sort()).toEqual(clauses);
    }
  });

  it.each(plan.versions.map((v) => [v.label, v.locales.kk.body] as const))('%s: writes the Kazakh text in Kazakh', (_, kk) => {
    const body = kk.toLowerCase();
    expect(KAZAKH_LETTERS.filter((letter) => !body.includes(letter))).toEqual([]);
    expect(body).toContain('№ 94-v');
    expect(body).toMatch(/^## 1\. /);
  });

  it('passes the publication rules: the required ru and kk, the order of dates, v3 as a scheduled material change', () => {
    const now = new Date();
    let lastEffectiveAt: Date | null = null;
    for (const version of plan.versions) {
      const effectiveAt = new Date(now.getTime() + version.effectiveOffsetDays * DAY);
      const check = checkPublication({
        bodies: version.locales,
        requiredLocales: ['ru', 'kk'],
        effectiveAt,
        now,
        material: version.material,
        minNoticeDays: 14,
        lastEffectiveAt,
      });
      // The seed backfills versions already in force, which waives only the checks about the past.
      const problems = check.ok ? [] : check.problems.map((problem) => problem.code);
      expect(problems).toEqual(version.effectiveOffsetDays < 0 ? ['effective-in-past'] : []);
      lastEffectiveAt = effectiveAt;
    }
  });
});

describe('deriveRevision', () => {
  const { deriveRevision, reword, addAfter, remove, move } = revisions;
  const base = '## 1. A\n\n1.1. First.\n\n1.2. Second.\n';

  it('rewords, adds after and removes whole blocks', () => {
    expect(deriveRevision(base, [reword('First.', 'First, reworded.')])).toBe('## 1. A\n\n1.1. First, reworded.\n\n1.2. Second.\n');
    expect(deriveRevision(base, [addAfter('1.1.', '1.1.1. Child.')])).toBe('## 1. A\n\n1.1. First.\n\n1.1.1. Child.\n\n1.2. Second.\n');
    expect(deriveRevision(base, [remove('1.2.')])).toBe('## 1. A\n\n1.1. First.\n');
  });

  it('moves a block to just after another, forwards and backwards', () => {
    expect(deriveRevision(base, [move('1.2.', '## 1.')])).toBe('## 1. A\n\n1.2. Second.\n\n1.1. First.\n');
    expect(deriveRevision(base, [move('1.1.', '1.2.')])).toBe('## 1. A\n\n1.2. Second.\n\n1.1. First.\n');
    expect(deriveRevision(base, [move('## 1.', '1.2.')])).toBe('1.1. First.\n\n1.2. Second.\n\n## 1. A\n');
  });

  it('throws when the text to edit is missing or ambiguous', () => {
    expect(() => deriveRevision(base, [reword('Third.', 'x')])).toThrow(/exactly once/);
    expect(() => deriveRevision(base, [remove('1.3.')])).toThrow(/exactly once/);
    expect(() => deriveRevision(base, [addAfter('1.', 'x')])).toThrow(/exactly once/);
  });

  it('throws when either anchor of a move is missing or ambiguous, or both name one block', () => {
    expect(() => deriveRevision(base, [move('1.3.', '1.1.')])).toThrow(/move expects a block containing the anchor exactly once: "1\.3\."/);
    expect(() => deriveRevision(base, [move('1.2.', '1.3.')])).toThrow(/exactly once: "1\.3\."/);
    expect(() => deriveRevision(base, [move('1.2.', '1.')])).toThrow(/exactly once: "1\."/);
    expect(() => deriveRevision(base, [move('1.1.', 'First')])).toThrow(/two different blocks/);
  });

  it('throws when the edits change nothing', () => {
    expect(() => deriveRevision(base, [])).toThrow(/unchanged/);
    expect(() => deriveRevision(base, [reword('First.', 'First.')])).toThrow(/unchanged/);
    expect(() => deriveRevision(base, [move('1.1.', '## 1.')])).toThrow(/unchanged/);
  });

  it('throws when a v1 text no longer holds the clause a revision edits', () => {
    const original = revisions.demoPolicy().versions[0].locales;
    const changed = (locale: Locale): string =>
      locale === 'kk' ? original.kk.body.replace('5.2. Пайдаланушы келісімін', '5.4. Пайдаланушы келісімін') : original[locale].body;
    expect(() => revisions.demoPolicy(changed)).toThrow(/5\.2\. Пайдаланушы келісімін/);
  });
});
