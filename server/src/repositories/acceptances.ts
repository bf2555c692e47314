import type { Knex } from 'knex';
import type { Core } from '@strapi/strapi';
import { ACCEPTANCE_UID, LEDGER_HEAD_UID, WITHDRAWAL_OUTCOME_UID } from '../constants';
import type { ChainHead } from '../domain/ledger/chain';
import type { AcceptedText } from '../domain/ledger/texts';
import type { LedgerEvent, StoredRecord } from '../domain/ledger/types';

export const MAIN_CHAIN = 'main';

const FIELDS = [
  'seq', 'documentId', 'subject', 'policyKey', 'version', 'locale', 'contentHash', 'event', 'recordedAt', 'ip', 'userAgent',
  'acceptLanguage', 'source', 'metadata', 'purposes', 'givenBy', 'identitySalt', 'identityDigest', 'prevHash', 'hash',
] as const;

// Columns selected straight through knex are aliased to StoredRecord's names, where those differ.
const RECORD_KEY: Partial<Record<(typeof FIELDS)[number], keyof StoredRecord>> = { documentId: 'id', policyKey: 'policy' };

/**
 * A row selected under StoredRecord's names becomes one in place: drivers return NULL as null already, and
 * only a bigint column would come back as a string. No new object per row, which matters at millions of rows.
 */
const fromSelected = (row: Record<string, any>): StoredRecord => {
  row.seq = Number(row.seq);
  if (row.version !== null) row.version = Number(row.version);
  return row as StoredRecord;
};

const toRow = (record: StoredRecord) => ({
  seq: record.seq,
  documentId: record.id,
  subject: record.subject,
  policyKey: record.policy,
  version: record.version,
  locale: record.locale,
  contentHash: record.contentHash,
  event: record.event,
  recordedAt: record.recordedAt,
  ip: record.ip,
  userAgent: record.userAgent,
  acceptLanguage: record.acceptLanguage,
  source: record.source,
  metadata: record.metadata,
  purposes: record.purposes,
  givenBy: record.givenBy,
  identitySalt: record.identitySalt,
  identityDigest: record.identityDigest,
  prevHash: record.prevHash,
  hash: record.hash,
});

/** One subject's events for one policy, as an append decides on them (see latestFor). */
export interface SubjectTail {
  /** From the subject's last withdrawal on (all of them when it never withdrew), in chain order. */
  events: StoredRecord[];
  /** How many events the subject has for the policy: exact below the `countUpTo` asked for, else at least that. */
  count: number;
}

export interface SubjectKey {
  subject: string;
  policy: string;
}

// Keys read per round trip: SQLite allows 500 terms in a compound SELECT.
const KEYS_PER_QUERY = 100;

/** One policy's subjects, as countsByPolicy finds them. */
export interface PolicySubjects {
  /** Distinct subjects who accepted any version. */
  subjects: number;
  /** By version: how many subjects' latest event for the policy is an acceptance of it. */
  latestAccepted: Map<number, number>;
}

/** How many acceptances or withdrawals a group of records holds. */
export interface EventCount {
  event: 'accepted' | 'withdrawn';
  count: number;
}

export interface RecordFilters {
  policy?: string;
  version?: number;
  locale?: string;
  subject?: string;
  event?: LedgerEvent;
  /** ISO instants: `from` and `to` inclusive, `before` exclusive. */
  from?: string;
  to?: string;
  before?: string;
}

/** Where a withdrawal stands: no outcome yet (`open`, `overdue` once past its deadline), or the outcome recorded. */
export type WithdrawalStatus = 'open' | 'overdue' | 'stopped' | 'refused';

export interface WithdrawalFilters {
  policy?: string;
  status?: WithdrawalStatus;
  /** Withdrawals recorded at or before this ISO instant are past their deadline (domain/ledger/withdrawal-deadlines.ts). */
  overdueCutoff: string | null;
}

/** What the operator did about a withdrawal (content-types/withdrawal-outcome). */
export interface StoredOutcome {
  withdrawalId: string;
  outcome: 'stopped' | 'refused';
  at: string;
  /** For a refusal: the Law 94-V Art. 8(2) ground (another law requires the processing, or an unfulfilled obligation), and why. */
  ground: 'law' | 'unfulfilled-obligation' | null;
  reason: string | null;
  recordedBy: { id: string; email: string | null };
  recordedAt: string;
}

/**
 * The ledger's rows. Written only through strapi.db.query inside the ledger's serialised transaction; the
 * Document Service refuses every write to them (middlewares/append-only-acceptances.ts).
 */
export const acceptancesRepository = (strapi: Core.Strapi) => {
  const query = () => strapi.db.query(ACCEPTANCE_UID);
  const heads = () => strapi.db.query(LEDGER_HEAD_UID);
  const column = (uid: string, attribute: string) =>
    (strapi.db.metadata.get(uid).attributes[attribute] as { columnName?: string }).columnName ?? attribute;
  const table = (uid: string) => strapi.db.metadata.get(uid).tableName;
  const col = (attribute: string) => column(ACCEPTANCE_UID, attribute);

  /**
   * `subject = ?`, exactly. MySQL and MariaDB compare strings case- and trailing-space-insensitively under
   * their default collations, and a subject is an exact identifier: there a byte comparison is added, after
   * the plain one that the subject index serves.
   */
  const whereSubject = <Q extends Knex.QueryBuilder>(sql: Q, subject: string): Q => {
    sql.where(col('subject'), subject);
    if (strapi.db.dialect.client === 'mysql') sql.andWhereRaw('CAST(?? AS BINARY) = CAST(? AS BINARY)', [col('subject'), subject]);
    return sql;
  };

  /** The subject column as compared exactly, for DISTINCT and GROUP BY (see whereSubject). */
  const subjectIdentity = () =>
    strapi.db.connection.raw(strapi.db.dialect.client === 'mysql' ? 'CAST(?? AS BINARY)' : '??', [col('subject')]);

  const whereFilters = <Q extends Knex.QueryBuilder>(sql: Q, filters: RecordFilters): Q => {
    if (filters.policy !== undefined) sql.where(col('policyKey'), filters.policy);
    if (filters.version !== undefined) sql.where(col('version'), filters.version);
    if (filters.locale !== undefined) sql.where(col('locale'), filters.locale);
    if (filters.subject !== undefined) whereSubject(sql, filters.subject);
    if (filters.event !== undefined) sql.where(col('event'), filters.event);
    if (filters.from !== undefined) sql.where(col('recordedAt'), '>=', filters.from);
    if (filters.to !== undefined) sql.where(col('recordedAt'), '<=', filters.to);
    if (filters.before !== undefined) sql.where(col('recordedAt'), '<', filters.before);
    return sql;
  };

  // The quoted column list, compiled once: quoting 18 aliased columns on every query was about 6 % of a status
  // lookup's CPU.
  let columnList: string | undefined;

  /**
   * Records straight through knex, inside `trx` when given, each row already under StoredRecord's names
   * (see fromSelected). Strapi's query engine post-processes every row, which costs more than the query
   * itself on the hot paths (each append's and status lookup's subject events, and export and verify at
   * millions of rows).
   */
  const selectRecords = (trx?: unknown) => {
    const knex = strapi.db.connection;
    columnList ??= knex
      .raw(FIELDS.map(() => '?? as ??').join(', '), FIELDS.flatMap((field) => [col(field), RECORD_KEY[field] ?? field]))
      .toQuery();
    const sql = knex(table(ACCEPTANCE_UID)).select(knex.raw(columnList));
    return trx ? sql.transacting(trx as any) : sql;
  };

  const headRow = (trx?: unknown) => {
    const sql = strapi.db.connection(table(LEDGER_HEAD_UID)).where(column(LEDGER_HEAD_UID, 'name'), MAIN_CHAIN);
    return trx ? sql.transacting(trx as any) : sql;
  };

  /** A count of one policy's acceptances and withdrawals, for the caller to group. */
  const eventCounts = (policy: string) =>
    strapi.db
      .connection(table(ACCEPTANCE_UID))
      .where(col('policyKey'), policy)
      .whereIn(col('event'), ['accepted', 'withdrawn'])
      .count({ n: '*' });

  const outcomes = () => strapi.db.connection(table(WITHDRAWAL_OUTCOME_UID));
  const oc = (attribute: string) => column(WITHDRAWAL_OUTCOME_UID, attribute);

  /** Withdrawal records matching `filters`; an outcome is matched through a subquery, so no column is ambiguous. */
  const whereWithdrawals = <Q extends Knex.QueryBuilder>(sql: Q, filters: WithdrawalFilters): Q => {
    sql.where(col('event'), 'withdrawn');
    if (filters.policy !== undefined) sql.where(col('policyKey'), filters.policy);
    const decided = (outcome?: string) => {
      const ids = outcomes().select(oc('withdrawalId'));
      return outcome ? ids.where(oc('outcome'), outcome) : ids;
    };
    switch (filters.status) {
      case 'open':
        sql.whereNotIn(col('documentId'), decided());
        break;
      case 'overdue':
        sql.whereNotIn(col('documentId'), decided());
        if (filters.overdueCutoff === null) sql.whereRaw('1 = 0');
        else sql.where(col('recordedAt'), '<=', filters.overdueCutoff);
        break;
      case 'stopped':
      case 'refused':
        sql.whereIn(col('documentId'), decided(filters.status));
        break;
    }
    return sql;
  };

  const toOutcome = (row: Record<string, any>): StoredOutcome => ({
    withdrawalId: row.withdrawalId,
    outcome: row.outcome,
    at: row.at,
    ground: row.ground ?? null,
    reason: row.reason ?? null,
    recordedBy: typeof row.recordedBy === 'string' ? JSON.parse(row.recordedBy) : row.recordedBy,
    recordedAt: row.recordedAt,
  });

  return {
    /**
     * Creates the chain's head row once; a second instance booting at the same moment loses the race quietly.
     * Never over records: a head at position 0 would fork the chain (and its first append would collide with
     * position 1). Then it returns false and leaves the repair to an operator (docs/ledger.md).
     */
    async ensureHead(): Promise<boolean> {
      if (await heads().findOne({ where: { name: MAIN_CHAIN } })) return true;
      if (await this.lastLink()) return false;
      try {
        await heads().create({ data: { name: MAIN_CHAIN, seq: 0, hash: null } });
      } catch (error) {
        if (!(await heads().findOne({ where: { name: MAIN_CHAIN } }))) throw error;
      }
      return true;
    },

    /**
     * Takes the chain's write lock inside the current transaction and reads the head. PostgreSQL and MySQL
     * lock the head row (SELECT ... FOR UPDATE) until commit. SQLite has one writer at a time, but a
     * transaction that reads first and writes later can deadlock against another process doing the same,
     * so there the lock is a no-op write, which takes SQLite's write lock at once.
     */
    async lockHead(trx: unknown): Promise<ChainHead | null> {
      const knex = strapi.db.connection;
      const seq = column(LEDGER_HEAD_UID, 'seq');
      if (strapi.db.dialect.client === 'sqlite') {
        await headRow(trx).update({ [seq]: knex.raw('??', [seq]) });
      }
      return this.readHead(trx, strapi.db.dialect.client !== 'sqlite');
    },

    /** The position and hash of the record with the highest position, through the unique `seq` index; null when there is none. */
    async lastLink(trx?: unknown): Promise<ChainHead | null> {
      const sql = strapi.db.connection(table(ACCEPTANCE_UID)).first({ seq: col('seq'), hash: col('hash') }).orderBy(col('seq'), 'desc');
      const row = await (trx ? sql.transacting(trx as any) : sql);
      return row ? { seq: Number(row.seq), hash: row.hash } : null;
    },

    /** The chain head; with `forUpdate`, row-locked until `trx` ends. */
    async readHead(trx?: unknown, forUpdate = false): Promise<ChainHead | null> {
      const sql = headRow(trx).first({ seq: column(LEDGER_HEAD_UID, 'seq'), hash: column(LEDGER_HEAD_UID, 'hash') });
      const row = await (forUpdate ? sql.forUpdate() : sql);
      return row ? { seq: Number(row.seq), hash: row.hash ?? null } : null;
    },

    async writeHead(trx: unknown, head: ChainHead) {
      await headRow(trx).update({ [column(LEDGER_HEAD_UID, 'seq')]: head.seq, [column(LEDGER_HEAD_UID, 'hash')]: head.hash });
    },

    async insert(records: StoredRecord[]) {
      if (records.length > 0) await query().createMany({ data: records.map(toRow) });
    },

    /**
     * Every distinct text that acceptances or publication events name, for the cross-check with the releases (a
     * handful of rows): a release rewritten below the plugin no longer holds what was published, accepted or not.
     */
    async acceptedTexts(): Promise<AcceptedText[]> {
      const rows = await strapi.db
        .connection(table(ACCEPTANCE_UID))
        .distinct({ policy: col('policyKey'), version: col('version'), locale: col('locale'), contentHash: col('contentHash') })
        .whereIn(col('event'), ['accepted', 'published'])
        .whereNotNull(col('contentHash'));
      return rows.map((row: any) => ({ ...row, version: Number(row.version) }));
    },

    /** The log's own publication events (no subject): one row per policy, release locale and withdrawal, a few hundred at most. */
    async publicationEvents(trx: unknown): Promise<StoredRecord[]> {
      const sql = selectRecords(trx).whereNull(col('subject')).whereIn(col('event'), ['policy-created', 'published', 'version-withdrawn']);
      return (await sql.orderBy(col('seq'), 'asc')).map(fromSelected);
    },

    /** One subject's events for one policy (or all policies), in chain order. */
    async forSubject(subject: string, policy?: string, trx?: unknown): Promise<StoredRecord[]> {
      const sql = whereSubject(selectRecords(trx), subject).orderBy(col('seq'), 'asc');
      if (policy !== undefined) sql.andWhere(col('policyKey'), policy);
      return (await sql).map(fromSelected);
    },

    /**
     * What an append decides on, for each key in order, in two round trips per 100 keys whatever the subjects'
     * histories: the events from the last full withdrawal on, and the count of events stopped at `countUpTo`. A
     * repeated acceptance writes nothing, so after a withdrawal there is at most one acceptance per version and
     * locale; looping accept and withdraw grows only the part before it, which the first query does not read
     * (it walks the subject index back from the newest entry to the last withdrawal), and the count stops at
     * `countUpTo` index entries.
     */
    async latestFor(keys: SubjectKey[], countUpTo: number, trx: unknown): Promise<SubjectTail[]> {
      const knex = strapi.db.connection;
      const ofKey = (sql: Knex.QueryBuilder, key: SubjectKey) => whereSubject(sql, key.subject).andWhere(col('policyKey'), key.policy);
      const positions = (key: SubjectKey) => ofKey(knex(table(ACCEPTANCE_UID)).select(col('seq')), key);
      const tails: SubjectTail[] = [];
      for (let start = 0; start < keys.length; start += KEYS_PER_QUERY) {
        const chunk = keys.slice(start, start + KEYS_PER_QUERY);
        // Each row carries its key's index in the chunk, as a literal number: PostgreSQL cannot type a bare
        // parameter in a UNION, and the stored values need not equal the key's (MySQL compares policies
        // case-insensitively). Each part is a derived table, the one form of a per-key ORDER BY ... LIMIT that
        // SQLite, PostgreSQL and MySQL all accept inside UNION ALL.
        const keyIndex = (n: number) => knex.raw(`${n} as ??`, ['k']);
        const [firstTail, ...restTails] = chunk.map((key, n) => {
          // A partial withdrawal (some optional purposes) leaves the acceptance standing: it is not where the tail starts.
          const lastWithdrawal = positions(key).andWhere(col('event'), 'withdrawn').whereNull(col('purposes')).orderBy(col('seq'), 'desc').limit(1);
          const events = ofKey(selectRecords(), key).andWhere(col('seq'), '>=', knex.raw('coalesce(?, 0)', [lastWithdrawal]));
          return knex.select('*', keyIndex(n)).from(events.as(`t${n}`));
        });
        const [firstCount, ...restCounts] = chunk.map((key, n) =>
          knex.select(keyIndex(n)).count({ n: '*' }).from(positions(key).limit(countUpTo).as(`c${n}`))
        );
        const rows = await firstTail.unionAll(restTails).transacting(trx as any);
        const counts = await firstCount.unionAll(restCounts).transacting(trx as any);
        const found = chunk.map((): SubjectTail => ({ events: [], count: 0 }));
        for (const row of counts as Array<{ k: unknown; n: unknown }>) found[Number(row.k)].count = Number(row.n);
        for (const { k, ...row } of rows as Array<Record<string, any>>) found[Number(k)].events.push(fromSelected(row));
        for (const tail of found) tail.events.sort((a, b) => a.seq - b.seq);
        tails.push(...found);
      }
      return tails;
    },

    /** Pseudonymises rows in place: the one sanctioned change to a written record (see domain/ledger/chain.ts). */
    async erase(seqs: number[], pseudonym: string) {
      for (let i = 0; i < seqs.length; i += 500) {
        await query().updateMany({
          where: { seq: { $in: seqs.slice(i, i + 500) } },
          data: { subject: pseudonym, ip: null, userAgent: null, metadata: null, givenBy: null, identitySalt: null },
        });
      }
    },

    async page(filters: RecordFilters, page: number, pageSize: number) {
      const rows = whereFilters(selectRecords(), filters).orderBy(col('seq'), 'desc').offset((page - 1) * pageSize).limit(pageSize);
      const count = whereFilters(strapi.db.connection(table(ACCEPTANCE_UID)).count({ n: '*' }), filters).first();
      const [records, total] = await Promise.all([rows, count]);
      return { records: records.map(fromSelected), total: Number((total as { n: unknown }).n) };
    },

    /** Withdrawals, newest first, with the outcome of each (null while none is recorded). */
    async withdrawals(filters: WithdrawalFilters, page: number, pageSize: number) {
      const rows = whereWithdrawals(selectRecords(), filters).orderBy(col('seq'), 'desc').offset((page - 1) * pageSize).limit(pageSize);
      const count = whereWithdrawals(strapi.db.connection(table(ACCEPTANCE_UID)).count({ n: '*' }), filters).first();
      const [records, total] = await Promise.all([rows, count]);
      const found = records.map(fromSelected);
      const decided = found.length === 0 ? [] : await strapi.db.query(WITHDRAWAL_OUTCOME_UID).findMany({ where: { withdrawalId: { $in: found.map((record) => record.id) } } });
      const byId = new Map(decided.map((row: Record<string, any>) => [row.withdrawalId, toOutcome(row)]));
      return { rows: found.map((record) => ({ record, outcome: byId.get(record.id) ?? null })), total: Number((total as { n: unknown }).n) };
    },

    /** How many withdrawals have no outcome yet, and how many of those are past their deadline. */
    async openWithdrawals(filters: Omit<WithdrawalFilters, 'status'>) {
      const count = async (status: WithdrawalStatus) =>
        Number(((await whereWithdrawals(strapi.db.connection(table(ACCEPTANCE_UID)).count({ n: '*' }), { ...filters, status }).first()) as { n: unknown }).n);
      return { open: await count('open'), overdue: await count('overdue') };
    },

    /** One withdrawal record by its id, and its outcome. */
    async withdrawal(id: string) {
      const [row] = await selectRecords().where(col('documentId'), id).andWhere(col('event'), 'withdrawn').limit(1);
      if (!row) return null;
      const outcome = await strapi.db.query(WITHDRAWAL_OUTCOME_UID).findOne({ where: { withdrawalId: id } });
      return { record: fromSelected(row), outcome: outcome ? toOutcome(outcome) : null };
    },

    /** Records an outcome; false when the withdrawal has one already (the unique index decides under concurrency). */
    async insertOutcome(outcome: StoredOutcome): Promise<boolean> {
      try {
        await strapi.db.query(WITHDRAWAL_OUTCOME_UID).create({ data: outcome });
        return true;
      } catch (error) {
        if (await strapi.db.query(WITHDRAWAL_OUTCOME_UID).findOne({ where: { withdrawalId: outcome.withdrawalId } })) return false;
        throw error;
      }
    },

    /**
     * For every policy (or only `policy`), in two queries whatever their number: how many distinct subjects
     * accepted any version, and per version how many subjects' latest event for the policy accepts it. Subjects
     * are compared exactly (see whereSubject).
     */
    async countsByPolicy(policy?: string): Promise<Map<string, PolicySubjects>> {
      const knex = strapi.db.connection;
      const records = () => {
        const sql = knex(table(ACCEPTANCE_UID));
        return policy === undefined ? sql.whereNotNull(col('policyKey')) : sql.where(col('policyKey'), policy);
      };
      const subjects = await records()
        .where(col('event'), 'accepted')
        .select({ policy: col('policyKey') }, knex.raw('count(distinct ?) as ??', [subjectIdentity(), 'n']))
        .groupBy(col('policyKey'));
      // A subject's latest event for a policy is the one at the highest position among their records of it.
      const latest = records().max(col('seq')).groupBy(col('policyKey'), subjectIdentity());
      const latestAccepted = await knex(table(ACCEPTANCE_UID))
        .select({ policy: col('policyKey'), version: col('version') })
        .count({ n: '*' })
        .whereIn(col('seq'), latest)
        .andWhere(col('event'), 'accepted')
        .groupBy(col('policyKey'), col('version'));
      const counts = new Map<string, PolicySubjects>();
      for (const row of subjects as Array<Record<string, any>>) counts.set(row.policy, { subjects: Number(row.n), latestAccepted: new Map() });
      for (const row of latestAccepted as Array<Record<string, any>>) counts.get(row.policy)?.latestAccepted.set(Number(row.version), Number(row.n));
      return counts;
    },

    /** A policy's acceptances and withdrawals per version, locale and event. */
    async eventsPerVersionLocale(policy: string): Promise<Array<EventCount & { version: number; locale: string }>> {
      const rows = await eventCounts(policy)
        .select({ version: col('version'), locale: col('locale'), event: col('event') })
        .groupBy(col('version'), col('locale'), col('event'));
      return (rows as Array<Record<string, any>>).map((row) => ({ version: Number(row.version), locale: row.locale, event: row.event, count: Number(row.n) }));
    },

    /** A policy's acceptances and withdrawals per UTC day (YYYY-MM-DD) and event, from the day `since` on. */
    async eventsPerDay(policy: string, since: string): Promise<Array<EventCount & { date: string }>> {
      const knex = strapi.db.connection;
      // recordedAt is an ISO string, so its first ten characters are the UTC date.
      const rows = await eventCounts(policy)
        .andWhere(col('recordedAt'), '>=', since)
        .select(knex.raw('substr(??, 1, 10) as ??', [col('recordedAt'), 'date']), knex.raw('?? as ??', [col('event'), 'event']))
        .groupByRaw('substr(??, 1, 10), ??', [col('recordedAt'), col('event')]);
      return (rows as Array<Record<string, any>>).map((row) => ({ date: row.date, event: row.event, count: Number(row.n) }));
    },

    /**
     * Every row from position `fromSeq` to `untilSeq` in chain order, with no row limit, so a walk by position
     * ranges also meets rows that share a position (a keyset page could end between two of them); those in the
     * order they were inserted (the table's own id, qualified: `id` alone names the selected documentId).
     */
    async between(fromSeq: number, untilSeq: number): Promise<StoredRecord[]> {
      const sql = selectRecords().whereBetween(col('seq'), [fromSeq, untilSeq]).orderBy([col('seq'), `${table(ACCEPTANCE_UID)}.id`]);
      return (await sql).map(fromSelected);
    },

    /**
     * Rows after position `afterSeq` (up to `untilSeq`) that match `filters`, in chain order: keyset
     * pagination, the same cost per batch at any depth.
     */
    async batchAfter(afterSeq: number, limit: number, filters: RecordFilters = {}, untilSeq?: number, trx?: unknown): Promise<StoredRecord[]> {
      const sql = whereFilters(selectRecords(trx), filters)
        .where(col('seq'), '>', afterSeq)
        .orderBy(col('seq'), 'asc')
        .limit(limit);
      if (untilSeq !== undefined) sql.andWhere(col('seq'), '<=', untilSeq);
      return (await sql).map(fromSelected);
    },
  };
};

export type AcceptancesRepository = ReturnType<typeof acceptancesRepository>;
