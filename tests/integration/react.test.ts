/// <reference path="../../examples/react-app/react-dom.d.ts" />
import { createElement, type ReactNode } from 'react';
import { renderToString } from 'react-dom/server';
import { createClient } from '../../client';
import { endUser } from '../support/ledger';
import { editor, KK_BODY } from '../support/policies';
import { adminToken, startServer, type TestServer } from '../support/strapi';

type Bindings = typeof import('../../react');

const RU = '## 1. Общие положения\n\n1.1. Политика обработки персональных данных для серверного рендеринга.\n';
const EN = '## 1. General\n\n1.1. The policy on personal data, rendered on the server.\n';
const BROWSER_GLOBALS = ['window', 'document', 'localStorage', 'sessionStorage', 'location', 'navigator'] as const;

/** Runs `load` with the browser's globals replaced by getters that note each read. */
function watchingGlobals<T>(load: () => T): { value: T; touched: string[] } {
  const touched: string[] = [];
  const saved = BROWSER_GLOBALS.map((name) => [name, Object.getOwnPropertyDescriptor(globalThis, name)] as const);
  for (const name of BROWSER_GLOBALS) {
    Object.defineProperty(globalThis, name, { configurable: true, get: () => void touched.push(name) });
  }
  try {
    return { value: load(), touched };
  } finally {
    for (const [name, descriptor] of saved) {
      if (descriptor) Object.defineProperty(globalThis, name, descriptor);
      else delete (globalThis as Record<string, unknown>)[name];
    }
  }
}

/** The global fetch, counting the requests made through it. */
function countingFetch() {
  const urls: string[] = [];
  const wrapped: typeof fetch = (input, init) => {
    urls.push(String(input));
    return fetch(input, init);
  };
  return { urls, fetch: wrapped };
}

describe('strapi-plugin-policy-versions/react on the server', () => {
  let server: TestServer;
  let ui: Bindings;
  let importTouched: string[];

  beforeAll(async () => {
    // Loaded first thing, before anything else of this suite has required it.
    const loaded = watchingGlobals(() => require('../../react') as Bindings);
    ui = loaded.value;
    importTouched = loaded.touched;

    server = await startServer();
    const admin = editor(server, await adminToken(server));
    await admin.createPolicy('privacy');
    await admin.release('privacy', { ru: RU, kk: KK_BODY, en: EN }, { material: true });
  });

  afterAll(async () => server?.stop());

  const userClient = (jwt: string, fetcher?: typeof fetch) => createClient({ baseUrl: server.baseUrl, getToken: () => jwt, fetch: fetcher });

  /** The app's own markup for the flow's state: the text while asked, nothing otherwise. */
  const consentMarkup = (consent: import('../../react').ConsentView): ReactNode =>
    consent.policy
      ? createElement(
          'article',
          { 'data-phase': consent.phase },
          createElement('h1', null, consent.policy.title),
          createElement('div', { dangerouslySetInnerHTML: { __html: consent.policy.html } })
        )
      : null;

  const renderConsent = (client: ReturnType<typeof createClient>, snapshot: import('../../react').ConsentSnapshot, locale: string) =>
    renderToString(
      createElement(
        ui.PolicyVersionsProvider,
        { client },
        createElement(ui.PolicyConsent, { policy: 'privacy', locale, initial: snapshot, source: 'ssr', children: consentMarkup })
      )
    );

  it('touches no browser global when imported, nor when rendering', async () => {
    expect(importTouched).toEqual([]);
    const user = await endUser(server);
    const client = userClient(user.jwt);
    const snapshot = await ui.prefetchConsent({ client, policy: 'privacy', locale: 'ru' });
    const rendered = watchingGlobals(() => renderConsent(client, snapshot, 'ru'));
    expect(rendered.touched).toEqual([]);
    expect(rendered.value).toContain('Title ru');
  });

  it('renders the text to accept for a user who must accept, from a JSON snapshot, with no request of its own', async () => {
    const user = await endUser(server);
    const counting = countingFetch();
    const client = userClient(user.jwt, counting.fetch);
    const snapshot = await ui.prefetchConsent({ client, policy: 'privacy', locale: 'kk' });
    expect(snapshot).toMatchObject({ locale: 'kk', status: { mustAccept: true, reason: 'never-accepted' }, policy: { version: 1, locale: 'kk' } });
    const asked = counting.urls.length;

    // As a server hands it to the browser: through JSON.
    const html = renderConsent(client, JSON.parse(JSON.stringify(snapshot)), 'kk');
    expect(html).toContain('<article data-phase="asking"><h1>Title kk</h1>');
    expect(html).toContain('Бұл саясат дербес деректерді өңдеу тәртібін белгілейді.');
    expect(counting.urls).toHaveLength(asked);
  });

  it('renders nothing for a user who accepted the version in force', async () => {
    const user = await endUser(server);
    const client = userClient(user.jwt);
    const { data: policy } = await client.current('privacy', { locale: 'en' });
    await client.accept('privacy', { version: policy.version, locale: policy.locale, contentHash: policy.contentHash, purposes: { service: true } });

    const snapshot = await ui.prefetchConsent({ client, policy: 'privacy', locale: 'en' });
    expect(snapshot).toMatchObject({ status: { mustAccept: false, acceptedVersion: 1 }, policy: null });
    expect(renderConsent(client, snapshot, 'en')).toBe('');

    let phase = '';
    renderToString(
      createElement(ui.PolicyConsent, {
        client,
        policy: 'privacy',
        locale: 'en',
        initial: snapshot,
        children: (consent) => ((phase = consent.phase), null),
      })
    );
    expect(phase).toBe('settled');
  });

  it('gives a caller the server does not know the signed-out phase', async () => {
    const client = createClient({ baseUrl: server.baseUrl });
    const snapshot = await ui.prefetchConsent({ client, policy: 'privacy', locale: 'ru' });
    expect(snapshot).toMatchObject({ signedOut: true, status: null, policy: null });
    const html = renderToString(
      createElement(ui.PolicyConsent, { client, policy: 'privacy', locale: 'ru', initial: snapshot, children: (consent) => consent.phase })
    );
    expect(html).toBe('signed-out');
  });

  it('renders usePolicy and useConsentStatus from what the server loaded, and their loading state without it', async () => {
    const user = await endUser(server);
    const counting = countingFetch();
    const client = userClient(user.jwt, counting.fetch);
    const current = await client.current('privacy', { locale: 'ru' });
    const status = (await client.status('privacy')).data;
    const asked = counting.urls.length;

    function Banner({ prefetched }: { prefetched: boolean }) {
      const policy = ui.usePolicy('privacy', { locale: 'ru', initial: prefetched ? current : undefined });
      const consent = ui.useConsentStatus('privacy', { initial: prefetched ? status : undefined });
      return createElement(
        'p',
        null,
        policy.loading ? 'loading policy' : `${policy.data?.title} v${policy.data?.version} (${policy.meta?.availableLocales.join(',')})`,
        ' / ',
        consent.loading ? 'loading status' : consent.status?.mustAccept ? 'must accept' : 'settled'
      );
    }
    const page = (prefetched: boolean) => createElement(ui.PolicyVersionsProvider, { client }, createElement(Banner, { prefetched }));

    expect(renderToString(page(true))).toBe('<p>Title ru v1 (ru,kk,en)<!-- --> / <!-- -->must accept</p>');
    expect(renderToString(page(false))).toBe('<p>loading policy<!-- --> / <!-- -->loading status</p>');
    // Requests start in effects, which a server render does not run.
    expect(counting.urls).toHaveLength(asked);
  });

  it('says how to give the hooks a client when there is none', () => {
    const Orphan = () => createElement('p', null, ui.usePolicy('privacy').data?.title);
    expect(() => renderToString(createElement(Orphan))).toThrow(/PolicyVersionsProvider/);
  });
});
