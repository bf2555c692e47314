import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { ensureAdminBuild } from '../../scripts/lib/build';
import { contentHash } from '../../server/src/domain/hash';
import { endUser, LEDGER } from '../support/ledger';
import { adminToken, http, PLAYGROUND, startServer, type TestServer } from '../support/strapi';
import { startSink } from '../support/webhook-sink';
import { launchBrowser } from './support/browser';

/**
 * The admin panel driven as an editor and a compliance officer would, in Chromium, against the built
 * playground admin and the demo policy (v1 superseded, v2 in force, v3 scheduled in 14 days).
 * Each step leaves a screenshot of its screen: in a temporary folder, or in docs/screenshots/ (the README's
 * pictures) with UPDATE_SCREENSHOTS=1, so an ordinary test run leaves the work tree clean.
 */
const SCREENSHOTS =
  process.env.UPDATE_SCREENSHOTS === '1'
    ? path.resolve(PLAYGROUND, '..', 'docs', 'screenshots')
    : path.join(os.tmpdir(), 'policy-versions-screenshots');
const ADMIN = { email: 'editor@policy-versions.test', password: 'Browser-Test-1' };
const DAY = 86_400_000;
const RU_ADDED = '9.3. Пользователь может запросить копию своих персональных данных, направив обращение через форму обратной связи.';
const KK_ADDED = '9.3. Пайдаланушы өз дербес деректерінің көшірмесін кері байланыс нысаны арқылы сұрай алады.';

jest.setTimeout(300_000);

describe('admin panel in a real browser', () => {
  let server: TestServer;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let context: BrowserContext;
  let page: Page;
  let draftId: string;

  const url = (pathname: string) => `${server.baseUrl}/admin/plugins/policy-versions${pathname}`;
  // After running animations end: a dialog caught while it fades in is half transparent.
  const shoot = async (name: string) => {
    await page.evaluate(() => Promise.all(document.getAnimations().map((animation) => animation.finished.catch(() => undefined))));
    await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
  };

  async function logIn(email: string, password: string) {
    await page.goto(`${server.baseUrl}/admin/auth/login`);
    await page.locator('input[name="email"]').fill(email);
    await page.locator('input[name="password"]').fill(password);
    await page.getByRole('button', { name: 'Login' }).click();
    await page.waitForURL((current) => !current.pathname.startsWith('/admin/auth'));
    // Strapi's "new Media Library" banner would sit on top of every screenshot.
    const banner = await page.getByText('Introducing the new Media Library').waitFor({ timeout: 5000 }).then(() => true, () => false);
    if (banner) await page.getByRole('button', { name: 'Close' }).first().click();
  }

  beforeAll(async () => {
    ensureAdminBuild({ quiet: true });
    // The playground's demo seed loads the policy and creates this super admin with a known password.
    Object.assign(process.env, { POLICY_DEMO: '1', DEMO_ADMIN_EMAIL: ADMIN.email, DEMO_ADMIN_PASSWORD: ADMIN.password });
    server = await startServer();
    browser = await launchBrowser();
    context = browser.context;
    page = context.pages()[0] ?? (await context.newPage());
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    // A cold admin build alone takes one to two minutes.
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    for (const name of ['POLICY_DEMO', 'DEMO_ADMIN_EMAIL', 'DEMO_ADMIN_PASSWORD']) delete process.env[name];
  });

  it('logs in and lists the policies with the version in force, the next one and the consent count', async () => {
    await logIn(ADMIN.email, ADMIN.password);
    await page.goto(url(''));
    const row = page.locator('tr[data-policy="privacy"]');
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain('v2');
    await expect(page.getByTestId('upcoming-privacy').textContent()).resolves.toContain('v3');
    await expect(page.getByTestId('accepted-privacy').textContent()).resolves.toBe('0 of 0 subjects');
    await shoot('policies');
  });

  it('shows the version timeline and creates a draft from the version in force', async () => {
    await page.locator('tr[data-policy="privacy"]').click();
    const timeline = page.getByTestId('version-timeline');
    await timeline.waitFor();
    await expect(timeline.locator('tr[data-status="current"]').getAttribute('data-version')).resolves.toBe('2');
    await expect(timeline.locator('tr[data-status="scheduled"]').getAttribute('data-version')).resolves.toBe('3');
    await expect(timeline.locator('tr[data-status="superseded"]').getAttribute('data-version')).resolves.toBe('1');
    await shoot('policy-timeline');

    await page.getByRole('button', { name: 'New draft from current' }).click();
    await page.waitForURL(/\/versions\/[a-z0-9]+$/);
    draftId = page.url().split('/').pop() as string;
  });

  it('edits ru and kk with a live preview and saves the draft', async () => {
    const ruBody = page.locator('textarea[name="body-ru"]');
    await ruBody.waitFor();
    await ruBody.fill(`${await ruBody.inputValue()}\n\n${RU_ADDED}\n`);
    await page.locator('textarea[name="changeSummary-ru"]').fill('Добавлено право запросить копию персональных данных (п. 9.3).');
    await page.getByTestId('markdown-preview').getByText('9.3. Пользователь может запросить копию').waitFor();

    await page.getByTestId('tab-kk').click();
    const kkBody = page.locator('textarea[name="body-kk"]');
    await kkBody.fill(`${await kkBody.inputValue()}\n\n${KK_ADDED}\n`);
    await page.locator('textarea[name="changeSummary-kk"]').fill('Дербес деректердің көшірмесін сұрау құқығы қосылды.');
    await page.getByTestId('markdown-preview').getByText('9.3. Пайдаланушы өз дербес деректерінің көшірмесін').waitFor();

    // The consent terms, copied from the version in force: a new data category, which makes the version material.
    await page.getByTestId('tab-consent').click();
    await expect(page.getByTestId('consent-unset').getAttribute('data-items')).resolves.toBe('');
    const categories = page.locator('textarea[name="consent-dataCategories"]');
    await categories.fill(`${await categories.inputValue()}\nномер телефона`);
    await shoot('consent-terms');

    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Draft saved').first().waitFor();
    const saved = await http(server, 'GET', `/policy-versions/versions/${draftId}`, { token: await adminToken(server) });
    expect(saved.body.data.locales.ru.body).toContain(RU_ADDED);
    expect(saved.body.data.locales.kk.body).toContain(KK_ADDED);
    expect(saved.body.data.consent.dataCategories).toContain('номер телефона');
    await page.getByTestId('tab-ru').click();
    await shoot('editor');
  });

  it("shows the server's dry run: a date before the scheduled v3 would be refused, with the date to use", async () => {
    await pickDate(page, new Date(Date.now() + 5 * DAY));
    const checked = page.waitForResponse((response) => response.url().endsWith(`/policy-versions/versions/${draftId}/publication-check`));
    await page.getByTestId('open-publish').click();
    const { data: verdict } = await (await checked).json();
    expect(verdict.ok).toBe(false);
    expect(verdict.problems.map((problem: { code: string }) => problem.code)).toContain('effective-order');

    const dialog = page.getByRole('dialog');
    await dialog.locator('[data-testid="publish-checks"][data-state="fail"]').waitFor();
    const problem = dialog.getByTestId('publish-checks').locator('[data-problem="effective-order"]');
    await expect(problem.textContent()).resolves.toMatch(/must come after the newest published version\. Set it to .+ or later/);
    // Publishing would be refused, so the dialog does not offer it.
    await expect(dialog.getByTestId('confirm-publish').isDisabled()).resolves.toBe(true);
    await dialog.getByTestId('publish-checks').scrollIntoViewIfNeeded();
    await shoot('publish-refused');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
  });

  it('publishes with a future date after the checks and the diff, and the timeline follows without a reload', async () => {
    // The timeline is opened before publishing, so it is in the admin's cache when the publication lands; the
    // marker on window survives only if no page load comes between.
    await page.evaluate(() => Object.assign(window, { policyVersionsNoReload: true }));
    await page.getByRole('link', { name: 'Back' }).click();
    await page.locator('tr[data-version="draft"]').waitFor();
    await page.locator(`a[href$="/versions/${draftId}"]`).click();
    await page.locator('textarea[name="body-ru"]').waitFor();

    const effectiveAt = new Date(Date.now() + 60 * DAY);
    await pickDate(page, effectiveAt);
    const zones = await page.getByTestId('effective-zones').textContent();
    expect(zones).toContain('Asia/Almaty');
    expect(zones).toContain('UTC');

    await page.getByTestId('open-publish').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('diff-summary').waitFor();
    await dialog.locator('[data-testid="publish-checks"][data-state="ok"]').waitFor();
    await expect(dialog.getByTestId('diff-summary').textContent()).resolves.toMatch(/1 added/);
    // The new data category makes it material whatever the switch says, and the dialog says why.
    await dialog.getByTestId('material-forced').waitFor();
    await expect(dialog.getByTestId('material-reasons').textContent()).resolves.toContain('номер телефона');
    await expect(dialog.getByTestId('publish-material').getAttribute('data-material')).resolves.toBe('true');
    await shoot('publish-confirmation');

    await dialog.getByTestId('confirm-publish').click();
    await page.getByText('Version 4 published').first().waitFor();
    await page.locator('tr[data-version="4"][data-status="scheduled"]').waitFor();
    await expect(page.locator('tr[data-version="draft"]').count()).resolves.toBe(0);
    await expect(page.evaluate(() => (window as { policyVersionsNoReload?: boolean }).policyVersionsNoReload)).resolves.toBe(true);
  });

  it('serves the new version as upcoming in the public API once v3 is in force', async () => {
    const all = await http(server, 'GET', `/api/policy-versions/policies/privacy/versions`);
    const v4 = all.body.data.find((version: { version: number }) => version.version === 4);
    // Material, though the switch was left off: its consent terms add a data category.
    expect(v4).toMatchObject({ status: 'scheduled', material: true });
    // v3 takes effect first, so from then on v4 is the upcoming one.
    const at = new Date(Date.now() + 20 * DAY).toISOString();
    const current = await http(server, 'GET', `/api/policy-versions/policies/privacy/current?locale=ru&at=${at}`);
    expect(current.status).toBe(200);
    expect(current.body.data.version).toBe(3);
    expect(current.body.meta.upcoming).toMatchObject({ version: 4 });
  });

  it('opens the diff between two versions, inline and side by side', async () => {
    await page.goto(url(`/privacy/diff?from=current&to=${draftId}&locale=ru`));
    const panel = page.getByTestId('diff-panel');
    await panel.waitFor();
    await expect(panel.getByTestId('diff-summary').textContent()).resolves.toMatch(/1 added/);
    const inserted = panel.locator('.pv-block--inserted').first();
    await expect(inserted.textContent()).resolves.toContain('9.3.');
    await inserted.scrollIntoViewIfNeeded();
    await shoot('diff-inline');
    await page.getByRole('tab', { name: 'Side by side' }).click();
    await panel.locator('.pv-diff-table').waitFor();
    await panel.locator('.pv-diff-table .pv-block--inserted').first().scrollIntoViewIfNeeded();
    await shoot('diff-side-by-side');
  });

  it('counts acceptances recorded through the API, verifies the chain and exports them', async () => {
    const v2 = await http(server, 'GET', '/api/policy-versions/policies/privacy/versions/2?locale=ru');
    const subjects = [await endUser(server), await endUser(server), await endUser(server)];
    for (const user of subjects) {
      const res = await http(server, 'POST', `${LEDGER}/privacy/acceptances`, {
        token: user.jwt,
        body: { version: 2, locale: 'ru', contentHash: v2.body.data.contentHash },
      });
      expect(res.status).toBe(201);
    }
    expect(contentHash(v2.body.data.markdown)).toBe(v2.body.data.contentHash);
    const withdrawal = await http(server, 'POST', `${LEDGER}/privacy/withdrawals`, { token: subjects[2].jwt, body: {} });
    expect(withdrawal.status).toBe(201);

    // The list counts them in its own answer: no statistics request per row.
    const asked: string[] = [];
    page.on('request', (request) => asked.push(new URL(request.url()).pathname));
    await page.goto(url(''));
    await expect(page.getByTestId('accepted-privacy').textContent()).resolves.toBe('2 of 3 subjects');
    expect(asked).toContain('/policy-versions/policies');
    expect(asked.filter((pathname) => pathname.startsWith('/policy-versions/acceptances'))).toEqual([]);
    page.removeAllListeners('request');

    await page.goto(url('/privacy/acceptances'));
    await expect(page.getByTestId('subjects-on-current').textContent()).resolves.toBe('2');
    await expect(page.getByTestId('subjects-total').textContent()).resolves.toBe('3');
    await expect(page.getByTestId('share-on-current').textContent()).resolves.toBe('66.7%');
    await expect(page.getByTestId('per-version-locale').locator('tbody tr').first().innerText()).resolves.toMatch(/v2\s+RU\s+3\s+1/);
    // Besides the four records above, the ledger holds the log's own events (publications, audits).
    const records = (await http(server, 'GET', '/policy-versions/acceptances?pageSize=1', { token: await adminToken(server) })).body.meta.pagination.total;
    await page.getByRole('button', { name: 'Verify the chain' }).click();
    await page.getByText(`${records} records checked`).waitFor();
    await shoot('acceptances');

    const table = page.getByTestId('acceptance-table');
    await table.getByText(subjects[0].id, { exact: true }).waitFor();
    await page.getByLabel('Subject').fill(subjects[1].id);
    // The exact-subject filter leaves one row; clearing it brings all four back.
    await table.locator('tbody tr').nth(1).waitFor({ state: 'detached' });
    await expect(table.locator('tbody tr').count()).resolves.toBe(1);
    await page.getByLabel('Subject').fill('');
    await table.locator('tbody tr').nth(3).waitFor();
    await table.scrollIntoViewIfNeeded();
    await shoot('acceptance-records');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    const csv = fs.readFileSync((await download.path()) as string, 'utf8');
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    for (const user of subjects) expect(csv).toContain(user.id);

    // Ahead of the scheduled material v3: who must accept it again (the two whose consent stands on v2).
    const [notice] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-reacceptance').click()]);
    expect(notice.suggestedFilename()).toBe('reacceptance-privacy-v3.csv');
    const rows = fs.readFileSync((await notice.path()) as string, 'utf8').trim().split('\r\n');
    expect(rows[0]).toBe('subject,acceptedVersion,locale,acceptedAt');
    expect(rows.slice(1).map((row) => row.split(',')[0]).sort()).toEqual([subjects[0].id, subjects[1].id].sort());
  });

  it('lists the withdrawal with its processing-stop deadline and records that processing stopped', async () => {
    const panel = page.getByTestId('withdrawals-panel');
    await panel.scrollIntoViewIfNeeded();
    await expect(page.getByTestId('withdrawals-open').textContent()).resolves.toMatch(/\b1\b/);
    await expect(page.getByTestId('withdrawals-overdue').textContent()).resolves.toMatch(/\b0\b/);
    await panel.getByTestId('record-withdrawal-outcome').first().click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('radio', { name: 'Processing stopped' }).click();
    await shoot('withdrawal-outcome');
    await dialog.getByTestId('confirm-withdrawal-outcome').click();
    await page.getByTestId('withdrawals-table').locator('[data-outcome="stopped"]').waitFor();
    await panel.scrollIntoViewIfNeeded();
    await shoot('withdrawals');
    const stopped = await http(server, 'GET', '/policy-versions/withdrawals?status=stopped', { token: await adminToken(server) });
    expect(stopped.body.data).toHaveLength(1);
    expect(stopped.body.data[0].outcome).toMatchObject({ outcome: 'stopped', recordedBy: { email: ADMIN.email } });
  });

  it('gives an editor without the publish action no publish button, and the server refuses', async () => {
    const token = await adminToken(server, ['plugin::policy-versions.read', 'plugin::policy-versions.edit']);
    const editorUser = await server.strapi.db.query('admin::user').findOne({ orderBy: { id: 'desc' } });
    await server.strapi.service('admin::user').updateById(editorUser.id, { password: ADMIN.password });
    const draft = await http(server, 'POST', '/policy-versions/policies/privacy/versions', { token, body: { copyFrom: 'current' } });
    expect(draft.status).toBe(201);

    await context.clearCookies();
    await page.evaluate(() => {
      localStorage.clear();
      sessionStorage.clear();
    });
    await logIn(editorUser.email, ADMIN.password);
    const checks: string[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/publication-check')) checks.push(request.url());
    });
    await page.goto(url(`/privacy/versions/${draft.body.data.documentId}`));
    await page.locator('textarea[name="body-ru"]').waitFor();
    await expect(page.getByRole('button', { name: 'Save' }).count()).resolves.toBe(1);
    await expect(page.getByTestId('open-publish').count()).resolves.toBe(0);
    // The dry run is the edit action's: an editor who may not publish still learns what the draft lacks.
    expect(checks.length).toBeGreaterThan(0);
    page.removeAllListeners('request');
    await shoot('editor-without-publish');

    const refused = await http(server, 'POST', `/policy-versions/versions/${draft.body.data.documentId}/publish`, {
      token,
      body: { material: false, effectiveAt: null },
    });
    expect(refused.status).toBe(403);
  });

  it('lets an editor create a policy, checking its key while typing', async () => {
    await page.goto(url(''));
    await page.getByTestId('create-policy').click();
    const form = page.getByTestId('create-policy-form');
    const create = form.getByTestId('confirm-create-policy');
    await form.locator('input[name="key"]').fill('Terms of use');
    await expect(form.textContent()).resolves.toContain('Use lower-case Latin letters');
    await form.locator('input[name="key"]').fill('privacy');
    await expect(form.textContent()).resolves.toContain('already exists');
    await form.locator('input[name="key"]').fill('terms');
    await expect(create.isDisabled()).resolves.toBe(true); // no title yet
    await form.locator('input[name="title-ru"]').fill('Пользовательское соглашение');
    await form.locator('input[name="title-kk"]').fill('Пайдаланушы келісімі');
    await form.locator('input[name="title-en"]').fill('Terms of use');
    await expect(create.isDisabled()).resolves.toBe(false);
    await shoot('create-policy');

    await create.click();
    await page.waitForURL(/\/terms$/);
    await page.getByRole('heading', { name: 'Terms of use' }).waitFor();
    const listed = await http(server, 'GET', '/policy-versions/policies', { token: await adminToken(server) });
    expect(listed.body.data.find((policy: any) => policy.key === 'terms')).toMatchObject({
      titles: { ru: 'Пользовательское соглашение', kk: 'Пайдаланушы келісімі', en: 'Terms of use' },
      current: null,
    });
  });

  it("subscribes a webhook to the plugin's events in Settings, kept when Strapi's own form saves it, and delivers them", async () => {
    const sink = await startSink();
    try {
      const token = await adminToken(server);
      const created = await http(server, 'POST', '/admin/webhooks', { token, body: { name: 'consents', url: sink.url, headers: {}, events: ['entry.create'] } });
      expect(created.status).toBe(201);
      const id = created.body.data.id;
      const eventsOf = async () => (await http(server, 'GET', `/admin/webhooks/${id}`, { token })).body.data.events;

      // The editor signed in by the tests above has no webhook permission: no link to the page.
      await page.goto(`${server.baseUrl}/admin/settings`);
      await page.getByRole('link', { name: 'Overview' }).waitFor();
      await expect(page.getByRole('link', { name: 'Webhook events' }).count()).resolves.toBe(0);

      await context.clearCookies();
      await page.evaluate(() => {
        localStorage.clear();
        sessionStorage.clear();
      });
      await logIn(ADMIN.email, ADMIN.password);
      await page.goto(`${server.baseUrl}/admin/settings`);
      await page.getByRole('link', { name: 'Webhook events' }).click();
      await page.waitForURL(/\/admin\/settings\/policy-versions\/webhook-events$/);
      const row = page.locator('tr[data-webhook="consents"]');
      await row.waitFor();
      await expect(row.textContent()).resolves.toContain(sink.url);
      const accepted = page.getByRole('checkbox', { name: 'policy-acceptance.create for consents' });
      await expect(accepted.getAttribute('aria-checked')).resolves.toBe('false');
      await accepted.click();
      await page.getByText('Events of “consents” saved').waitFor();
      await expect(accepted.getAttribute('aria-checked')).resolves.toBe('true');
      await expect(eventsOf()).resolves.toEqual(['entry.create', 'policy-acceptance.create']);
      await shoot('webhook-events');

      // Strapi's webhook form shows none of the plugin's events; saving it there keeps them.
      await page.goto(`${server.baseUrl}/admin/settings/webhooks/${id}`);
      const name = page.locator('input[name="name"]');
      await name.waitFor();
      await name.fill('consents edited');
      const [saved] = await Promise.all([
        page.waitForResponse((response) => response.url().endsWith(`/admin/webhooks/${id}`) && response.request().method() === 'PUT'),
        page.getByRole('button', { name: 'Save' }).click(),
      ]);
      expect({ status: saved.status(), sent: saved.request().postDataJSON().events }).toEqual({
        status: 200,
        sent: ['entry.create', 'policy-acceptance.create'],
      });
      await expect(eventsOf()).resolves.toEqual(['entry.create', 'policy-acceptance.create']);

      // And the subscription is live: an acceptance reaches the sink.
      const current = (await http(server, 'GET', `${LEDGER}/privacy/current?locale=ru`)).body.data;
      const subject = await endUser(server);
      const recorded = await http(server, 'POST', `${LEDGER}/privacy/acceptances`, {
        token: subject.jwt,
        body: { version: current.version, locale: 'ru', contentHash: current.contentHash },
      });
      expect(recorded.status).toBe(201);
      const [delivery] = await sink.waitFor('policy-acceptance.create', undefined, 5000);
      expect(delivery.header).toBe('policy-acceptance.create');
      expect(delivery.body.acceptance).toMatchObject({ subject: subject.id, policy: 'privacy', version: current.version, contentHash: current.contentHash });
    } finally {
      await sink.close();
    }
  });
});

/** Types the date into the design system's picker (the admin's en locale reads MM/DD/YYYY) and picks the time from its list. */
async function pickDate(page: Page, when: Date) {
  const two = (n: number) => String(n).padStart(2, '0');
  const date = page.getByRole('combobox', { name: 'Choose date' });
  await date.fill(`${two(when.getMonth() + 1)}/${two(when.getDate())}/${when.getFullYear()}`);
  await date.press('Enter');
  await page.getByRole('combobox', { name: 'Choose time' }).click();
  await page.getByRole('option', { name: '10:00' }).click();
}
