import { errors } from '@strapi/utils';

/** A query parameter that may be given once: its text (possibly empty), or undefined; given twice is a 400. */
export function queryValue(query: Record<string, unknown>, name: string): string | undefined {
  const value = query[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new errors.ValidationError(`Query parameter "${name}" must be given once`, { [name]: value });
  return value;
}
