import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { ACCEPTANCE_UID, LEDGER_HEAD_UID, LEDGER_NODE_UID, LEDGER_CHECKPOINT_UID, WITHDRAWAL_OUTCOME_UID } from '../constants';

const GUARDED: readonly string[] = [ACCEPTANCE_UID, LEDGER_HEAD_UID, LEDGER_NODE_UID, LEDGER_CHECKPOINT_UID, WITHDRAWAL_OUTCOME_UID];
/** The Document Service actions that only read; every guard lets them through. */
export const READS: ReadonlySet<string> = new Set(['findOne', 'findFirst', 'findMany', 'count']);

/**
 * Document Service middleware: the ledger is written only by its own service (strapi.db.query inside the
 * chain lock), so every write that arrives through the Document Service (REST, Content Manager, GraphQL,
 * code calling strapi.documents) is refused. Reads stay allowed.
 */
export const registerAppendOnlyAcceptances = (strapi: Core.Strapi) => {
  strapi.documents.use(async (context, next) => {
    if (!GUARDED.includes(context.uid) || READS.has(context.action)) return next();
    throw new errors.ForbiddenError('The acceptance ledger is append-only: records can be neither created, changed nor deleted here', {
      uid: context.uid,
      action: context.action,
    });
  });
};
