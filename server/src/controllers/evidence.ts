import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { getConsistencyProof, getInclusionProof, listCheckpoints } from '../../../shared/contracts/evidence';
import type { Context } from '../http';
import { checkpointView } from '../services/evidence-pack';
import { getService } from '../utils/plugin';
import { parseQuery } from './validation';

const MAX_CHECKPOINTS = 100;

/**
 * The ledger's public evidence (shared/contracts/evidence): keys, checkpoints and proofs, what anyone needs to
 * check a receipt and the log offline. Proofs are asked of sizes the stored tree has; a larger one is a 404.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const log = () => getService(strapi, 'transparency-log');

  async function requireTreeSize(size: number) {
    const leaves = await log().leafCount();
    if (size > leaves) throw new errors.NotFoundError(`The log has ${leaves} records, not ${size}`, { treeSize: leaves });
  }

  return {
    async keys(ctx: Context) {
      // Public and the same for everyone; short-lived, so a rotation (a restart with a new key) shows within minutes.
      ctx.set('Cache-Control', 'public, max-age=300');
      ctx.body = { data: getService(strapi, 'signing').publishedKeys() };
    },

    async checkpoint(ctx: Context) {
      const latest = await log().latestCheckpoint();
      if (!latest) throw new errors.NotFoundError('The log has no checkpoint yet');
      ctx.body = { data: checkpointView(latest) };
    },

    async checkpoints(ctx: Context) {
      const { from = 0, to = Number.MAX_SAFE_INTEGER } = parseQuery(listCheckpoints.request.query, ctx);
      if (from > to) throw new errors.ValidationError('"from" must not be above "to"');
      ctx.body = { data: (await log().checkpointsBetween(from, to, MAX_CHECKPOINTS)).map(checkpointView) };
    },

    async inclusion(ctx: Context) {
      const query = parseQuery(getInclusionProof.request.query, ctx);
      const seq = await log().seqOfRecord(query.hash);
      if (seq === null) throw new errors.NotFoundError('The log has no record with this hash');
      const treeSize = query.treeSize ?? (await log().latestCheckpoint())?.treeSize;
      if (treeSize === undefined) throw new errors.NotFoundError('The log has no checkpoint yet: name a treeSize');
      await requireTreeSize(treeSize);
      if (seq > treeSize) {
        throw new errors.NotFoundError(`The record is entry ${seq - 1}, after the tree of ${treeSize} records`, { leafIndex: seq - 1, treeSize });
      }
      ctx.body = { data: { treeSize, leafIndex: seq - 1, hashes: await log().inclusionProof(seq - 1, treeSize) } };
    },

    async consistency(ctx: Context) {
      const { from, to } = parseQuery(getConsistencyProof.request.query, ctx);
      if (from > to) throw new errors.ValidationError('"from" must not be above "to"');
      await requireTreeSize(to);
      ctx.body = { data: { fromSize: from, treeSize: to, hashes: await log().consistencyProof(from, to) } };
    },
  };
};
