import {
  TERM_UNTIL_WITHDRAWN,
  thirdPartyKey,
  unsetTermItems,
  type ConsentTermsDraft,
  type ThirdParty,
  type TermItem,
} from '../../../shared/consent-terms';
import { isSupportedLocale } from '../../../shared/locales';

/**
 * The rules on a version's consent terms (shared/consent-terms.ts): what publication refuses (Law 94-V
 * Art. 8(4)), whether new terms differ materially from the previous version's, and how the terms read in a
 * Kantara Consent Receipt 1.1.
 */

export const ART_8_4_ITEMS: ReadonlyArray<{ item: TermItem; message: string }> = [
  { item: 'operator', message: 'Fill in "operator": the operator\'s name and BIN (or IIN) (Law 94-V Art. 8(4))' },
  { item: 'dataCategories', message: 'Fill in "dataCategories": the list of personal data collected (Law 94-V Art. 8(4))' },
  { item: 'purposes', message: 'Fill in "purposes": at least one purpose the data is collected for (Law 94-V Art. 8(4))' },
  { item: 'term', message: 'Fill in "term": how long the consent lasts (Law 94-V Art. 8(4))' },
  {
    item: 'thirdParties',
    message: 'Fill in "thirdParties": whether the data goes to third parties, an empty list for none (Law 94-V Art. 8(4))',
  },
  {
    item: 'crossBorder',
    message: 'Fill in "crossBorder": the countries the data is transferred to, an empty list for none (Law 94-V Art. 8(4))',
  },
  { item: 'publicSources', message: 'Fill in "publicSources": whether the data is published in public sources (Law 94-V Art. 8(4))' },
  { item: 'storageLocation', message: 'Fill in "storageLocation": the country the database is kept in (Law 94-V Art. 12(2))' },
];

/**
 * What publication must refuse: the Art. 8(4) items the terms leave unset, in the list's order. A policy
 * may opt out of items that do not apply to it (a cookie notice of `publicSources`); unknown keys are ignored.
 */
export function missingTermItems(terms: ConsentTermsDraft | null | undefined, options: { optOut?: string[] } = {}) {
  const unset = new Set(unsetTermItems(terms));
  const optOut = new Set(options.optOut ?? []);
  return ART_8_4_ITEMS.filter(({ item }) => unset.has(item) && !optOut.has(item)).map(({ item, message }) => ({ item, message }));
}

const show = (value: unknown) => (value === undefined ? 'unset' : typeof value === 'string' ? value : JSON.stringify(value));

function compareSets<T>(previous: T[] | undefined, next: T[] | undefined, keyOf: (value: T) => string, describe: (value: T) => string, reasons: string[]) {
  const before = new Map((previous ?? []).map((value) => [keyOf(value), value]));
  const after = new Map((next ?? []).map((value) => [keyOf(value), value]));
  for (const [key, value] of after) if (!before.has(key)) reasons.push(`${describe(value)} added`);
  for (const [key, value] of before) if (!after.has(key)) reasons.push(`${describe(value)} removed`);
}

const describeParty = (party: ThirdParty) => `third party "${party.name}" (${party.country})`;

/**
 * The materiality rule for terms: only wording may change without a new acceptance, and the wording is the
 * purposes' localized titles. Everything else a subject agreed to (purposes and whether each is required,
 * data categories, term, third parties, cross-border transfer, public sources, storage, the operator, the
 * contact for requests) is material, each change with a reason. Lists compare as sets. A first version
 * (no previous terms) is not material by this rule: there is no earlier consent to change.
 */
export function termsDifferMaterially(previous: ConsentTermsDraft | null | undefined, next: ConsentTermsDraft | null | undefined) {
  if (previous == null) return { material: false, reasons: [] as string[] };
  const after = next ?? {};
  const reasons: string[] = [];

  if (previous.operator?.name !== after.operator?.name)
    reasons.push(`operator name ${show(previous.operator?.name)} → ${show(after.operator?.name)}`);
  if (previous.operator?.bin !== after.operator?.bin) reasons.push(`operator BIN ${show(previous.operator?.bin)} → ${show(after.operator?.bin)}`);

  const purposesBefore = new Map((previous.purposes ?? []).map((purpose) => [purpose.id, purpose]));
  compareSets(previous.purposes, after.purposes, (purpose) => purpose.id, (purpose) => `purpose "${purpose.id}"`, reasons);
  for (const purpose of after.purposes ?? []) {
    const before = purposesBefore.get(purpose.id);
    if (before && before.required !== purpose.required)
      reasons.push(`purpose "${purpose.id}" ${purpose.required ? 'optional → required' : 'required → optional'}`);
  }

  compareSets(previous.dataCategories, after.dataCategories, String, (category) => `data category "${category}"`, reasons);
  if (previous.term !== after.term) reasons.push(`term ${show(previous.term)} → ${show(after.term)}`);
  compareSets(previous.thirdParties, after.thirdParties, thirdPartyKey, describeParty, reasons);
  if ((previous.thirdParties === undefined) !== (after.thirdParties === undefined))
    reasons.push(`third parties ${previous.thirdParties === undefined ? 'stated' : 'no longer stated'}`);
  compareSets(previous.crossBorder, after.crossBorder, String, (country) => `cross-border transfer to ${country}`, reasons);
  if ((previous.crossBorder === undefined) !== (after.crossBorder === undefined))
    reasons.push(`cross-border transfer ${previous.crossBorder === undefined ? 'stated' : 'no longer stated'}`);
  if (previous.publicSources !== after.publicSources)
    reasons.push(`publication in public sources ${show(previous.publicSources)} → ${show(after.publicSources)}`);
  if (previous.storageLocation !== after.storageLocation)
    reasons.push(`storage location ${show(previous.storageLocation)} → ${show(after.storageLocation)}`);
  if (previous.contact !== after.contact) reasons.push(`contact ${show(previous.contact)} → ${show(after.contact)}`);

  return { material: reasons.length > 0, reasons };
}

export interface KantaraPurpose {
  purpose: string;
  purposeCategory?: string[];
  consentType: 'EXPLICIT';
  purposeTermination: string;
  thirdPartyDisclosure: boolean;
  thirdPartyName?: string;
  piiCategory: string[];
  primaryPurpose: boolean;
}

export interface KantaraTerms {
  services: Array<{ service: string; purposes: KantaraPurpose[] }>;
  storageLocation?: string;
  operatorBin?: string;
}

/** A purpose's title in `locale`, else in the first locale it has, else its id: a receipt never has a blank purpose. */
const titleIn = (title: { ru?: string; kk?: string; en?: string }, id: string, locale: string | null) =>
  (isSupportedLocale(locale) ? title[locale] : undefined) ?? title.ru ?? title.kk ?? title.en ?? id;

/**
 * The part of a Kantara Consent Receipt 1.1 the terms supply, for an acceptance in `locale`: one service
 * (the policy, named by `service`), its purposes with the data categories, the term and the third parties
 * (Kantara gives every purpose the same disclosure, since the terms name recipients per consent, not per
 * purpose), plus where the data is stored and the operator's BIN, which Kantara has no field for.
 *
 * receipt.ts should spread it into buildReceipt's result, with the terms frozen on the accepted version:
 * `{ ...buildReceipt(record, controller, urlTemplate, logIndex), ...kantaraTerms(terms, record.locale, record.policy ?? 'policy') }`.
 * A purpose the subject refused stays out of the receipt by passing only the accepted ones in `terms.purposes`.
 */
export function kantaraTerms(terms: ConsentTermsDraft, locale: string | null, service = 'policy'): KantaraTerms {
  const thirdParties = terms.thirdParties ?? [];
  const thirdPartyName = thirdParties.map((party) => `${party.name} (${party.country})`).join('; ');
  const purposes = (terms.purposes ?? []).map(
    (purpose): KantaraPurpose => ({
      purpose: titleIn(purpose.title, purpose.id, locale),
      purposeCategory: [purpose.id],
      consentType: 'EXPLICIT',
      purposeTermination: terms.term === TERM_UNTIL_WITHDRAWN ? 'until withdrawn' : terms.term ?? 'unspecified',
      thirdPartyDisclosure: thirdParties.length > 0,
      ...(thirdPartyName ? { thirdPartyName } : {}),
      piiCategory: [...(terms.dataCategories ?? [])],
      primaryPurpose: purpose.required,
    })
  );
  return {
    services: [{ service, purposes }],
    ...(terms.storageLocation ? { storageLocation: terms.storageLocation } : {}),
    ...(terms.operator?.bin ? { operatorBin: terms.operator.bin } : {}),
  };
}
