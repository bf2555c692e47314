import type { Core } from '@strapi/strapi';
import { seal, type ChainHead, type Unsealed } from '../domain/ledger/chain';
import type { StoredRecord } from '../domain/ledger/types';
import type { AcceptancesRepository } from '../repositories/acceptances';

/** What a job sees inside the serialised transaction. */
export interface ChainBatch {
  /** One subject's events for a policy (or all policies), in chain order, this batch's own appends included. */
  eventsOf(subject: string, policy?: string): Promise<StoredRecord[]>;
  /** Links a record at the end of the chain; it is written with the batch and acknowledged after commit. */
  append(record: Omit<Unsealed, 'recordedAt'>): StoredRecord;
  /** Writes this batch's appends so far, for a job that must update them in the same transaction. */
  flush(): Promise<void>;
}

export type ChainJob<T> = (batch: ChainBatch) => Promise<T>;

/** The one subject and policy whose events a job reads: read for the whole batch in one query. */
export interface JobKey {
  subject: string;
  policy: string;
}

interface Pending {
  job: ChainJob<unknown>;
  key?: JobKey;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

const MAX_BATCH = 256;

/**
 * Group commit. Appends are serialised by the chain head's row lock in the database, so any number of
 * processes share one valid chain; within a process, jobs that arrive while a transaction is committing
 * wait and then go together in the next one. Each job's promise settles only after its transaction
 * committed, so a 201 always means the record is durable. A job's own refusal (a 409, say) settles that
 * job alone; a database failure fails the whole batch and nothing of it is written.
 */
export function createChainWriter(strapi: Core.Strapi, repository: AcceptancesRepository) {
  const queue: Pending[] = [];
  let draining = false;

  async function commit(pending: Pending[]) {
    const outcomes: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = [];
    try {
      await strapi.db.transaction(async ({ trx }) => {
        const locked = await repository.lockHead(trx);
        let head: ChainHead = locked;
        let unwritten: StoredRecord[] = [];
        // Read after the lock, so they are current; a job that writes in place (flush) makes them stale.
        let prefetched = await prefetch(pending, trx);
        const batch: ChainBatch = {
          async eventsOf(subject, policy) {
            const known = policy === undefined ? undefined : prefetched.get(keyOf({ subject, policy }));
            const stored = known ?? (await repository.forSubject(subject, policy, trx));
            const own = unwritten.filter((record) => record.subject === subject && (policy === undefined || record.policy === policy));
            return [...stored, ...own];
          },
          append(record) {
            const sealed = seal({ ...record, recordedAt: new Date().toISOString() }, head);
            head = { seq: sealed.seq, hash: sealed.hash };
            unwritten.push(sealed);
            return sealed;
          },
          async flush() {
            prefetched = new Map();
            const rows = unwritten;
            unwritten = [];
            await repository.insert(rows);
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
        if (head.seq !== locked.seq) await repository.writeHead(trx, head);
      });
    } catch (error) {
      for (const item of pending) item.reject(error);
      return;
    }
    pending.forEach((item, index) => {
      const outcome = outcomes[index];
      if (outcome.ok) item.resolve(outcome.value);
      else item.reject(outcome.error);
    });
  }

  const keyOf = (key: JobKey) => JSON.stringify([key.subject, key.policy]);

  /** Every keyed job's stored events, in one query rather than one round trip per job. */
  async function prefetch(pending: Pending[], trx: unknown) {
    const keys = pending.flatMap((item) => (item.key ? [item.key] : []));
    const found = new Map<string, StoredRecord[]>(keys.map((key) => [keyOf(key), []]));
    if (keys.length === 0) return found;
    const records = await repository.forSubjects([...new Set(keys.map((key) => key.subject))], [...new Set(keys.map((key) => key.policy))], trx);
    for (const record of records) {
      if (record.subject !== null && record.policy !== null) found.get(keyOf({ subject: record.subject, policy: record.policy }))?.push(record);
    }
    return found;
  }

  async function drain() {
    try {
      while (queue.length > 0) await commit(queue.splice(0, MAX_BATCH));
    } finally {
      draining = false;
    }
  }

  return {
    /** Runs `job` in the next transaction; `key` names the events it will read, so they are fetched with the batch's. */
    run<T>(job: ChainJob<T>, key?: JobKey): Promise<T> {
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
