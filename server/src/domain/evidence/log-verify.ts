import { createHash } from 'node:crypto';
import { openCheckpoint } from './checkpoint';
import { EvidenceError } from './errors';
import { MerkleFrontier, recordLeafHash } from './merkle';
import type { NoteVerifier } from './note';
import { verifyTimestampToken } from './timestamp';

/*
 * Recomputes the transparency log from the records, fed in chain order, and checks every checkpoint against it:
 * its signature by one of the log's keys, its body (origin, size, root) equal to the tree recomputed from the
 * records at that size, and its RFC 3161 token over the signed note. Whoever rewrites, inserts or erases a record
 * below a checkpoint, or truncates the log under one, must forge the log's signature (the key is not in the
 * database) and the authority's time; checkpoints held outside (the anchor file, a webhook receiver) are checked
 * the same way, so deleting the stored ones does not help.
 */

export interface CheckpointToCheck {
  treeSize: number;
  rootHash: string;
  note: string;
  /** Where the checkpoint was read from, for the report: "stored", or the anchor file's name. */
  source: string;
  timestamp: { token: string } | null;
}

export type LogProblemReason = 'checkpoint-signature' | 'checkpoint-mismatch' | 'checkpoint-root' | 'timestamp' | 'truncated' | 'tree-mismatch';

export interface LogProblem {
  reason: LogProblemReason;
  treeSize: number;
  detail: string;
}

export interface LogVerification {
  checkpoints: number;
  timestamps: number;
  problem: LogProblem | null;
  /** The recomputed root over all records pushed, hex. */
  rootHash: string;
}

export interface LogVerifierOptions {
  origin: string;
  verifiers: readonly NoteVerifier[];
  /** The authority's CA certificates (PEM): a token must chain to one of them. */
  trustedCertificates?: string[];
}

export function createLogVerifier(checkpoints: readonly CheckpointToCheck[], options: LogVerifierOptions) {
  const tree = new MerkleFrontier();
  const queue = [...checkpoints].sort((a, b) => a.treeSize - b.treeSize);
  let next = 0;
  let problem: LogProblem | null = null;
  let timestamps = 0;

  const fail = (reason: LogProblemReason, checkpoint: CheckpointToCheck, detail: string) => {
    problem ??= { reason, treeSize: checkpoint.treeSize, detail: `${detail} (${checkpoint.source} checkpoint of ${checkpoint.treeSize} records)` };
  };

  function check(checkpoint: CheckpointToCheck) {
    let opened;
    try {
      opened = openCheckpoint(checkpoint.note, options.verifiers, options.origin);
    } catch (error) {
      return fail('checkpoint-signature', checkpoint, `its note does not verify with the log's keys: ${(error as Error).message}`);
    }
    const { treeSize, rootHash } = opened.checkpoint;
    if (treeSize !== checkpoint.treeSize || rootHash.toString('hex') !== checkpoint.rootHash) {
      return fail('checkpoint-mismatch', checkpoint, 'its stored size or root differs from what its signed note says');
    }
    if (!tree.root().equals(rootHash)) {
      return fail('checkpoint-root', checkpoint, 'the records no longer hash to the root it signed: a record below it was changed, added or removed');
    }
    if (checkpoint.timestamp) {
      try {
        const digest = createHash('sha256').update(checkpoint.note, 'utf8').digest();
        verifyTimestampToken(Buffer.from(checkpoint.timestamp.token, 'base64'), digest, { trustedCertificates: options.trustedCertificates });
        timestamps += 1;
      } catch (error) {
        if (!(error instanceof EvidenceError)) throw error;
        return fail('timestamp', checkpoint, `its RFC 3161 timestamp does not verify: ${error.message}`);
      }
    }
  }

  /** Checks every checkpoint of the current size (several: stored and anchored copies). */
  function checkDue() {
    while (next < queue.length && queue[next].treeSize === tree.size) check(queue[next++]);
  }

  checkDue();
  return {
    push(recordHash: string) {
      tree.append(recordLeafHash(recordHash));
      checkDue();
    },
    /** `storedRoot` is the root the stored tree nodes give for all records, to catch nodes that disagree with them. */
    finish(storedRoot?: string | null): LogVerification {
      if (next < queue.length) {
        const beyond = queue[next];
        problem ??= {
          reason: 'truncated',
          treeSize: beyond.treeSize,
          detail: `a ${beyond.source} checkpoint signed ${beyond.treeSize} records, but the log has ${tree.size}: records were removed from its end`,
        };
      }
      const rootHash = tree.root().toString('hex');
      if (storedRoot !== undefined && storedRoot !== rootHash) {
        problem ??= { reason: 'tree-mismatch', treeSize: tree.size, detail: 'the stored tree nodes do not give the root the records give' };
      }
      return { checkpoints: checkpoints.length, timestamps, problem, rootHash };
    },
  };
}
