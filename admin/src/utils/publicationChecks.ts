import type { PolicyLocale, VersionRecord } from '../api/types';
import type { Translate } from '../hooks/useT';

export type CheckState = 'pass' | 'fail' | 'server';

export interface PublicationCheck {
  code: 'missing-locale' | 'effective-in-past' | 'effective-order' | 'notice-period';
  state: CheckState;
  /** Locales and the fields they lack, for missing-locale. */
  missing?: Array<{ locale: PolicyLocale; fields: Array<'title' | 'body'> }>;
  /** The date a new version must come after, for effective-order. */
  after?: Date;
}

const blank = (value: string | undefined) => !value?.trim();

/** Required locales whose title or body is still empty. */
export const missingLocales = (draft: VersionRecord, required: readonly PolicyLocale[]) =>
  required
    .map((locale) => ({
      locale,
      fields: (['title', 'body'] as const).filter((field) => blank(draft.locales[locale]?.[field])),
    }))
    .filter((entry) => entry.fields.length > 0);

/** The missing fields, as people read them: "RU (Title, Body); KK (Body)". */
export const describeMissing = (missing: ReturnType<typeof missingLocales>, t: Translate) =>
  missing.map((entry) => `${entry.locale.toUpperCase()} (${entry.fields.map((field) => t(`editor.field.${field}`)).join(', ')})`).join('; ');

/**
 * What the confirmation can tell before asking the server: the same rules the server applies, except the
 * notice period, whose length only the server's configuration knows; the server checks all four again.
 */
export function publicationChecks(input: {
  draft: VersionRecord;
  requiredLocales: readonly PolicyLocale[];
  effectiveAt: Date | null;
  lastEffectiveAt: Date | null;
  material: boolean;
  now: Date;
}): PublicationCheck[] {
  const missing = missingLocales(input.draft, input.requiredLocales);
  const at = (input.effectiveAt ?? input.now).getTime();
  const checks: PublicationCheck[] = [
    { code: 'missing-locale', state: missing.length ? 'fail' : 'pass', missing },
    { code: 'effective-in-past', state: input.effectiveAt && at < input.now.getTime() ? 'fail' : 'pass' },
    {
      code: 'effective-order',
      state: input.lastEffectiveAt && at <= input.lastEffectiveAt.getTime() ? 'fail' : 'pass',
      after: input.lastEffectiveAt ?? undefined,
    },
  ];
  if (input.material) checks.push({ code: 'notice-period', state: 'server' });
  return checks;
}
