import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { AuditAdmin } from '../domain/ledger/log-events';
import { toPublicRecord, type StoredRecord } from '../domain/ledger/types';
import { overdueCutoff, processingStopBy } from '../domain/ledger/withdrawal-deadlines';
import { acceptancesRepository, type StoredOutcome, type WithdrawalStatus } from '../repositories/acceptances';
import { conflictError } from '../utils/errors';
import { getConfig, getService } from '../utils/plugin';

/** What a compliance officer records about a withdrawal (Law 94-V Art. 8(2) allows a refusal only on these grounds). */
export type OutcomeInput =
  | { outcome: 'stopped'; at?: Date }
  | { outcome: 'refused'; ground: 'law' | 'unfulfilled-obligation'; reason: string };

/**
 * Withdrawals handled, not only logged: each one's processing-stop deadline in working days, the outcome the
 * operator records (processing stopped, or the withdrawal refused on an Art. 8(2) ground), and which are overdue.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const repository = acceptancesRepository(strapi);
  const rules = () => getConfig(strapi).ledger.withdrawals;

  const deadlineOf = (recordedAt: string) => processingStopBy(new Date(recordedAt), rules().processingDays, rules().calendar);
  const cutoff = (now: Date) => overdueCutoff(now, rules().processingDays, rules().calendar)?.toISOString() ?? null;

  const view = ({ record, outcome }: { record: StoredRecord; outcome: StoredOutcome | null }, now: Date) => {
    const stopBy = deadlineOf(record.recordedAt);
    return {
      withdrawal: toPublicRecord(record),
      processingStopBy: stopBy.toISOString(),
      overdue: outcome === null && stopBy < now,
      outcome,
    };
  };

  return {
    /** When processing must stop after this record, if it is a withdrawal (REST and GraphQL answer it to the subject). */
    processingStopBy: (record: { event: string; recordedAt: string }) => (record.event === 'withdrawn' ? deadlineOf(record.recordedAt).toISOString() : null),

    async list(filters: { policy?: string; status?: WithdrawalStatus }, page: number, pageSize: number) {
      const now = new Date();
      const overdueCutoff = cutoff(now);
      const { rows, total } = await repository.withdrawals({ ...filters, overdueCutoff }, page, pageSize);
      const counts = await repository.openWithdrawals({ policy: filters.policy, overdueCutoff });
      return {
        data: rows.map((row) => view(row, now)),
        meta: { pagination: { page, pageSize, total, pageCount: Math.ceil(total / pageSize) }, counts },
      };
    },

    /** Open and overdue withdrawals, for the acceptances screen's counts. */
    counts: (policy?: string) => repository.openWithdrawals({ policy, overdueCutoff: cutoff(new Date()) }),

    /**
     * Records what was done about a withdrawal, once: a second outcome is a 409, as the first may already have
     * been acted on. The outcome is also an audit event in the ledger, naming the admin.
     */
    async recordOutcome(withdrawalId: string, input: OutcomeInput, admin: AuditAdmin) {
      const found = await repository.withdrawal(withdrawalId);
      if (!found) throw new errors.NotFoundError('The ledger has no withdrawal with this id', { withdrawalId });
      if (found.outcome) throw conflictError('This withdrawal has an outcome already; it is never changed', { outcome: found.outcome });
      const now = new Date();
      const at = input.outcome === 'stopped' ? (input.at ?? now) : now;
      if (at < new Date(found.record.recordedAt) || at.getTime() > now.getTime() + 60_000) {
        throw new errors.ValidationError('"at" must lie between the withdrawal and now', { withdrawnAt: found.record.recordedAt });
      }
      const outcome: StoredOutcome = {
        withdrawalId,
        outcome: input.outcome,
        at: at.toISOString(),
        ground: input.outcome === 'refused' ? input.ground : null,
        reason: input.outcome === 'refused' ? input.reason : null,
        recordedBy: { id: String(admin.id), email: admin.email },
        recordedAt: now.toISOString(),
      };
      if (!(await repository.insertOutcome(outcome))) throw conflictError('This withdrawal has an outcome already; it is never changed');
      await getService(strapi, 'ledger').audit('withdrawal-outcome', admin, {
        withdrawal: withdrawalId,
        policy: found.record.policy,
        outcome: outcome.outcome,
        at: outcome.at,
        ...(outcome.ground === null ? {} : { ground: outcome.ground, reason: outcome.reason }),
      });
      return view({ record: found.record, outcome }, now);
    },
  };
};
