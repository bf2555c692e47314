import { z } from '@strapi/utils';
import { issueField } from './contracts/route';
import { isWellFormed, NOT_WELL_FORMED } from './unicode';

/**
 * What a policy version's consent says beyond its text: the items Law 94-V Art. 8(4) asks a consent to name
 * (operator, term, third parties, cross-border transfer, publication in public sources, the data), the
 * purposes a subject accepts one by one, and where the data is stored (Art. 12(2)). Field names follow the
 * Kantara Consent Receipt 1.1 and ISO/IEC TS 27560 where they have one.
 *
 * Editors fill the terms in gradually, so a draft may lack any field; whatever is present is validated.
 * Publication refuses terms that lack an item (server/src/domain/consent-terms.ts, missingTermItems).
 */

export const MAX_NAME_CHARS = 200;
export const MAX_CONTACT_CHARS = 500;
export const MAX_LIST_ITEMS = 50;

const field = (issue: { path?: readonly PropertyKey[] }) => `"${issueField(issue)}"`;

/** A schema's own words for its type errors, so a 400 names the field even without the controllers' wording. */
const typed = (expected: string) => ({
  error: (issue: { path?: readonly PropertyKey[]; input?: unknown }) =>
    issue.input === undefined ? `${field(issue)} is required` : `${field(issue)} must be ${expected}`,
});

const name = (max = MAX_NAME_CHARS) =>
  z
    .string(typed('a string'))
    .min(1, { error: (issue) => `${field(issue)} must not be empty` })
    .max(max, { error: (issue) => `${field(issue)} must be at most ${max} characters` })
    .refine(isWellFormed, { error: (issue) => `${field(issue)} ${NOT_WELL_FORMED}` });

const list = <Item extends z.ZodType>(item: Item) =>
  z.array(item, typed('a list')).max(MAX_LIST_ITEMS, { error: (issue) => `${field(issue)} must have at most ${MAX_LIST_ITEMS} items` });

/** A list whose items `keyOf` tells apart; a repeated one is refused, since the lists compare as sets. */
const unique = <Item extends z.ZodType>(
  listName: string,
  item: Item,
  keyOf: (value: z.output<Item>) => string,
  label: (value: z.output<Item>) => string
) =>
  list(item).superRefine((values, ctx) => {
    const seen = new Set<string>();
    values.forEach((value, index) => {
      const key = keyOf(value);
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: [index], message: `"${listName}" lists ${label(value)} twice` });
      seen.add(key);
    });
  });

const strict = <Shape extends z.ZodRawShape>(shape: Shape) =>
  z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `Unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((key) => `"${[...(issue.path ?? []), key].join('.')}"`).join(', ')}`
        : typed('an object').error(issue),
  });

/** ISO 3166-1 alpha-2 by its form (two capital letters): the registry itself is not checked. */
export const countryCode = z
  .string(typed('a string'))
  .regex(/^[A-Z]{2}$/, { error: (issue) => `${field(issue)} must be an ISO 3166-1 alpha-2 country code such as KZ` });

/** A BIN (legal entities) or IIN (individuals, sole proprietors): both are 12 digits. */
export const operatorBin = z.string(typed('a string')).regex(/^\d{12}$/, { error: (issue) => `${field(issue)} must be a BIN or IIN: 12 digits` });

export const purposeId = z
  .string(typed('a string'))
  .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, { error: (issue) => `${field(issue)} must be a slug: lowercase letters, digits and hyphens, at most 64` });

export const TERM_UNTIL_WITHDRAWN = 'until-withdrawn';
// Years, months, weeks, days: a consent lasts calendar time, never hours; an all-zero duration is refused below.
const DURATION = /^P(?:(\d{1,3})Y)?(?:(\d{1,4})M)?(?:(\d{1,4})W)?(?:(\d{1,5})D)?$/;

/** How long the consent lasts: an ISO 8601 duration (`P3Y`, `P1Y6M`, `P30D`) or `until-withdrawn`. */
export const consentTerm = z.string(typed('a string')).refine(
  (value) => {
    if (value === TERM_UNTIL_WITHDRAWN) return true;
    const parts = DURATION.exec(value);
    return parts !== null && parts.slice(1).some((part) => part !== undefined && Number(part) > 0);
  },
  { error: (issue) => `${field(issue)} must be an ISO 8601 duration such as P3Y, P6M, P1Y6M or P30D, or "${TERM_UNTIL_WITHDRAWN}"` }
);

export const purposeTitle = strict({ ru: name().optional(), kk: name().optional(), en: name().optional() });

export const consentPurpose = strict({
  id: purposeId,
  /** A required purpose is the one a subject cannot refuse and still accept the policy. */
  required: z.boolean(typed('true or false')),
  title: purposeTitle,
});

export const thirdParty = strict({ name: name(), country: countryCode });

export const consentTermsDraft = strict({
  operator: strict({ name: name().optional(), bin: operatorBin.optional() }).optional(),
  dataCategories: unique('dataCategories', name(), (category) => category, (category) => `"${category}"`).optional(),
  purposes: unique('purposes', consentPurpose, (purpose) => purpose.id, (purpose) => `the purpose "${purpose.id}"`).optional(),
  term: consentTerm.optional(),
  /** An empty list says "no third parties"; absent says nothing yet. */
  thirdParties: unique('thirdParties', thirdParty, thirdPartyKey, (party) => `the third party "${party.name}" (${party.country})`).optional(),
  /** Countries the data crosses the border to; an empty list says "none". */
  crossBorder: unique('crossBorder', countryCode, (country) => country, (country) => country).optional(),
  /** Whether the data is published in public sources. */
  publicSources: z.boolean(typed('true or false')).optional(),
  storageLocation: countryCode.optional(),
  /** Where subjects send requests and withdrawals: an e-mail address or a postal address. */
  contact: name(MAX_CONTACT_CHARS).optional(),
});

export type ConsentTermsDraft = z.infer<typeof consentTermsDraft>;
export type ConsentPurpose = z.infer<typeof consentPurpose>;
export type ThirdParty = z.infer<typeof thirdParty>;

import { TERM_ITEMS, unsetTermItems, type TermItem } from './consent-items';

export { TERM_ITEMS, unsetTermItems, type TermItem };

/** Terms with every item filled in. */
export type ConsentTerms = Omit<ConsentTermsDraft, TermItem | 'operator'> & {
  operator: { name: string; bin: string };
} & Required<Pick<ConsentTermsDraft, Exclude<TermItem, 'operator'>>>;

/** Name and country identify a third party: the same company in two countries is two recipients. */
export function thirdPartyKey(party: ThirdParty) {
  return `${party.name}\u0000${party.country}`;
}

export const isCompleteTerms = (terms: ConsentTermsDraft | null | undefined): terms is ConsentTerms => unsetTermItems(terms).length === 0;
