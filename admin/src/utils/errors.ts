import { isFetchError } from '@strapi/strapi/admin';
import type { PublicationProblem } from '../api/types';

/** The server's own message for a failed call, which names what to fix; the generic text otherwise. */
export const errorMessage = (error: unknown): string => {
  if (isFetchError(error)) return error.response?.data?.error?.message ?? error.message;
  return error instanceof Error ? error.message : String(error);
};

/** The publication checks that failed, when the server refused a publish with them. */
export const publicationProblems = (error: unknown): PublicationProblem[] => {
  if (!isFetchError(error)) return [];
  const details = error.response?.data?.error?.details as { problems?: PublicationProblem[] } | undefined;
  return Array.isArray(details?.problems) ? details.problems : [];
};

/**
 * A route another part of the plugin has not shipped yet (or an older server): Strapi answers it with the
 * bare "Not Found" of an unmatched route, while a missing record's 404 names the record.
 */
export const isRouteMissing = (error: unknown): boolean => {
  if (!isFetchError(error)) return false;
  if (error.status === 405) return true;
  // Blob downloads carry no parsed body, only the status.
  const message = error.response ? error.response.data?.error?.message : 'Not Found';
  return error.status === 404 && message === 'Not Found';
};
