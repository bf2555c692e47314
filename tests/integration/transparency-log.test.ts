import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openCheckpoint } from '../../server/src/domain/evidence/checkpoint';
import { publicKeyFromJwk } from '../../server/src/domain/evidence/jwk';
import { parseHash, recordLeafHash, verifyConsistency, verifyInclusion } from '../../server/src/domain/evidence/merkle';
import { noteVerifier } from '../../server/src/domain/evidence/note';
import { verifyTimestampToken } from '../../server/src/domain/evidence/timestamp';
import { checkpointDigest } from '../../server/src/services/transparency-log';
import { recordHash } from '../../server/src/domain/ledger/chain';
import { contentHash } from '../../server/src/domain/hash';
import { apiToken, LEDGER } from '../support/ledger';
import { editor, KK_BODY } from '../support/policies';
import { adminToken, http, startServer, type TestServer } from '../support/strapi';
import { startTsa } from '../support/tsa';

const RU = '## 1. Общие положения\n\n1.1. Политика обработки персональных данных.\n';
const EVIDENCE = '/api/policy-versions/ledger';
const RECORDS = 'pv_acceptances';
const HEADS = 'pv_ledger_heads';
const CHECKPOINTS = 'pv_ledger_checkpoints';
const NODES = 'pv_ledger_nodes';
const ORIGIN = 'policy-versions';

const until = async <T>(read: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> => {
  for (let i = 0; i < 200; i += 1) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
};

/*
 * The transparency log on a real Strapi: checkpoints signed every 5 records and timestamped by a local RFC 3161
 * authority (openssl ts), copies in an anchor file; proofs that check offline with the pure verifiers; and what a
 * database holder can do (rewrite and rehash, blank, truncate, forge), each caught by verification.
 */
describe('transparency log', () => {
  let server: TestServer;
  let tsa: Awaited<ReturnType<typeof startTsa>>;
  let token: string;
  let officer: string;
  let dir: string;
  const hashes: string[] = [];

  const knex = () => server.strapi.db.connection;
  const verify = async () => {
    const res = await http(server, "GET", "/policy-versions/acceptances/verify", { token: officer });
    if (res.status !== 200) throw new Error(`verify answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body.data;
  };
  const accept = (subject: string) =>
    http(server, 'POST', `${LEDGER}/privacy/acceptances`, { token, body: { version: 1, locale: 'ru', contentHash: contentHash(RU), subject } });

  /**
   * Runs `tamper`, then puts every ledger table back as it was, and makes the log forget the tree it holds in memory
   * (the verification's own audit event was appended to the tampered ledger).
   */
  async function tampered(tamper: () => Promise<void>) {
    const tables = [RECORDS, HEADS, CHECKPOINTS, NODES];
    const saved = await Promise.all(tables.map((table) => knex()(table).select('*')));
    try {
      await tamper();
      return await verify();
    } finally {
      for (const [n, table] of tables.entries()) {
        const rows = saved[n];
        await knex()(table).del();
        for (let i = 0; i < rows.length; i += 50) await knex()(table).insert(rows.slice(i, i + 50));
      }
      server.strapi.plugin('policy-versions').service('transparency-log').settled(false, null);
    }
  }

  beforeAll(async () => {
    tsa = await startTsa();
    dir = mkdtempSync(path.join(tmpdir(), 'pv-anchors-'));
    server = await startServer({
      env: { POLICY_CHECKPOINT_EVERY: '5', POLICY_TSA_URL: tsa.url, POLICY_TSA_CA: tsa.caPem, POLICY_ANCHOR_FILE: path.join(dir, 'checkpoints.jsonl') },
    });
    const admin = editor(server, await adminToken(server));
    await admin.createPolicy('privacy');
    await admin.release('privacy', { ru: RU, kk: KK_BODY }, { material: true });
    token = await apiToken(server);
    officer = await adminToken(server);
    // With the policy's creation and its two publications (ru, kk), 12 records: checkpoints at 5 and 10, two after.
    for (let n = 0; n < 9; n += 1) {
      const res = await accept(`user-${n}`);
      expect(res.status).toBe(201);
      hashes.push(res.body.meta.receipt.recordHash);
    }
    // Anchoring runs after the commit: wait for the authority's tokens.
    await until(() => knex()(CHECKPOINTS).whereNull('timestamp_token').count({ n: '*' }).first(), (row: any) => Number(row.n) === 0, 'timestamps');
  });

  afterAll(async () => {
    await server?.stop();
    await tsa?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('signs a checkpoint every 5 records, timestamped over its note by the authority, with a copy in the anchor file', async () => {
    const latest = await http(server, 'GET', `${EVIDENCE}/checkpoint`);
    expect(latest.status).toBe(200);
    const checkpoint = latest.body.data;
    expect(checkpoint.treeSize).toBe(10);
    const keys = (await http(server, 'GET', `${EVIDENCE}/keys`)).body.data;
    const verifier = noteVerifier(ORIGIN, publicKeyFromJwk(keys[0]));
    const opened = openCheckpoint(checkpoint.note, [verifier], ORIGIN);
    expect(opened.checkpoint.treeSize).toBe(10);
    expect(opened.checkpoint.rootHash.toString('hex')).toBe(checkpoint.rootHash);
    expect(opened.checkpoint.extensions).toEqual([`Timestamp: ${checkpoint.signedAt}`]);
    const info = verifyTimestampToken(Buffer.from(checkpoint.timestamp.token, 'base64'), checkpointDigest(checkpoint.note), { trustedCertificates: [tsa.caPem] });
    expect(info.genTime.toISOString()).toBe(checkpoint.timestamp.genTime);
    expect(checkpoint.timestamp.tsa).toBe(tsa.url);

    const listed = await http(server, 'GET', `${EVIDENCE}/checkpoints?from=0&to=10`);
    expect(listed.body.data.map((item: any) => item.treeSize)).toEqual([5, 10]);
    const anchored = readFileSync(path.join(dir, 'checkpoints.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line));
    expect(anchored.map((item) => item.treeSize)).toEqual([5, 10]);
    expect(anchored[1].note).toBe(checkpoint.note);
  });

  it('proves a receipt\'s record is in a checkpoint, and that a later checkpoint extends an earlier one', async () => {
    const [five, ten] = (await http(server, 'GET', `${EVIDENCE}/checkpoints?from=5`)).body.data;
    const proof = await http(server, 'GET', `${EVIDENCE}/proofs/inclusion?hash=${hashes[6]}&treeSize=10`);
    expect(proof.status).toBe(200);
    const leafIndex = proof.body.data.leafIndex;
    expect(verifyInclusion({ leafIndex, treeSize: 10, leafHash: recordLeafHash(hashes[6]), proof: proof.body.data.hashes.map(parseHash), rootHash: parseHash(ten.rootHash) })).toBe(true);
    expect(verifyInclusion({ leafIndex, treeSize: 10, leafHash: recordLeafHash(hashes[5]), proof: proof.body.data.hashes.map(parseHash), rootHash: parseHash(ten.rootHash) })).toBe(false);
    // Without treeSize: the latest checkpoint's.
    expect((await http(server, 'GET', `${EVIDENCE}/proofs/inclusion?hash=${hashes[0]}`)).body.data.treeSize).toBe(10);

    const consistency = await http(server, 'GET', `${EVIDENCE}/proofs/consistency?from=5&to=10`);
    expect(consistency.status).toBe(200);
    const check = { fromSize: 5, toSize: 10, fromRoot: parseHash(five.rootHash), toRoot: parseHash(ten.rootHash), proof: consistency.body.data.hashes.map(parseHash) };
    expect(verifyConsistency(check)).toBe(true);
    expect(verifyConsistency({ ...check, fromRoot: parseHash(ten.rootHash) })).toBe(false);
  });

  it('answers bad proof requests with 4xx in Strapi\'s error shape', async () => {
    const cases: Array<[string, number]> = [
      [`proofs/inclusion?hash=xyz`, 400],
      [`proofs/inclusion?hash=${'0'.repeat(64)}&treeSize=10`, 404],
      [`proofs/inclusion?hash=${hashes[8]}&treeSize=10`, 404],
      [`proofs/inclusion?hash=${hashes[0]}&treeSize=1000`, 404],
      [`proofs/inclusion?hash=${hashes[0]}&treeSize=-1`, 400],
      [`proofs/consistency?from=10&to=5`, 400],
      [`proofs/consistency?from=1`, 400],
      [`proofs/consistency?from=1&to=99999`, 404],
      [`checkpoints?from=abc`, 400],
    ];
    // Past the database's integer column, a size is still only a number: an empty answer, not a 500.
    expect((await http(server, 'GET', `${EVIDENCE}/checkpoints?from=99999999999`)).body).toEqual({ data: [] });
    for (const [query, status] of cases) {
      const res = await http(server, 'GET', `${EVIDENCE}/${query}`);
      expect({ query, status: res.status }).toEqual({ query, status });
      expect(res.body.error).toEqual(expect.objectContaining({ status, name: expect.any(String), message: expect.any(String) }));
    }
  });

  it('verifies: every record, the tree and every checkpoint, stored and anchored, with their timestamps', async () => {
    const result = await verify();
    expect(result.ok).toBe(true);
    expect(result.log).toEqual(expect.objectContaining({ checkpoints: 4, timestamps: 2, problem: null }));
  });

  it('catches a record rewritten with the whole chain and head recomputed, which the hash chain alone cannot', async () => {
    const result = await tampered(async () => {
      const rows = await knex()(RECORDS).orderBy('seq');
      let prev: string | null = null;
      for (const row of rows) {
        const record = {
          seq: Number(row.seq), id: row.document_id, policy: row.policy_key, version: row.version === null ? null : Number(row.version), locale: row.locale,
          contentHash: row.content_hash, event: row.event, recordedAt: Number(row.seq) === 4 ? '2020-01-01T00:00:00.000Z' : row.recorded_at,
          acceptLanguage: row.accept_language, source: row.source, purposes: row.purposes, identityDigest: row.identity_digest, prevHash: prev,
        };
        const hash = recordHash(record);
        await knex()(RECORDS).where('id', row.id).update({ recorded_at: record.recordedAt, prev_hash: prev, hash });
        prev = hash;
      }
      await knex()(HEADS).update({ hash: prev });
    });
    expect(result.firstBroken).toBeNull();
    expect(result.ok).toBe(false);
    expect(result.log.problem).toEqual(expect.objectContaining({ reason: 'checkpoint-root', treeSize: 5 }));
  });

  it('catches records blanked as if erased, with no erasure event', async () => {
    const result = await tampered(async () => {
      await knex()(RECORDS).where('seq', 5).update({ subject: 'erased:nobody', ip: null, user_agent: null, metadata: null, identity_salt: null });
    });
    expect(result.ok).toBe(false);
    expect(result.firstBroken).toEqual(expect.objectContaining({ position: 5, reason: 'erasure-mismatch' }));
  });

  it('catches a truncated tail against the stored checkpoints, and against the anchored copies once those are gone too', async () => {
    const truncate = async () => {
      const last = await knex()(RECORDS).where('seq', 7).first();
      await knex()(RECORDS).where('seq', '>', 7).del();
      await knex()(HEADS).update({ seq: 7, hash: last.hash });
    };
    const stored = await tampered(truncate);
    expect(stored.firstBroken).toBeNull();
    expect(stored.log.problem).toEqual(expect.objectContaining({ reason: 'truncated', treeSize: 10 }));
    const anchored = await tampered(async () => {
      await truncate();
      await knex()(CHECKPOINTS).where('tree_size', '>', 7).del();
    });
    expect(anchored.log.problem).toEqual(expect.objectContaining({ reason: 'truncated', treeSize: 10 }));
    expect(anchored.log.problem.detail).toContain('anchored');
  });

  it('catches a forged checkpoint: a changed root cannot carry the log key\'s signature', async () => {
    const result = await tampered(async () => {
      const row = await knex()(CHECKPOINTS).where('tree_size', 5).first();
      const forgedRoot = 'ab'.repeat(32);
      const lines = row.note.split('\n');
      lines[2] = Buffer.from(forgedRoot, 'hex').toString('base64');
      await knex()(CHECKPOINTS).where('tree_size', 5).update({ root_hash: forgedRoot, note: lines.join('\n') });
    });
    expect(result.log.problem).toEqual(expect.objectContaining({ reason: 'checkpoint-signature', treeSize: 5 }));
  });

  it('builds the tree over records written before the log existed, on the next checkpoint run, and says so', async () => {
    const lines: string[] = [];
    const info = server.strapi.log.info;
    server.strapi.log.info = ((message: string) => lines.push(message)) as any;
    try {
      let size = 0;
      const result = await tampered(async () => {
        // The 12 records and the audit event of the first verification above.
        size = Number((await knex()(RECORDS).count({ n: '*' }).first())?.n);
        expect(size).toBe(13);
        await knex()(NODES).del();
        await knex()(CHECKPOINTS).del();
        server.strapi.plugin('policy-versions').service('transparency-log').settled(false, null);
        await server.strapi.plugin('policy-versions').service('ledger').updateLog();
        expect((await knex()(CHECKPOINTS).select('tree_size')).map((row: any) => Number(row.tree_size))).toEqual([size]);
      });
      expect(result.ok).toBe(true);
      expect(lines.some((line) => line.includes(`building the transparency log over ${size} existing ledger records`))).toBe(true);
    } finally {
      server.strapi.log.info = info;
    }
  });
});
