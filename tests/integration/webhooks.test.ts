import { WEBHOOK_NOTICE_UID } from '../../server/src/constants';
import { contentHash } from '../../server/src/domain/hash';
import { WEBHOOK_EVENTS } from '../../shared/webhook-events';
import { bootChild, childAdminCall, killChild, sharedDatabase, type ChildServer } from '../support/child-server';
import { endUser, LEDGER } from '../support/ledger';
import { editor, KK_BODY } from '../support/policies';
import { adminToken, http, startServer, type TestServer } from '../support/strapi';
import { startSink } from '../support/webhook-sink';

const RU = '## 1. Общие положения\n\n1.1. Политика обработки персональных данных.\n';
const PLUGIN_EVENTS = Object.values(WEBHOOK_EVENTS).filter((event) => event !== WEBHOOK_EVENTS.POLICY_LEDGER_CHECKPOINT);
// The effective-version cron ticks every 10 seconds (bootstrap.ts).
const TICK_MS = 10_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
// strapi::poweredBy runs only in the full stack, so its header tells which path answered.
const viaFastPath = (res: { headers: Headers }) => res.headers.get('x-powered-by') === null;

describe('webhook events', () => {
  let server: TestServer;
  let sink: Awaited<ReturnType<typeof startSink>>;
  let admin: ReturnType<typeof editor>;
  let officer: string;

  beforeAll(async () => {
    sink = await startSink();
    // The fast path on, so acceptances come through both doors (an Origin header takes the full stack).
    server = await startServer({ env: { POLICY_FAST_LEDGER: 'true' } });
    officer = await adminToken(server);
    admin = editor(server, officer);
    const created = await http(server, 'POST', '/admin/webhooks', {
      token: officer,
      body: { name: 'sink', url: sink.url, headers: {}, events: PLUGIN_EVENTS },
    });
    expect(created.status).toBe(201);
    await admin.createPolicy('privacy');
  });

  afterAll(async () => {
    delete process.env.POLICY_FAST_LEDGER;
    await server?.stop();
    await sink?.close();
  });

  it('offers its events to Strapi\'s webhook store', () => {
    const store = server.strapi.get('webhookStore');
    for (const [key, event] of Object.entries(WEBHOOK_EVENTS)) expect(store.getAllowedEvent(key)).toBe(event);
  });

  it('announces a publication once, with every locale\'s contentHash, and its taking effect when that is now', async () => {
    const published = await admin.release('privacy', { ru: RU, kk: KK_BODY }, { material: true });
    const [publish] = await sink.waitFor(WEBHOOK_EVENTS.POLICY_VERSION_PUBLISH, 1, 5000);
    expect(publish.header).toBe(WEBHOOK_EVENTS.POLICY_VERSION_PUBLISH);
    expect(publish.body).toEqual({
      event: 'policy-version.publish',
      createdAt: expect.any(String),
      policyVersion: {
        policy: 'privacy',
        version: 1,
        locales: [
          { locale: 'ru', contentHash: contentHash(RU) },
          { locale: 'kk', contentHash: contentHash(KK_BODY) },
        ],
        effectiveAt: published.effectiveAt,
        material: true,
        publishedAt: published.releasedAt,
      },
    });
    const [effective] = await sink.waitFor(WEBHOOK_EVENTS.POLICY_VERSION_EFFECTIVE, 1, 5000);
    expect(effective.body.policyVersion).toEqual(publish.body.policyVersion);
    expect(sink.of(WEBHOOK_EVENTS.POLICY_VERSION_PUBLISH)).toHaveLength(1);
  });

  it('announces a scheduled version\'s taking effect once, from the cron tick, when its effectiveAt arrives', async () => {
    const effectiveAt = new Date(Date.now() + 3000).toISOString();
    await admin.release('privacy', { ru: `${RU}\n1.2. Вторая редакция.\n`, kk: KK_BODY }, { effectiveAt });
    await sink.waitFor(WEBHOOK_EVENTS.POLICY_VERSION_PUBLISH, 2, 5000);
    expect(sink.of(WEBHOOK_EVENTS.POLICY_VERSION_EFFECTIVE, 2)).toHaveLength(0);
    // First the claim a tick stores, then its delivery, so a failure says which of the two did not happen. Strapi's
    // runner sends once and drops a failed delivery silently. Two ticks allowed: on a loaded machine one comes late.
    const claimed = async () =>
      server.strapi.db.query(WEBHOOK_NOTICE_UID).findOne({ where: { event: WEBHOOK_EVENTS.POLICY_VERSION_EFFECTIVE, policyKey: 'privacy', version: 2 } });
    for (const until = Date.now() + 3000 + 2 * TICK_MS + 3000; !(await claimed()); await sleep(100)) {
      if (Date.now() > until) throw new Error('no tick claimed the effective event of version 2');
    }
    const [effective] = await sink.waitFor(WEBHOOK_EVENTS.POLICY_VERSION_EFFECTIVE, 2, 5000);
    expect(Date.parse(effective.body.createdAt)).toBeGreaterThanOrEqual(Date.parse(effectiveAt));
    expect(effective.body.policyVersion).toMatchObject({ policy: 'privacy', version: 2, effectiveAt, material: false });
    // Another tick goes by without a second one.
    await sleep(TICK_MS + 1000);
    expect(sink.of(WEBHOOK_EVENTS.POLICY_VERSION_EFFECTIVE, 2)).toHaveLength(1);
    expect(sink.of(WEBHOOK_EVENTS.POLICY_VERSION_EFFECTIVE)).toHaveLength(2);
  }, 60_000);

  it('announces a withdrawal of a scheduled version, which then never takes effect', async () => {
    const effectiveAt = new Date(Date.now() + 86_400_000).toISOString();
    const scheduled = await admin.release('privacy', { ru: `${RU}\n1.3. Третья редакция.\n`, kk: KK_BODY }, { effectiveAt });
    const withdrawn = await admin.withdraw(scheduled.documentId);
    const [event] = await sink.waitFor(WEBHOOK_EVENTS.POLICY_VERSION_WITHDRAW, 3, 5000);
    expect(event.body.policyVersion).toEqual({
      policy: 'privacy',
      version: 3,
      locales: [
        { locale: 'ru', contentHash: contentHash(`${RU}\n1.3. Третья редакция.\n`) },
        { locale: 'kk', contentHash: contentHash(KK_BODY) },
      ],
      effectiveAt,
      material: false,
      publishedAt: scheduled.releasedAt,
      withdrawnAt: withdrawn.withdrawnAt,
    });
    await server.strapi.plugin('policy-versions').service('webhooks').tick();
    expect(sink.of(WEBHOOK_EVENTS.POLICY_VERSION_EFFECTIVE, 3)).toHaveLength(0);
  });

  it('announces a new acceptance and withdrawal by a signed-in user, through either door, without IP, user agent or metadata; a replay sends nothing', async () => {
    const user = await endUser(server);
    const text = contentHash(`${RU}\n1.2. Вторая редакция.\n`);
    const headers = { 'user-agent': 'Webhook-Test-Agent/1.0' };
    const body = { version: 2, locale: 'ru', contentHash: text, purposes: { service: true, analytics: false }, metadata: { campaign: 'spring' } };
    const accepted = await http(server, 'POST', `${LEDGER}/privacy/acceptances`, { token: user.jwt, body, headers });
    expect(accepted.status).toBe(201);
    expect(viaFastPath(accepted)).toBe(true);
    const [created] = await sink.waitFor(WEBHOOK_EVENTS.POLICY_ACCEPTANCE_CREATE, undefined, 5000);
    expect(created.body).toEqual({
      event: 'policy-acceptance.create',
      createdAt: expect.any(String),
      acceptance: {
        recordId: accepted.body.data.id,
        subject: user.id,
        policy: 'privacy',
        version: 2,
        locale: 'ru',
        contentHash: text,
        recordedAt: accepted.body.data.recordedAt,
        purposes: { analytics: false, service: true },
      },
    });

    // The same acceptance again, through the full stack: answered 200 with the same record, and not announced.
    const replay = await http(server, 'POST', `${LEDGER}/privacy/acceptances`, { token: user.jwt, body, headers: { ...headers, origin: 'https://example.kz' } });
    expect(replay.status).toBe(200);
    expect(viaFastPath(replay)).toBe(false);
    // In kk, through the full stack: a new record.
    const kk = { ...body, locale: 'kk', contentHash: contentHash(KK_BODY) };
    const second = await http(server, 'POST', `${LEDGER}/privacy/acceptances`, { token: user.jwt, body: kk, headers: { ...headers, origin: 'https://example.kz' } });
    expect(second.status).toBe(201);
    await sink.waitFor(WEBHOOK_EVENTS.POLICY_ACCEPTANCE_CREATE, undefined, 5000, 2);

    const withdrawal = await http(server, 'POST', `${LEDGER}/privacy/withdrawals`, { token: user.jwt, body: { reason: 'no longer a customer' }, headers });
    expect(withdrawal.status).toBe(201);
    const [withdrawn] = await sink.waitFor(WEBHOOK_EVENTS.POLICY_ACCEPTANCE_WITHDRAW, undefined, 5000);
    expect(withdrawn.body.acceptance).toEqual({
      recordId: withdrawal.body.data.id,
      subject: user.id,
      policy: 'privacy',
      version: 2,
      locale: withdrawal.body.data.locale,
      contentHash: withdrawal.body.data.contentHash,
      recordedAt: withdrawal.body.data.recordedAt,
      purposes: null,
    });
    const again = await http(server, 'POST', `${LEDGER}/privacy/withdrawals`, { token: user.jwt, body: {}, headers });
    expect(again.status).toBe(200);

    await sleep(1000);
    expect(sink.of(WEBHOOK_EVENTS.POLICY_ACCEPTANCE_CREATE)).toHaveLength(2);
    expect(sink.of(WEBHOOK_EVENTS.POLICY_ACCEPTANCE_WITHDRAW)).toHaveLength(1);
    for (const delivery of sink.deliveries.filter((d) => d.body.acceptance)) {
      const sent = JSON.stringify(delivery.body);
      for (const field of ['ip', 'userAgent', 'metadata', 'givenBy', 'acceptLanguage', 'identityDigest']) expect(delivery.body.acceptance).not.toHaveProperty(field);
      expect(sent).not.toContain('Webhook-Test-Agent');
      expect(sent).not.toContain('127.0.0');
      expect(sent).not.toContain('spring');
      expect(sent).not.toContain('no longer a customer');
    }
  });

  it('records the versions in effect without announcing them when the notices begin on a running ledger', async () => {
    const knex = server.strapi.db.connection;
    await knex('pv_webhook_notices').del();
    const webhooks = server.strapi.plugin('policy-versions').service('webhooks');
    await webhooks.recordBaseline();
    const rows = await knex('pv_webhook_notices').select('policy_key', 'version', 'fired').orderBy('version');
    expect(rows.map((row: any) => [row.policy_key, row.version, Boolean(row.fired)])).toEqual([
      ['*', 0, false],
      ['privacy', 1, false],
      ['privacy', 2, false],
    ]);
    const before = sink.of(WEBHOOK_EVENTS.POLICY_VERSION_EFFECTIVE).length;
    await webhooks.tick();
    // Once recorded, a second baseline changes nothing.
    await webhooks.recordBaseline();
    await sleep(500);
    expect(sink.of(WEBHOOK_EVENTS.POLICY_VERSION_EFFECTIVE)).toHaveLength(before);
    expect(Number(((await knex('pv_webhook_notices').count({ n: '*' }).first()) as any).n)).toBe(3);
  });

  it('sends a due version once when many ticks race for it (on PostgreSQL and MySQL over several connections)', async () => {
    const knex = server.strapi.db.connection;
    await knex('pv_webhook_notices').where({ policy_key: 'privacy', version: 2 }).del();
    const before = sink.of(WEBHOOK_EVENTS.POLICY_VERSION_EFFECTIVE, 2).length;
    const webhooks = server.strapi.plugin('policy-versions').service('webhooks');
    await Promise.all(Array.from({ length: 20 }, () => webhooks.tick()));
    await sink.waitFor(WEBHOOK_EVENTS.POLICY_VERSION_EFFECTIVE, 2, 5000, before + 1);
    await sleep(1000);
    expect(sink.of(WEBHOOK_EVENTS.POLICY_VERSION_EFFECTIVE, 2)).toHaveLength(before + 1);
    const [row] = await knex('pv_webhook_notices').where({ policy_key: 'privacy', version: 2 }).select('fired');
    expect(Boolean(row.fired)).toBe(true);
  });
});

/*
 * Two Strapi processes on one database, both running the cron: a version that takes effect is announced by exactly
 * one of them, and neither announces it again after a restart.
 */
describe('webhook events with several instances on one database', () => {
  let database: Awaited<ReturnType<typeof sharedDatabase>>;
  let sink: Awaited<ReturnType<typeof startSink>>;
  let a: ChildServer;
  let b: ChildServer;
  let admin: { email: string; password: string };

  const call = (server: ChildServer, method: string, route: string, body?: unknown) => childAdminCall(server, admin, method, route, body);

  const publish = async (server: ChildServer, body: string, effectiveAt: string) => {
    const draft = await call(server, 'POST', '/policy-versions/policies/privacy/versions', { copyFrom: 'current' });
    await call(server, 'PUT', `/policy-versions/versions/${draft.documentId}/locales/ru`, { body });
    return call(server, 'POST', `/policy-versions/versions/${draft.documentId}/publish`, { material: false, effectiveAt });
  };

  beforeAll(async () => {
    sink = await startSink();
    database = await sharedDatabase('pv-webhooks-');
    a = await bootChild(database.env);
    admin = database.setup().admin;
    // Strapi's webhook runner reads the webhooks at boot (and when they change through its own process), so the
    // second instance boots after the webhook exists.
    await call(a, 'POST', '/admin/webhooks', { name: 'sink', url: sink.url, headers: {}, events: PLUGIN_EVENTS });
    b = await bootChild(database.env);
  });

  afterAll(async () => {
    await database?.cleanup();
    await sink?.close();
  });

  it('announces a version taking effect exactly once between them, and not again after a restart', async () => {
    // Each instance delivers what it causes: B a publication, A another one.
    const effectiveAt = new Date(Date.now() + 4000).toISOString();
    await publish(b, 'Вторая редакция.', effectiveAt);
    await sink.waitFor(WEBHOOK_EVENTS.POLICY_VERSION_PUBLISH, 2, 5000);
    await publish(a, 'Третья редакция.', new Date(Date.now() + 86_400_000).toISOString());
    await sink.waitFor(WEBHOOK_EVENTS.POLICY_VERSION_PUBLISH, 3, 5000);

    // Both tick at the same seconds, and both find version 2 due.
    const [effective] = await sink.waitFor(WEBHOOK_EVENTS.POLICY_VERSION_EFFECTIVE, 2, 4000 + TICK_MS + 3000);
    expect(effective.body.policyVersion).toMatchObject({ policy: 'privacy', version: 2, effectiveAt });
    await sleep(TICK_MS + 2000);
    expect(sink.of(WEBHOOK_EVENTS.POLICY_VERSION_EFFECTIVE, 2)).toHaveLength(1);

    // A restarted instance finds the claims where it left them: version 1 (in effect since the seed, before the
    // webhook existed) and version 2 are not announced again.
    await killChild(a);
    a = await bootChild(database.env);
    await sleep(TICK_MS + 2000);
    expect(sink.of(WEBHOOK_EVENTS.POLICY_VERSION_EFFECTIVE)).toHaveLength(1);
    expect(sink.of(WEBHOOK_EVENTS.POLICY_VERSION_PUBLISH)).toHaveLength(2);
  }, 90_000);
});
