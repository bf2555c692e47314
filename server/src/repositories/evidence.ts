import type { Core } from '@strapi/strapi';
import { LEDGER_CHECKPOINT_UID } from '../constants';
import type { StoredRecord } from '../domain/ledger/types';
import { acceptancesRepository } from './acceptances';

/** A text as the ledger names it: what an acceptance or a publication event carries. */
export interface NamedText {
  policy: string;
  version: number;
  locale: string;
  contentHash: string;
}

// A text is published once per release locale; more rows would only be a log repaired by hand.
const PUBLICATIONS_PER_TEXT = 100;

/** The reads an evidence pack needs beyond the ledger's and the log's own (services/evidence-pack.ts). */
export const evidenceRepository = (strapi: Core.Strapi) => {
  const records = acceptancesRepository(strapi);
  const checkpoints = () => strapi.db.connection(strapi.db.metadata.get(LEDGER_CHECKPOINT_UID).tableName);
  const c = (attribute: string) =>
    (strapi.db.metadata.get(LEDGER_CHECKPOINT_UID).attributes[attribute] as { columnName?: string }).columnName ?? attribute;

  return {
    /**
     * The log's publication events (no subject) of exactly these texts, in chain order. Compared here in full, as
     * the verifier compares them: MySQL's default collation would match a policy key of another case.
     */
    async publicationsOf(texts: NamedText[]): Promise<StoredRecord[]> {
      const found = new Map<number, StoredRecord>();
      for (const text of texts) {
        const { policy, version, locale } = text;
        const rows = await records.batchAfter(0, PUBLICATIONS_PER_TEXT, { policy, version, locale, event: 'published' });
        for (const row of rows) {
          const same = row.subject === null && row.policy === policy && row.version === version && row.locale === locale && row.contentHash === text.contentHash;
          if (same) found.set(row.seq, row);
        }
      }
      return [...found.values()].sort((a, b) => a.seq - b.seq);
    },

    /** The tree size of the smallest timestamped checkpoint from `from` to `to` records, or null. */
    async firstTimestamped(from: number, to: number): Promise<number | null> {
      const row = await checkpoints()
        .whereBetween(c('treeSize'), [from, to])
        .whereNotNull(c('timestampToken'))
        .min({ size: c('treeSize') })
        .first();
      return row?.size === null || row?.size === undefined ? null : Number(row.size);
    },
  };
};
