#!/usr/bin/env node
'use strict';

/**
 * `npm run test:consumer`: proves the PACKED plugin works in a FRESH Strapi app, the way a user installs it.
 *
 *   1. `npm pack`s the plugin (its prepack script builds dist/);
 *   2. scaffolds a new TypeScript app with create-strapi-app (about 4.5 minutes on a cold npm cache);
 *   3. installs the tarball and `pg` into it;
 *   4. enables the plugin in the app's config/plugins.ts, ABOVE users-permissions (the order that once broke
 *      the Authenticated role's ledger grant);
 *   5. builds the app's admin panel;
 *   6. on SQLite, then PostgreSQL (a fresh schema in database `test` at 127.0.0.1:5432): starts the app in
 *      production mode, registers the first admin, publishes a policy in ru/kk/en over the admin routes, has
 *      an end user accept it with its content hash, exports the ledger and verifies its chain, then opens the
 *      admin panel in Debian's Chromium and checks the Policies screens;
 *   7. always stops the servers, drops the schema and removes the temporary folder.
 *
 * Environment: CONSUMER_DIR (parent of the temporary folder; default the OS temp dir), CONSUMER_KEEP=1 (keep
 * the folder and the schema), CONSUMER_DATABASES=sqlite,postgres (which to run), CONSUMER_VERBOSE=1 (stream
 * the tools' output instead of showing it only on failure), CHROMIUM_PATH (default /usr/bin/chromium),
 * CONSUMER_REF=<git ref> (pack that commit, exported with git archive and built apart, instead of the work
 * tree with whatever is uncommitted in it), CONSUMER_REUSE=<folder kept by CONSUMER_KEEP=1> (skip steps 1-5
 * and run the servers, the HTTP flow and the browser against that app again, on fresh databases).
 * Network: the npm registry (scaffold and installs) and 127.0.0.1 only; the browser's other requests are
 * aborted. Ends with one line "N passed, N failed" on stdout; exit code 0 only when nothing failed.
 */
const { spawn, spawnSync } = require('child_process');
const crypto = require('crypto');
const fs = require('fs');
const net = require('net');
const os = require('os');
const path = require('path');
const { ensureChromium, launchOptions } = require('./lib/chromium');

const ROOT = path.resolve(__dirname, '..');
const PLUGIN = require(path.join(ROOT, 'package.json'));
const { DEMO_TERMS } = require(path.join(ROOT, 'playground', 'demo', 'revisions.js'));
const STRAPI_VERSION = '5.54.0';
const KEEP = process.env.CONSUMER_KEEP === '1';
const REF = process.env.CONSUMER_REF || '';
const REUSE = process.env.CONSUMER_REUSE ? path.resolve(process.env.CONSUMER_REUSE) : '';
const VERBOSE = process.env.CONSUMER_VERBOSE === '1';
const DATABASES = (process.env.CONSUMER_DATABASES || 'sqlite,postgres').split(',').map((name) => name.trim()).filter(Boolean);
const PG = { host: '127.0.0.1', port: 5432, user: 'postgres', password: '', database: 'test' };

const MINUTE = 60_000;
const LIMITS = {
  pluginBuild: 10 * MINUTE,
  pack: 5 * MINUTE,
  scaffold: 20 * MINUTE,
  install: 10 * MINUTE,
  adminBuild: 15 * MINUTE,
  health: 2 * MINUTE,
  request: 30_000,
  browserStep: 30_000,
  stopGrace: 10_000,
  cleanup: 30_000,
};

for (const name of DATABASES) {
  if (!['sqlite', 'postgres'].includes(name)) {
    process.stderr.write(`CONSUMER_DATABASES: unknown database "${name}" (use sqlite, postgres)\n`);
    process.exit(2);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Output, checks, steps

const log = (message) => process.stdout.write(`[consumer] ${message}\n`);
const seconds = (since) => ((Date.now() - since) / 1000).toFixed(1);
const counts = { passed: 0, failed: 0 };
const failures = [];
const steps = [];

function check(name, ok, detail = '') {
  if (ok) {
    counts.passed += 1;
    process.stdout.write(`  ok   ${name}\n`);
  } else {
    counts.failed += 1;
    failures.push(`${name}${detail ? `: ${detail}` : ''}`);
    process.stdout.write(`  FAIL ${name}${detail ? `: ${detail}` : ''}\n`);
  }
  return Boolean(ok);
}

class Abort extends Error {}

/** A check the rest of the flow depends on: a failure ends the flow (already counted, so not counted again). */
function need(name, ok, detail) {
  if (!check(name, ok, detail)) throw new Abort(`${name}${detail ? `: ${detail}` : ''}`);
}

/** Runs one timed step; its success or failure is itself a check. Output attached to an error is shown. */
async function step(name, work) {
  log(`${name} …`);
  const started = Date.now();
  try {
    const value = await work();
    steps.push({ name, seconds: seconds(started), ok: true });
    log(`${name} … ${seconds(started)} s`);
    check(name, true);
    return value;
  } catch (error) {
    steps.push({ name, seconds: seconds(started), ok: false });
    log(`${name} … ${seconds(started)} s FAILED`);
    if (!(error instanceof Abort)) check(name, false, error.message.split('\n')[0]);
    error.reported = true;
    if (error.details) process.stdout.write(`${error.details}\n`);
    if (error.output) showOutput(`output of ${name}`, error.output);
    throw error;
  }
}

function showOutput(label, text, lines = 250) {
  const all = String(text).trimEnd().split('\n');
  const shown = all.slice(-lines);
  process.stdout.write(`----- ${label}${all.length > lines ? ` (last ${lines} of ${all.length} lines)` : ''} -----\n`);
  process.stdout.write(`${shown.join('\n')}\n----- end of ${label} -----\n`);
}

// ---------------------------------------------------------------------------------------------------------
// Children: every one in its own process group, killed with its group on exit, failure or signal

const children = new Set();

const groupAlive = (pid) => {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
};

function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    /* already gone */
  }
}

async function stopGroup(pid, graceMs = LIMITS.stopGrace) {
  killGroup(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (groupAlive(pid) && Date.now() < deadline) await sleep(200);
  if (groupAlive(pid)) {
    killGroup(pid, 'SIGKILL');
    const hard = Date.now() + 5000;
    while (groupAlive(pid) && Date.now() < hard) await sleep(100);
    return 'killed';
  }
  return 'terminated';
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** A buffer of a child's output that keeps the last `limit` characters. */
function outputBuffer(limit = 8 * 1024 * 1024) {
  let text = '';
  return {
    add(chunk) {
      text += chunk;
      if (text.length > limit) text = text.slice(-limit);
    },
    text: () => text,
  };
}

/**
 * Runs a command to completion within `timeoutMs`; resolves with its stdout and its whole output (stdout and
 * stderr interleaved), which is also attached to the error on failure (streamed with CONSUMER_VERBOSE=1).
 */
function run(command, args, { cwd, env, timeoutMs, label = `${command} ${args.join(' ')}` }) {
  return new Promise((resolve, reject) => {
    const output = outputBuffer();
    const stdout = outputBuffer();
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    children.add(child.pid);
    const onData = (chunk) => {
      output.add(chunk.toString());
      if (VERBOSE) process.stdout.write(chunk);
    };
    child.stdout.on('data', (chunk) => stdout.add(chunk.toString()));
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    const started = Date.now();
    const heartbeat = setInterval(() => {
      if (!VERBOSE) log(`  … ${label} still running (${seconds(started)} s)`);
    }, 30_000);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      stopGroup(child.pid, 5000);
    }, timeoutMs);
    const finish = (error) => {
      clearInterval(heartbeat);
      clearTimeout(timer);
      if (groupAlive(child.pid)) killGroup(child.pid, 'SIGKILL'); // leftovers of a finished tool
      children.delete(child.pid);
      if (error) {
        error.output = output.text();
        reject(error);
      } else resolve({ output: output.text(), stdout: stdout.text() });
    };
    child.on('error', (error) => finish(new Error(`could not start "${label}": ${error.message}`)));
    child.on('close', (code, signal) => {
      if (timedOut) finish(new Error(`"${label}" did not finish within ${timeoutMs / 1000} s`));
      else if (code !== 0) finish(new Error(`"${label}" failed (exit ${code ?? signal}) in ${cwd}`));
      else finish(null);
    });
  });
}

// ---------------------------------------------------------------------------------------------------------
// Environment

const SECRET_NAMES = ['APP_KEYS', 'API_TOKEN_SALT', 'ADMIN_JWT_SECRET', 'TRANSFER_TOKEN_SALT', 'JWT_SECRET', 'ENCRYPTION_KEY'];

/**
 * The parent's environment without what would leak into the app: npm's run-script variables (npm_config_*
 * would point npm at this repository), database and server settings, secrets (the app's .env has its own),
 * and this repository's own switches.
 */
function baseEnv() {
  const env = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (/^npm_/i.test(name) || name === 'INIT_CWD') continue;
    if (/^(DATABASE_|POLICY_|DEMO_|STRAPI_)/.test(name) || SECRET_NAMES.includes(name)) continue;
    if (['NODE_ENV', 'HOST', 'PORT', 'NODE_OPTIONS', 'BROWSER'].includes(name)) continue;
    env[name] = value;
  }
  return {
    ...env,
    CI: 'true',
    STRAPI_TELEMETRY_DISABLED: 'true',
    BROWSER: 'none',
    npm_config_yes: 'true',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
    npm_config_update_notifier: 'false',
  };
}

// ---------------------------------------------------------------------------------------------------------
// Temporary folder, PostgreSQL schemas, cleanup

const parentDir = process.env.CONSUMER_DIR ? path.resolve(process.env.CONSUMER_DIR) : os.tmpdir();
fs.mkdirSync(parentDir, { recursive: true });
if (REUSE && !fs.existsSync(path.join(REUSE, 'app', 'dist', 'build', 'index.html'))) {
  process.stderr.write(`CONSUMER_REUSE: ${REUSE} holds no built app (app/dist/build): keep one with CONSUMER_KEEP=1 first\n`);
  process.exit(2);
}
/** This run's folder: everything in it is removed at the end (unless CONSUMER_KEEP=1). */
const SCRATCH = fs.mkdtempSync(path.join(parentDir, 'pv-consumer-'));
/** Where the app lives: the scratch folder, or a folder kept by an earlier run (never removed here). */
const WORK = REUSE || SCRATCH;
const APP = path.join(WORK, 'app');
const schemas = new Set();
const browsers = new Set();
let cleanedUp = false;

function pgClient() {
  const { Client } = require('pg');
  return new Client({ ...PG, connectionTimeoutMillis: 10_000, query_timeout: 30_000 });
}

async function createSchema() {
  const name = `pv_consumer_${crypto.randomBytes(5).toString('hex')}`;
  const client = pgClient();
  try {
    await client.connect();
  } catch (error) {
    throw new Error(`PostgreSQL is not reachable at ${PG.host}:${PG.port} as ${PG.user} (database ${PG.database}): ${error.message}`);
  }
  try {
    await client.query(`CREATE SCHEMA ${name}`);
    schemas.add(name);
  } finally {
    await client.end();
  }
  return name;
}

async function dropSchemas() {
  for (const name of schemas) {
    const client = pgClient();
    try {
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${name} CASCADE`);
      schemas.delete(name);
      log(`dropped PostgreSQL schema ${name}`);
    } catch (error) {
      log(`could not drop PostgreSQL schema ${name}: ${error.message}`);
    } finally {
      await client.end().catch(() => {});
    }
  }
}

async function cleanup() {
  if (cleanedUp) return;
  cleanedUp = true;
  for (const browser of browsers) await browser.close().catch(() => {});
  await Promise.all([...children].map((pid) => stopGroup(pid, 5000)));
  children.clear();
  if (KEEP) {
    log(`CONSUMER_KEEP=1: keeping ${SCRATCH}${schemas.size ? ` and schema ${[...schemas].join(', ')}` : ''}`);
    return;
  }
  await dropSchemas();
  const started = Date.now();
  removeTree(SCRATCH);
  log(`removed ${SCRATCH} (${seconds(started)} s)`);
}

/** `rm -rf` (much faster than fs.rmSync on a node_modules tree while other work loads the disk), bounded. */
function removeTree(target) {
  const result = spawnSync('rm', ['-rf', '--', target], { timeout: LIMITS.cleanup, stdio: 'ignore' });
  if (result.status !== 0 || fs.existsSync(target)) fs.rmSync(target, { recursive: true, force: true });
}

process.on('exit', () => {
  for (const pid of children) killGroup(pid, 'SIGKILL');
  if (!cleanedUp && !KEEP) removeTree(SCRATCH);
});
for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]]) {
  process.on(signal, () => {
    log(`${signal}: stopping children and cleaning up`);
    const force = setTimeout(() => process.exit(code), LIMITS.cleanup);
    cleanup().finally(() => {
      clearTimeout(force);
      process.stdout.write(`${counts.passed} passed, ${counts.failed + 1} failed\n`);
      process.exit(code);
    });
  });
}

// ---------------------------------------------------------------------------------------------------------
// HTTP

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function http(baseUrl, method, urlPath, { body, token, headers = {} } = {}) {
  const all = { ...headers };
  if (body !== undefined) all['content-type'] = 'application/json';
  if (token) all.authorization = `Bearer ${token}`;
  let response;
  try {
    response = await fetch(`${baseUrl}${urlPath}`, {
      method,
      headers: all,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(LIMITS.request),
    });
  } catch (error) {
    throw new Error(`${method} ${urlPath}: ${error.cause?.message ?? error.message}`);
  }
  const text = await response.text();
  let json;
  if ((response.headers.get('content-type') || '').includes('json') && text) {
    try {
      json = JSON.parse(text);
    } catch {
      /* left undefined */
    }
  }
  return { status: response.status, headers: response.headers, body: json, text };
}

const describe = (res) => `${res.status} ${res.text.slice(0, 600)}`;

const contentHash = (markdown) =>
  `sha256:${crypto.createHash('sha256').update(markdown.normalize('NFC').replace(/\r\n?/g, '\n'), 'utf8').digest('hex')}`;

// ---------------------------------------------------------------------------------------------------------
// The app's Strapi server

async function startServer(db, env) {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const output = outputBuffer();
  const child = spawn('npx', ['--no', 'strapi', 'start'], {
    cwd: APP,
    env: { ...env, HOST: '127.0.0.1', PORT: String(port), NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  children.add(child.pid);
  let exited = null;
  child.on('exit', (code, signal) => {
    exited = code ?? signal;
  });
  child.on('error', (error) => {
    exited = error.message;
  });
  child.stdout.on('data', (chunk) => output.add(chunk.toString()));
  child.stderr.on('data', (chunk) => output.add(chunk.toString()));

  const server = {
    db,
    baseUrl,
    output: () => output.text(),
    async stop() {
      if (!children.has(child.pid)) return 'not running';
      const how = await stopGroup(child.pid);
      children.delete(child.pid);
      return how;
    },
  };

  const deadline = Date.now() + LIMITS.health;
  for (;;) {
    if (exited !== null) {
      const error = new Error(`strapi start exited (${exited}) before /_health answered`);
      error.output = output.text();
      children.delete(child.pid);
      throw error;
    }
    try {
      const res = await fetch(`${baseUrl}/_health`, { signal: AbortSignal.timeout(2000) });
      if (res.status === 204) return server;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      await server.stop();
      const error = new Error(`GET /_health did not answer 204 within ${LIMITS.health / 1000} s`);
      error.output = output.text();
      throw error;
    }
    await sleep(500);
  }
}

// ---------------------------------------------------------------------------------------------------------
// The flow over HTTP

const TEXTS = {
  ru: {
    title: 'Политика конфиденциальности',
    body: '## 1. Общие положения\n\n1.1. Настоящая политика определяет порядок обработки персональных данных.\n\n1.2. Пользователь может отозвать согласие в любое время.\n',
    changeSummary: 'Первая редакция.',
  },
  kk: {
    title: 'Құпиялылық саясаты',
    body: '## 1. Жалпы ережелер\n\n1.1. Бұл саясат дербес деректерді өңдеу тәртібін белгілейді.\n\n1.2. Пайдаланушы келісімін кез келген уақытта қайтарып ала алады.\n',
    changeSummary: 'Алғашқы редакция.',
  },
  en: {
    title: 'Privacy policy',
    body: '## 1. General provisions\n\n1.1. This policy sets out how personal data is processed.\n\n1.2. The user may withdraw consent at any time.\n',
    changeSummary: 'First edition.',
  },
};

async function apiFlow(server) {
  const { baseUrl, db } = server;
  const label = (text) => `${db}: ${text}`;
  const suffix = crypto.randomBytes(3).toString('hex');
  const admin = { email: `admin-${suffix}@consumer.test`, password: 'Consumer-Test-1', firstname: 'Consumer', lastname: 'Admin' };

  const init = await http(baseUrl, 'GET', '/admin/init');
  check(label('GET /admin/init says there is no admin yet'), init.status === 200 && init.body?.data?.hasAdmin === false, describe(init));

  const registered = await http(baseUrl, 'POST', '/admin/register-admin', { body: admin });
  need(label('first admin registers (POST /admin/register-admin)'), [200, 201].includes(registered.status) && registered.body?.data?.token, describe(registered));
  const adminToken = registered.body.data.token;
  const call = (method, url, body) => http(baseUrl, method, `/policy-versions${url}`, { body, token: adminToken });

  const policy = await call('POST', '/policies', { key: 'privacy', titles: { ru: TEXTS.ru.title, kk: TEXTS.kk.title, en: TEXTS.en.title } });
  need(label('admin creates policy "privacy"'), policy.status === 201 && policy.body?.data?.key === 'privacy', describe(policy));

  const draft = await call('POST', '/policies/privacy/versions', {});
  need(label('admin creates a draft'), draft.status === 201 && typeof draft.body?.data?.documentId === 'string', describe(draft));
  const { documentId } = draft.body.data;
  for (const locale of ['ru', 'kk', 'en']) {
    const saved = await call('PUT', `/versions/${documentId}/locales/${locale}`, TEXTS[locale]);
    need(label(`admin sets the ${locale} text`), saved.status === 200 && saved.body?.data?.locales?.[locale]?.body === TEXTS[locale].body, describe(saved));
  }
  // Publication refuses a version whose consent terms leave an item of Law 94-V Art. 8(4) unset.
  const terms = await call('PUT', `/versions/${documentId}/consent`, DEMO_TERMS);
  need(label('admin sets the consent terms'), terms.status === 200 && terms.body?.data?.consent?.operator?.bin === DEMO_TERMS.operator.bin, describe(terms));

  const published = await call('POST', `/versions/${documentId}/publish`, { material: false, effectiveAt: null });
  need(
    label('admin publishes it as version 1, effective now'),
    published.status === 200 && published.body?.data?.state === 'published' && published.body?.data?.version === 1,
    describe(published)
  );

  const listed = await http(baseUrl, 'GET', '/api/policy-versions/policies');
  const row = listed.body?.data?.find?.((entry) => entry.key === 'privacy');
  check(label('public GET /api/policy-versions/policies lists privacy with v1 in force'), listed.status === 200 && row?.current?.version === 1, describe(listed));

  const name = `consumer${suffix}`;
  const user = { username: name, email: `${name}@consumer.test`, password: 'User-Password-1' };
  const signup = await http(baseUrl, 'POST', '/api/auth/local/register', { body: user });
  need(label('end user registers (POST /api/auth/local/register)'), signup.status === 200 && signup.body?.jwt && signup.body?.user?.id, describe(signup));
  // Not POST /api/auth/local: the scaffold's users-permissions config (jwtManagement 'refresh', sessions.httpOnly)
  // sets a Secure refresh cookie when NODE_ENV=production, which Koa refuses over plain HTTP (500, before any
  // plugin code). Registration answers with an access token and sets no cookie.
  const { jwt } = signup.body;
  const subject = String(signup.body.user.id);
  const me = await http(baseUrl, 'GET', '/api/users/me', { token: jwt });
  check(label('Authenticated role keeps Users & Permissions\' defaults (GET /api/users/me)'), me.status === 200 && String(me.body?.id) === subject, describe(me));

  const current = await http(baseUrl, 'GET', '/api/policy-versions/policies/privacy/current?locale=ru');
  need(label('public GET …/privacy/current?locale=ru answers v1 in ru'), current.status === 200 && current.body?.data?.version === 1 && current.body?.data?.locale === 'ru', describe(current));
  const served = current.body.data;
  check(
    label('its contentHash is the SHA-256 of the served and of the published Markdown'),
    served.contentHash === contentHash(served.markdown) && served.contentHash === contentHash(TEXTS.ru.body),
    `${served.contentHash} vs ${contentHash(TEXTS.ru.body)}`
  );

  const statusPath = '/api/policy-versions/policies/privacy/acceptances/status';
  const before = await http(baseUrl, 'GET', statusPath, { token: jwt });
  check(label('status before accepting: must accept (never accepted)'), before.status === 200 && before.body?.data?.mustAccept === true, describe(before));

  const accepted = await http(baseUrl, 'POST', '/api/policy-versions/policies/privacy/acceptances', {
    token: jwt,
    body: { version: served.version, locale: served.locale, contentHash: served.contentHash, source: 'consumer-test' },
    headers: { 'user-agent': 'ConsumerTest/1.0' },
  });
  need(
    label('end user accepts v1 in ru with its contentHash → 201'),
    accepted.status === 201 && accepted.body?.data?.event === 'accepted' && accepted.body?.data?.subject === subject && accepted.body?.data?.contentHash === served.contentHash,
    describe(accepted)
  );
  const record = accepted.body.data;
  check(label('the acceptance carries a consent receipt'), accepted.body?.meta?.created === true && accepted.body?.meta?.receipt?.consentReceiptID === record.id, describe(accepted));

  const after = await http(baseUrl, 'GET', statusPath, { token: jwt });
  check(
    label('status after accepting: no need to accept'),
    after.status === 200 && after.body?.data?.mustAccept === false && after.body?.data?.acceptedVersion === 1,
    describe(after)
  );

  const ndjson = await call('GET', '/acceptances/export?format=ndjson');
  const lines = ndjson.text.trim().split('\n').filter(Boolean);
  let exported = null;
  try {
    exported = lines.map((line) => JSON.parse(line)).find((entry) => entry.id === record.id) ?? null;
  } catch {
    /* reported below */
  }
  check(
    label('admin exports the ledger as NDJSON with the record'),
    ndjson.status === 200 &&
      /application\/x-ndjson/.test(ndjson.headers.get('content-type') || '') &&
      // The one subject's record; the rest are the log's own events (publications, audits), with no subject.
      lines.filter((line) => !line.includes('"subject":null')).length === 1 &&
      exported?.subject === subject &&
      exported?.contentHash === served.contentHash &&
      exported?.hash === record.hash,
    describe(ndjson)
  );
  const csv = await call('GET', '/acceptances/export?format=csv');
  const csvLines = csv.text.trim().split(/\r?\n/);
  check(
    label('admin exports the ledger as CSV with the record'),
    csv.status === 200 && /text\/csv/.test(csv.headers.get('content-type') || '') && csvLines.filter((line) => line.includes(record.id)).length === 1,
    describe(csv)
  );

  const ledgerPage = await call('GET', '/acceptances?pageSize=1');
  const total = ledgerPage.body?.meta?.pagination?.total;
  const verify = await call('GET', '/acceptances/verify');
  check(
    label('admin verifies the chain: ok, every record'),
    verify.status === 200 && verify.body?.data?.ok === true && verify.body?.data?.count === total && verify.body?.data?.firstBroken === null,
    describe(verify)
  );

  return { admin };
}

// ---------------------------------------------------------------------------------------------------------
// The admin panel in Chromium

async function browserFlow(server, admin) {
  const { db, baseUrl } = server;
  const label = (text) => `${db}: ${text}`;
  const { chromium } = require('playwright-core');
  const profile = fs.mkdtempSync(path.join(SCRATCH, `chromium-${db}-`));
  const context = await chromium.launchPersistentContext(profile, {
    ...launchOptions(),
    // Playwright's own handlers would process.exit(130) before this script has cleaned up: cleanup() closes it.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  browsers.add(context);
  const problems = [];
  const blocked = new Set();
  try {
    // Only the app itself: analytics, marketplace and CDN requests of the admin are aborted.
    await context.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if (['127.0.0.1', 'localhost'].includes(url.hostname) || url.protocol === 'data:' || url.protocol === 'blob:') return route.continue();
      blocked.add(url.origin);
      return route.abort();
    });
    const page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(LIMITS.browserStep);
    page.setDefaultNavigationTimeout(LIMITS.browserStep);
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });

    const dismissFirstRun = async () => {
      // Strapi's first-run banners and tours would cover the screens.
      for (const text of ['Introducing the new Media Library']) {
        const shown = await page.getByText(text).waitFor({ timeout: 3000 }).then(() => true, () => false);
        if (shown) await page.getByRole('button', { name: 'Close' }).first().click().catch(() => {});
      }
      for (const name of ['Skip the tour', 'Skip', 'Maybe later', 'Dismiss']) {
        const button = page.getByRole('button', { name, exact: true });
        if (await button.count().catch(() => 0)) await button.first().click({ timeout: 2000 }).catch(() => {});
      }
    };

    try {
      await page.goto(`${baseUrl}/admin/auth/login`);
      await page.locator('input[name="email"]').fill(admin.email);
      await page.locator('input[name="password"]').fill(admin.password);
      await page.getByRole('button', { name: 'Login' }).click();
      const loggedIn = await page.waitForURL((url) => !url.pathname.startsWith('/admin/auth')).then(() => true, () => false);
      need(label('browser: the admin logs in'), loggedIn, `still at ${page.url()}`);
      await dismissFirstRun();

      await page.goto(`${baseUrl}/admin/plugins/policy-versions`);
      await dismissFirstRun();
      const row = page.locator('tr[data-policy="privacy"]');
      const listed = await row.waitFor().then(() => true, () => false);
      need(label('browser: the Policies screen lists the privacy row'), listed, `no tr[data-policy="privacy"] at ${page.url()}`);
      const rowText = (await row.textContent()) || '';
      check(label('browser: the privacy row shows v1 in force'), rowText.includes('v1'), JSON.stringify(rowText.slice(0, 200)));

      await row.click();
      const timeline = page.getByTestId('version-timeline');
      const shown = await timeline.waitFor().then(() => true, () => false);
      need(label('browser: the policy page shows its version timeline'), shown, `no [data-testid="version-timeline"] at ${page.url()}`);
      const currentVersion = await timeline.locator('tr[data-status="current"]').first().getAttribute('data-version').catch(() => null);
      check(label('browser: the timeline marks v1 as current'), currentVersion === '1', `current row: ${currentVersion}`);
    } catch (error) {
      const shot = path.join(parentDir, `pv-consumer-${db}-failure-${process.pid}.png`);
      await page.screenshot({ path: shot, fullPage: true }).then(() => log(`screenshot of the failure: ${shot} (kept)`), () => {});
      const body = await page.locator('body').innerText({ timeout: 2000 }).catch(() => '');
      error.details = [`page: ${page.url()}`, `page text: ${body.slice(0, 1500)}`, ...problems.slice(0, 30)].join('\n');
      throw error;
    }
    if (blocked.size) log(`  (the browser was kept off ${[...blocked].join(', ')})`);
    for (const problem of [...new Set(problems)].slice(0, 5)) log(`  (browser ${problem.slice(0, 300)})`);
  } finally {
    browsers.delete(context);
    await context.close().catch(() => {});
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------------------
// Preparing the app

/** Inserts the plugin's entry as the first key of the object config/plugins.ts returns. */
function enablePlugin() {
  const file = path.join(APP, 'config', 'plugins.ts');
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: the scaffold's layout changed`);
  const source = fs.readFileSync(file, 'utf8');
  if (source.includes("'policy-versions'")) throw new Error(`${file} already names policy-versions`);
  // `export default ({ env }) => ({` or `const config = ({ env }: …): Core.Config.Plugin => ({`.
  const opening = /\(\s*\{\s*env\s*\}[^)]*\)\s*(?::\s*[\w.<>]+\s*)?=>\s*\(\{[ \t]*\r?\n/g;
  const matches = [...source.matchAll(opening)];
  if (matches.length !== 1) {
    const error = new Error(`config/plugins.ts: expected exactly one "({ env }) => ({" returning the config object, found ${matches.length}`);
    error.output = source;
    throw error;
  }
  const at = matches[0].index + matches[0][0].length;
  const rest = source.slice(at);
  if (!/^\s*'users-permissions'\s*:/.test(rest) || !/\bupload\s*:/.test(rest)) {
    const error = new Error('config/plugins.ts: the returned object does not start with the expected users-permissions entry (and an upload entry)');
    error.output = source;
    throw error;
  }
  const edited = `${source.slice(0, at)}  'policy-versions': { enabled: true },\n${rest}`;
  fs.writeFileSync(file, edited);
  const keys = [...edited.slice(at).matchAll(/^  ('[\w-]+'|[\w-]+)\s*:/gm)].map((m) => m[1].replace(/'/g, ''));
  need('config/plugins.ts lists policy-versions before users-permissions', keys[0] === 'policy-versions' && keys.indexOf('users-permissions') > 0, keys.join(', '));
}

function checkDatabaseConfig() {
  const source = fs.readFileSync(path.join(APP, 'config', 'database.ts'), 'utf8');
  const names = ['DATABASE_CLIENT', 'DATABASE_HOST', 'DATABASE_PORT', 'DATABASE_NAME', 'DATABASE_USERNAME', 'DATABASE_PASSWORD', 'DATABASE_SCHEMA', 'DATABASE_FILENAME'];
  const missing = names.filter((name) => !source.includes(`'${name}'`));
  need('config/database.ts reads the DATABASE_* variables', missing.length === 0, `missing: ${missing.join(', ')}`);
  // The SQLite filename is joined to the app's folder: path.join(__dirname, '..', '..', DATABASE_FILENAME).
  return /path\.join\(\s*__dirname\s*,\s*'\.\.'\s*,\s*'\.\.'\s*,\s*env\('DATABASE_FILENAME'/.test(source);
}

function du(target) {
  const result = spawnSync('du', ['-sm', target], { encoding: 'utf8' });
  return result.status === 0 ? Number(result.stdout.split('\t')[0]) : NaN;
}

// ---------------------------------------------------------------------------------------------------------

/** The plugin's source to pack: the work tree (built when stale), or a commit exported apart with git archive. */
async function pluginSource(env) {
  // npm pack runs the prepack script, which builds dist/ from the sources.
  if (!REF) return ROOT;
  return step(`export ${REF} and build it`, async () => {
    const commit = spawnSync('git', ['rev-parse', '--verify', `${REF}^{commit}`], { cwd: ROOT, encoding: 'utf8' });
    need(`CONSUMER_REF ${REF} names a commit`, commit.status === 0, (commit.stderr || '').trim());
    const source = path.join(SCRATCH, 'source');
    fs.mkdirSync(source);
    const archive = spawnSync('git', ['archive', '--format=tar', commit.stdout.trim()], { cwd: ROOT, maxBuffer: 1024 * 1024 * 1024, timeout: LIMITS.pack });
    if (archive.status !== 0) throw new Error(`git archive failed: ${archive.stderr}`);
    const untar = spawnSync('tar', ['-x', '-C', source], { input: archive.stdout, timeout: LIMITS.pack });
    if (untar.status !== 0) throw new Error(`tar -x failed: ${untar.stderr}`);
    // The repository's own, complete node_modules (never installed into from here).
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(source, 'node_modules'), 'dir');
    log(`  ${REF} = ${commit.stdout.trim().slice(0, 12)}, exported to ${source}`);
    const scripts = JSON.parse(fs.readFileSync(path.join(source, 'package.json'), 'utf8')).scripts || {};
    if (!scripts.prepack) await run('npx', ['--no', 'strapi-plugin', 'build'], { cwd: source, env, timeoutMs: LIMITS.pluginBuild, label: 'strapi-plugin build' });
    else log('  (its prepack script builds it during npm pack)');
    return source;
  });
}

/** Steps 1 to 5: pack, scaffold, install, enable, build the admin. Answers whether SQLite paths join the app dir. */
async function prepareApp(env) {
  const source = await pluginSource(env);

  const tarball = await step('npm pack', async () => {
    const packDir = path.join(SCRATCH, 'pack');
    fs.mkdirSync(packDir);
    const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', packDir], { cwd: source, env, timeoutMs: LIMITS.pack + LIMITS.pluginBuild });
    // The prepack script (strapi-plugin build) prints its own lines first; npm's JSON report comes last.
    const report = /^\[\s*\{/m.exec(stdout);
    if (!report) throw Object.assign(new Error('npm pack printed no JSON report'), { output: stdout });
    const info = JSON.parse(stdout.slice(report.index))[0];
    const file = path.join(packDir, info.filename);
    need('npm pack wrote the tarball', fs.existsSync(file), file);
    const files = info.files.map((entry) => entry.path);
    const expected = ['package.json', 'strapi-server.js', 'strapi-admin.js', 'dist/server/index.js', 'dist/admin/index.js', 'dist/admin/index.mjs'];
    const absent = expected.filter((name) => !files.includes(name));
    need('the tarball holds the server and admin entries', absent.length === 0, `missing: ${absent.join(', ')}`);
    log(`  ${info.filename}: ${files.length} files, ${(info.size / 1024).toFixed(0)} KB packed, ${(info.unpackedSize / 1024).toFixed(0)} KB unpacked`);
    return file;
  });

  await step('scaffold app (create-strapi-app)', async () => {
    await run(
      'npx',
      ['--yes', `create-strapi-app@${STRAPI_VERSION}`, 'app', '--no-run', '--skip-cloud', '--ts', '--use-npm', '--no-example', '--no-git-init', '--install', '--skip-db'],
      { cwd: WORK, env, timeoutMs: LIMITS.scaffold, label: 'create-strapi-app' }
    );
    for (const file of ['package.json', 'config/plugins.ts', 'config/database.ts', '.env', 'node_modules/@strapi/strapi/package.json']) {
      need(`scaffold wrote ${file}`, fs.existsSync(path.join(APP, file)));
    }
    const strapiVersion = require(path.join(APP, 'node_modules/@strapi/strapi/package.json')).version;
    need(`scaffold installed @strapi/strapi ${STRAPI_VERSION}`, strapiVersion === STRAPI_VERSION, strapiVersion);
    fs.mkdirSync(path.join(APP, 'public', 'uploads'), { recursive: true });
  });

  await step('npm install <tarball>', async () => {
    await run('npm', ['install', tarball], { cwd: APP, env, timeoutMs: LIMITS.install, label: 'npm install <tarball>' });
    const installed = path.join(APP, 'node_modules', PLUGIN.name, 'package.json');
    need('the app has the packed plugin in node_modules', fs.existsSync(installed) && require(installed).version === PLUGIN.version, installed);
    const dependency = require(path.join(APP, 'package.json')).dependencies?.[PLUGIN.name] || '';
    check('the app\'s package.json depends on the tarball', dependency.startsWith('file:'), dependency);
  });

  await step('npm install pg', async () => {
    await run('npm', ['install', 'pg@^8'], { cwd: APP, env, timeoutMs: LIMITS.install, label: 'npm install pg' });
    need('the app has pg', fs.existsSync(path.join(APP, 'node_modules', 'pg', 'package.json')));
  });

  const sqliteJoinsAppDir = await step('enable the plugin in config/plugins.ts', async () => {
    enablePlugin();
    return checkDatabaseConfig();
  });

  await step('admin build (strapi build)', async () => {
    await run('npx', ['--no', 'strapi', 'build'], { cwd: APP, env, timeoutMs: LIMITS.adminBuild, label: 'strapi build' });
    need('strapi build wrote dist/build/index.html', fs.existsSync(path.join(APP, 'dist', 'build', 'index.html')));
    const bundle = fs.readdirSync(path.join(APP, 'dist', 'build')).filter((name) => name.endsWith('.js'));
    const hasPlugin = bundle.some((name) => fs.readFileSync(path.join(APP, 'dist', 'build', name), 'utf8').includes('version-timeline'));
    check('the admin bundle includes the plugin\'s screens', hasPlugin, 'no "version-timeline" in dist/build/*.js');
  });
  return sqliteJoinsAppDir;
}

async function main() {
  const started = Date.now();
  const what = REUSE ? `the app kept in ${REUSE}` : REF ? `commit ${REF}` : 'the work tree';
  log(`plugin ${PLUGIN.name}@${PLUGIN.version} from ${what}; Strapi ${STRAPI_VERSION}; folder ${SCRATCH}; databases ${DATABASES.join(', ')}`);
  const env = baseEnv();
  let appSize = null;
  ensureChromium(log);

  try {
    const sqliteJoinsAppDir = REUSE ? checkDatabaseConfig() : await prepareApp(env);
    appSize = { total: du(APP), nodeModules: du(path.join(APP, 'node_modules')) };
    log(`app size on disk: ${appSize.total} MB (node_modules ${appSize.nodeModules} MB)`);

    for (const db of DATABASES) {
      let server = null;
      try {
        const dbEnv = { ...env, DATABASE_CLIENT: db };
        if (db === 'sqlite') {
          const dir = fs.mkdtempSync(path.join(SCRATCH, 'sqlite-'));
          const file = path.join(dir, 'data.db');
          // The scaffold joins DATABASE_FILENAME to the app's folder, so give it relative to that folder.
          dbEnv.DATABASE_FILENAME = sqliteJoinsAppDir ? path.relative(APP, file) : file;
        } else {
          const schema = await step('postgres: create schema', createSchema);
          Object.assign(dbEnv, {
            DATABASE_HOST: PG.host,
            DATABASE_PORT: String(PG.port),
            DATABASE_NAME: PG.database,
            DATABASE_USERNAME: PG.user,
            DATABASE_PASSWORD: PG.password,
            DATABASE_SCHEMA: schema,
            DATABASE_SSL: 'false',
          });
        }
        server = await step(`${db}: strapi start`, () => startServer(db, dbEnv));
        const { admin } = await step(`${db}: API flow`, () => apiFlow(server));
        await step(`${db}: admin in Chromium`, () => browserFlow(server, admin));
      } catch (error) {
        if (server) showOutput(`${db} server output`, server.output());
        if (!error.reported) log(error.stack || String(error));
      } finally {
        if (server) {
          const srv = server;
          await step(`${db}: stop`, async () => {
            const how = await srv.stop();
            log(`  server ${how}`);
            const plain = srv.output().replace(/\x1b\[[0-9;]*m/g, '');
            const fatal = /^\[\d{4}-[^\]]*\] (error|fatal): .*$/im.exec(plain);
            check(`${db}: server logged no errors`, !fatal, fatal ? fatal[0] : '');
            if (fatal) showOutput(`${db} server output`, srv.output());
            const warnings = [...new Set(plain.split('\n').filter((line) => /DeprecationWarning|\] warn: /.test(line)).map((line) => line.replace(/^\(node:\d+\) /, '').trim()))];
            for (const warning of warnings.slice(0, 5)) log(`  server warning: ${warning.slice(0, 400)}`);
          }).catch(() => {});
        }
      }
    }
  } catch (error) {
    if (!error.reported) log(error.stack || String(error));
  } finally {
    const cleanupStart = Date.now();
    await cleanup().catch((error) => log(`cleanup: ${error.message}`));
    steps.push({ name: 'cleanup', seconds: seconds(cleanupStart), ok: true });
  }

  const width = Math.max(...steps.map((s) => s.name.length), 5);
  process.stdout.write('\n[consumer] step times\n');
  process.stdout.write(`  ${'step'.padEnd(width)}  ${'seconds'.padStart(8)}  result\n`);
  for (const s of steps) process.stdout.write(`  ${s.name.padEnd(width)}  ${s.seconds.padStart(8)}  ${s.ok ? 'ok' : 'FAILED'}\n`);
  process.stdout.write(`  ${'total'.padEnd(width)}  ${seconds(started).padStart(8)}\n`);
  if (appSize) process.stdout.write(`  scaffolded app on disk: ${appSize.total} MB (node_modules ${appSize.nodeModules} MB)\n`);
  if (failures.length) {
    process.stdout.write('\n[consumer] failed checks\n');
    for (const failure of failures) process.stdout.write(`  - ${failure}\n`);
  }
  process.stdout.write(`${counts.passed} passed, ${counts.failed} failed\n`);
  process.exitCode = counts.failed === 0 && counts.passed > 0 ? 0 : 1;
}

process.on('unhandledRejection', (error) => {
  check('no unhandled rejection', false, error?.stack || String(error));
});

main();
