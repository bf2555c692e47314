import type { Core } from '@strapi/strapi';
import { ACCEPTANCE_UID, LEDGER_CHECKPOINT_UID, LEDGER_NODE_UID } from '../constants';
import { nodeKey, type Hash, type NodeId, type TreeNode } from '../domain/evidence/merkle';

/** A signed checkpoint as stored, with its RFC 3161 timestamp once the authority answered. */
export interface StoredCheckpoint {
  treeSize: number;
  rootHash: string;
  note: string;
  signedAt: string;
  tsaUrl: string | null;
  timestampToken: string | null;
  timestampedAt: string | null;
}

const CHECKPOINT_FIELDS = ['treeSize', 'rootHash', 'note', 'signedAt', 'tsaUrl', 'timestampToken', 'timestampedAt'] as const;

const MAX_COLUMN_SIZE = 2 ** 31 - 1;

// SQLite allows 999 bound parameters per statement; a node row binds four.
const NODES_PER_INSERT = 200;

/**
 * The transparency log's tables: tree nodes and checkpoints. Nodes and checkpoints are written inside the chain
 * writer's transaction; only a checkpoint's timestamp is filled in later, once, where it is still empty.
 */
export const logRepository = (strapi: Core.Strapi) => {
  const knex = () => strapi.db.connection;
  const meta = (uid: string) => strapi.db.metadata.get(uid);
  const col = (uid: string, attribute: string) => (meta(uid).attributes[attribute] as { columnName?: string }).columnName ?? attribute;
  const nodes = (trx?: unknown) => {
    const sql = knex()(meta(LEDGER_NODE_UID).tableName);
    return trx ? sql.transacting(trx as any) : sql;
  };
  const checkpoints = (trx?: unknown) => {
    const sql = knex()(meta(LEDGER_CHECKPOINT_UID).tableName);
    return trx ? sql.transacting(trx as any) : sql;
  };
  const n = (attribute: string) => col(LEDGER_NODE_UID, attribute);
  const c = (attribute: string) => col(LEDGER_CHECKPOINT_UID, attribute);
  const selectCheckpoint = () => Object.fromEntries(CHECKPOINT_FIELDS.map((field) => [field, c(field)]));
  const toCheckpoint = (row: Record<string, any>): StoredCheckpoint => ({ ...row, treeSize: Number(row.treeSize) }) as StoredCheckpoint;

  return {
    /** How many leaves the stored tree has: one past the highest leaf node. */
    async leafCount(trx?: unknown): Promise<number> {
      const row = await nodes(trx).where(n('level'), 0).max({ last: n('idx') }).first();
      return row?.last === null || row?.last === undefined ? 0 : Number(row.last) + 1;
    },

    async insertNodes(trx: unknown, completed: TreeNode[]) {
      const rows = completed.map(({ id, hash }) => ({
        [n('level')]: id.level,
        [n('idx')]: id.index,
        [n('leaf')]: (id.index + 1) * 2 ** id.level - 1,
        [n('hash')]: hash.toString('hex'),
      }));
      for (let i = 0; i < rows.length; i += NODES_PER_INSERT) await nodes(trx).insert(rows.slice(i, i + NODES_PER_INSERT));
    },

    /** The hashes of `ids`, in one query; a node that is not stored is absent from the map. */
    async readNodes(ids: readonly NodeId[], trx?: unknown): Promise<Map<string, Hash>> {
      const found = new Map<string, Hash>();
      if (ids.length === 0) return found;
      const sql = nodes(trx).select({ level: n('level'), idx: n('idx'), hash: n('hash') });
      sql.where((where) => {
        for (const id of ids) where.orWhere((one) => one.where(n('level'), id.level).andWhere(n('idx'), id.index));
      });
      for (const row of (await sql) as Array<Record<string, any>>) {
        found.set(nodeKey({ level: Number(row.level), index: Number(row.idx) }), Buffer.from(row.hash, 'hex'));
      }
      return found;
    },

    /** The position of the record with this hash (its leaf is seq - 1), or null. */
    async seqOfRecord(hash: string): Promise<number | null> {
      const row = await knex()(meta(ACCEPTANCE_UID).tableName)
        .where(col(ACCEPTANCE_UID, 'hash'), hash)
        .first({ seq: col(ACCEPTANCE_UID, 'seq') });
      return row ? Number(row.seq) : null;
    },

    async insertCheckpoint(trx: unknown, checkpoint: StoredCheckpoint) {
      await checkpoints(trx).insert(Object.fromEntries(CHECKPOINT_FIELDS.map((field) => [c(field), checkpoint[field]])));
    },

    async latestCheckpoint(trx?: unknown): Promise<StoredCheckpoint | null> {
      const row = await checkpoints(trx).first(selectCheckpoint()).orderBy(c('treeSize'), 'desc');
      return row ? toCheckpoint(row) : null;
    },

    async checkpointOf(treeSize: number): Promise<StoredCheckpoint | null> {
      const row = await checkpoints().first(selectCheckpoint()).where(c('treeSize'), treeSize);
      return row ? toCheckpoint(row) : null;
    },

    /** Checkpoints with a tree size from `from` to `to` inclusive, smallest first, at most `limit`. */
    async checkpointsBetween(from: number, to: number, limit: number): Promise<StoredCheckpoint[]> {
      // The column is a 32-bit integer on PostgreSQL and MySQL, which refuse a larger bound rather than compare.
      const [low, high] = [from, to].map((size) => Math.min(size, MAX_COLUMN_SIZE));
      const rows = await checkpoints().select(selectCheckpoint()).whereBetween(c('treeSize'), [low, high]).orderBy(c('treeSize'), 'asc').limit(limit);
      return rows.map(toCheckpoint);
    },

    /** Checkpoints a configured authority has not timestamped yet, oldest first. */
    async untimestamped(limit: number): Promise<StoredCheckpoint[]> {
      const rows = await checkpoints().select(selectCheckpoint()).whereNull(c('timestampToken')).orderBy(c('treeSize'), 'asc').limit(limit);
      return rows.map(toCheckpoint);
    },

    /** Stores a checkpoint's timestamp, once: a token already there is never replaced. */
    async setTimestamp(treeSize: number, tsaUrl: string, token: string, timestampedAt: string) {
      await checkpoints()
        .where(c('treeSize'), treeSize)
        .whereNull(c('timestampToken'))
        .update({ [c('tsaUrl')]: tsaUrl, [c('timestampToken')]: token, [c('timestampedAt')]: timestampedAt });
    },
  };
};

export type LogRepository = ReturnType<typeof logRepository>;
