import type { AddressInfo } from 'node:net';
import type http from 'node:http';
import { randomBytes } from 'node:crypto';
import type { BrowserContext, ConsoleMessage, Page } from 'playwright-core';
import { ensurePluginBuild } from '../../scripts/lib/build';
import { contentSecurityPolicy, createPlainServer } from '../../examples/plain-html/server';
import { LEDGER } from '../support/ledger';
import { editor, KK_BODY } from '../support/policies';
import { adminToken, http as strapiHttp, startServer, type TestServer } from '../support/strapi';
import { launchBrowser } from './support/browser';

/**
 * <policy-consent> (the built dist/element) on the plain HTML example, served under a strict CSP, in Chromium
 * against a real Strapi: sign-in, the dialog, the language switch, the ledger record, the 409 path, the
 * pending notice, keyboard use, and no CSP violation anywhere.
 */
// The Russian text has a table with aligned columns: markdown-it writes those as style attributes.
const RU = (n: number) =>
  `## 1. Общие положения\n\n1.1. Редакция ${n}: политика обработки персональных данных.\n\n` +
  '| Данные | Срок хранения |\n|:--|--:|\n| Эл. почта | 3 года |\n';
const KK = (n: number) => `${KK_BODY}\n1.3. Нұсқа ${n}.\n`;
const EN = (n: number) => `## 1. General\n\n1.1. Version ${n}: the policy on personal data.\n`;
const PASSWORD = 'Reader-Password-1';
const DAY = 86_400_000;

jest.setTimeout(180_000);

interface Reader {
  email: string;
  jwt: string;
}

declare global {
  interface Window {
    consentEvents: Array<{ type: string; detail: any }>;
  }
}

describe('<policy-consent> in a real browser under a strict CSP', () => {
  let server: TestServer;
  let admin: ReturnType<typeof editor>;
  let app: http.Server;
  let appUrl: string;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let context: BrowserContext;
  let page: Page;
  // What the page logged as an error or a warning, and what it threw; CSP violations among them.
  let problems: string[];
  const violations: string[] = [];

  async function register(): Promise<Reader> {
    const username = `reader${randomBytes(4).toString('hex')}`;
    const email = `${username}@example.test`;
    const answer = await strapiHttp(server, 'POST', '/api/auth/local/register', { body: { username, email, password: PASSWORD } });
    if (answer.status !== 200) throw new Error(`register failed: ${answer.status} ${JSON.stringify(answer.body)}`);
    return { email, jwt: answer.body.jwt };
  }

  const statusOf = async (reader: Reader) =>
    (await strapiHttp(server, 'GET', `${LEDGER}/privacy/acceptances/status`, { token: reader.jwt })).body.data;
  const lastRecord = async (reader: Reader) =>
    (await strapiHttp(server, 'GET', `${LEDGER}/privacy/acceptances/me`, { token: reader.jwt })).body.data.at(-1);

  const dialog = () => page.getByRole('dialog');
  const part = (name: string) => page.locator(`policy-consent [part~="${name}"]`);
  const button = (name: string) => page.getByRole('button', { name, exact: true });
  const elementState = () => page.evaluate(() => document.querySelector('policy-consent')!.state);
  const phaseIs = (phase: string) =>
    page.waitForFunction((wanted) => document.querySelector('policy-consent')?.state?.phase === wanted, phase);
  const events = (type: string) => page.evaluate((wanted) => window.consentEvents.filter((event) => event.type === wanted), type);

  /** What has the keyboard focus inside the element: its part, role, name or text. */
  const focused = () =>
    page.evaluate(() => {
      const active = document.querySelector('policy-consent')!.shadowRoot!.activeElement;
      if (!active) return null;
      return active.getAttribute('name') ?? active.getAttribute('role') ?? active.textContent?.trim() ?? active.tagName;
    });

  async function signIn(reader: Reader) {
    await page.goto(appUrl);
    await page.locator('input[name="identifier"]').fill(reader.email);
    await page.locator('input[name="password"]').fill(PASSWORD);
    await page.locator('button[type="submit"]').click();
  }

  beforeAll(async () => {
    ensurePluginBuild({ quiet: true });
    server = await startServer();
    admin = editor(server, await adminToken(server));
    await admin.createPolicy('privacy');
    await admin.release('privacy', { ru: RU(1), kk: KK(1), en: EN(1) }, { material: true });

    app = createPlainServer({ strapiUrl: server.baseUrl });
    await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
    appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}/`;

    browser = await launchBrowser();
    context = browser.context;
    // Installed through the DevTools protocol, which the page's CSP does not govern; everything the page runs
    // itself is under it.
    await context.addInitScript(() => {
      window.consentEvents = [];
      for (const type of ['policy-consent:state', 'policy-consent:accepted', 'policy-consent:changed']) {
        document.addEventListener(type, (event) => window.consentEvents.push({ type, detail: JSON.parse(JSON.stringify((event as CustomEvent).detail)) }));
      }
      document.addEventListener(
        'securitypolicyviolation',
        (event) => console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || 'inline'} ${event.sample}`),
        true
      );
    });
  }, 300_000);

  beforeEach(async () => {
    problems = [];
    // A tab of its own per test: a fresh sessionStorage, so no one is signed in.
    page = await context.newPage();
    page.on('console', (message: ConsoleMessage) => {
      if (message.type() !== 'error' && message.type() !== 'warning') return;
      const text = `${message.type()}: ${message.text()}`;
      problems.push(text);
      if (/CSP violation|Content Security Policy/i.test(text)) violations.push(text);
    });
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  });

  afterEach(async () => {
    await page.close();
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => app?.close(resolve));
    await server?.stop();
  });

  let accepterOfV2: Reader;

  it('asks a signed-in user, switches to Kazakh, records the text shown, and does not ask again', async () => {
    const reader = await register();
    await signIn(reader);

    await dialog().waitFor();
    await expect(focused()).resolves.toBe('dialog');
    await expect(dialog().getAttribute('aria-modal')).resolves.toBe('true');
    await expect(part('title').textContent()).resolves.toBe('Title ru');
    await expect(part('body').textContent()).resolves.toContain('Редакция 1');
    // The table's alignment arrives as a class, not as the style attribute the CSP would block.
    await expect(part('body').locator('td.align-right').textContent()).resolves.toBe('3 года');
    await expect(part('body').locator('[style]').count()).resolves.toBe(0);
    await expect(button('Русский').getAttribute('aria-pressed')).resolves.toBe('true');

    await button('Қазақша').click();
    await page.locator('policy-consent [part~="body"][lang="kk"]').waitFor();
    await expect(part('body').textContent()).resolves.toContain('Бұл саясат дербес деректерді өңдеу тәртібін белгілейді.');
    await expect(button('Қазақша').getAttribute('aria-pressed')).resolves.toBe('true');
    await expect(dialog().getAttribute('lang')).resolves.toBe('kk');
    await expect(part('title').textContent()).resolves.toBe('Title kk');

    // The required purpose is given and locked, the optional one is the user's to tick.
    const service = page.locator('policy-consent input[name="purpose-service"]');
    const analytics = page.locator('policy-consent input[name="purpose-analytics"]');
    await expect(service.isChecked()).resolves.toBe(true);
    await expect(service.isDisabled()).resolves.toBe(true);
    await expect(analytics.isChecked()).resolves.toBe(false);
    await page.getByText('Кірулерді талдау').click();
    await expect(analytics.isChecked()).resolves.toBe(true);

    const shown = (await elementState())!.policy!;
    await button('Қабылдаймын').click();
    await dialog().waitFor({ state: 'hidden' });
    await page.getByText(/Принята редакция 1 \(kk\)/).waitFor();

    const accepted = await events('policy-consent:accepted');
    expect(accepted).toHaveLength(1);
    expect(accepted[0].detail.meta.receipt).toMatchObject({ policyVersion: 1, policyContentHash: shown.contentHash, collectionMethod: 'banner' });
    const served = (await strapiHttp(server, 'GET', `${LEDGER}/privacy/versions/1?locale=kk`)).body.data;
    expect(shown.contentHash).toBe(served.contentHash);
    await expect(lastRecord(reader)).resolves.toMatchObject({ event: 'accepted', version: 1, locale: 'kk', contentHash: served.contentHash, source: 'banner' });
    await expect(statusOf(reader)).resolves.toMatchObject({ mustAccept: false, acceptedVersion: 1, purposes: { service: true, analytics: true } });

    // Reloaded (the session is in sessionStorage), then signed out and in again: settled both times.
    await page.reload();
    await phaseIs('settled');
    await expect(dialog().count()).resolves.toBe(0);
    await button('Выйти').click();
    await signIn(reader);
    await phaseIs('settled');
    await expect(dialog().isVisible()).resolves.toBe(false);
    await expect(part('notice').isVisible()).resolves.toBe(false);
    expect(problems).toEqual([]);
  });

  it('after a 409 shows the version now in force with the changed notice, and records it when accepted', async () => {
    const reader = await register();
    await signIn(reader);
    await dialog().waitFor();
    await expect(part('body').textContent()).resolves.toContain('Редакция 1');

    await admin.release('privacy', { ru: RU(2), kk: KK(2), en: EN(2) }, { material: true });

    await button('Принимаю').click();
    await part('changed').waitFor();
    await expect(part('changed').textContent()).resolves.toBe('Пока вы читали, документ изменился. Прочитайте новую редакцию и примите её.');
    await expect(part('body').textContent()).resolves.toContain('Редакция 2');
    await expect(dialog().getAttribute('aria-describedby')).resolves.toBe('pc-intro pc-changed');
    // What changed since the version read: the plugin's redline.
    await expect(part('diff').locator('ins').first().textContent()).resolves.toContain('2');
    await expect(part('diff').locator('del').first().textContent()).resolves.toContain('1');
    await expect(focused()).resolves.toBe('dialog');
    await expect(part('error').first().isVisible()).resolves.toBe(false);
    const changed = await events('policy-consent:changed');
    expect(changed.map((event) => event.detail.policy.version)).toEqual([2]);
    await expect(statusOf(reader)).resolves.toMatchObject({ mustAccept: true, acceptedVersion: null });

    await button('Принимаю').click();
    await dialog().waitFor({ state: 'hidden' });
    const served = (await strapiHttp(server, 'GET', `${LEDGER}/privacy/versions/2?locale=ru`)).body.data;
    await expect(lastRecord(reader)).resolves.toMatchObject({ version: 2, locale: 'ru', contentHash: served.contentHash });
    await expect(statusOf(reader)).resolves.toMatchObject({ mustAccept: false, acceptedVersion: 2 });
    accepterOfV2 = reader;
    // The refused acceptance is the browser's one complaint: the network log of the 409.
    expect(problems).toEqual([expect.stringMatching(/^error: Failed to load resource: the server responded with a status of 409/)]);
  });

  it('warns ahead of a scheduled material change, reads it early on request, and puts it off', async () => {
    const effectiveAt = new Date(Date.now() + 3 * DAY);
    await admin.release('privacy', { ru: RU(3), kk: KK(3), en: EN(3) }, { material: true, effectiveAt: effectiveAt.toISOString() });
    await expect(statusOf(accepterOfV2)).resolves.toMatchObject({ mustAccept: false, pending: { version: 3 } });
    const date = new Intl.DateTimeFormat('ru', { dateStyle: 'long', timeZone: 'Asia/Almaty' }).format(effectiveAt);

    await signIn(accepterOfV2);
    await part('notice').waitFor();
    await expect(part('notice').locator('p').textContent()).resolves.toBe(`С ${date} действует новая редакция политики. Её нужно будет принять.`);
    await expect(dialog().isVisible()).resolves.toBe(false);

    await button('Прочитать').click();
    await dialog().waitFor();
    await expect(part('body').textContent()).resolves.toContain('Редакция 3');
    await expect(part('intro').textContent()).resolves.toBe(`Эта редакция вступает в силу ${date}. Её можно принять заранее.`);
    await expect(part('diff').locator('ins').first().textContent()).resolves.toContain('3');
    // Nothing is due yet: Escape closes the early reading, and the notice with it.
    await page.keyboard.press('Escape');
    await dialog().waitFor({ state: 'hidden' });
    await expect(part('notice').isVisible()).resolves.toBe(false);

    await page.reload();
    await part('notice').waitFor();
    await button('Позже').click();
    await part('notice').waitFor({ state: 'hidden' });
    await expect(statusOf(accepterOfV2)).resolves.toMatchObject({ acceptedVersion: 2, upcoming: { version: 3, accepted: false } });
    expect(problems).toEqual([]);
  });

  it('works with the keyboard alone: focus trapped in the dialog, Space on a purpose, Enter on Accept, focus returned', async () => {
    const reader = await register();
    await page.goto(appUrl);
    await page.keyboard.press('Tab');
    await page.keyboard.type(reader.email);
    await page.keyboard.press('Tab');
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');

    await dialog().waitFor();
    await expect(focused()).resolves.toBe('dialog');
    const order: Array<string | null> = [];
    for (let i = 0; i < 7; i++) {
      await page.keyboard.press('Tab');
      order.push(await focused());
    }
    // The disabled required purpose and the hidden Later button are skipped; from the last control, Tab wraps.
    expect(order).toEqual(['Қазақша', 'Русский', 'English', 'region', 'purpose-analytics', 'Принимаю', 'Қазақша']);
    await page.keyboard.press('Shift+Tab');
    await expect(focused()).resolves.toBe('Принимаю');

    await page.keyboard.press('Shift+Tab');
    await expect(focused()).resolves.toBe('purpose-analytics');
    const analytics = page.locator('policy-consent input[name="purpose-analytics"]');
    await page.keyboard.press('Space');
    await expect(analytics.isChecked()).resolves.toBe(true);
    await page.keyboard.press('Space');
    await expect(analytics.isChecked()).resolves.toBe(false);
    await page.keyboard.press('Space');
    await expect(analytics.isChecked()).resolves.toBe(true);
    await expect(elementState()).resolves.toMatchObject({ purposes: { service: true, analytics: true } });

    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await dialog().waitFor({ state: 'hidden' });
    await expect(statusOf(reader)).resolves.toMatchObject({ acceptedVersion: 2, purposes: { service: true, analytics: true } });

    // Withdrawn elsewhere; the page's "check" button, reached with Tab, asks again.
    const withdrawn = await strapiHttp(server, 'POST', `${LEDGER}/privacy/withdrawals`, { token: reader.jwt, body: { source: 'settings' } });
    expect(withdrawn.status).toBe(201);
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('check');
    await page.keyboard.press('Enter');
    await dialog().waitFor();
    await expect(part('intro').textContent()).resolves.toBe('Вы отозвали согласие. Чтобы продолжить, примите документ снова.');
    await expect(focused()).resolves.toBe('dialog');
    // A required consent: Escape leaves the dialog where it is.
    await page.keyboard.press('Escape');
    await expect(dialog().isVisible()).resolves.toBe(true);
    await expect(elementState()).resolves.toMatchObject({ phase: 'asking' });

    await page.keyboard.press('Shift+Tab');
    await expect(focused()).resolves.toBe('Принимаю');
    await page.keyboard.press('Enter');
    await dialog().waitFor({ state: 'hidden' });
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('check');
    await expect(statusOf(reader)).resolves.toMatchObject({ mustAccept: false, withdrawn: false, acceptedVersion: 2 });
    expect(problems).toEqual([]);
  });

  it('ran under the strict CSP without a violation, and would have caught one', async () => {
    const response = await fetch(appUrl);
    expect(response.headers.get('content-security-policy')).toBe(contentSecurityPolicy(server.baseUrl));
    expect(response.headers.get('content-security-policy')).toBe(
      `default-src 'self'; connect-src ${server.baseUrl}; script-src 'self'; style-src 'self'`
    );
    expect(violations).toEqual([]);

    // The watch works: an inline style attribute on the same page is reported.
    await page.goto(appUrl);
    await page.evaluate(() => document.body.insertAdjacentHTML('beforeend', '<p style="color: red">probe</p>'));
    await page.waitForFunction(() => true);
    for (const started = Date.now(); violations.length === 0 && Date.now() - started < 5000; ) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(violations.some((text) => text.includes('CSP violation: style-src-attr'))).toBe(true);
  });

  it('imports in Node without a DOM, defining nothing', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const element = require('../../dist/element/index.js');
    expect(typeof element.PolicyConsentElement).toBe('function');
    expect(() => element.definePolicyConsent()).not.toThrow();
    expect(element.uiLocale('kz')).toBe('kk');
  });
});
