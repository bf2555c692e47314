import { negotiateLocale, normalizeLocale, parseAcceptLanguage, preferredLocale } from '../../server/src/domain/locales';
import { SUPPORTED_LOCALES, type PolicyLocale } from '../../shared/locales';

describe('normalizeLocale', () => {
  it.each([
    ['ru', 'ru'],
    ['RU', 'ru'],
    [' ru-RU ', 'ru'],
    ['ru_KZ', 'ru'],
    ['kk', 'kk'],
    ['kz', 'kk'],
    ['KZ', 'kk'],
    ['kk-KZ', 'kk'],
    ['kk_KZ', 'kk'],
    ['kk-Cyrl-KZ', 'kk'],
    ['kz-KZ', 'kk'],
    ['en', 'en'],
    ['en-US', 'en'],
    ['en-GB', 'en'],
  ])('maps %j to %s', (input, expected) => {
    expect(normalizeLocale(input)).toBe(expected);
  });

  it.each([
    [null],
    [undefined],
    [''],
    ['   '],
    ['de'],
    ['de-KZ'],
    ['kaz'],
    ['r'],
    ['ru-'],
    ['ru RU'],
    ['ru;q=1'],
    ['*'],
    ['constructor'],
    ['__proto__'],
    ['hasOwnProperty'],
  ])('rejects %j', (input) => {
    expect(normalizeLocale(input)).toBeNull();
  });

  it('accepts every supported locale as itself', () => {
    for (const locale of SUPPORTED_LOCALES) expect(normalizeLocale(locale)).toBe(locale);
  });
});

describe('parseAcceptLanguage', () => {
  it('returns nothing for a missing or empty header', () => {
    expect(parseAcceptLanguage(undefined)).toEqual([]);
    expect(parseAcceptLanguage('')).toEqual([]);
  });

  it('sorts by q descending and keeps the header order for equal q', () => {
    expect(parseAcceptLanguage('en;q=0.5, kk-KZ, ru;q=0.9, de, fr;q=0.5')).toEqual([
      { tag: 'kk-KZ', q: 1 },
      { tag: 'de', q: 1 },
      { tag: 'ru', q: 0.9 },
      { tag: 'en', q: 0.5 },
      { tag: 'fr', q: 0.5 },
    ]);
  });

  it('drops q=0 entries, which mean "not acceptable"', () => {
    expect(parseAcceptLanguage('ru;q=0, en;q=0.000, kk;q=0.001')).toEqual([{ tag: 'kk', q: 0.001 }]);
  });

  it('accepts the RFC 9110 qvalue forms', () => {
    expect(parseAcceptLanguage('a;q=1, b;q=1.000, c;q=0., d;q=0.5, e;Q=0.25, f ; q=0.125').map((e) => e.q)).toEqual([
      1, 1, 0.5, 0.25, 0.125,
    ]);
  });

  it.each([
    'ru;q=1.5',
    'ru;q=1.001',
    'ru;q=0.0001',
    'ru;q=-0.5',
    'ru;q=abc',
    'ru;q=',
    'ru;q=.5',
    'ru;q=0.5;q=0.4',
    'ru;level=1',
    'ru;',
    'r u',
    'ru!',
    '<script>',
    'toolongsubtag',
  ])('drops the malformed entry %j', (entry) => {
    expect(parseAcceptLanguage(`${entry}, en;q=0.1`)).toEqual([{ tag: 'en', q: 0.1 }]);
  });

  it('tolerates whitespace, empty entries and garbage without throwing', () => {
    expect(parseAcceptLanguage(' ,, \t kk ,;;,=,q=1, ru-RU;q=0.8 ,')).toEqual([
      { tag: 'kk', q: 1 },
      { tag: 'ru-RU', q: 0.8 },
    ]);
    expect(() => parseAcceptLanguage('\u0000\uffff;;;===,,,' + '\ud800')).not.toThrow();
  });

  it('keeps the wildcard', () => {
    expect(parseAcceptLanguage('*;q=0.1, en')).toEqual([
      { tag: 'en', q: 1 },
      { tag: '*', q: 0.1 },
    ]);
  });

  it('looks at no more than 20 entries', () => {
    const header = [...Array.from({ length: 20 }, (_, i) => `x${String.fromCharCode(97 + i)};q=0.5`), 'ru'].join(',');
    const parsed = parseAcceptLanguage(header);
    expect(parsed).toHaveLength(20);
    expect(parsed.some((entry) => entry.tag === 'ru')).toBe(false);
  });

  it('handles a very long header quickly', () => {
    const header = 'en;q=0.5,'.repeat(200_000);
    const started = Date.now();
    expect(parseAcceptLanguage(header)).toHaveLength(20);
    expect(Date.now() - started).toBeLessThan(500);
  });
});

describe('negotiateLocale', () => {
  const all: readonly PolicyLocale[] = ['ru', 'kk', 'en'];
  const fallbackOrder: readonly PolicyLocale[] = ['ru', 'en'];

  it('uses the query parameter first, normalized', () => {
    expect(negotiateLocale({ query: 'kk-KZ', acceptLanguage: 'en', fallbackOrder, available: all })).toEqual({
      ok: true,
      requestedLocale: 'kk',
      locale: 'kk',
      fallback: false,
    });
    expect(negotiateLocale({ query: 'KZ', fallbackOrder, available: all })).toMatchObject({ locale: 'kk' });
  });

  it('reports an unsupported query value instead of guessing', () => {
    expect(negotiateLocale({ query: 'de', acceptLanguage: 'en', fallbackOrder, available: all })).toEqual({
      ok: false,
      invalid: 'de',
    });
    expect(negotiateLocale({ query: 'ru;q=1', fallbackOrder, available: all })).toEqual({ ok: false, invalid: 'ru;q=1' });
  });

  it('ignores an empty query and falls through to Accept-Language', () => {
    for (const query of ['', '  ', null, undefined]) {
      expect(negotiateLocale({ query, acceptLanguage: 'en-US', fallbackOrder, available: all })).toMatchObject({
        ok: true,
        requestedLocale: 'en',
      });
    }
  });

  it('takes the highest-q Accept-Language entry that is supported', () => {
    const result = negotiateLocale({
      acceptLanguage: 'de-DE, fr;q=0.9, kk-KZ;q=0.5, en;q=0.7',
      fallbackOrder,
      available: all,
    });
    expect(result).toEqual({ ok: true, requestedLocale: 'en', locale: 'en', fallback: false });
  });

  it('treats the wildcard as the first fallback locale', () => {
    expect(negotiateLocale({ acceptLanguage: 'de, *;q=0.5, en;q=0.1', fallbackOrder: ['kk', 'ru'], available: all }))
      .toMatchObject({ requestedLocale: 'kk', locale: 'kk' });
  });

  it('requests the first fallback locale when nothing else applies', () => {
    expect(negotiateLocale({ fallbackOrder, available: all })).toMatchObject({ requestedLocale: 'ru', fallback: false });
    expect(negotiateLocale({ acceptLanguage: 'de, fr', fallbackOrder: ['en'], available: all })).toMatchObject({
      requestedLocale: 'en',
    });
  });

  it('serves the first available fallback locale when the requested one is missing', () => {
    expect(negotiateLocale({ query: 'kk', fallbackOrder: ['ru', 'en'], available: ['en', 'ru'] })).toEqual({
      ok: true,
      requestedLocale: 'kk',
      locale: 'ru',
      fallback: true,
    });
    expect(negotiateLocale({ query: 'kk', fallbackOrder: ['ru', 'en'], available: ['en'] })).toMatchObject({
      locale: 'en',
      fallback: true,
    });
  });

  it('serves any available locale when no fallback locale is available', () => {
    expect(negotiateLocale({ query: 'ru', fallbackOrder: ['ru'], available: ['en', 'kk'] })).toEqual({
      ok: true,
      requestedLocale: 'ru',
      locale: 'en',
      fallback: true,
    });
  });

  it('serves nothing when no locale is available', () => {
    expect(negotiateLocale({ query: 'ru', fallbackOrder, available: [] })).toEqual({
      ok: true,
      requestedLocale: 'ru',
      locale: null,
      fallback: false,
    });
  });

  it('still has a requested locale with an empty fallback order', () => {
    expect(negotiateLocale({ fallbackOrder: [], available: ['kk'] })).toEqual({
      ok: true,
      requestedLocale: SUPPORTED_LOCALES[0],
      locale: 'kk',
      fallback: true,
    });
  });
});

describe('preferredLocale', () => {
  it.each([
    ['kk-KZ,kk;q=0.9,ru;q=0.8', 'kk'],
    ['de-DE, en-US;q=0.5, ru;q=0.7', 'ru'],
    ['kz', 'kk'],
    ['de, fr;q=0.5', null],
    ['*', null],
    ['', null],
    ['not a tag', null],
  ])('%j prefers %j', (header, expected) => {
    expect(preferredLocale(header)).toBe(expected);
  });

  it('stands the wildcard for the given locale, and takes no header as none', () => {
    expect(preferredLocale('de, *;q=0.5', 'en')).toBe('en');
    expect(preferredLocale(null)).toBeNull();
    expect(preferredLocale(undefined, 'ru')).toBeNull();
  });
});
