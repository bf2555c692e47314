/*
 * Only well-formed Unicode is stored. JSON can carry a lone UTF-16 surrogate ("\ud800"); UTF-8, and so every
 * database, cannot: it is stored as U+FFFD, and whatever was hashed from the string as sent never matches the
 * stored value again (a ledger record then fails verification for good). Every edge refuses such a string
 * with this rule: the contracts' text() strings (shared/contracts/route.ts), ledger metadata through server/src/domain/ledger/metadata.ts.
 */

declare global {
  interface String {
    /** ES2024, in Node 20 and later (engines.node); tsconfig's lib is ES2022. */
    isWellFormed(): boolean;
  }
}

export const isWellFormed = (text: string): boolean => text.isWellFormed();

export const NOT_WELL_FORMED = 'must be well-formed Unicode (it has a lone UTF-16 surrogate)';
