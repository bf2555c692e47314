import { randomUUID } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { RELEASE_UID, WEBHOOK_NOTICE_UID } from '../constants';

/** A version that has taken effect, or will, with no notice claimed for it yet. */
export interface UnnoticedVersion {
  policyKey: string;
  version: number;
  effectiveAt: Date;
}

// Versions are numbered from 1: version 0 of no policy marks that the baseline was recorded.
const BASELINE = { policyKey: '*', version: 0 };

/**
 * Which versions have had an event sent (one row each, under a unique index on event, policy and version), so
 * several instances on one database, and restarts, send it once. Written with the query builder: a claim is an
 * insert that does nothing on conflict, so the database decides between instances that race for it.
 */
export const webhookNoticesRepository = (strapi: Core.Strapi) => {
  const knex = () => strapi.db.connection;
  const meta = (uid: string) => strapi.db.metadata.get(uid);
  const col = (uid: string, attribute: string) => (meta(uid).attributes[attribute] as { columnName?: string }).columnName ?? attribute;
  const n = (attribute: string) => col(WEBHOOK_NOTICE_UID, attribute);
  const r = (attribute: string) => col(RELEASE_UID, attribute);
  const notices = (trx?: unknown) => {
    const sql = knex()(meta(WEBHOOK_NOTICE_UID).tableName);
    return trx ? sql.transacting(trx as any) : sql;
  };
  const key = () => [n('event'), n('policyKey'), n('version')];
  const row = (event: string, policyKey: string, version: number, claimedBy: string, fired: boolean) => ({
    [n('event')]: event,
    [n('policyKey')]: policyKey,
    [n('version')]: version,
    [n('claimedBy')]: claimedBy,
    [n('claimedAt')]: new Date().toISOString(),
    [n('fired')]: fired,
  });

  /** Versions not withdrawn that have no notice of `event`, whenever they take effect. */
  async function unnoticed(event: string, trx?: unknown): Promise<UnnoticedVersion[]> {
    const releases = meta(RELEASE_UID).tableName;
    const table = meta(WEBHOOK_NOTICE_UID).tableName;
    const sql = knex()(`${releases} as r`)
      .leftJoin(`${table} as n`, (join) =>
        join
          .on(`n.${n('policyKey')}`, `r.${r('policyKey')}`)
          .andOn(`n.${n('version')}`, `r.${r('version')}`)
          .andOnVal(`n.${n('event')}`, '=', event)
      )
      .whereNull(`r.${r('withdrawnAt')}`)
      .whereNull('n.id')
      .select({ policyKey: `r.${r('policyKey')}`, version: `r.${r('version')}`, effectiveAt: `r.${r('effectiveAt')}` })
      // One order for every instance, so two baselines inserting at once take their row locks alike.
      .orderBy([`r.${r('policyKey')}`, `r.${r('version')}`]);
    if (trx) sql.transacting(trx as any);
    const rows = (await sql) as Array<Record<string, any>>;
    // Each driver hands the datetime back its own way (Date, epoch ms, ISO text); Strapi reads them with new Date too.
    return rows.map((found) => ({ policyKey: found.policyKey, version: Number(found.version), effectiveAt: new Date(found.effectiveAt) }));
  }

  return {
    /** Versions in effect at `now` that have no notice of `event` yet, earliest first. */
    async due(event: string, now: Date): Promise<UnnoticedVersion[]> {
      const pending = await unnoticed(event);
      return pending.filter((found) => found.effectiveAt <= now).sort((a, b) => a.effectiveAt.getTime() - b.effectiveAt.getTime());
    },

    /** True for the one caller, among every instance, whose claim of this version's `event` was stored. */
    async claim(event: string, policyKey: string, version: number): Promise<boolean> {
      const claimedBy = randomUUID();
      await notices().insert(row(event, policyKey, version, claimedBy, true)).onConflict(key()).ignore();
      const stored = await notices().where({ [n('event')]: event, [n('policyKey')]: policyKey, [n('version')]: version }).first({ claimedBy: n('claimedBy') });
      return stored?.claimedBy === claimedBy;
    },

    /**
     * Once per database: records every version already in effect at `now` as noticed without sending anything,
     * with the marker that says it was done, in one transaction. Instances that do it at the same time insert the
     * same rows, and each of them does it before its first claim. Returns how many versions it recorded.
     */
    async recordBaseline(event: string, now: Date): Promise<number | null> {
      const marked = await notices().where({ [n('event')]: event, [n('policyKey')]: BASELINE.policyKey, [n('version')]: BASELINE.version }).first('id');
      if (marked) return null;
      return strapi.db.transaction(async ({ trx }) => {
        const effective = (await unnoticed(event, trx)).filter((found) => found.effectiveAt <= now);
        const rows = [BASELINE, ...effective].map((found) => row(event, found.policyKey, found.version, 'baseline', false));
        // SQLite allows 999 bound parameters per statement; a row binds six.
        for (let i = 0; i < rows.length; i += 100) await notices(trx).insert(rows.slice(i, i + 100)).onConflict(key()).ignore();
        return effective.length;
      });
    },
  };
};
