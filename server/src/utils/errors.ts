import createError from 'http-errors';
import { errors } from '@strapi/utils';
import { normalizeLocale } from '../domain/locales';
import { SUPPORTED_LOCALES, type PolicyLocale } from '../../../shared/locales';

/**
 * An error of a status @strapi/utils has no class for (409, 429, 503). Strapi's error middleware renders
 * http-errors instances in its `{ data: null, error: { status, name, message, details } }` shape; http-errors
 * is pinned to the version @strapi/utils pins, so npm shares one copy and the middleware's instanceof check
 * recognises ours. Always exposed: http-errors hides a 5xx message by default, and the fast paths render
 * the error themselves.
 */
export const httpError = (status: number, message: string, details: Record<string, unknown> = {}) =>
  createError(status, message, { details, expose: true });

export const conflictError = (message: string, details: Record<string, unknown> = {}) => httpError(409, message, details);

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
