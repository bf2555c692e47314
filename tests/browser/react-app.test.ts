import type { AddressInfo } from 'node:net';
import type http from 'node:http';
import { randomBytes } from 'node:crypto';
import type { BrowserContext, ConsoleMessage, Page, Request, Route } from 'playwright-core';
import { ensurePluginBuild } from '../../scripts/lib/build';
import { bundleClient } from '../../examples/react-app/bundle';
import { createAppServer, loadProps, renderPage } from '../../examples/react-app/server';
import { SESSION_COOKIE } from '../../examples/react-app/App';
import { LEDGER } from '../support/ledger';
import { editor, KK_BODY } from '../support/policies';
import { adminToken, http as strapiHttp, startServer, type TestServer } from '../support/strapi';
import { launchBrowser } from './support/browser';

/**
 * The React example (examples/react-app) in Chromium against a real Strapi: bundled from the built package
 * (dist/react, dist/client) as an app would import it, its pages rendered on the server by its SSR entry.
 */
const RU = (n: number) => `## 1. Общие положения\n\n1.1. Редакция ${n}: политика обработки персональных данных.\n`;
const EN = (n: number) => `## 1. General\n\n1.1. Version ${n}: the policy on personal data.\n`;
const PASSWORD = 'Reader-Password-1';

jest.setTimeout(180_000);

describe('the React example in a real browser', () => {
  let server: TestServer;
  let admin: ReturnType<typeof editor>;
  let app: http.Server;
  let appUrl: string;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let context: BrowserContext;
  let page: Page;
  // What the page logged as an error or a warning, and what it threw.
  let problems: string[];

  /** A users-permissions user who can sign in with PASSWORD. */
  async function register(): Promise<{ email: string; jwt: string; username: string }> {
    const username = `reader${randomBytes(4).toString('hex')}`;
    const email = `${username}@example.test`;
    const answer = await strapiHttp(server, 'POST', '/api/auth/local/register', { body: { username, email, password: PASSWORD } });
    if (answer.status !== 200) throw new Error(`register failed: ${answer.status} ${JSON.stringify(answer.body)}`);
    return { email, jwt: answer.body.jwt, username };
  }

  const statusOf = async (jwt: string) => (await strapiHttp(server, 'GET', `${LEDGER}/privacy/acceptances/status`, { token: jwt })).body.data;
  const testId = (id: string) => page.getByTestId(id);

  /** Waits until React has hydrated the page (it tags the DOM nodes it owns), so a click reaches a handler. */
  const hydrated = () =>
    page.waitForFunction(() => Object.keys(document.querySelector('#root > *') ?? {}).some((name) => name.startsWith('__reactFiber')));

  /** Polls a condition of the test's own state (what the page sent or logged). */
  async function eventually(check: () => boolean, what: string) {
    for (const started = Date.now(); !check(); await new Promise((resolve) => setTimeout(resolve, 50))) {
      if (Date.now() - started > 10_000) throw new Error(`Timed out waiting for ${what}`);
    }
  }

  async function signIn(email: string) {
    await page.goto(appUrl);
    await hydrated();
    await page.locator('input[name="identifier"]').fill(email);
    await page.locator('input[name="password"]').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }

  beforeAll(async () => {
    ensurePluginBuild({ quiet: true });
    server = await startServer();
    admin = editor(server, await adminToken(server));
    await admin.createPolicy('privacy');
    await admin.release('privacy', { ru: RU(1), kk: KK_BODY, en: EN(1) }, { material: true });

    app = createAppServer({ strapiUrl: server.baseUrl, bundle: await bundleClient() });
    await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
    appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}/`;

    browser = await launchBrowser();
    context = browser.context;
    page = context.pages()[0] ?? (await context.newPage());
    page.on('console', (message: ConsoleMessage) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(`${message.type()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  }, 300_000);

  beforeEach(async () => {
    problems = [];
    await context.clearCookies();
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => app?.close(resolve));
    await server?.stop();
  });

  it('signs in, asks, switches language, records the acceptance, and does not ask again after a reload', async () => {
    const user = await register();
    await signIn(user.email);

    const asking = testId('consent-asking');
    await asking.waitFor();
    await expect(asking.getAttribute('lang')).resolves.toBe('ru');
    await expect(testId('policy-title').textContent()).resolves.toBe('Title ru');
    await expect(testId('policy-text').textContent()).resolves.toContain('Редакция 1');

    await page.locator('button[data-locale="kk"]').click();
    await page.locator('[data-testid="consent-asking"][lang="kk"]').waitFor();
    await expect(testId('policy-title').textContent()).resolves.toBe('Title kk');
    await expect(testId('policy-text').textContent()).resolves.toContain('Бұл саясат дербес деректерді өңдеу тәртібін белгілейді.');
    await expect(page.getByRole('button', { name: 'Қабылдаймын' }).isVisible()).resolves.toBe(true);

    // The required purpose is given and locked; the optional one is the user's to tick.
    await expect(page.locator('input[name="purpose-service"]').isDisabled()).resolves.toBe(true);
    await expect(page.locator('input[name="purpose-service"]').isChecked()).resolves.toBe(true);
    await page.locator('input[name="purpose-analytics"]').check();

    await testId('accept').click();
    await testId('consent-accepted').waitFor();
    await page.getByTestId('footer-status').getByText('accepted v1').waitFor();
    await expect(statusOf(user.jwt)).resolves.toMatchObject({
      mustAccept: false,
      acceptedVersion: 1,
      locale: 'kk',
      purposes: { service: true, analytics: true },
    });

    // The reload is rendered on the server from the session cookie: settled from the first byte.
    await page.reload();
    await testId('consent-settled').waitFor();
    await expect(testId('consent-asking').count()).resolves.toBe(0);
    expect(problems).toEqual([]);
  });

  it('shows the version that took effect while the user read, with the changed notice, and accepts it', async () => {
    const user = await register();
    await signIn(user.email);
    await page.locator('[data-testid="consent-asking"][data-version="1"]').waitFor();

    await admin.release('privacy', { ru: RU(2), kk: KK_BODY, en: EN(2) }, { material: true });

    await testId('accept').click();
    await testId('consent-changed').waitFor();
    await page.locator('[data-testid="consent-asking"][data-version="2"]').waitFor();
    await expect(testId('policy-text').textContent()).resolves.toContain('Редакция 2');
    // What changed since the version they read: the plugin's redline.
    await expect(testId('consent-diff').innerHTML()).resolves.toContain('pv-diff');
    await expect(statusOf(user.jwt)).resolves.toMatchObject({ mustAccept: true, acceptedVersion: null });

    await testId('accept').click();
    await testId('consent-accepted').waitFor();
    await expect(statusOf(user.jwt)).resolves.toMatchObject({ mustAccept: false, acceptedVersion: 2, locale: 'ru' });
    // Chromium logs the refused acceptance itself; nothing else went wrong.
    expect(problems).toEqual(['error: Failed to load resource: the server responded with a status of 409 (Conflict)']);
  });

  // By now v2 is in force (the test above published it).
  describe('server rendering', () => {
    let user: { email: string; jwt: string; username: string };
    const cookie = () => `${SESSION_COOKIE}=${encodeURIComponent(JSON.stringify({ jwt: user.jwt, username: user.username }))}`;

    beforeAll(async () => {
      user = await register();
    });

    beforeEach(async () => {
      await context.addCookies([{ name: SESSION_COOKIE, value: cookie().slice(SESSION_COOKIE.length + 1), url: appUrl }]);
    });

    it('sends the text to accept in the HTML, before any script runs', async () => {
      const html = await (await fetch(appUrl, { headers: { cookie: cookie() } })).text();
      expect(html).toContain('data-testid="consent-asking" data-version="2" lang="ru"');
      expect(html).toContain('<h2 data-testid="policy-title">Title ru</h2>');
      expect(html).toContain('Редакция 2');
      expect(html).toContain('Title ru, v2, in force since');
    });

    it('hydrates without a warning and without a request, with the content there while requests are held', async () => {
      // Every request the page sends to Strapi is held until released, and noted.
      const held: Route[] = [];
      const sent: Request[] = [];
      let released = false;
      const pattern = `${server.baseUrl}/**`;
      await page.route(pattern, (route) => {
        sent.push(route.request());
        if (released) void route.continue();
        else held.push(route);
      });
      try {
        await page.goto(appUrl);
        await expect(testId('policy-text').textContent()).resolves.toContain('Редакция 2');
        await expect(testId('footer').textContent()).resolves.toContain('Title ru, v2');
        await hydrated();
        // Hydrated without asking Strapi anything: the snapshot was enough. The language switch then asks.
        expect(sent).toEqual([]);
        await page.locator('button[data-locale="en"]').click();
        await eventually(() => sent.length > 0, 'the English text to be requested');
        expect(sent.every((request) => !request.url().includes('/acceptances/status'))).toBe(true);
        // Still the server's text while the English one is held back.
        await expect(testId('policy-text').textContent()).resolves.toContain('Редакция 2');
      } finally {
        released = true;
        for (const route of held) await route.continue();
      }
      await page.locator('[data-testid="consent-asking"][lang="en"]').waitFor();
      await expect(testId('policy-text').textContent()).resolves.toContain('Version 2');
      await page.unroute(pattern);
      expect(problems).toEqual([]);
    });

    it('would report a mismatch: a page hydrated with other props than it was rendered with', async () => {
      const props = await loadProps(server.baseUrl, cookie());
      const other = JSON.stringify({ ...props, session: { ...user, username: 'someone-else' } }).replace(/</g, '\\u003c');
      const tampered = renderPage(props).replace(
        /(<script id="app-data" type="application\/json">)[^<]*/,
        (_, open: string) => `${open}${other}`
      );
      await page.route(`${appUrl}tampered`, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: tampered }));
      await page.goto(`${appUrl}tampered`);
      await eventually(() => /did not match|hydrat/i.test(problems.join('\n')), 'a hydration warning');
    });
  });
});
