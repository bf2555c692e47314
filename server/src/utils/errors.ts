import createError from 'http-errors';
import { errors } from '@strapi/utils';
import { SUPPORTED_LOCALES, normalizeLocale, type PolicyLocale } from '../domain/locales';

/**
 * @strapi/utils has no 409 error class; Strapi's error middleware renders http-errors instances in its
 * `{ data: null, error: { status, name, message, details } }` shape. http-errors is pinned to the version
 * @strapi/utils pins, so npm shares one copy and the middleware's instanceof check recognises ours.
 */
export const conflictError = (message: string, details: Record<string, unknown> = {}) =>
  createError(409, message, { details });

export const unsupportedLocaleError = (value: string) =>
  new errors.ValidationError(
    `Unsupported locale "${value}". Supported locales: ${SUPPORTED_LOCALES.join(', ')} (kz is accepted for kk).`,
    { locale: value, supported: [...SUPPORTED_LOCALES] }
  );

/** A supported locale from client input (`kz` and regional tags accepted), or a 400 naming the supported ones. */
export const parseLocale = (value: unknown): PolicyLocale => {
  const locale = normalizeLocale(typeof value === 'string' ? value : null);
  if (!locale) throw unsupportedLocaleError(String(value));
  return locale;
};
