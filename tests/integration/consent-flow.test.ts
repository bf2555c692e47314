import { createClient } from '../../client';
import { createConsentFlow, prefetchConsent, type ConsentFlow, type ConsentFlowState } from '../../client/consent-flow';
import { contentHash } from '../../server/src/domain/hash';
import { endUser } from '../support/ledger';
import { editor, KK_BODY } from '../support/policies';
import { adminToken, startServer, type TestServer } from '../support/strapi';

/*
 * The consent flow that the element and the React component render, against a real Strapi: what it asks, what
 * it records, and how it recovers from a version switch while the text is shown.
 */
const RU = (n: number) => `## 1. Общие положения\n\n1.1. Редакция ${n} политики обработки персональных данных.\n`;
const KK = (n: number) => `${KK_BODY}\n1.3. Нұсқа ${n}.\n`;
const DAY = 86_400_000;

describe('the consent flow', () => {
  let server: TestServer;
  let admin: ReturnType<typeof editor>;
  let policyCount = 0;

  beforeAll(async () => {
    server = await startServer();
    admin = editor(server, await adminToken(server));
  });

  afterAll(async () => server?.stop());

  /** A policy of its own per test, with `versions` material versions in force. */
  async function policy(versions = 1) {
    const key = `flow-${++policyCount}`;
    await admin.createPolicy(key);
    for (let n = 1; n <= versions; n += 1) await admin.release(key, { ru: RU(n), kk: KK(n) }, { material: true });
    return key;
  }

  const flowFor = async (key: string, locale = 'ru') => {
    const user = await endUser(server);
    const client = createClient({ baseUrl: server.baseUrl, getToken: () => user.jwt });
    return { user, client, flow: createConsentFlow({ client, policy: key, locale, source: 'banner' }) };
  };

  /** Every state the flow went through, in order. */
  const phases = (flow: ConsentFlow) => {
    const seen: ConsentFlowState['phase'][] = [];
    flow.subscribe((state) => seen.push(state.phase));
    return seen;
  };

  it('asks nothing of a caller the server does not know', async () => {
    const key = await policy();
    const flow = createConsentFlow({ client: createClient({ baseUrl: server.baseUrl }), policy: key, locale: 'ru' });
    await flow.start();
    expect(flow.state).toMatchObject({ phase: 'signed-out', policy: null, status: null });
  });

  it('asks a new user, records exactly the text shown with their purposes, and then asks no more', async () => {
    const key = await policy();
    const { client, flow } = await flowFor(key);
    const seen = phases(flow);
    await flow.start();
    expect(seen).toEqual(['loading', 'asking']);
    expect(flow.state.policy).toMatchObject({ version: 1, locale: 'ru', contentHash: contentHash(RU(1)) });
    expect(flow.state.diffHtml).toBeNull();
    expect(flow.state.purposes).toEqual({ service: true, analytics: false });

    flow.setPurpose('service', false); // required: stays given
    flow.setPurpose('analytics', true);
    flow.setPurpose('unknown', true);
    expect(flow.state.purposes).toEqual({ service: true, analytics: true });

    await flow.accept();
    expect(flow.state.phase).toBe('accepted');
    expect(flow.state.accepted?.data).toMatchObject({ version: 1, locale: 'ru', contentHash: contentHash(RU(1)), source: 'banner', purposes: { service: true, analytics: true } });
    expect(flow.state.accepted?.meta.receiptJws).toEqual(expect.any(String));

    // Asked again on the same page: the accepted text is no question while the answer loads (no dialog flashes).
    const reloads: ConsentFlowState[] = [];
    flow.subscribe((state) => reloads.push(state));
    await flow.start();
    expect(reloads.map((state) => [state.phase, state.policy])).toEqual([['loading', null], ['settled', null]]);

    const again = createConsentFlow({ client, policy: key, locale: 'ru' });
    await again.start();
    expect(again.state).toMatchObject({ phase: 'settled', pending: null, policy: null });
    expect(again.state.status).toMatchObject({ mustAccept: false, acceptedVersion: 1 });
  });

  it('shows a material change against the version the user accepted, in the language chosen', async () => {
    const key = await policy();
    const { client, flow } = await flowFor(key);
    await flow.start();
    await flow.accept();
    await admin.release(key, { ru: RU(2), kk: KK(2) }, { material: true });

    const changed = createConsentFlow({ client, policy: key, locale: 'ru' });
    await changed.start();
    expect(changed.state.status).toMatchObject({ reason: 'material-change', acceptedVersion: 1, currentVersion: 2 });
    expect(changed.state.policy).toMatchObject({ version: 2, locale: 'ru' });
    expect(changed.state.diffHtml).toMatch(/^<div class="pv-diff pv-diff--inline" lang="ru">/);
    expect(changed.state.diffHtml).toContain('<ins');

    await changed.setLocale('kz');
    expect(changed.state).toMatchObject({ phase: 'asking', locale: 'kz' });
    expect(changed.state.policy).toMatchObject({ version: 2, locale: 'kk', contentHash: contentHash(KK(2)) });
    expect(changed.state.diffHtml).toMatch(/lang="kk"/);
    await changed.accept();
    expect(changed.state.accepted?.data).toMatchObject({ version: 2, locale: 'kk', contentHash: contentHash(KK(2)) });
  });

  it('keeps only the answer to the latest language asked for', async () => {
    const key = await policy();
    const { flow } = await flowFor(key);
    await flow.start();
    const first = flow.setLocale('kk');
    const second = flow.setLocale('ru');
    await Promise.all([first, second]);
    expect(flow.state).toMatchObject({ phase: 'asking', locale: 'ru' });
    expect(flow.state.policy?.locale).toBe('ru');
  });

  it('replaces the text shown by the version put in force meanwhile (409), and records that one once read', async () => {
    const key = await policy();
    const { flow } = await flowFor(key);
    await flow.start();
    expect(flow.state.policy?.version).toBe(1);
    await admin.release(key, { ru: RU(2), kk: KK(2) }, { material: true });

    await flow.accept();
    expect(flow.state).toMatchObject({ phase: 'asking', changed: true });
    expect(flow.state.error).toMatchObject({ status: 409 });
    expect(flow.state.policy).toMatchObject({ version: 2, contentHash: contentHash(RU(2)) });
    expect(flow.state.diffHtml).toContain('<ins');

    await flow.accept();
    expect(flow.state.phase).toBe('accepted');
    expect(flow.state.accepted?.data).toMatchObject({ version: 2, contentHash: contentHash(RU(2)) });
  });

  it('announces a scheduled material change, which can be read and accepted ahead of its date', async () => {
    const key = await policy();
    const { client, flow } = await flowFor(key);
    await flow.start();
    await flow.accept();
    const effectiveAt = new Date(Date.now() + 10 * DAY).toISOString();
    await admin.release(key, { ru: RU(2), kk: KK(2) }, { material: true, effectiveAt });

    const ahead = createConsentFlow({ client, policy: key, locale: 'ru' });
    await ahead.start();
    expect(ahead.state).toMatchObject({ phase: 'settled', pending: { version: 2, effectiveAt } });

    await ahead.reviewPending();
    expect(ahead.state).toMatchObject({ phase: 'asking' });
    expect(ahead.state.policy).toMatchObject({ version: 2, effectiveAt });
    expect(ahead.state.diffHtml).toContain('<ins');
    await ahead.accept();
    expect(ahead.state).toMatchObject({ phase: 'accepted', pending: null });

    const later = createConsentFlow({ client, policy: key, locale: 'ru' });
    await later.start();
    expect(later.state).toMatchObject({ phase: 'settled', pending: null });
    expect(later.state.status?.upcoming).toMatchObject({ version: 2, accepted: true, mustAccept: false });

    const dismissed = createConsentFlow({ client, policy: key, locale: 'ru' });
    await dismissed.start();
    dismissed.dismissPending();
    expect(dismissed.state.pending).toBeNull();
  });

  it('starts from what a server prefetched, without asking the server again', async () => {
    const key = await policy();
    const user = await endUser(server);
    const snapshot = await prefetchConsent({ client: createClient({ baseUrl: server.baseUrl, getToken: () => user.jwt }), policy: key, locale: 'kk' });
    expect(snapshot).toMatchObject({ locale: 'kk', status: { mustAccept: true }, policy: { version: 1, locale: 'kk' } });
    // What a server sends down is JSON.
    const initial = JSON.parse(JSON.stringify(snapshot));

    const requests: string[] = [];
    const client = createClient({
      baseUrl: server.baseUrl,
      getToken: () => user.jwt,
      fetch: (input, init) => (requests.push(`${init?.method ?? 'GET'} ${String(input)}`), fetch(input, init)),
    });
    const flow = createConsentFlow({ client, policy: key, locale: 'kk', initial });
    expect(flow.state).toMatchObject({ phase: 'asking', policy: { version: 1, locale: 'kk' }, purposes: { service: true, analytics: false } });
    await flow.accept();
    expect(requests).toEqual([expect.stringMatching(/^POST .*\/acceptances$/)]);
    expect(flow.state.accepted?.data).toMatchObject({ version: 1, locale: 'kk', contentHash: contentHash(KK(1)) });

    const signedOut = await prefetchConsent({ client: createClient({ baseUrl: server.baseUrl }), policy: key, locale: 'ru' });
    expect(signedOut).toEqual({ locale: 'ru', status: null, policy: null, diffHtml: null, signedOut: true });
    expect(createConsentFlow({ client, policy: key, locale: 'ru', initial: signedOut }).state.phase).toBe('signed-out');
  });

  it('leaves the decision open after a refusal that is not a version switch', async () => {
    const key = await policy();
    const user = await endUser(server);
    let jwt: string | null = user.jwt;
    const flow = createConsentFlow({ client: createClient({ baseUrl: server.baseUrl, getToken: () => jwt }), policy: key, locale: 'ru' });
    await flow.start();
    jwt = 'not-a-jwt';
    await flow.accept();
    expect(flow.state).toMatchObject({ phase: 'asking', changed: false, error: { status: 401 } });
    jwt = user.jwt;
    await flow.accept();
    expect(flow.state.phase).toBe('accepted');
  });
});
