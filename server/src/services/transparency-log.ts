import { createHash } from 'node:crypto';
import { appendFile } from 'node:fs/promises';
import type { Core } from '@strapi/strapi';
import { signCheckpoint } from '../domain/evidence/checkpoint';
import {
  buildProof,
  consistencyPlan,
  inclusionPlan,
  MerkleFrontier,
  nodeKey,
  rangeNodes,
  recordLeafHash,
  treeHead,
  type Hash,
  type NodeId,
  type ProofPlan,
} from '../domain/evidence/merkle';
import { timestampRequest, timestampTokenFromResponse, verifyTimestampToken } from '../domain/evidence/timestamp';
import type { StoredRecord } from '../domain/ledger/types';
import { WEBHOOK_EVENTS } from '../../../shared/webhook-events';
import { acceptancesRepository } from '../repositories/acceptances';
import { logRepository, type StoredCheckpoint } from '../repositories/log';
import { getConfig, getService } from '../utils/plugin';

const CATCH_UP_BATCH = 2000;

/** SHA-256 of the signed note's UTF-8 bytes: what the timestamp authority is asked to stamp. */
export const checkpointDigest = (note: string) => createHash('sha256').update(note, 'utf8').digest();

/**
 * The transparency log over the ledger's records (RFC 9162): record at chain position seq is leaf seq - 1. The
 * chain writer extends it inside each append's transaction, so the tree, the records and the head commit
 * together; checkpoints are signed there too, and sent to the witnesses after the commit.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const repository = logRepository(strapi);
  const records = acceptancesRepository(strapi);
  const config = () => getConfig(strapi).ledger;
  // The tree's right edge as of the last committed batch; re-read whenever the stored tree has another size.
  let frontier: MerkleFrontier | null = null;
  let pending: MerkleFrontier | null = null;

  function nodesOf(found: Map<string, Hash>) {
    return (id: NodeId) => {
      const hash = found.get(nodeKey(id));
      if (!hash) throw new Error(`policy-versions: the log's node ${nodeKey(id)} is missing`);
      return hash;
    };
  }

  /** Adds the leaves of records after position `from` up to `to` (records written before the log existed). */
  async function catchUp(trx: unknown, tree: MerkleFrontier, to: number) {
    while (tree.size < to) {
      const batch = await records.batchAfter(tree.size, CATCH_UP_BATCH, {}, to, trx);
      if (batch.length === 0 || batch[0].seq !== tree.size + 1) throw new Error(`policy-versions: the ledger has no record at position ${tree.size + 1}`);
      const completed = batch.flatMap((record) => tree.append(recordLeafHash(record.hash)));
      await repository.insertNodes(trx, completed);
    }
  }

  /** The tree of the first `size` records, from memory when it is current, else from the stored edge. */
  async function treeOf(trx: unknown, size: number): Promise<MerkleFrontier> {
    if (frontier?.size === size) return frontier.copy();
    const stored = Math.min(await repository.leafCount(trx), size);
    if (stored < size) {
      strapi.log.info(`policy-versions: adding ledger records ${stored + 1} to ${size} to the transparency log`);
    }
    const edge = rangeNodes(0, stored);
    const found = await repository.readNodes(edge, trx);
    const tree = MerkleFrontier.restore(stored, edge.map(nodesOf(found)));
    await catchUp(trx, tree, size);
    return tree;
  }

  function isDue(tree: MerkleFrontier, last: StoredCheckpoint | null, force: boolean) {
    if (tree.size === 0 || (last && last.treeSize >= tree.size)) return false;
    if (force) return true;
    const { every, intervalSeconds } = config().checkpoints;
    if (tree.size - (last?.treeSize ?? 0) >= every) return true;
    return last !== null && Date.now() - Date.parse(last.signedAt) >= intervalSeconds * 1000;
  }

  /** Signs the tree head as a C2SP checkpoint whose one extension line says when. */
  function signTree(tree: MerkleFrontier): StoredCheckpoint | null {
    const keyring = getService(strapi, 'signing').keyring();
    if (!keyring) return null;
    const signedAt = new Date().toISOString();
    const rootHash = tree.root();
    const note = signCheckpoint(
      { origin: keyring.name, treeSize: tree.size, rootHash, extensions: [`Timestamp: ${signedAt}`] },
      [keyring.current.noteSigner]
    );
    return { treeSize: tree.size, rootHash: rootHash.toString('hex'), note, signedAt, tsaUrl: null, timestampToken: null, timestampedAt: null };
  }

  /** Asks the configured authority for a token over the checkpoint, checks it and stores it. */
  async function timestamp(checkpoint: StoredCheckpoint) {
    const tsa = config().anchors.tsa;
    if (!tsa || checkpoint.timestampToken) return;
    const digest = checkpointDigest(checkpoint.note);
    const request = timestampRequest(digest);
    const response = await fetch(tsa.url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/timestamp-query', Accept: 'application/timestamp-reply' },
      body: new Uint8Array(request.der),
      signal: AbortSignal.timeout(tsa.timeoutMs ?? 10_000),
    });
    if (!response.ok) throw new Error(`the timestamp authority answered HTTP ${response.status}`);
    const token = timestampTokenFromResponse(Buffer.from(await response.arrayBuffer()));
    const info = verifyTimestampToken(token, digest, { nonce: request.nonce, trustedCertificates: tsa.trustedCertificates });
    await repository.setTimestamp(checkpoint.treeSize, tsa.url, token.toString('base64'), info.genTime.toISOString());
  }

  /** Sends a committed checkpoint to every configured witness; a failed timestamp is retried by `anchorPending`. */
  async function anchor(checkpoint: StoredCheckpoint) {
    const origin = getService(strapi, 'signing').keyring()?.name;
    const published = { origin, treeSize: checkpoint.treeSize, rootHash: checkpoint.rootHash, signedAt: checkpoint.signedAt, note: checkpoint.note };
    getService(strapi, 'webhooks').emit(WEBHOOK_EVENTS.POLICY_LEDGER_CHECKPOINT, { checkpoint: published });
    const file = config().anchors.file;
    const tasks: Array<Promise<unknown>> = [timestamp(checkpoint)];
    if (file) tasks.push(appendFile(file, `${JSON.stringify(published)}\n`, 'utf8'));
    for (const outcome of await Promise.allSettled(tasks)) {
      if (outcome.status === 'rejected') {
        strapi.log.warn(`policy-versions: anchoring the checkpoint of ${checkpoint.treeSize} records failed (retried later): ${(outcome.reason as Error).message}`);
      }
    }
  }

  async function readProof(plan: ProofPlan) {
    const found = await repository.readNodes(plan.nodes);
    return buildProof(plan, nodesOf(found)).map((hash) => hash.toString('hex'));
  }

  return {
    /**
     * For the chain writer, inside its transaction after the batch's records are written: adds their leaves (and
     * any records the tree lacks), stores the completed nodes, and signs a checkpoint when one is due or `force`d.
     */
    async extend(trx: unknown, sizeBefore: number, appended: StoredRecord[], force: boolean): Promise<StoredCheckpoint | null> {
      const tree = await treeOf(trx, sizeBefore);
      await repository.insertNodes(trx, appended.flatMap((record) => tree.append(recordLeafHash(record.hash))));
      pending = tree;
      const last = await repository.latestCheckpoint(trx);
      const checkpoint = isDue(tree, last, force) ? signTree(tree) : null;
      if (checkpoint) await repository.insertCheckpoint(trx, checkpoint);
      return checkpoint;
    },

    /** For the chain writer, once its transaction is over. */
    settled(committed: boolean, checkpoint: StoredCheckpoint | null) {
      frontier = committed ? pending : null;
      pending = null;
      if (committed && checkpoint) void anchor(checkpoint);
    },

    /** Timestamps checkpoints the authority has not stamped yet (it was down, or the process stopped). */
    async anchorPending() {
      if (!config().anchors.tsa) return;
      for (const checkpoint of await repository.untimestamped(20)) {
        try {
          await timestamp(checkpoint);
        } catch (error) {
          strapi.log.warn(`policy-versions: timestamping the checkpoint of ${checkpoint.treeSize} records failed: ${(error as Error).message}`);
          return;
        }
      }
    },

    latestCheckpoint: () => repository.latestCheckpoint(),
    checkpointOf: (treeSize: number) => repository.checkpointOf(treeSize),
    checkpointsBetween: (from: number, to: number, limit: number) => repository.checkpointsBetween(from, to, limit),
    seqOfRecord: (hash: string) => repository.seqOfRecord(hash),
    leafCount: () => repository.leafCount(),

    /** The audit path of leaf `leafIndex` in the tree of `treeSize` leaves, as hex hashes. */
    inclusionProof: (leafIndex: number, treeSize: number) => readProof(inclusionPlan(leafIndex, treeSize)),

    /** PROOF(from, D[to]) as hex hashes. */
    consistencyProof: (from: number, to: number) => readProof(consistencyPlan(from, to)),

    /** MTH of the stored tree's first `treeSize` leaves, from its nodes. */
    async storedRoot(treeSize: number): Promise<string> {
      const ids = rangeNodes(0, treeSize);
      const found = await repository.readNodes(ids);
      return treeHead(treeSize, nodesOf(found)).toString('hex');
    },
  };
};
