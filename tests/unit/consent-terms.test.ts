import { consentTermsDraft, isCompleteTerms, type ConsentTermsDraft } from '../../shared/consent-terms';
import { ART_8_4_ITEMS, kantaraTerms, missingTermItems, termsDifferMaterially } from '../../server/src/domain/consent-terms';

const terms: ConsentTermsDraft = {
  operator: { name: 'ТОО «Пример»', bin: '123456789012' },
  dataCategories: ['full name', 'e-mail', 'phone'],
  purposes: [
    { id: 'service', required: true, title: { ru: 'Оказание услуг', kk: 'Қызмет көрсету', en: 'Providing the service' } },
    { id: 'marketing', required: false, title: { ru: 'Рассылка', en: 'Newsletters' } },
  ],
  term: 'P3Y',
  thirdParties: [{ name: 'Courier LLP', country: 'KZ' }],
  crossBorder: [],
  publicSources: false,
  storageLocation: 'KZ',
  contact: 'privacy@example.kz',
};

/** The first issue's message and path, for a draft with `patch` over the good terms. */
const problem = (patch: Record<string, unknown>) => {
  const result = consentTermsDraft.safeParse({ ...terms, ...patch });
  if (result.success) throw new Error(`accepted ${JSON.stringify(patch)}`);
  const [issue] = result.error.issues;
  return { path: issue!.path.join('.'), message: issue!.message };
};

describe('consentTermsDraft', () => {
  it('accepts complete terms, partial drafts and an empty draft', () => {
    expect(consentTermsDraft.parse(terms)).toEqual(terms);
    expect(consentTermsDraft.safeParse({ term: 'until-withdrawn', crossBorder: [] }).success).toBe(true);
    expect(consentTermsDraft.safeParse({ operator: { name: 'X' } }).success).toBe(true);
    expect(consentTermsDraft.safeParse({}).success).toBe(true);
    for (const term of ['P6M', 'P1Y6M', 'P30D', 'P2W']) expect(consentTermsDraft.safeParse({ term }).success).toBe(true);
  });

  it.each([
    [{ operator: { name: 'X', bin: '12345' } }, 'operator.bin', /BIN or IIN: 12 digits/],
    [{ operator: { name: '', bin: '123456789012' } }, 'operator.name', /must not be empty/],
    [{ operator: { name: 'x'.repeat(201) } }, 'operator.name', /at most 200 characters/],
    [{ term: 'P0Y' }, 'term', /ISO 8601 duration/],
    [{ term: 'PT1H' }, 'term', /ISO 8601 duration/],
    [{ term: '3 years' }, 'term', /"term"/],
    [{ purposes: [{ id: 'Marketing', required: true, title: {} }] }, 'purposes.0.id', /slug/],
    [{ purposes: [{ id: 'a', required: 'yes', title: {} }] }, 'purposes.0.required', /"purposes.0.required" must be true or false/],
    [{ purposes: [{ id: 'a', required: true, title: { de: 'x' } }] }, 'purposes.0.title', /Unknown field "purposes.0.title.de"/],
    [{ purposes: [{ id: 'a', required: true, title: {} }, { id: 'a', required: false, title: {} }] }, 'purposes.1', /"purposes" lists the purpose "a" twice/],
    [{ thirdParties: [{ name: 'X', country: 'Russia' }] }, 'thirdParties.0.country', /ISO 3166-1 alpha-2/],
    [{ crossBorder: ['ru'] }, 'crossBorder.0', /"crossBorder.0" must be an ISO 3166-1 alpha-2/],
    [{ crossBorder: 'RU' }, 'crossBorder', /"crossBorder" must be a list/],
    [{ dataCategories: Array.from({ length: 51 }, (_, i) => `c${i}`) }, 'dataCategories', /at most 50 items/],
    [{ dataCategories: ['\ud800'] }, 'dataCategories.0', /well-formed Unicode/],
    [{ publicSources: 'no' }, 'publicSources', /"publicSources" must be true or false/],
    [{ storageLocation: 'kz' }, 'storageLocation', /"storageLocation"/],
    [{ retention: 'P1Y' }, '', /Unknown field "retention"/],
  ])('refuses %j naming the field', (patch, path, message) => {
    const found = problem(patch);
    expect(found.path).toBe(path);
    expect(found.message).toMatch(message);
  });

  it('refuses what is not an object', () => {
    expect(consentTermsDraft.safeParse('terms').error?.issues[0]?.message).toMatch(/must be an object/);
  });
});

describe('missingTermItems', () => {
  it('finds nothing missing in complete terms', () => {
    expect(missingTermItems(terms)).toEqual([]);
    expect(isCompleteTerms(terms)).toBe(true);
  });

  it('lists every item for no terms, in order, with the article', () => {
    const missing = missingTermItems(null);
    expect(missing.map(({ item }) => item)).toEqual(ART_8_4_ITEMS.map(({ item }) => item));
    expect(missing.find(({ item }) => item === 'term')?.message).toBe('Fill in "term": how long the consent lasts (Law 94-V Art. 8(4))');
  });

  it('treats empty lists by what they mean', () => {
    const draft = { ...terms, dataCategories: [], purposes: [], thirdParties: [], crossBorder: [] };
    expect(missingTermItems(draft).map(({ item }) => item)).toEqual(['dataCategories', 'purposes']);
    expect(isCompleteTerms(draft)).toBe(false);
  });

  it('wants both the operator name and the BIN', () => {
    expect(missingTermItems({ ...terms, operator: { name: 'X' } }).map(({ item }) => item)).toEqual(['operator']);
  });

  it('lets a policy opt out of an item', () => {
    const { publicSources: _, ...cookies } = terms;
    expect(missingTermItems(cookies).map(({ item }) => item)).toEqual(['publicSources']);
    expect(missingTermItems(cookies, { optOut: ['publicSources'] })).toEqual([]);
  });
});

describe('termsDifferMaterially', () => {
  it('is not material for a first version or the same terms in another order', () => {
    expect(termsDifferMaterially(null, terms)).toEqual({ material: false, reasons: [] });
    const reordered = { ...terms, dataCategories: [...terms.dataCategories!].reverse(), purposes: [...terms.purposes!].reverse() };
    expect(termsDifferMaterially(terms, reordered)).toEqual({ material: false, reasons: [] });
  });

  it('is not material when only purpose titles change', () => {
    const reworded = { ...terms, purposes: terms.purposes!.map((purpose) => ({ ...purpose, title: { ...purpose.title, en: `${purpose.title.en}.` } })) };
    expect(termsDifferMaterially(terms, reworded).material).toBe(false);
  });

  it('names each material change', () => {
    const next: ConsentTermsDraft = {
      ...terms,
      operator: { name: 'ТОО «Пример 2»', bin: '123456789012' },
      purposes: [{ ...terms.purposes![0]!, required: false }, { id: 'analytics', required: false, title: {} }],
      dataCategories: ['full name', 'e-mail', 'IIN'],
      term: 'P1Y',
      thirdParties: [{ name: 'Courier LLP', country: 'KZ' }, { name: 'X', country: 'RU' }],
      crossBorder: ['RU'],
      publicSources: true,
      storageLocation: 'DE',
      contact: 'dpo@example.kz',
    };
    expect(termsDifferMaterially(terms, next)).toEqual({
      material: true,
      reasons: [
        'operator name ТОО «Пример» → ТОО «Пример 2»',
        'purpose "analytics" added',
        'purpose "marketing" removed',
        'purpose "service" required → optional',
        'data category "IIN" added',
        'data category "phone" removed',
        'term P3Y → P1Y',
        'third party "X" (RU) added',
        'cross-border transfer to RU added',
        'publication in public sources false → true',
        'storage location KZ → DE',
        'contact privacy@example.kz → dpo@example.kz',
      ],
    });
  });

  it('sees an item stated or unset as a change', () => {
    const { thirdParties: _, ...silent } = terms;
    expect(termsDifferMaterially(terms, { ...terms, thirdParties: [] }).reasons).toEqual(['third party "Courier LLP" (KZ) removed']);
    expect(termsDifferMaterially(silent, { ...silent, thirdParties: [] }).reasons).toEqual(['third parties stated']);
    expect(termsDifferMaterially(terms, { ...terms, term: undefined }).reasons).toEqual(['term P3Y → unset']);
  });
});

describe('kantaraTerms', () => {
  it('maps the terms onto Kantara 1.1 services and purposes', () => {
    expect(kantaraTerms(terms, 'kk', 'privacy')).toEqual({
      services: [
        {
          service: 'privacy',
          purposes: [
            {
              purpose: 'Қызмет көрсету',
              purposeCategory: ['service'],
              consentType: 'EXPLICIT',
              purposeTermination: 'P3Y',
              thirdPartyDisclosure: true,
              thirdPartyName: 'Courier LLP (KZ)',
              piiCategory: ['full name', 'e-mail', 'phone'],
              primaryPurpose: true,
            },
            {
              purpose: 'Рассылка', // no kk title: the first locale it has
              purposeCategory: ['marketing'],
              consentType: 'EXPLICIT',
              purposeTermination: 'P3Y',
              thirdPartyDisclosure: true,
              thirdPartyName: 'Courier LLP (KZ)',
              piiCategory: ['full name', 'e-mail', 'phone'],
              primaryPurpose: false,
            },
          ],
        },
      ],
      storageLocation: 'KZ',
      operatorBin: '123456789012',
    });
  });

  it('says no disclosure without third parties, and reads until-withdrawn', () => {
    const [purpose] = kantaraTerms({ ...terms, thirdParties: [], term: 'until-withdrawn' }, 'en').services[0]!.purposes;
    expect(purpose).toMatchObject({ purpose: 'Providing the service', thirdPartyDisclosure: false, purposeTermination: 'until withdrawn' });
    expect(purpose).not.toHaveProperty('thirdPartyName');
  });

  it('falls back to the id for an untitled purpose and leaves out what is unset', () => {
    const receipt = kantaraTerms({ purposes: [{ id: 'cookies', required: true, title: {} }] }, null);
    expect(receipt).toEqual({
      services: [{ service: 'policy', purposes: [expect.objectContaining({ purpose: 'cookies', purposeTermination: 'unspecified', piiCategory: [] })] }],
    });
  });
});
