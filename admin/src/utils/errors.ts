import { isFetchError } from '@strapi/strapi/admin';
import type { PublicationProblem } from '../../../shared/contracts/versions';

/**
 * The server's own message for a failed call, which names what to fix. Data-layer calls fail with Strapi's
 * `{ name, message, details }`; the export's plain download with a FetchError.
 */
export const errorMessage = (error: unknown): string => {
  if (isFetchError(error)) return error.response?.data?.error?.message ?? error.message;
  if (typeof error === 'object' && error !== null && 'message' in error && typeof error.message === 'string') return error.message;
  return String(error);
};

/** The publication rules a refused publish broke (`details.problems`, as the publication check lists them). */
export const publicationProblems = (error: unknown): PublicationProblem[] => {
  const details = typeof error === 'object' && error !== null && 'details' in error ? (error.details as { problems?: unknown }) : undefined;
  return Array.isArray(details?.problems) ? (details.problems as PublicationProblem[]) : [];
};
