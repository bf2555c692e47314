import { z } from '@strapi/utils';
import { listWithdrawals, recordWithdrawalOutcome } from '../../../../shared/contracts/ledger';
import { parseInstant } from '../../domain/request-params';
import { requestBody, type Context } from '../../http';
import type { OutcomeInput } from '../../services/withdrawals';
import { parse, parseFilledQuery, parsedBy, parseParams } from '.';

const MAX_PAGE = 1_000_000;
const MAX_PAGE_SIZE = 100;
const DEFAULT_PAGE_SIZE = 25;

const listQuery = listWithdrawals.request.query.extend({
  page: listWithdrawals.request.query.shape.page.unwrap().transform(Number).optional(),
  pageSize: listWithdrawals.request.query.shape.pageSize.unwrap().transform(Number).optional(),
});

// The contract's body, with `at` read into a date.
const [stopped, refused] = recordWithdrawalOutcome.request.body.options;
const stoppedAt = parsedBy(stopped.shape.at.unwrap(), parseInstant, (field) => `"${field}" must be an ISO-8601 instant with a time zone`);
const outcomeBody = z.discriminatedUnion('outcome', [stopped.extend({ at: stoppedAt.optional() }), refused], {
  error: 'outcome must be "stopped" or "refused"',
});

export const listWithdrawalsRequest = (ctx: Context) => {
  const { page, pageSize, ...filters } = parseFilledQuery(listQuery, ctx);
  return { filters, page: Math.min(page ?? 1, MAX_PAGE), pageSize: Math.min(pageSize ?? DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE) };
};

export const outcomeRequest = (ctx: Context): { id: string; body: OutcomeInput } => {
  const { id } = parseParams(recordWithdrawalOutcome.request.params, ctx);
  return { id, body: parse(outcomeBody, requestBody(ctx)) };
};
