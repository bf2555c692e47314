import { checkPublication, checkRelease, type PublicationInput } from '../../server/src/domain/publication-rules';

const now = new Date('2025-03-10T12:00:00.000Z');
const ms = (date: Date, delta: number): Date => new Date(date.getTime() + delta);
const DAY = 24 * 60 * 60 * 1000;

const complete = { title: 'Политика', body: '# Политика\n\n1.1. Текст' };

function input(overrides: Partial<PublicationInput> = {}): PublicationInput {
  return {
    bodies: { ru: complete, kk: { title: 'Саясат', body: 'Мәтін' }, en: { title: 'Policy', body: 'Text' } },
    requiredLocales: ['ru', 'kk'],
    effectiveAt: null,
    now,
    material: false,
    minNoticeDays: 30,
    lastEffectiveAt: null,
    ...overrides,
  };
}

function problemsOf(overrides: Partial<PublicationInput>) {
  const result = checkPublication(input(overrides));
  if (result.ok) throw new Error('expected problems');
  return result.problems;
}

describe('checkPublication: accepted', () => {
  it('takes effect now when no effective date is given', () => {
    expect(checkPublication(input())).toEqual({ ok: true, effectiveAt: now });
  });

  it('accepts an effective date exactly now', () => {
    expect(checkPublication(input({ effectiveAt: new Date(now) }))).toEqual({ ok: true, effectiveAt: now });
  });

  it('accepts a future effective date and returns it', () => {
    const effectiveAt = new Date('2025-04-01T00:00:00.000Z');
    expect(checkPublication(input({ effectiveAt }))).toEqual({ ok: true, effectiveAt });
  });

  it('accepts the first millisecond after the last effective date', () => {
    const lastEffectiveAt = new Date('2025-04-01T00:00:00.000Z');
    expect(checkPublication(input({ effectiveAt: ms(lastEffectiveAt, 1), lastEffectiveAt })).ok).toBe(true);
  });

  it('accepts a material change exactly at the end of the notice period', () => {
    expect(checkPublication(input({ material: true, effectiveAt: ms(now, 30 * DAY) })).ok).toBe(true);
  });

  it('does not ask for notice of a non-material change or when no notice is configured', () => {
    expect(checkPublication(input({ material: false, minNoticeDays: 30 })).ok).toBe(true);
    expect(checkPublication(input({ material: true, minNoticeDays: 0 })).ok).toBe(true);
  });

  it('only requires the required locales', () => {
    expect(checkPublication(input({ bodies: { ru: complete }, requiredLocales: ['ru'] })).ok).toBe(true);
  });
});

describe('checkPublication: missing locales', () => {
  it('names every locale missing a title or body, and which', () => {
    const problems = problemsOf({
      bodies: { ru: complete, kk: { title: '  ', body: 'Мәтін' }, en: { title: 'Policy', body: null } },
      requiredLocales: ['ru', 'kk', 'en'],
    });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({
      code: 'missing-locale',
      details: { locales: ['kk', 'en'], fields: { kk: ['title'], en: ['body'] } },
    });
    expect(problems[0].message).toBe(
      'Fill in the missing text for every required locale before publishing: kk (title), en (body).',
    );
  });

  it('treats an absent locale and whitespace-only text as missing', () => {
    const [problem] = problemsOf({ bodies: { ru: { title: 'T', body: '\n\t ' } }, requiredLocales: ['ru', 'kk'] });
    expect(problem.details).toEqual({ locales: ['ru', 'kk'], fields: { ru: ['body'], kk: ['title', 'body'] } });
    expect(problem.message).toContain('kk (title and body)');
  });

  it('reports a locale listed twice once', () => {
    const [problem] = problemsOf({ bodies: {}, requiredLocales: ['kk', 'kk'] });
    expect(problem.details.locales).toEqual(['kk']);
  });
});

describe('checkPublication: timing', () => {
  it('rejects an effective date in the past, even by one millisecond', () => {
    const effectiveAt = ms(now, -1);
    const problems = problemsOf({ effectiveAt });
    expect(problems).toEqual([
      {
        code: 'effective-in-past',
        message:
          'The effective date 2025-03-10T11:59:59.999Z is in the past; set it to 2025-03-10T12:00:00.000Z or later, or leave it empty to take effect on publication.',
        details: {
          effectiveAt: '2025-03-10T11:59:59.999Z',
          earliest: '2025-03-10T12:00:00.000Z',
          now: '2025-03-10T12:00:00.000Z',
        },
      },
    ]);
  });

  it('rejects an effective date not after the newest published version', () => {
    const lastEffectiveAt = new Date('2025-04-01T00:00:00.000Z');
    for (const effectiveAt of [lastEffectiveAt, ms(lastEffectiveAt, -1)]) {
      const problems = problemsOf({ effectiveAt, lastEffectiveAt });
      expect(problems.map((p) => p.code)).toEqual(['effective-order']);
      expect(problems[0].message).toBe(
        'The effective date must be after 2025-04-01T00:00:00.000Z, when the newest published version takes effect; set it to 2025-04-01T00:00:00.001Z or later.',
      );
      expect(problems[0].details).toMatchObject({
        earliest: '2025-04-01T00:00:00.001Z',
        lastEffectiveAt: '2025-04-01T00:00:00.000Z',
      });
    }
  });

  it('rejects publishing immediately while a newer version is scheduled', () => {
    const lastEffectiveAt = new Date('2025-04-01T00:00:00.000Z');
    expect(problemsOf({ effectiveAt: null, lastEffectiveAt }).map((p) => p.code)).toEqual(['effective-order']);
  });

  it('rejects a material change inside the notice period and states the earliest instant', () => {
    const problems = problemsOf({ material: true, minNoticeDays: 30, effectiveAt: ms(now, 30 * DAY - 1) });
    expect(problems).toHaveLength(1);
    expect(problems[0].code).toBe('notice-period');
    expect(problems[0].details).toMatchObject({ earliest: '2025-04-09T12:00:00.000Z', minNoticeDays: 30 });
    expect(problems[0].message).toBe(
      'A material change must be announced at least 30 days before it takes effect; set the effective date to 2025-04-09T12:00:00.000Z or later.',
    );
  });

  it('applies the notice period to a material change that would take effect on publication', () => {
    const problems = problemsOf({ material: true, minNoticeDays: 1, effectiveAt: null });
    expect(problems.map((p) => p.code)).toEqual(['notice-period']);
    expect(problems[0].message).toContain('at least 1 day before');
    expect(problems[0].details.earliest).toBe('2025-03-11T12:00:00.000Z');
  });

  it('gives one earliest instant that satisfies every timing rule', () => {
    const lastEffectiveAt = new Date('2025-05-01T00:00:00.000Z');
    const problems = problemsOf({ material: true, minNoticeDays: 30, effectiveAt: ms(now, DAY), lastEffectiveAt });
    expect(problems.map((p) => p.code)).toEqual(['effective-order', 'notice-period']);
    for (const problem of problems) {
      expect(problem.details.earliest).toBe('2025-05-01T00:00:00.001Z');
      expect(problem.message).toContain('2025-05-01T00:00:00.001Z or later');
    }
    const earliest = new Date(problems[0].details.earliest as string);
    expect(checkPublication(input({ material: true, effectiveAt: earliest, lastEffectiveAt })).ok).toBe(true);
  });
});

describe('checkPublication: all problems at once', () => {
  it('returns every problem, not just the first', () => {
    const problems = problemsOf({
      bodies: {},
      material: true,
      effectiveAt: ms(now, -DAY),
      lastEffectiveAt: new Date('2025-03-01T00:00:00.000Z'),
    });
    expect(problems.map((p) => p.code)).toEqual(['missing-locale', 'effective-in-past', 'notice-period']);
    for (const problem of problems) expect(problem.message).toMatch(/^[A-Z].*\.$/);
  });
});

describe('checkPublication: invalid input', () => {
  it.each(['now', 'effectiveAt', 'lastEffectiveAt'] as const)('throws on an invalid %s date', (field) => {
    expect(() => checkPublication(input({ [field]: new Date('not a date') }))).toThrow(RangeError);
  });
});

describe('checkRelease: consent terms', () => {
  const release = (missingTerms: string[], overrides: Partial<PublicationInput> = {}, backfill = false) =>
    checkRelease({ ...input(overrides), missingTerms }, { backfill });

  it('refuses with one problem naming every missing item, in the order given', () => {
    const check = release(['operator', 'term', 'storageLocation']);
    expect(check.ok).toBe(false);
    expect(check.problems).toEqual([
      {
        code: 'missing-consent-terms',
        message: 'Fill in the consent terms Law 94-V Art. 8(4) asks for: "operator", "term", "storageLocation".',
        details: { items: ['operator', 'term', 'storageLocation'] },
      },
    ]);
  });

  it('passes complete terms, and lists the terms problem with the others', () => {
    expect(release([]).ok).toBe(true);
    const check = release(['purposes'], { bodies: { ru: complete } });
    expect(check.problems.map((problem) => problem.code)).toEqual(['missing-consent-terms', 'missing-locale']);
  });

  it('waives missing terms for a backfill, as it waives missing locales, but not the effective order', () => {
    const past = { effectiveAt: ms(now, -DAY), bodies: { ru: complete } };
    expect(release(['operator', 'purposes'], past, true)).toMatchObject({ ok: true, problems: [] });
    const outOfOrder = release(['operator'], { ...past, lastEffectiveAt: now }, true);
    expect(outOfOrder.problems.map((problem) => problem.code)).toEqual(['effective-order']);
  });
});
