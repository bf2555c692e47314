import type { PolicyLocale } from '../../../shared/locales';

export interface PublicationInput {
  bodies: Partial<Record<PolicyLocale, { title?: string | null; body?: string | null }>>;
  requiredLocales: readonly PolicyLocale[];
  effectiveAt: Date | null; // null = takes effect at publication
  now: Date;
  material: boolean;
  minNoticeDays: number; // applies to material versions only
  lastEffectiveAt: Date | null; // effectiveAt of the newest published, not withdrawn version
}

export type PublicationProblem = {
  code: 'missing-locale' | 'effective-in-past' | 'effective-order' | 'notice-period';
  message: string;
  details: Record<string, unknown>;
};

export type PublicationCheck = { ok: true; effectiveAt: Date } | { ok: false; problems: PublicationProblem[] };

const DAY_MS = 24 * 60 * 60 * 1000;

const isBlank = (value: string | null | undefined): boolean => !value?.trim();

function assertValidDate(name: string, value: Date | null): void {
  if (value !== null && Number.isNaN(value.getTime())) throw new RangeError(`${name} is not a valid date`);
}

function missingLocaleProblem(input: PublicationInput): PublicationProblem | null {
  const fields: Partial<Record<PolicyLocale, Array<'title' | 'body'>>> = {};
  for (const locale of input.requiredLocales) {
    const text = input.bodies[locale];
    const missing = (['title', 'body'] as const).filter((field) => isBlank(text?.[field]));
    if (missing.length > 0) fields[locale] = missing;
  }
  const locales = Object.keys(fields) as PolicyLocale[];
  if (locales.length === 0) return null;
  const list = locales.map((locale) => `${locale} (${fields[locale]?.join(' and ')})`).join(', ');
  return {
    code: 'missing-locale',
    message: `Fill in the missing text for every required locale before publishing: ${list}.`,
    details: { locales, fields },
  };
}

export function checkPublication(input: PublicationInput): PublicationCheck {
  assertValidDate('now', input.now);
  assertValidDate('effectiveAt', input.effectiveAt);
  assertValidDate('lastEffectiveAt', input.lastEffectiveAt);

  const now = input.now.getTime();
  const effectiveAt = input.effectiveAt ?? new Date(now);
  const at = effectiveAt.getTime();
  const noticeEnd = input.material && input.minNoticeDays > 0 ? now + input.minNoticeDays * DAY_MS : null;
  const afterLast = input.lastEffectiveAt === null ? now : input.lastEffectiveAt.getTime() + 1;
  // One instant that satisfies every timing rule, so following any single message cannot trip another rule.
  const earliest = new Date(Math.max(now, noticeEnd ?? now, afterLast)).toISOString();
  const timing = { effectiveAt: effectiveAt.toISOString(), earliest };

  const problems: PublicationProblem[] = [];
  const missing = missingLocaleProblem(input);
  if (missing) problems.push(missing);

  if (at < now) {
    problems.push({
      code: 'effective-in-past',
      message: `The effective date ${timing.effectiveAt} is in the past; set it to ${earliest} or later, or leave it empty to take effect on publication.`,
      details: { ...timing, now: input.now.toISOString() },
    });
  }
  if (input.lastEffectiveAt !== null && at <= input.lastEffectiveAt.getTime()) {
    const last = input.lastEffectiveAt.toISOString();
    problems.push({
      code: 'effective-order',
      message: `The effective date must be after ${last}, when the newest published version takes effect; set it to ${earliest} or later.`,
      details: { ...timing, lastEffectiveAt: last },
    });
  }
  if (noticeEnd !== null && at < noticeEnd) {
    problems.push({
      code: 'notice-period',
      message: `A material change must be announced at least ${input.minNoticeDays} ${input.minNoticeDays === 1 ? 'day' : 'days'} before it takes effect; set the effective date to ${earliest} or later.`,
      details: { ...timing, minNoticeDays: input.minNoticeDays },
    });
  }

  return problems.length > 0 ? { ok: false, problems } : { ok: true, effectiveAt };
}

/** A problem of checkRelease: checkPublication's, or one of the rules it adds. */
export type ReleaseProblem = Omit<PublicationProblem, 'code'> & {
  code: PublicationProblem['code'] | 'no-text' | 'missing-consent-terms' | 'backfill-in-future';
};

export interface ReleaseInput extends PublicationInput {
  /** The Art. 8(4) items the draft's terms leave unset and its policy does not opt out of (domain/consent-terms). */
  missingTerms: readonly string[];
}

export interface ReleaseCheck {
  ok: boolean;
  problems: ReleaseProblem[];
  /** When the version takes effect if published as asked. */
  effectiveAt: Date;
}

// A backfill records a version that was in force before the plugin was installed: the rules that protect
// readers of a future version give way; the rising order of effective dates still holds.
const BACKFILL_WAIVED: ReadonlySet<ReleaseProblem['code']> = new Set([
  'effective-in-past',
  'notice-period',
  'missing-locale',
  'missing-consent-terms',
]);

/**
 * Whether a draft may be published as asked: checkPublication's rules, a text in at least one locale, consent
 * terms naming every item Law 94-V Art. 8(4) asks for, and for a backfill (code only: seed and migration
 * scripts) a date already past. Publishing and its dry run both decide by this, so the dry run's verdict is
 * the publication's.
 */
export function checkRelease(input: ReleaseInput, { backfill = false }: { backfill?: boolean } = {}): ReleaseCheck {
  const effectiveAt = input.effectiveAt ?? input.now;
  const problems: ReleaseProblem[] = [];
  if (!Object.values(input.bodies).some((text) => !isBlank(text?.body))) {
    problems.push({ code: 'no-text', message: 'A version needs a text in at least one locale.', details: {} });
  }
  if (input.missingTerms.length > 0) {
    problems.push({
      code: 'missing-consent-terms',
      message: `Fill in the consent terms Law 94-V Art. 8(4) asks for: ${input.missingTerms.map((item) => `"${item}"`).join(', ')}.`,
      details: { items: [...input.missingTerms] },
    });
  }
  const check = checkPublication(input);
  if (!check.ok) problems.push(...check.problems);
  if (backfill && effectiveAt > input.now) {
    problems.push({
      code: 'backfill-in-future',
      message: 'A backfilled version must have taken effect already.',
      details: { effectiveAt: effectiveAt.toISOString() },
    });
  }
  const broken = backfill ? problems.filter((problem) => !BACKFILL_WAIVED.has(problem.code)) : problems;
  return { ok: broken.length === 0, problems: broken, effectiveAt };
}
