/*
 * The items a consent must name under Law 94-V Art. 8(4), and which of them a draft leaves unset. Apart from
 * consent-terms.ts (which re-exports them) because that module brings zod, which the admin's browser bundle must
 * not: the admin and the server share this one list and this one check.
 */

/** The items a consent must name; `contact` is not one (Art. 8(4) does not ask for it). */
export const TERM_ITEMS = ['operator', 'dataCategories', 'purposes', 'term', 'thirdParties', 'crossBorder', 'publicSources', 'storageLocation'] as const;
export type TermItem = (typeof TERM_ITEMS)[number];

/** The fields of consent terms the check reads (a ConsentTermsDraft is one). */
export interface TermItemFields {
  operator?: { name?: string; bin?: string };
  dataCategories?: readonly unknown[];
  purposes?: readonly unknown[];
  term?: string;
  thirdParties?: readonly unknown[];
  crossBorder?: readonly unknown[];
  publicSources?: boolean;
  storageLocation?: string;
}

/** The items a draft has not filled in: absent, an operator without name or BIN, no data categories or purposes. */
export function unsetTermItems(terms: TermItemFields | null | undefined): TermItem[] {
  const draft = terms ?? {};
  return TERM_ITEMS.filter((item) => {
    switch (item) {
      case 'operator':
        return !draft.operator?.name || !draft.operator.bin;
      case 'dataCategories':
      case 'purposes':
        return !draft[item]?.length;
      default:
        return draft[item] === undefined;
    }
  });
}
