/**
 * `npx tsx bench/ledger.ts`: the acceptance ledger's figures, printed next to the targets of issue 3; nothing is
 * asserted. Boots the playground in production mode (bench/lib/playground.js) on SQLite, then PostgreSQL.
 *
 *   post:   POST /api/policy-versions/policies/bench/acceptances (API token, a new subject each request)
 *   stock:  POST /api/bench-acceptances with the same fields (Strapi's stock REST create)
 *   status: GET .../acceptances/status?subject= with 1,000,000 records in the table, and the query plan
 *   export: GET /policy-versions/acceptances/export?format=ndjson of those records, rows/s and RSS growth
 *
 * BENCH_DURATION (seconds, 5) sets each load run; BENCH_CLIENTS=sqlite,postgres the databases; BENCH_ROWS the
 * table size (1,000,000).
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { seal, type ChainHead } from '../server/src/domain/ledger/chain';

/* eslint-disable @typescript-eslint/no-var-requires */
const { startPlayground } = require('./lib/playground');
const { registerAdmin } = require('./lib/admin');
const { ensurePluginBuilt } = require('./lib/build');
const { cpuSeconds } = require('./lib/process-cpu');

const SECONDS = Number(process.env.BENCH_DURATION ?? 5);
const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
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

async function postBench(baseUrl: string, token: string, pid: number) {
  let n = 0;
  const post = (url: string, body: (i: number) => unknown) =>
    load({
      url: `${baseUrl}${url}`,
      method: 'POST',
      connections: CONNECTIONS,
      duration: SECONDS,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      requests: [{ setupRequest: (request: any) => ({ ...request, body: JSON.stringify(body(n++)) }) }],
    });
  const run = process.hrtime.bigint();
  const cpu = cpuSeconds(pid);
  const ledger = await post('/api/policy-versions/policies/bench/acceptances', (i) => ({
    version: 1,
    locale: 'ru',
    subject: `post-${run}-${i}`,
    source: 'bench',
    metadata: { i },
  }));
  const ledgerCpu = cpuSeconds(pid) - cpu;
  const stock = await post('/api/bench-acceptances', (i) => ({
    data: {
      subject: `stock-${run}-${i}`, policyKey: 'bench', version: 1, locale: 'ru', contentHash: `sha256:${'a'.repeat(64)}`,
      event: 'accepted', recordedAt: new Date().toISOString(), ip: '127.0.0.0', userAgent: 'autocannon',
      acceptLanguage: 'ru', source: 'bench', metadata: JSON.stringify({ i }), prevHash: 'b'.repeat(64), hash: 'c'.repeat(64),
    },
  }));
  return { ledger: { ...figures(ledger), cpuMsPerReq: ((ledgerCpu * 1000) / ledger.requests.total).toFixed(2) }, stock: figures(stock) };
}

/** Fills the ledger table with ROWS chained records straight through the database driver, and sets the head. */
async function generateRows(client: string, connection: unknown, searchPath?: string) {
  const knex = require('knex')({ client: client === 'sqlite' ? 'better-sqlite3' : 'pg', connection, searchPath, useNullAsDefault: true });
  const table = 'pv_acceptances';
  const [{ n: existing }] = await knex(table).count({ n: '*' });
  const head = await knex('pv_ledger_heads').where({ name: 'main' }).first();
  let chain: ChainHead = { seq: Number(head.seq), hash: head.hash };
  if (Number(existing) !== chain.seq) throw new Error('the chain head does not match the table');
  const started = Date.now();
  const base = Date.now() - 86_400_000;
  // SQLite caps a compound INSERT at 500 rows; PostgreSQL at 65,535 bound values.
  const chunk = client === 'sqlite' ? 400 : 2000;
  for (let done = 0; done < ROWS; ) {
    const rows = [];
    for (let i = 0; i < chunk && done < ROWS; i += 1, done += 1) {
      const record = seal(
        {
          id: crypto.randomUUID(), subject: `u${done % SUBJECTS}`, policy: 'bench', version: 1, locale: done % 3 ? 'ru' : 'kk',
          contentHash: `sha256:${'a'.repeat(64)}`, event: done % 10 === 9 ? 'withdrawn' : 'accepted',
          recordedAt: new Date(base + done).toISOString(), ip: '10.0.0.0', userAgent: 'generator', acceptLanguage: 'ru',
          source: 'bench', metadata: null,
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
    await knex(table).insert(rows);
  }
  await knex('pv_ledger_heads').where({ name: 'main' }).update({ seq: chain.seq, hash: chain.hash });
  const plan =
    client === 'sqlite'
      ? (await knex.raw(`EXPLAIN QUERY PLAN SELECT * FROM ${table} WHERE subject = ? AND policy_key = ? ORDER BY seq`, ['u42', 'bench']))
          .map((row: any) => row.detail)
          .join('; ')
      : (await knex.raw(`EXPLAIN SELECT * FROM ${table} WHERE subject = ? AND policy_key = ? ORDER BY seq`, ['u42', 'bench'])).rows
          .map((row: any) => row['QUERY PLAN'].trim())
          .join(' / ');
  if (client === 'postgres') await knex.raw(`ANALYZE ${table}`);
  await knex.destroy();
  return { seconds: (Date.now() - started) / 1000, plan };
}

const rssKb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);

async function exportBench(baseUrl: string, adminToken: string, pid: number) {
  const before = rssKb(pid);
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, rssKb(pid))), 100);
  const started = Date.now();
  const response = await fetch(`${baseUrl}/policy-versions/acceptances/export?format=ndjson`, { headers: { authorization: `Bearer ${adminToken}` } });
  let rows = 0;
  let bytes = 0;
  const decoder = new TextDecoder();
  for await (const chunk of response.body as any) {
    bytes += chunk.length;
    rows += (decoder.decode(chunk, { stream: true }).match(/\n/g) ?? []).length;
  }
  clearInterval(sampler);
  const seconds = (Date.now() - started) / 1000;
  return { rows, mb: (bytes / 1e6).toFixed(0), seconds: seconds.toFixed(1), rowsPerSecond: Math.round(rows / seconds), rssGrowthMb: ((peak - before) / 1024).toFixed(0) };
}

async function databaseFor(client: string, workDir: string) {
  if (client === 'sqlite') {
    const filename = path.join(workDir, 'ledger.db');
    return { env: { DATABASE_FILENAME: filename }, connection: { filename } };
  }
  const schema = `pv_ledger_bench_${randomBytes(4).toString('hex')}`;
  const { Client } = require('pg');
  const connection = { host: '127.0.0.1', port: 5432, user: 'postgres', password: '', database: 'test' };
  const pg = new Client(connection);
  await pg.connect();
  await pg.query(`CREATE SCHEMA ${schema}`);
  await pg.end();
  return {
    env: { DATABASE_SCHEMA: schema },
    connection,
    searchPath: schema,
    async drop() {
      const again = new Client(connection);
      await again.connect();
      await again.query(`DROP SCHEMA ${schema} CASCADE`);
      await again.end();
    },
  };
}

async function benchClient(client: string) {
  const workDir = fs.mkdtempSync(path.join(fs.existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir(), 'pv-ledger-bench-'));
  const database: any = await databaseFor(client, workDir);
  const app = await startPlayground({ client, env: database.env });
  try {
    const admin: Admin = await registerAdmin(app.baseUrl);
    await seedPolicy(admin);
    const token = await fullAccessToken(admin);
    const posts = await postBench(app.baseUrl, token, app.pid);
    console.log(`\n[${client}] POST acceptance (32 connections, ${SECONDS} s, every 201 committed; group commit)`);
    console.table({ ledger: posts.ledger, 'stock REST create': posts.stock });
    console.log(`ratio ledger / stock: ${(posts.ledger.rps / posts.stock.rps).toFixed(1)}×  (target ≥ 6×)`);

    const generated = await generateRows(client, database.connection, database.searchPath);
    console.log(`\n[${client}] generated ${ROWS.toLocaleString('en')} chained records in ${generated.seconds.toFixed(0)} s`);
    console.log(`status query plan: ${generated.plan}`);
    // The generator wrote behind the running server's back; nothing needs a restart, as every append reads the head.
    let n = 0;
    const status = await load({
      url: `${app.baseUrl}/api/policy-versions/policies/bench/acceptances/status`,
      connections: CONNECTIONS,
      duration: SECONDS,
      headers: { authorization: `Bearer ${token}` },
      requests: [{ setupRequest: (request: any) => ({ ...request, path: `${request.path}?subject=u${(n++ * 7919) % SUBJECTS}` }) }],
    });
    console.log(`\n[${client}] GET status with ${ROWS.toLocaleString('en')} records (target ≥ 1,500 req/s, p99 ≤ 50 ms)`);
    console.table({ status: figures(status) });

    const exported = await exportBench(app.baseUrl, (admin as any).token, app.pid);
    console.log(`\n[${client}] export NDJSON (target ≥ 50,000 rows/s, RSS growth ≤ 100 MB)`);
    console.table({ export: exported });
  } finally {
    await app.stop();
    await database.drop?.();
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

(async () => {
  ensurePluginBuilt();
  for (const client of (process.env.BENCH_CLIENTS ?? 'sqlite,postgres').split(',')) await benchClient(client);
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
