/**
 * `npx tsx bench/ledger.ts`: the acceptance ledger's figures, printed next to the targets of issue 3; nothing is
 * asserted. Boots the playground in production mode (bench/lib/playground.js) on SQLite, then PostgreSQL.
 *
 *   post:   POST /api/policy-versions/policies/bench/acceptances (API token, a new subject each request), through
 *           the plugin's opt-in ledger fast path and, with an Origin header, through Strapi's full stack
 *   stock:  POST /api/bench-acceptances with the same fields (Strapi's stock REST create)
 *   status: GET .../acceptances/status?subject= with 1,000,000 records in the table, both paths, and the query plan
 *   export: GET /policy-versions/acceptances/export?format=ndjson of those records, rows/s and RSS growth
 *   log:    the transparency log at that size: building it over the generated records, inclusion proofs, the
 *           latest checkpoint, and what signing a checkpoint costs
 *
 * BENCH_DURATION (seconds, 5) sets each load run; BENCH_CLIENTS=sqlite,postgres the databases;
 * BENCH_LEDGER_RECORDS the table size (1,000,000); BENCH_LEDGER_PARTS=post,status,export,log the parts.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import autocannon from 'autocannon';
import { signCheckpoint } from '../server/src/domain/evidence/checkpoint';
import { generateSigningKey, loadKeyring } from '../server/src/domain/evidence/keys';
import { MerkleFrontier, nodeKey, rangeNodes } from '../server/src/domain/evidence/merkle';
import { seal, type ChainHead } from '../server/src/domain/ledger/chain';

/* eslint-disable @typescript-eslint/no-var-requires */
const { startPlayground } = require('./lib/playground');
const { registerAdmin } = require('./lib/admin');
const { ensurePluginBuilt } = require('./lib/build');
const { cpuSeconds } = require('./lib/process-cpu');
const { DEMO_TERMS } = require('../playground/demo/revisions');

const SECONDS = Number(process.env.BENCH_DURATION ?? 5);
const ROWS = Number(process.env.BENCH_LEDGER_RECORDS ?? 1_000_000);
// Which parts run (all by default): post, status, export, log; the last three share the generated records.
const PARTS = new Set((process.env.BENCH_LEDGER_PARTS ?? 'post,status,export,log').split(','));
const SUBJECTS = Math.max(1, Math.floor(ROWS / 5));
const CONNECTIONS = 32;
const RU = '## 1. Общие положения\n\n1.1. Политика обработки персональных данных.\n';
const KK = '## 1. Жалпы ережелер\n\n1.1. Бұл саясат дербес деректерді өңдеу тәртібін белгілейді.\n';

type Admin = (method: string, url: string, body?: unknown) => Promise<any>;

function load(options: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => autocannon(options, (error, result) => (error ? reject(error) : resolve(result))));
}

const figures = (result: autocannon.Result) => ({
  rps: Math.round(result.requests.average),
  p50: result.latency.p50,
  p99: result.latency.p99,
  non2xx: result.non2xx,
  errors: result.errors + result.timeouts,
});

async function seedPolicy(admin: Admin) {
  await admin('POST', '/policy-versions/policies', { key: 'bench', titles: { ru: 'Политика', kk: 'Саясат', en: 'Policy' } });
  const draft = (await admin('POST', '/policy-versions/policies/bench/versions', {})).data;
  await admin('PUT', `/policy-versions/versions/${draft.documentId}/locales/ru`, { title: 'Политика', body: RU });
  await admin('PUT', `/policy-versions/versions/${draft.documentId}/locales/kk`, { title: 'Саясат', body: KK });
  await admin('PUT', `/policy-versions/versions/${draft.documentId}/consent`, DEMO_TERMS);
  return (await admin('POST', `/policy-versions/versions/${draft.documentId}/publish`, { material: true, effectiveAt: null })).data;
}

async function fullAccessToken(admin: Admin): Promise<string> {
  const created = await admin('POST', '/admin/api-tokens', {
    name: `bench-${randomBytes(4).toString('hex')}`,
    type: 'full-access',
    kind: 'content-api',
    lifespan: null,
    permissions: null,
  });
  return created.data.accessKey;
}

// An Origin header sends a ledger call past the plugin's fast path, through Strapi's full middleware stack.
const FULL_STACK = { origin: 'http://bench.invalid' };

/** Loads a scenario and returns its figures with the server's CPU time per request. */
async function measured(pid: number, options: autocannon.Options) {
  const cpu = cpuSeconds(pid);
  const result = await load({ connections: CONNECTIONS, duration: SECONDS, ...options });
  return { ...figures(result), cpuMsPerReq: (((cpuSeconds(pid) - cpu) * 1000) / result.requests.total).toFixed(2) };
}

async function postBench(baseUrl: string, token: string, pid: number) {
  let n = 0;
  const post = (url: string, body: (i: number) => unknown, headers: Record<string, string> = {}) =>
    measured(pid, {
      url: `${baseUrl}${url}`,
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
      requests: [{ setupRequest: (request: any) => ({ ...request, body: JSON.stringify(body(n++)) }) }],
    });
  const run = process.hrtime.bigint();
  const acceptance = (i: number) => ({ version: 1, locale: 'ru', subject: `post-${run}-${i}`, source: 'bench', metadata: { i } });
  const url = '/api/policy-versions/policies/bench/acceptances';
  return {
    'ledger (fast path)': await post(url, acceptance),
    'ledger (full stack)': await post(url, acceptance, FULL_STACK),
    'stock REST create': await post('/api/bench-acceptances', (i) => ({
      data: {
        subject: `stock-${run}-${i}`, policyKey: 'bench', version: 1, locale: 'ru', contentHash: `sha256:${'a'.repeat(64)}`,
        event: 'accepted', recordedAt: new Date().toISOString(), ip: '127.0.0.0', userAgent: 'autocannon',
        acceptLanguage: 'ru', source: 'bench', metadata: JSON.stringify({ i }), prevHash: 'b'.repeat(64), hash: 'c'.repeat(64),
      },
    })),
  };
}

/** Fills the ledger table with ROWS chained records straight through the database driver, and sets the head. */
const openDatabase = (client: string, connection: unknown, searchPath?: string) =>
  require('knex')({ client: client === 'sqlite' ? 'better-sqlite3' : 'pg', connection, searchPath, useNullAsDefault: true });

async function generateRows(client: string, connection: unknown, searchPath?: string) {
  const knex = openDatabase(client, connection, searchPath);
  const table = 'pv_acceptances';
  const [{ n: existing }] = await knex(table).count({ n: '*' });
  const head = await knex('pv_ledger_heads').where({ name: 'main' }).first();
  let chain: ChainHead = { seq: Number(head.seq), hash: head.hash };
  if (Number(existing) !== chain.seq) throw new Error('the chain head does not match the table');
  const started = Date.now();
  const base = Date.now() - 86_400_000;
  // SQLite caps a compound INSERT at 500 rows; PostgreSQL at 65,535 bound values.
  const chunk = client === 'sqlite' ? 400 : 2000;
  // Twenty INSERTs to a transaction: one commit for each rather than one per INSERT.
  let rows: Array<Record<string, unknown>> = [];
  const insert = async () => {
    await knex.transaction(async (trx: any) => {
      for (let i = 0; i < rows.length; i += chunk) await trx(table).insert(rows.slice(i, i + chunk));
    });
    rows = [];
  };
  for (let done = 0; done < ROWS; ) {
    for (let i = 0; i < chunk && done < ROWS; i += 1, done += 1) {
      const record = seal(
        {
          id: crypto.randomUUID(), subject: `u${done % SUBJECTS}`, policy: 'bench', version: 1, locale: done % 3 ? 'ru' : 'kk',
          contentHash: `sha256:${'a'.repeat(64)}`, event: done % 10 === 9 ? 'withdrawn' : 'accepted',
          recordedAt: new Date(base + done).toISOString(), ip: '10.0.0.0', userAgent: 'generator', acceptLanguage: 'ru',
          source: 'bench', metadata: null, purposes: null, givenBy: null,
        },
        chain
      );
      chain = { seq: record.seq, hash: record.hash };
      rows.push({
        seq: record.seq, document_id: record.id, subject: record.subject, policy_key: record.policy, version: record.version,
        locale: record.locale, content_hash: record.contentHash, event: record.event, recorded_at: record.recordedAt, ip: record.ip,
        user_agent: record.userAgent, accept_language: record.acceptLanguage, source: record.source, metadata: null,
        identity_salt: record.identitySalt, identity_digest: record.identityDigest, prev_hash: record.prevHash, hash: record.hash,
      });
    }
    if (rows.length >= 20 * chunk) await insert();
  }
  await insert();
  await knex('pv_ledger_heads').where({ name: 'main' }).update({ seq: chain.seq, hash: chain.hash });
  // A table that grew over months has been vacuumed and checkpointed; a fresh bulk load would otherwise have
  // autovacuum and the checkpointer working through it during the measurement, on the same two cores.
  if (client === 'postgres') {
    await knex.raw(`VACUUM (ANALYZE) ${table}`);
    await knex.raw('CHECKPOINT');
  }
  const plan =
    client === 'sqlite'
      ? (await knex.raw(`EXPLAIN QUERY PLAN SELECT * FROM ${table} WHERE subject = ? AND policy_key = ? ORDER BY seq`, ['u42', 'bench']))
          .map((row: any) => row.detail)
          .join('; ')
      : (await knex.raw(`EXPLAIN SELECT * FROM ${table} WHERE subject = ? AND policy_key = ? ORDER BY seq`, ['u42', 'bench'])).rows
          .map((row: any) => row['QUERY PLAN'].trim())
          .join(' / ');
  await knex.destroy();
  return { seconds: (Date.now() - started) / 1000, plan };
}

const rssKb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);

async function exportBench(baseUrl: string, adminToken: string, pid: number) {
  const before = rssKb(pid);
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, rssKb(pid))), 100);
  const started = Date.now();
  // A connection of its own: after the generator's minutes a pooled keep-alive socket may already be closed.
  const response: http.IncomingMessage = await new Promise((resolve, reject) =>
    http
      .get(`${baseUrl}/policy-versions/acceptances/export?format=ndjson`, { agent: false, headers: { authorization: `Bearer ${adminToken}` } }, resolve)
      .on('error', reject)
  );
  if (response.statusCode !== 200) throw new Error(`export answered ${response.statusCode}`);
  let rows = 0;
  let bytes = 0;
  for await (const chunk of response as AsyncIterable<Buffer>) {
    bytes += chunk.length;
    for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) rows += 1;
  }
  clearInterval(sampler);
  const seconds = (Date.now() - started) / 1000;
  return { rows, mb: (bytes / 1e6).toFixed(0), seconds: seconds.toFixed(1), rowsPerSecond: Math.round(rows / seconds), rssGrowthMb: ((peak - before) / 1024).toFixed(0) };
}

async function benchClient(client: string) {
  // BENCH_NODE_ARGS go to the server's node, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to profile it.
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  // SQLite on disk, not in /dev/shm: a 201 must mean durable, and tmpfs makes SQLite's fsync at commit free.
  // Signed, as in production: every receipt and checkpoint costs its Ed25519 signature.
  const seed = generateSigningKey().seed;
  const env = { POLICY_FAST_LEDGER: 'true', POLICY_VERSIONS_SIGNING_KEY: seed };
  const app = await startPlayground({ client, env, nodeArgs, dataDir: os.tmpdir() });
  try {
    const admin: Admin = await registerAdmin(app.baseUrl);
    await seedPolicy(admin);
    const token = await fullAccessToken(admin);
    if (PARTS.has('post')) {
      const posts = await postBench(app.baseUrl, token, app.pid);
      console.log(`\n[${client}] POST acceptance (32 connections, ${SECONDS} s, every 201 committed; group commit)`);
      console.table(posts);
      const stock = posts['stock REST create'];
      for (const name of ['ledger (fast path)', 'ledger (full stack)'] as const) {
        const ledger = posts[name];
        console.log(`${name} / stock: ${(ledger.rps / stock.rps).toFixed(1)}× by req/s, ` +
          `${(Number(stock.cpuMsPerReq) / Number(ledger.cpuMsPerReq)).toFixed(1)}× by server CPU  (target ≥ 6×)`);
      }
    }
    if (!PARTS.has('status') && !PARTS.has('export') && !PARTS.has('log')) return;

    const generated = await generateRows(client, app.database.connection, app.database.searchPath);
    console.log(`\n[${client}] generated ${ROWS.toLocaleString('en')} chained records in ${generated.seconds.toFixed(0)} s`);
    console.log(`status query plan: ${generated.plan}`);
    // The generator wrote behind the running server's back; nothing needs a restart, as every append reads the head.
    // Its records have no tree yet, as in a ledger from before the log: the next append builds it (what the first
    // boot after the upgrade does), before anything else is measured.
    const log = await buildLog(client, app.baseUrl, token);
    if (PARTS.has('status')) {
      let n = 0;
      const options = (headers: Record<string, string> = {}): autocannon.Options => ({
        url: `${app.baseUrl}/api/policy-versions/policies/bench/acceptances/status`,
        headers: { authorization: `Bearer ${token}`, ...headers },
        requests: [{ setupRequest: (request: any) => ({ ...request, path: `${request.path}?subject=u${(n++ * 7919) % SUBJECTS}` }) }],
      });
      // Warmed up first, unmeasured, as a server in service is: JIT-compiled, its connection pool full.
      const status = async (headers?: Record<string, string>) => {
        await load({ ...options(headers), connections: CONNECTIONS, duration: 2 });
        return measured(app.pid, options(headers));
      };
      console.log(`\n[${client}] GET status with ${ROWS.toLocaleString('en')} records (target ≥ 1,500 req/s, p99 ≤ 50 ms)`);
      console.table({ 'status (fast path)': await status(), 'status (full stack)': await status(FULL_STACK) });
    }
    if (PARTS.has('export')) {
      const exported = await exportBench(app.baseUrl, (admin as any).token, app.pid);
      console.log(`\n[${client}] export NDJSON (target ≥ 50,000 rows/s, RSS growth ≤ 100 MB)`);
      console.table({ export: exported });
    }
    if (PARTS.has('log')) {
      await logBench(client, app.baseUrl, app.pid, log);
      await checkpointBench(client, app.database.connection, app.database.searchPath, seed, log.treeSize);
    }
  } finally {
    await app.stop();
  }
}

/** The first append after generation, which builds the tree over every generated record. */
async function buildLog(client: string, baseUrl: string, token: string) {
  const started = Date.now();
  const subject = `log-${Date.now()}`;
  const post = () =>
    fetch(`${baseUrl}/api/policy-versions/policies/bench/acceptances`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ version: 1, locale: 'ru', subject }),
    });
  // After the generator's minutes the pooled keep-alive socket may be closed (EPIPE): one retry, on a new one; the
  // same subject again is at worst a 200 with the record the first attempt wrote.
  const response = await post().catch(post);
  const answer = (await response.json()) as any;
  if (response.status !== 201 && response.status !== 200) throw new Error(`append after generation: ${response.status} ${JSON.stringify(answer)}`);
  const treeSize: number = answer.meta.receipt.logIndex + 1;
  console.log(`\n[${client}] transparency log built over ${treeSize.toLocaleString('en')} records by the first append in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { treeSize, recordHash: answer.meta.receipt.recordHash as string };
}

/** Inclusion proofs and the latest checkpoint, read at the generated size. */
async function logBench(client: string, baseUrl: string, pid: number, log: { treeSize: number; recordHash: string }) {
  const proof = await measured(pid, {
    url: `${baseUrl}/api/policy-versions/ledger/proofs/inclusion?hash=${log.recordHash}&treeSize=${log.treeSize}`,
    connections: 1,
  });
  const checkpoint = await measured(pid, { url: `${baseUrl}/api/policy-versions/ledger/checkpoint`, connections: 1 });
  console.log(`\n[${client}] inclusion proof at ${log.treeSize.toLocaleString('en')} records (target median < 5 ms), latest checkpoint, one connection`);
  console.table({ 'inclusion proof': proof, 'GET checkpoint': checkpoint });
}

/**
 * What signing a checkpoint costs at that size, measured from outside the server on its database: the path of a
 * process whose tree is not in memory (the stored right edge read, the root computed from it, the note signed with
 * the bench key, the row written), each run in a transaction that is rolled back. A running server keeps the
 * edge in memory, so its checkpoints cost less than this.
 */
async function checkpointBench(client: string, connection: unknown, searchPath: string | undefined, seed: string, treeSize: number) {
  const knex = openDatabase(client, connection, searchPath);
  const keyring = loadKeyring({ name: 'bench', current: seed });
  const edge = rangeNodes(0, treeSize);
  const times: number[] = [];
  try {
    for (let run = 0; run < 30; run += 1) {
      const started = process.hrtime.bigint();
      await knex
        .transaction(async (trx: any) => {
          const rows = await trx('pv_ledger_nodes')
            .select('level', 'idx', 'hash')
            .where((where: any) => {
              for (const id of edge) where.orWhere((one: any) => one.where('level', id.level).andWhere('idx', id.index));
            });
          const found = new Map(rows.map((row: any) => [nodeKey({ level: Number(row.level), index: Number(row.idx) }), Buffer.from(row.hash, 'hex')]));
          const tree = MerkleFrontier.restore(treeSize, edge.map((id) => found.get(nodeKey(id)) as Buffer));
          const signedAt = new Date().toISOString();
          const rootHash = tree.root();
          const note = signCheckpoint({ origin: 'bench', treeSize, rootHash, extensions: [`Timestamp: ${signedAt}`] }, [keyring.current.noteSigner]);
          await trx('pv_ledger_checkpoints').insert({ document_id: `bench-${run}`, tree_size: treeSize + 1 + run, root_hash: rootHash.toString('hex'), note, signed_at: signedAt });
          throw new Error('rollback');
        })
        .catch((error: Error) => {
          if (error.message !== 'rollback') throw error;
        });
      times.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
  } finally {
    await knex.destroy();
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))].toFixed(1);
  console.log(`[${client}] signing a checkpoint at ${treeSize.toLocaleString('en')} records, edge read from the database (target < 50 ms): median ${at(0.5)} ms, max ${at(1)} ms over ${times.length} runs`);
}

(async () => {
  ensurePluginBuilt();
  for (const client of (process.env.BENCH_CLIENTS ?? 'sqlite,postgres').split(',')) await benchClient(client);
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
