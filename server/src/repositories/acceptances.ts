import type { Knex } from 'knex';
import type { Core } from '@strapi/strapi';
import { ACCEPTANCE_UID, LEDGER_HEAD_UID } from '../constants';
import type { ChainHead } from '../domain/ledger/chain';
import type { LedgerEvent, StoredRecord } from '../domain/ledger/types';

export const MAIN_CHAIN = 'main';

const FIELDS = [
  'seq', 'documentId', 'subject', 'policyKey', 'version', 'locale', 'contentHash', 'event', 'recordedAt', 'ip', 'userAgent',
  'acceptLanguage', 'source', 'metadata', 'identitySalt', 'identityDigest', 'prevHash', 'hash',
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
  identitySalt: record.identitySalt,
  identityDigest: record.identityDigest,
  prevHash: record.prevHash,
  hash: record.hash,
});

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

  return {
    table: () => table(ACCEPTANCE_UID),
    column: (attribute: string) => column(ACCEPTANCE_UID, attribute),
    subjectIdentity,

    /** Creates the chain's head row once; a second instance booting at the same moment loses the race quietly. */
    async ensureHead() {
      if (await heads().findOne({ where: { name: MAIN_CHAIN } })) return;
      try {
        await heads().create({ data: { name: MAIN_CHAIN, seq: 0, hash: null } });
      } catch (error) {
        if (!(await heads().findOne({ where: { name: MAIN_CHAIN } }))) throw error;
      }
    },

    /**
     * Takes the chain's write lock inside the current transaction and reads the head. PostgreSQL and MySQL
     * lock the head row (SELECT ... FOR UPDATE) until commit. SQLite has one writer at a time, but a
     * transaction that reads first and writes later can deadlock against another process doing the same,
     * so there the lock is a no-op write, which takes SQLite's write lock at once.
     */
    async lockHead(trx: unknown): Promise<ChainHead> {
      const knex = strapi.db.connection;
      const seq = column(LEDGER_HEAD_UID, 'seq');
      if (strapi.db.dialect.client === 'sqlite') {
        await headRow(trx).update({ [seq]: knex.raw('??', [seq]) });
      }
      const head = await this.readHead(trx, strapi.db.dialect.client !== 'sqlite');
      if (!head) throw new Error('policy-versions: the ledger has no chain head row; the plugin bootstrap creates it');
      return head;
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

    /** One subject's events for one policy (or all policies), in chain order. */
    async forSubject(subject: string, policy?: string, trx?: unknown): Promise<StoredRecord[]> {
      const sql = whereSubject(selectRecords(trx), subject).orderBy(col('seq'), 'asc');
      if (policy !== undefined) sql.andWhere(col('policyKey'), policy);
      return (await sql).map(fromSelected);
    },

    /** The events of several subjects for several policies, in chain order (the caller groups them). */
    async forSubjects(subjects: string[], policies: string[], trx?: unknown): Promise<StoredRecord[]> {
      const rows = await selectRecords(trx).whereIn(col('subject'), subjects).whereIn(col('policyKey'), policies).orderBy(col('seq'), 'asc');
      return rows.map(fromSelected);
    },

    /** Pseudonymises rows in place: the one sanctioned change to a written record (see domain/ledger/chain.ts). */
    async erase(seqs: number[], pseudonym: string) {
      for (let i = 0; i < seqs.length; i += 500) {
        await query().updateMany({
          where: { seq: { $in: seqs.slice(i, i + 500) } },
          data: { subject: pseudonym, ip: null, userAgent: null, metadata: null, identitySalt: null },
        });
      }
    },

    async findById(id: string): Promise<StoredRecord | null> {
      const row = await selectRecords().where(col('documentId'), id).first();
      return row ? fromSelected(row) : null;
    },

    async page(filters: RecordFilters, page: number, pageSize: number) {
      const rows = whereFilters(selectRecords(), filters).orderBy(col('seq'), 'desc').offset((page - 1) * pageSize).limit(pageSize);
      const count = whereFilters(strapi.db.connection(table(ACCEPTANCE_UID)).count({ n: '*' }), filters).first();
      const [records, total] = await Promise.all([rows, count]);
      return { records: records.map(fromSelected), total: Number((total as { n: unknown }).n) };
    },

    /**
     * Rows after position `afterSeq` (up to `untilSeq`) that match `filters`, in chain order: keyset
     * pagination, the same cost per batch at any depth.
     */
    async batchAfter(afterSeq: number, limit: number, filters: RecordFilters = {}, untilSeq?: number): Promise<StoredRecord[]> {
      const sql = whereFilters(selectRecords(), filters)
        .where(col('seq'), '>', afterSeq)
        .orderBy(col('seq'), 'asc')
        .limit(limit);
      if (untilSeq !== undefined) sql.andWhere(col('seq'), '<=', untilSeq);
      return (await sql).map(fromSelected);
    },
  };
};

export type AcceptancesRepository = ReturnType<typeof acceptancesRepository>;
