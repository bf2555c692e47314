import type { Core } from '@strapi/strapi';
import { headProblem, seal, type ChainHead, type HeadProblem, type Unsealed } from '../domain/ledger/chain';
import type { StoredRecord } from '../domain/ledger/types';
import { httpError } from '../utils/errors';
import type { AcceptancesRepository, SubjectKey, SubjectTail } from '../repositories/acceptances';

/** What a job sees inside the serialised transaction. */
export interface ChainBatch {
  /**
   * One subject's events for one policy from its last withdrawal on, and how many it has (counted up to the
   * writer's `countUpTo`), this batch's own appends included: what accepting and withdrawing decide on, read
   * in a time that does not grow with the subject's history.
   */
  latestOf(subject: string, policy: string): Promise<SubjectTail>;
  /** All of one subject's events for every policy, in chain order, this batch's own appends included. */
  eventsOf(subject: string): Promise<StoredRecord[]>;
  /** The log's publication events (policy-created, published, version-withdrawn), this batch's own appends included. */
  publicationEvents(): Promise<StoredRecord[]>;
  /** Links a record at the end of the chain; it is written with the batch and acknowledged after commit. */
  append(record: Omit<Unsealed, 'recordedAt'>): StoredRecord;
  /** Writes this batch's appends so far, for a job that must update them in the same transaction. */
  flush(): Promise<void>;
  /** Asks for a signed checkpoint of the log at the end of this batch: `always`, or only if one is due by time or count. */
  requestCheckpoint(when?: 'always' | 'due'): void;
}

/** What the writer asks of the transparency log (services/transparency-log.ts). */
export interface LogExtender {
  extend(trx: unknown, sizeBefore: number, appended: StoredRecord[], force: boolean): Promise<unknown>;
  settled(committed: boolean, extended: unknown): void;
}

export type ChainJob<T> = (batch: ChainBatch) => Promise<T>;

interface Pending {
  job: ChainJob<unknown>;
  key?: SubjectKey;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

const HEAD_PROBLEMS: Record<HeadProblem, string> = {
  'head-missing': 'its chain head row is missing',
  'head-behind': 'records lie past its chain head (the head was rolled back)',
  'head-mismatch': 'its chain head does not name the last record (records after it were removed, or the head was changed)',
};

/** The log line an operator must act on, at boot and when the writer first meets the problem. */
export const headAlarm = (problem: HeadProblem) =>
  `policy-versions: ALARM: the consent ledger refuses appends: ${HEAD_PROBLEMS[problem]} (${problem}). ` +
  'Nothing is recorded until an operator repairs it: see "Repairing the chain head" in docs/ledger.md.';

const chainUnavailable = (problem: HeadProblem) =>
  httpError(503, `The consent ledger is not accepting records: ${HEAD_PROBLEMS[problem]}. Nothing was recorded; try again once it is repaired.`, {
    reason: problem,
  });

/** Thrown by run() inside a caller's strapi.db.transaction: see there. */
export class LedgerInTransactionError extends Error {
  name = 'LedgerInTransactionError';
  constructor() {
    super(
      'policy-versions: the consent ledger cannot append inside a database transaction (strapi.db.transaction, a ' +
        'lifecycle or a Document Service call): its answer means "committed", which it cannot be before yours commits. ' +
        'Call it after your transaction, for example from the onCommit callback strapi.db.transaction passes.'
    );
  }
}

const MAX_BATCH = 256;

/**
 * Group commit. Appends are serialised by the chain head's row lock in the database, so any number of
 * processes share one valid chain; within a process, jobs that arrive while a transaction is committing
 * wait and then go together in the next one. Each job's promise settles only after its transaction
 * committed, so a 201 always means the record is durable. A job's own refusal (a 409, say) settles that
 * job alone; a database failure fails the whole batch and nothing of it is written. A head that does not
 * name the last record refuses every batch with a 503 (and an alarm in the log): appending after it would
 * fork the chain or collide with a stored position.
 */
export function createChainWriter(
  strapi: Core.Strapi,
  repository: AcceptancesRepository,
  options: { countUpTo: () => number; log: () => LogExtender }
) {
  const queue: Pending[] = [];
  let draining = false;
  // Logged once each time the head goes wrong, not on every refused batch.
  let alarmed: HeadProblem | null = null;

  async function lockedHead(trx: unknown): Promise<ChainHead> {
    const head = await repository.lockHead(trx);
    const problem = headProblem(head, await repository.lastLink(trx));
    if (problem !== alarmed) {
      if (problem) strapi.log.error(headAlarm(problem));
      alarmed = problem;
    }
    if (problem) throw chainUnavailable(problem);
    return head as ChainHead;
  }

  async function commit(pending: Pending[]) {
    const outcomes: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = [];
    const log = options.log();
    let extended: unknown = null;
    try {
      await strapi.db.transaction(async ({ trx }) => {
        const locked = await lockedHead(trx);
        let head: ChainHead = locked;
        let unwritten: StoredRecord[] = [];
        const appended: StoredRecord[] = [];
        let checkpoint: 'always' | 'due' | null = null;
        // Read after the lock, so they are current; a job that writes in place (flush) makes them stale.
        let prefetched = await prefetch(pending, trx);
        const batch: ChainBatch = {
          async latestOf(subject, policy) {
            const key = { subject, policy };
            const stored = prefetched.get(keyOf(key)) ?? (await repository.latestFor([key], options.countUpTo(), trx))[0];
            const own = unwritten.filter((record) => record.subject === subject && record.policy === policy);
            return { events: [...stored.events, ...own], count: stored.count + own.length };
          },
          async eventsOf(subject) {
            const stored = await repository.forSubject(subject, undefined, trx);
            return [...stored, ...unwritten.filter((record) => record.subject === subject)];
          },
          async publicationEvents() {
            const stored = await repository.publicationEvents(trx);
            return [...stored, ...unwritten.filter((record) => record.subject === null)];
          },
          append(record) {
            const sealed = seal({ ...record, recordedAt: new Date().toISOString() }, head);
            head = { seq: sealed.seq, hash: sealed.hash };
            unwritten.push(sealed);
            appended.push(sealed);
            return sealed;
          },
          async flush() {
            prefetched = new Map();
            const rows = unwritten;
            unwritten = [];
            await repository.insert(rows);
          },
          requestCheckpoint(when = 'always') {
            if (checkpoint !== 'always') checkpoint = when;
          },
        };
        for (const { job } of pending) {
          try {
            outcomes.push({ ok: true, value: await job(batch) });
          } catch (error) {
            outcomes.push({ ok: false, error });
          }
        }
        await batch.flush();
        if (appended.length > 0 || checkpoint) extended = await log.extend(trx, locked.seq, appended, checkpoint === 'always');
        if (head.seq !== locked.seq) await repository.writeHead(trx, head);
      });
    } catch (error) {
      log.settled(false, null);
      for (const item of pending) item.reject(error);
      return;
    }
    log.settled(true, extended);
    pending.forEach((item, index) => {
      const outcome = outcomes[index];
      if (outcome.ok) item.resolve(outcome.value);
      else item.reject(outcome.error);
    });
  }

  const keyOf = (key: SubjectKey) => JSON.stringify([key.subject, key.policy]);

  /** Every keyed job's latest events, read for the whole batch at once rather than one round trip per job. */
  async function prefetch(pending: Pending[], trx: unknown) {
    const keys = [...new Map(pending.flatMap((item) => (item.key ? [[keyOf(item.key), item.key] as const] : []))).values()];
    const tails = keys.length === 0 ? [] : await repository.latestFor(keys, options.countUpTo(), trx);
    return new Map(keys.map((key, index) => [keyOf(key), tails[index]]));
  }

  async function drain() {
    try {
      while (queue.length > 0) await commit(queue.splice(0, MAX_BATCH));
    } finally {
      draining = false;
    }
  }

  return {
    /**
     * Runs `job` in the next transaction; `key` names the subject and policy whose latest events it will read,
     * so they are fetched with the batch's. Refused inside a caller's transaction: the batch would either join
     * it (answering before anything is durable, and writing other requests' records into a transaction that may
     * roll back) or wait for a connection that transaction holds (SQLite has one: a deadlock).
     */
    run<T>(job: ChainJob<T>, key?: SubjectKey): Promise<T> {
      if (strapi.db.inTransaction()) return Promise.reject(new LedgerInTransactionError());
      return new Promise<T>((resolve, reject) => {
        queue.push({ job: job as ChainJob<unknown>, key, resolve: resolve as (value: unknown) => void, reject });
        if (!draining) {
          draining = true;
          // Start after the event loop's current I/O phase, so every request read in it joins this transaction
          // rather than each taking one of its own (a SQLite commit is over before the next request is parsed).
          setImmediate(() => void drain());
        }
      });
    },
  };
}

export type ChainWriter = ReturnType<typeof createChainWriter>;
