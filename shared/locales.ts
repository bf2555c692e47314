/** The languages policies are written in, in the plugin's default fallback order. Shared by server and admin. */
export const SUPPORTED_LOCALES = ['ru', 'kk', 'en'] as const;
export type PolicyLocale = (typeof SUPPORTED_LOCALES)[number];

export const isSupportedLocale = (value: unknown): value is PolicyLocale =>
  (SUPPORTED_LOCALES as readonly unknown[]).includes(value);
