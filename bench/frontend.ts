/**
 * `npx tsx bench/frontend.ts`: the frontend kit's figures, printed next to the targets of issue 14; nothing is
 * asserted.
 *
 *   size:  each browser entry of the built package (dist/<entry>/index.mjs), raw and gzipped (level 9)
 *   first: time to first answer of <policy-consent> on the plain HTML example in Debian's Chromium, against the
 *          playground in production mode: from navigation start to the dialog shown (a user who must accept)
 *          and to the settled state (a user who has accepted), first load and warm (the page's files and
 *          the API's answers in the browser's cache, the connection to Strapi new per page)
 *
 * BENCH_FRONTEND_LOADS sets the warm loads per case (20).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import { chromium, type BrowserContext } from 'playwright-core';
import { createPlainServer } from '../examples/plain-html/server';

/* eslint-disable @typescript-eslint/no-var-requires */
const { startPlayground, ROOT } = require('./lib/playground');
const { registerAdmin } = require('./lib/admin');
const { ensurePluginBuilt } = require('./lib/build');
const { ensureChromium, launchOptions } = require('../scripts/lib/chromium');
const { DEMO_TERMS } = require('../playground/demo/revisions');

const LOADS = Number(process.env.BENCH_FRONTEND_LOADS ?? 20);
const TARGETS: Record<string, number> = { client: 5 * 1024, element: 15 * 1024 };
const PASSWORD = 'Bench-Reader-Password-1';
const TEXTS = {
  ru: '## 1. Общие положения\n\n1.1. Политика обработки персональных данных.\n',
  kk: '## 1. Жалпы ережелер\n\n1.1. Бұл саясат дербес деректерді өңдеу тәртібін белгілейді.\n',
  en: '## 1. General\n\n1.1. The policy on personal data.\n',
};

const kb = (bytes: number) => `${(bytes / 1024).toFixed(2)} KB`;

function sizes() {
  console.log('\nBundles (dist/<entry>/index.mjs, what a browser loads; the element includes the client, the React entry the consent flow but not the client, which the app imports from ./client)');
  console.log('| entry | raw | gzip -9 | target |');
  console.log('|---|---:|---:|---|');
  for (const entry of ['client', 'element', 'react']) {
    const code = fs.readFileSync(path.join(ROOT, 'dist', entry, 'index.mjs'));
    const gzipped = zlib.gzipSync(code, { level: 9 }).length;
    const target = TARGETS[entry];
    console.log(`| ${entry} | ${kb(code.length)} | ${kb(gzipped)} | ${target ? `≤ ${kb(target)} (${gzipped <= target ? 'met' : 'missed'})` : '—'} |`);
  }
}

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
};

async function seed(baseUrl: string) {
  const admin = await registerAdmin(baseUrl);
  await admin('POST', '/policy-versions/policies', { key: 'privacy', titles: { ru: 'Политика', kk: 'Саясат', en: 'Policy' } });
  const draft = (await admin('POST', '/policy-versions/policies/privacy/versions', {})).data;
  for (const [locale, body] of Object.entries(TEXTS)) {
    await admin('PUT', `/policy-versions/versions/${draft.documentId}/locales/${locale}`, { title: `Policy ${locale}`, body });
  }
  await admin('PUT', `/policy-versions/versions/${draft.documentId}/consent`, DEMO_TERMS);
  await admin('POST', `/policy-versions/versions/${draft.documentId}/publish`, { material: true, effectiveAt: null });
}

async function reader(baseUrl: string, name: string) {
  const response = await fetch(`${baseUrl}/api/auth/local/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: name, email: `${name}@example.test`, password: PASSWORD }),
  });
  const body = (await response.json()) as any;
  if (!response.ok) throw new Error(`register → ${response.status} ${JSON.stringify(body)}`);
  return { jwt: body.jwt as string, username: name };
}

/** Milliseconds from navigation start to the element's first state in `phase`, over one first and LOADS warm loads. */
async function timeToPhase(context: BrowserContext, appUrl: string, session: { jwt: string; username: string }, phase: string) {
  const page = await context.newPage();
  await page.addInitScript(
    ({ session, phase }) => {
      sessionStorage.setItem('policy-versions-example:session', JSON.stringify(session));
      document.addEventListener('policy-consent:state', (event) => {
        const w = window as unknown as { reached?: number };
        if (w.reached === undefined && (event as CustomEvent).detail.phase === phase) w.reached = performance.now();
      });
    },
    { session, phase }
  );
  const once = async () => {
    await page.goto(appUrl);
    await page.waitForFunction(() => (window as unknown as { reached?: number }).reached !== undefined, undefined, { timeout: 30_000 });
    return page.evaluate(() => (window as unknown as { reached: number }).reached);
  };
  const first = await once();
  const warm: number[] = [];
  for (let i = 0; i < LOADS; i++) warm.push(await once());
  await page.close();
  return { first, warm };
}

async function firstAnswer() {
  ensureChromium((message: string) => console.log(message));
  const server = await startPlayground();
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'pv-bench-chromium-'));
  let context: BrowserContext | undefined;
  // The page's files may be cached, as a production site serves them; the API's answers carry their own headers.
  const app = createPlainServer({ strapiUrl: server.baseUrl, cacheControl: 'public, max-age=3600' });
  try {
    await seed(server.baseUrl);
    await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
    const appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}/`;
    context = await chromium.launchPersistentContext(profile, launchOptions());

    const asked = await timeToPhase(context, appUrl, await reader(server.baseUrl, 'benchasked'), 'asking');
    const settledReader = await reader(server.baseUrl, 'benchsettled');
    const current = (await (await fetch(`${server.baseUrl}/api/policy-versions/policies/privacy/current?locale=ru`)).json()) as any;
    const accepted = await fetch(`${server.baseUrl}/api/policy-versions/policies/privacy/acceptances`, {
      method: 'POST',
      headers: { authorization: `Bearer ${settledReader.jwt}`, 'content-type': 'application/json' },
      body: JSON.stringify({ version: current.data.version, locale: 'ru', contentHash: current.data.contentHash, purposes: { orders: true } }),
    });
    if (accepted.status !== 201) throw new Error(`accept → ${accepted.status} ${await accepted.text()}`);
    const settled = await timeToPhase(context, appUrl, settledReader, 'settled');

    console.log(`\n<policy-consent>, time to first answer (ms from navigation start; ${LOADS} warm loads, SQLite, production mode, loopback)`);
    console.log('| case | first load | warm p50 | warm p90 |');
    console.log('|---|---:|---:|---:|');
    for (const [name, figures] of [
      ['must accept: dialog shown (status, then the text)', asked],
      ['has accepted: settled (status only)', settled],
    ] as const) {
      console.log(`| ${name} | ${figures.first.toFixed(0)} | ${quantile(figures.warm, 0.5).toFixed(0)} | ${quantile(figures.warm, 0.9).toFixed(0)} |`);
    }
  } finally {
    await context?.close();
    await new Promise((resolve) => app.close(resolve));
    fs.rmSync(profile, { recursive: true, force: true });
    await server.stop();
  }
}

async function main() {
  ensurePluginBuilt();
  sizes();
  await firstAnswer();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
