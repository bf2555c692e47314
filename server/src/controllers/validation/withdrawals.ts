import { z } from '@strapi/utils';
import { listWithdrawals, recordWithdrawalOutcome } from '../../../../shared/contracts/ledger';
import { parseInstant } from '../../domain/request-params';
import { requestBody, type Context } from '../../http';
import type { OutcomeInput } from '../../services/withdrawals';
import { parse, parseFilledQuery, parsedBy, parseParams } from '.';
import { pageOf } from './ledger';

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
  return { filters, ...pageOf(page, pageSize) };
};

export const outcomeRequest = (ctx: Context): { id: string; body: OutcomeInput } => {
  const { id } = parseParams(recordWithdrawalOutcome.request.params, ctx);
  return { id, body: parse(outcomeBody, requestBody(ctx)) };
};
