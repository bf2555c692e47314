import { isSupportedLocale, SUPPORTED_LOCALES, type PolicyLocale } from '../../../shared/locales';

/** Negotiation and normalisation of locale tags; the list itself is shared with the admin. */

/** A non-empty list of distinct supported locales, as a fallback order or the required locales are. */
export const isLocaleList = (value: unknown): value is PolicyLocale[] =>
  Array.isArray(value) && value.length > 0 && new Set(value).size === value.length && value.every(isSupportedLocale);

// 'kz' is the country code, but clients and people send it for the Kazakh language.
const PRIMARY_ALIASES: Readonly<Record<string, PolicyLocale>> = { ru: 'ru', kk: 'kk', kz: 'kk', en: 'en' };

// BCP 47-ish: a primary subtag plus optional subtags; '_' is tolerated because POSIX-style tags are common.
const TAG_RE = /^([a-z]{2,3})(?:[-_][a-z0-9]{1,8})*$/;

export function normalizeLocale(input: string | null | undefined): PolicyLocale | null {
  if (typeof input !== 'string') return null;
  const match = TAG_RE.exec(input.trim().toLowerCase());
  if (!match) return null;
  return Object.hasOwn(PRIMARY_ALIASES, match[1]) ? PRIMARY_ALIASES[match[1]] : null;
}

// The header is attacker-controlled; only this many comma-separated entries are looked at.
const MAX_ACCEPT_LANGUAGE_ENTRIES = 20;
const LANGUAGE_RANGE_RE = /^(?:\*|[a-z]{1,8}(?:[-_][a-z0-9]{1,8})*)$/i;
// RFC 9110 qvalue: at most three decimals, never above 1.
const QVALUE_RE = /^(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/;

function parseEntry(raw: string): { tag: string; q: number } | null {
  const [range, ...params] = raw.split(';').map((part) => part.trim());
  if (!LANGUAGE_RANGE_RE.test(range)) return null;
  if (params.length === 0) return { tag: range, q: 1 };
  if (params.length > 1) return null;
  const weight = /^q\s*=\s*(.*)$/i.exec(params[0]);
  if (!weight || !QVALUE_RE.test(weight[1])) return null;
  return { tag: range, q: Number(weight[1]) };
}

export function parseAcceptLanguage(header: string | undefined): Array<{ tag: string; q: number }> {
  if (typeof header !== 'string') return [];
  const entries: Array<{ tag: string; q: number }> = [];
  for (const raw of header.split(',', MAX_ACCEPT_LANGUAGE_ENTRIES)) {
    const entry = parseEntry(raw);
    if (entry && entry.q > 0) entries.push(entry);
  }
  // Array.prototype.sort is stable, so equal weights keep the client's order.
  return entries.sort((a, b) => b.q - a.q);
}

/** The supported locale an Accept-Language header prefers most (`*` stands for `wildcard`), or null when it names none. */
export function preferredLocale(header: string | null | undefined, wildcard: PolicyLocale | null = null): PolicyLocale | null {
  for (const { tag } of parseAcceptLanguage(header ?? undefined)) {
    const locale = tag === '*' ? wildcard : normalizeLocale(tag);
    if (locale) return locale;
  }
  return null;
}

export type LocaleNegotiation =
  | { ok: true; requestedLocale: PolicyLocale; locale: PolicyLocale | null; fallback: boolean }
  | { ok: false; invalid: string };

export function negotiateLocale(opts: {
  query?: string | null;
  acceptLanguage?: string;
  fallbackOrder: readonly PolicyLocale[];
  available: readonly PolicyLocale[];
}): LocaleNegotiation {
  const defaultLocale = opts.fallbackOrder[0] ?? SUPPORTED_LOCALES[0];
  let requestedLocale: PolicyLocale | null = null;

  if (typeof opts.query === 'string' && opts.query.trim() !== '') {
    requestedLocale = normalizeLocale(opts.query);
    if (!requestedLocale) return { ok: false, invalid: opts.query };
  } else {
    requestedLocale = preferredLocale(opts.acceptLanguage, defaultLocale);
  }
  requestedLocale ??= defaultLocale;

  if (opts.available.includes(requestedLocale)) {
    return { ok: true, requestedLocale, locale: requestedLocale, fallback: false };
  }
  const served = opts.fallbackOrder.find((locale) => opts.available.includes(locale)) ?? opts.available[0] ?? null;
  return { ok: true, requestedLocale, locale: served, fallback: served !== null };
}
