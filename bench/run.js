'use strict';

/**
 * `npm run bench`: the public read API against Strapi's stock REST API and a bare Node server, on loopback,
 * in production mode. Prints figures next to the targets of issue 2; nothing is asserted, as the figures
 * depend on the machine and on whatever else runs on it.
 *
 *   (a) GET /api/policy-versions/policies/bench/current?locale=ru  a 20 KB policy, with the plugin's opt-in
 *                                                                  fastRead (served ahead of Strapi's stack)
 *   (a') GET /api/policy-versions/policies/bench/versions/1?locale=ru  the same answer through Strapi's full
 *                                                                  middleware stack (the default path)
 *   (b) GET /api/bench-texts/:documentId                           the same text in an ordinary content type
 *   (c) a bare http.createServer                                   the very bytes (a) answers
 *   (s) GET /api/bench-noop                                         a public Strapi route that does nothing
 *   switch: (a) again while a version scheduled mid-run takes effect, with a side poller checking every answer
 *
 * BENCH_DURATION=seconds sets each run's length (5 by default), BENCH_ROUNDS the rounds (a, b, s, c each once a
 * round, median kept; 3 by default); DATABASE_CLIENT=postgres uses PostgreSQL.
 */
const fs = require('node:fs');
const path = require('node:path');
const { registerAdmin, allowPublic } = require('./lib/admin');
const { startBareServer } = require('./lib/bare-server');
const { ensurePluginBuilt } = require('./lib/build');
const { measure, measureRounds, printTable, benchRounds, benchSeconds, CONNECTIONS } = require('./lib/load');
const { startPlayground, ROOT } = require('./lib/playground');
const { DEMO_TERMS } = require('../playground/demo/revisions');

const FIXTURE = path.resolve(ROOT, '..', 'shared', 'fixtures', 'policies', 'ru-reco-kz.txt');
const TEXT_BYTES = 20 * 1024;
const POLICY = 'bench';
const KK_BODY = '## 1. Жалпы ережелер\n\n1.1. Бұл саясат дербес деректерді өңдеу тәртібін белгілейді.\n';
const TARGET = { ratio: 8, p99: 50 };
// Concurrent loops of the switch poller: enough to sample the switch densely, few enough to leave the
// 32 load connections as the real load.
const POLLERS = 2;

/** The 19 KB fixture, padded with a closing paragraph to the 20 KB. */
function policyText() {
  let text = `${fs.readFileSync(FIXTURE, 'utf8').trimEnd()}\n\n`;
  const filler = 'Настоящая Политика действует бессрочно до замены её новой редакцией. ';
  while (Buffer.byteLength(text) < TEXT_BYTES) text += filler;
  return `${text.trimEnd()}\n`;
}

/** One version of the bench policy, through the plugin's editor API: draft, ru and kk texts, the demo's consent terms, publish. */
async function release(admin, ruBody, effectiveAt) {
  const draft = (await admin('POST', `/policy-versions/policies/${POLICY}/versions`, {})).data;
  const texts = { ru: ruBody, kk: KK_BODY };
  for (const [locale, body] of Object.entries(texts)) {
    await admin('PUT', `/policy-versions/versions/${draft.documentId}/locales/${locale}`, {
      title: locale === 'ru' ? 'Политика конфиденциальности' : 'Құпиялылық саясаты',
      body,
      changeSummary: `Bench ${effectiveAt ?? 'now'}`,
    });
  }
  await admin('PUT', `/policy-versions/versions/${draft.documentId}/consent`, DEMO_TERMS);
  return (await admin('POST', `/policy-versions/versions/${draft.documentId}/publish`, { material: false, effectiveAt })).data;
}

/** Fetches `url`, failing unless it answers 200 with JSON whose `pick` is the expected text. */
async function expectText(url, pick, text) {
  const response = await fetch(url);
  const body = Buffer.from(await response.arrayBuffer());
  if (response.status !== 200 || pick(JSON.parse(body.toString('utf8'))) !== text) {
    throw new Error(`${url} → ${response.status}, not the seeded text: ${body.toString('utf8').slice(0, 300)}`);
  }
  return { body, contentType: response.headers.get('content-type') };
}

/**
 * Loads `url` for `seconds` while POLLERS loops fetch it too and check each answer against the switch at
 * `effectiveAt`: an answer received before it must name `before`, one requested after it `after`; an answer
 * whose request was in flight at the switch may name either.
 */
async function loadAcrossSwitch(url, pid, seconds, effectiveAt, versions) {
  const switchMs = Date.parse(effectiveAt);
  const tally = { checked: 0, before: 0, after: 0, inFlight: 0, wrong: 0, failed: 0 };
  let loading = true;
  const poll = async () => {
    while (loading) {
      const sent = Date.now();
      tally.checked += 1;
      try {
        const response = await fetch(url);
        const body = await response.json();
        const received = Date.now();
        if (response.status !== 200) tally.failed += 1;
        else if (sent < switchMs && received >= switchMs) tally.inFlight += 1;
        else if (body.data.version !== (received < switchMs ? versions.before : versions.after)) tally.wrong += 1;
        else tally[received < switchMs ? 'before' : 'after'] += 1;
      } catch {
        tally.failed += 1;
      }
    }
  };
  const pollers = Array.from({ length: POLLERS }, poll);
  const load = await measure(url, { seconds, warmup: false, pid }).finally(() => {
    loading = false;
  });
  await Promise.all(pollers);
  return { load, tally };
}

async function main() {
  const seconds = benchSeconds();
  const started = Date.now();
  if (ensurePluginBuilt()) console.log(`Plugin built in ${((Date.now() - started) / 1000).toFixed(0)} s`);

  const text = policyText();
  const app = await startPlayground({ env: { POLICY_FAST_READ: 'true' } });
  let bare;
  try {
    console.log(
      `Strapi 5 (production, ${app.client}) on ${app.baseUrl}; ${CONNECTIONS} connections; ` +
        `median of ${benchRounds()} interleaved ${seconds} s runs; the switch run ${2 * seconds} s\n`
    );
    const admin = await registerAdmin(app.baseUrl);
    await admin('POST', '/policy-versions/policies', { key: POLICY, titles: { ru: 'Политика конфиденциальности', kk: 'Құпиялылық саясаты' } });
    const first = await release(admin, text, null);
    const entry = (await admin('POST', '/content-manager/collection-types/api::bench-text.bench-text', { title: 'Политика', body: text })).data;
    await allowPublic(admin, 'api::bench-text', 'bench-text', ['find', 'findOne']);

    const urls = {
      plugin: `${app.baseUrl}/api/policy-versions/policies/${POLICY}/current?locale=ru`,
      pluginStack: `${app.baseUrl}/api/policy-versions/policies/${POLICY}/versions/${first.version}?locale=ru`,
      stock: `${app.baseUrl}/api/bench-texts/${entry.documentId}`,
      noop: `${app.baseUrl}/api/bench-noop`,
    };
    const served = await expectText(urls.plugin, (json) => json.data.markdown, text);
    await expectText(urls.pluginStack, (json) => json.data.markdown, text);
    await expectText(urls.stock, (json) => json.data.body, text);
    bare = await startBareServer(served.body, served.contentType);

    const { a, stack, b, c, s } = await measureRounds({
      a: { url: urls.plugin, pid: app.pid },
      stack: { url: urls.pluginStack, pid: app.pid },
      b: { url: urls.stock, pid: app.pid },
      s: { url: urls.noop, pid: app.pid },
      c: { url: bare.url, pid: bare.pid },
    });

    // A run twice as long as the others, the switch half-way: the publish call and the run start take well under a second.
    const switchSeconds = 2 * seconds;
    const effectiveAt = new Date(Date.now() + 500 + (switchSeconds * 1000) / 2).toISOString();
    const second = await release(admin, `${text}\nРедакция ${effectiveAt}.\n`, effectiveAt);
    const atSwitch = await loadAcrossSwitch(urls.plugin, app.pid, switchSeconds, effectiveAt, { before: first.version, after: second.version });

    const row = (name, r) => [name, r.rps, r.p50, r.p99, r.non2xx, r.errors, r.bytesPerResponse, r.cpuUsPerRequest];
    printTable(
      ['scenario', 'req/s', 'p50 ms', 'p99 ms', 'non-2xx', 'errors', 'bytes/resp', 'server CPU µs/req'],
      [
        row('(a) plugin GET .../current?locale=ru (fastRead)', a),
        row("(a') plugin GET .../versions/1 (Strapi stack)", stack),
        row('(b) stock REST GET /api/bench-texts/:id', b),
        row('(c) bare http.createServer, same bytes', c),
        row('(s) Strapi route doing nothing (204)', s),
        row('(a) across a version switch', atSwitch.load),
      ]
    );
    const ratio = (x, y) => (y.rps ? x.rps / y.rps : NaN).toFixed(2);
    console.log('');
    printTable(
      ['figure', 'value', 'target'],
      [
        ['a/b req/s', ratio(a, b), `>= ${TARGET.ratio}`],
        ["a'/b req/s (without fastRead)", ratio(stack, b), '(default path)'],
        ['a/c req/s', ratio(a, c), '(ceiling)'],
        ['a/s req/s', ratio(a, s), '(Strapi ceiling)'],
        ['p99 of (a), ms', String(a.p99), `<= ${TARGET.p99}`],
        ['p99 of (a) across the switch, ms', String(atSwitch.load.p99), `<= ${TARGET.p99}`],
      ]
    );
    const t = atSwitch.tally;
    console.log(
      `\nAt the switch (v${first.version} -> v${second.version} at ${effectiveAt}): ${t.checked} answers checked by the side poller, ` +
        `${t.before} before, ${t.after} after, ${t.inFlight} in flight at the instant, ${t.wrong} wrong, ${t.failed} failed.`
    );
    console.log(`Total ${((Date.now() - started) / 1000).toFixed(0)} s.`);
  } finally {
    await bare?.stop();
    await app.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
