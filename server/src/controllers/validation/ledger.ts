import { acceptanceStats, eraseSubject, exportAcceptances, exportReacceptance, getEvidencePack, listAcceptances } from '../../../../shared/contracts/ledger';
import { parseInstant, parseRangeEnd } from '../../domain/request-params';
import { requestBody, type Context } from '../../http';
import type { RecordFilters } from '../../repositories/acceptances';
import { parse, parseFilledQuery, parsedBy } from '.';
import { subject, supportedLocale } from './acceptances';

const MAX_PAGE = 1_000_000;
const MAX_PAGE_SIZE = 100;
const DEFAULT_PAGE_SIZE = 25;

const isoParameter = <T>(parseValue: (value: string) => T | null) =>
  parsedBy(listAcceptances.request.query.shape.from.unwrap(), parseValue, (field) => `"${field}" must be an ISO-8601 date or instant with a time zone`);

// The contract's filters, read into what the repository filters on.
const filterFields = {
  version: listAcceptances.request.query.shape.version.unwrap().transform(Number).optional(),
  locale: supportedLocale(listAcceptances.request.query.shape.locale.unwrap()).optional(),
  from: isoParameter(parseInstant).optional(),
  to: isoParameter(parseRangeEnd).optional(),
};
const listQuery = listAcceptances.request.query.extend({
  ...filterFields,
  page: listAcceptances.request.query.shape.page.unwrap().transform(Number).optional(),
  pageSize: listAcceptances.request.query.shape.pageSize.unwrap().transform(Number).optional(),
});
const exportQuery = exportAcceptances.request.query.extend(filterFields);
const eraseBody = eraseSubject.request.body.extend({ subject });
const evidenceQuery = getEvidencePack.request.query.extend({ locale: supportedLocale(getEvidencePack.request.query.shape.locale.unwrap()).optional() });

/** Filters as the repository takes them: ISO instants, and a date-only `to` as the end of that day (exclusive). */
function recordFilters({ from, to, ...exact }: Omit<RecordFilters, 'from' | 'to' | 'before'> & { from?: Date; to?: { until: Date; inclusive: boolean } }): RecordFilters {
  const filters: RecordFilters = { ...exact };
  if (from !== undefined) filters.from = from.toISOString();
  if (to !== undefined) filters[to.inclusive ? 'to' : 'before'] = to.until.toISOString();
  return filters;
}

/** A page as the admin lists take it: from 1, 25 rows by default, at most 100. */
export const pageOf = (page: number | undefined, pageSize: number | undefined) => ({
  page: Math.min(page ?? 1, MAX_PAGE),
  pageSize: Math.min(pageSize ?? DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE),
});

export const listRequest = (ctx: Context) => {
  const { page, pageSize, ...filters } = parseFilledQuery(listQuery, ctx);
  return { filters: recordFilters(filters), ...pageOf(page, pageSize) };
};

export const statsRequest = (ctx: Context) => parseFilledQuery(acceptanceStats.request.query, ctx);

export const exportRequest = (ctx: Context) => {
  const { format, ...filters } = parseFilledQuery(exportQuery, ctx);
  return { format: format ?? 'csv', filters: recordFilters(filters) };
};

export const eraseRequest = (ctx: Context) => parse(eraseBody, requestBody(ctx));

export const evidenceRequest = (ctx: Context) => {
  const { subject, format, locale } = parseFilledQuery(evidenceQuery, ctx);
  return { subject, format: format ?? 'json', locale: locale ?? 'ru' };
};

const reacceptanceQuery = exportReacceptance.request.query.extend({ version: exportReacceptance.request.query.shape.version.transform(Number) });

export const reacceptanceRequest = (ctx: Context) => {
  const { policy, version, format } = parseFilledQuery(reacceptanceQuery, ctx);
  return { policy, version, format: format ?? 'csv' };
};
