import { plainTextToMarkdown } from '../../server/src/domain/import-text';
import { fixture } from './diff-support';

interface LocaleContent {
  title: string;
  body: string;
  changeSummary: string;
}

interface DemoVersion {
  label: string;
  material: boolean;
  effectiveOffsetDays: number;
  locales: Record<string, LocaleContent>;
}

interface DemoPolicy {
  key: string;
  titles: Record<'ru' | 'kk' | 'en', string>;
  versions: DemoVersion[];
}

interface Edit {
  kind: string;
}

interface Revisions {
  demoPolicy(readFixture: (name: string) => string): DemoPolicy;
  deriveRevision(markdown: string, edits: Edit[]): string;
  reword(find: string, replacement: string): Edit;
  addAfter(anchor: string, block: string): Edit;
  remove(anchor: string): Edit;
}

// Plain CommonJS that runs inside the playground Strapi app, so it is loaded as is.
const revisions: Revisions = require('../../playground/demo/revisions.js');

const readFixture = (name: string): string => plainTextToMarkdown(fixture(name));
const KAZAKH_LETTERS = ['ә', 'ғ', 'қ', 'ң', 'ө', 'ұ', 'ү', 'һ', 'і'];

describe('demo policy plan', () => {
  const plan = revisions.demoPolicy(readFixture);
  const [v1, v2, v3] = plan.versions;

  it('describes one privacy policy with three versions around now', () => {
    expect(plan.key).toBe('privacy');
    expect(Object.keys(plan.titles).sort()).toEqual(['en', 'kk', 'ru']);
    expect(plan.versions.map((v) => [v.label, v.effectiveOffsetDays, v.material])).toEqual([
      ['v1', -400, false],
      ['v2', -30, false],
      ['v3', 14, true],
    ]);
    expect(Object.keys(v1.locales).sort()).toEqual(['en', 'ru']);
    expect(Object.keys(v2.locales).sort()).toEqual(['en', 'kk', 'ru']);
    expect(Object.keys(v3.locales).sort()).toEqual(['en', 'kk', 'ru']);
  });

  it('imports v1 from the ru and en fixtures of one template', () => {
    expect(v1.locales.ru.body).toBe(readFixture('ru-reco-kz.txt'));
    expect(v1.locales.en.body).toBe(readFixture('en-ecooptimum-kz.txt'));
  });

  it('fills every title, body and change summary', () => {
    for (const version of plan.versions) {
      for (const content of Object.values(version.locales)) {
        expect(content.title.trim()).not.toBe('');
        expect(content.body.trim().length).toBeGreaterThan(1000);
        expect(content.changeSummary.trim()).not.toBe('');
      }
    }
  });

  it.each([
    ['v2', 1, ['en', 'ru']],
    ['v3', 2, ['en', 'kk', 'ru']],
  ])('%s differs from the previous version in every locale it shares', (_, index, shared) => {
    const previous = plan.versions[index - 1];
    const compared = Object.entries(plan.versions[index].locales).filter(([locale]) => locale in previous.locales);
    expect(compared.map(([locale]) => locale).sort()).toEqual(shared);
    for (const [locale, content] of compared) {
      expect(content.body).not.toBe(previous.locales[locale].body);
    }
  });

  it('revises real clauses: reworded, added and removed', () => {
    expect(v2.locales.ru.body.match(/^2\.4\. /gm)).toHaveLength(1);
    expect(v2.locales.ru.body).toContain('2.5. Администрация сайта не проверяет');
    expect(v2.locales.ru.body).not.toContain('3.6. Вся информация');
    expect(v2.locales.en.body).not.toContain('sultandent.kz');
    expect(v3.locales.ru.body).toContain('5.6. Персональные данные хранятся');
    expect(v3.locales.ru.body).not.toContain('без ограничения срока');
    expect(v3.locales.en.body).toContain('5.6. Personal data is stored in a database located in the Republic of Kazakhstan.');
    expect(v3.locales.en.body).not.toContain('3.3.2. ');
    expect(v3.locales.kk.body).toContain('трансшекаралық');
    expect(v3.locales.kk.body).not.toContain('2.2. ');
  });

  it('writes the Kazakh texts in Kazakh', () => {
    for (const version of [v2, v3]) {
      const body = version.locales.kk.body.toLowerCase();
      expect(KAZAKH_LETTERS.filter((letter) => !body.includes(letter))).toEqual([]);
      expect(body).toContain('94-v');
      expect(body).toMatch(/^## 1\. /);
    }
  });
});

describe('deriveRevision', () => {
  const { deriveRevision, reword, addAfter, remove } = revisions;
  const base = '## 1. A\n\n1.1. First.\n\n1.2. Second.\n';

  it('rewords, adds after and removes whole blocks', () => {
    expect(deriveRevision(base, [reword('First.', 'First, reworded.')])).toBe('## 1. A\n\n1.1. First, reworded.\n\n1.2. Second.\n');
    expect(deriveRevision(base, [addAfter('1.1.', '1.1.1. Child.')])).toBe('## 1. A\n\n1.1. First.\n\n1.1.1. Child.\n\n1.2. Second.\n');
    expect(deriveRevision(base, [remove('1.2.')])).toBe('## 1. A\n\n1.1. First.\n');
  });

  it('throws when the text to edit is missing or ambiguous', () => {
    expect(() => deriveRevision(base, [reword('Third.', 'x')])).toThrow(/exactly once/);
    expect(() => deriveRevision(base, [remove('1.3.')])).toThrow(/exactly once/);
    expect(() => deriveRevision(base, [addAfter('1.', 'x')])).toThrow(/exactly once/);
  });

  it('throws when the edits change nothing', () => {
    expect(() => deriveRevision(base, [])).toThrow(/unchanged/);
    expect(() => deriveRevision(base, [reword('First.', 'First.')])).toThrow(/unchanged/);
  });

  it('throws when a fixture no longer holds the clause a revision edits', () => {
    const changed = (name: string): string => readFixture(name).replace('3.6. Вся информация', '3.5. Вся информация');
    expect(() => revisions.demoPolicy(changed)).toThrow(/3\.6\. Вся информация/);
  });
});
