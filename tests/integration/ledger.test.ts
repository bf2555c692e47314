import { contentHash } from '../../server/src/domain/hash';
import { grantLedgerRoutesOnce, LEDGER_CONTENT_ACTIONS } from '../../server/src/utils/ledger-grants';
import { apiToken, countRecords, endUser, LEDGER, ledgerAction } from '../support/ledger';
import { editor, KK_BODY } from '../support/policies';
import { adminToken, http, startServer, type TestServer } from '../support/strapi';

const RU = (n: number) => `## 1. Общие положения\n\n1.1. Редакция ${n} политики обработки персональных данных.\n`;
const KK = (n: number) => `${KK_BODY}\n1.3. Нұсқа ${n}.\n`;
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('acceptance ledger: recording, idempotency, withdrawal, status', () => {
  let server: TestServer;
  let token: string;
  const future = new Date(Date.now() + 10 * 86_400_000).toISOString();
  const later = new Date(Date.now() + 20 * 86_400_000).toISOString();

  const accept = (key: string, body: unknown, auth: string | undefined, headers: Record<string, string> = {}) =>
    http(server, 'POST', `${LEDGER}/${key}/acceptances`, { body, token: auth, headers });

  beforeAll(async () => {
    server = await startServer();
    const admin = editor(server, await adminToken(server));
    await admin.createPolicy('privacy');
    await admin.release('privacy', { ru: RU(1), kk: KK(1) }, { material: true });
    await admin.release('privacy', { ru: RU(2), kk: KK(2) });
    await admin.release('privacy', { ru: RU(3), kk: KK(3) }, { effectiveAt: future, material: true });
    const v4 = await admin.release('privacy', { ru: RU(4), kk: KK(4) }, { effectiveAt: later, material: true });
    await admin.withdraw(v4.documentId);
    await admin.createPolicy('terms');
    await admin.release('terms', { ru: RU(10), kk: KK(10) }, { material: true });
    await admin.release('terms', { ru: RU(11), kk: KK(11) }, { material: true });
    token = await apiToken(server);
  });

  afterAll(async () => server?.stop());

  it('records a signed-in user\'s acceptance with a receipt, truncated IP and request evidence', async () => {
    const user = await endUser(server);
    const res = await accept(
      'privacy',
      { version: 2, locale: 'ru', contentHash: contentHash(RU(2)), source: 'signup', metadata: { checkbox: 'terms-1' } },
      user.jwt,
      { 'user-agent': 'JestBrowser/1.0', 'accept-language': 'ru-KZ,ru;q=0.9' }
    );
    expect(res.status).toBe(201);
    const record = res.body.data;
    expect(record).toEqual({
      id: expect.stringMatching(UUID_RE),
      subject: user.id,
      policy: 'privacy',
      version: 2,
      locale: 'ru',
      contentHash: contentHash(RU(2)),
      event: 'accepted',
      recordedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      ip: '127.0.0.0',
      userAgent: 'JestBrowser/1.0',
      acceptLanguage: 'ru', // the locale the header prefers, not the header
      source: 'signup',
      metadata: { checkbox: 'terms-1' },
      purposes: { service: true, analytics: false }, // none sent: the required purpose given, the optional one not
      givenBy: null,
      prevHash: expect.stringMatching(/^[0-9a-f]{64}$/), // after the log's events publishing the texts
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(Math.abs(Date.parse(record.recordedAt) - Date.now())).toBeLessThan(10_000);
    expect(res.body.meta.created).toBe(true);
    expect(res.body.meta.receipt).toMatchObject({
      version: 'KI-CR-v1.1.0',
      jurisdiction: 'KZ',
      consentReceiptID: record.id,
      collectionMethod: 'signup',
      language: 'ru',
      piiPrincipalId: user.id,
      policyUrl: '/api/policy-versions/policies/privacy/versions/2?locale=ru',
      policyVersion: 2,
      policyContentHash: contentHash(RU(2)),
      consentTimestamp: Math.floor(Date.parse(record.recordedAt) / 1000),
      piiControllers: [expect.objectContaining({ country: 'KZ' })],
    });
  });

  it('answers the same acceptance again with 200 and the original record, also under concurrent identical requests', async () => {
    const user = await endUser(server);
    const body = { version: 2, locale: 'kz' };
    const before = await countRecords(server);
    const results = await Promise.all(Array.from({ length: 12 }, () => accept('privacy', body, user.jwt)));
    expect(results.map((res) => res.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
    expect(new Set(results.map((res) => res.body.data.id)).size).toBe(1);
    expect(results[0].body.data.locale).toBe('kk');
    expect(await countRecords(server)).toBe(before + 1);
    const again = await accept('privacy', { version: 2, locale: 'kk', contentHash: contentHash(KK(2)) }, user.jwt);
    expect(again.status).toBe(200);
    expect(again.body.data.id).toBe(results[0].body.data.id);
    expect(again.body.meta.created).toBe(false);
  });

  it('accepts the upcoming version too, and counts a new locale as a new acceptance', async () => {
    const user = await endUser(server);
    expect((await accept('privacy', { version: 3, locale: 'ru' }, user.jwt)).status).toBe(201);
    expect((await accept('privacy', { version: 3, locale: 'kk' }, user.jwt)).status).toBe(201);
  });

  it('takes the subject from the JWT, requires it from an API token, and refuses anonymous calls', async () => {
    const user = await endUser(server);
    const spoof = await accept('privacy', { version: 2, locale: 'ru', subject: 'someone-else' }, user.jwt);
    expect(spoof.status).toBe(403);
    expect(spoof.body.error.name).toBe('ForbiddenError');

    const missing = await accept('privacy', { version: 2, locale: 'ru' }, token);
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toMatch(/subject/);

    const server2server = await accept('privacy', { version: 2, locale: 'ru', subject: 'crm-7781' }, token);
    expect(server2server.status).toBe(201);
    expect(server2server.body.data.subject).toBe('crm-7781');

    for (const [method, path] of [
      ['POST', `${LEDGER}/privacy/acceptances`],
      ['POST', `${LEDGER}/privacy/withdrawals`],
      ['GET', `${LEDGER}/privacy/acceptances/status?subject=crm-7781`],
      ['GET', `${LEDGER}/privacy/acceptances/me`],
    ]) {
      const anonymous = await http(server, method, path, method === 'POST' ? { body: { version: 2, locale: 'ru', subject: 'x' } } : {});
      expect([401, 403]).toContain(anonymous.status);
    }
  });

  it('lets custom API tokens use only the ledger actions they were given', async () => {
    const statusOnly = await apiToken(server, [ledgerAction('status')]);
    expect((await accept('privacy', { version: 2, locale: 'ru', subject: 's-1' }, statusOnly)).status).toBe(403);
    const status = await http(server, 'GET', `${LEDGER}/privacy/acceptances/status?subject=s-1`, { token: statusOnly });
    expect(status.status).toBe(200);
    const acceptor = await apiToken(server, [ledgerAction('accept')]);
    expect((await accept('privacy', { version: 2, locale: 'ru', subject: 's-1' }, acceptor)).status).toBe(201);
  });

  it('refuses bad input with a clear 4xx in Strapi\'s error shape and writes nothing', async () => {
    const user = await endUser(server);
    const before = await countRecords(server);
    const cases: Array<[unknown, number, RegExp, string?]> = [
      [{ version: 2, locale: 'ru' }, 404, /Policy "nope" not found/, 'nope'],
      [{ version: 9, locale: 'ru' }, 404, /no published version 9/],
      [{ version: 2, locale: 'de' }, 400, /Unsupported locale "de"/],
      [{ version: 2, locale: 'en' }, 400, /no text in "en"/],
      [{ version: 4, locale: 'ru' }, 409, /withdrawn/],
      [{ version: 1, locale: 'ru' }, 409, /not the current one: show version 2/],
      [{ version: 2, locale: 'ru', contentHash: contentHash(RU(1)) }, 409, /hash differs/],
      [{ version: 2, locale: 'ru', contentHash: 'md5:abc' }, 400, /contentHash/],
      [{ version: 2, locale: 'ru', metadata: { blob: 'x'.repeat(5000) } }, 413, /at most 4096 bytes/],
      [{ version: 2, locale: 'ru', metadata: ['not', 'an', 'object'] }, 400, /metadata must be a JSON object/],
      [{ version: '2', locale: 'ru' }, 400, /version/],
      [{ version: 2.5, locale: 'ru' }, 400, /version/],
      [{ locale: 'ru' }, 400, /version/],
      [{ version: 2, locale: 7 }, 400, /locale/],
      [{ version: 2, locale: 'ru', source: 'not a token!' }, 400, /source/],
      [{ version: 2, locale: 'ru', admin: true }, 400, /admin/],
      [[1, 2], 400, /JSON object/],
    ];
    for (const [body, status, message, key] of cases) {
      const res = await accept(key ?? 'privacy', body, user.jwt);
      expect({ body, status: res.status }).toEqual({ body, status });
      expect(res.body).toEqual({ data: null, error: expect.objectContaining({ status, message: expect.stringMatching(message) }) });
    }
    const superseded = await accept('privacy', { version: 1, locale: 'ru' }, user.jwt);
    expect(superseded.body.error.details).toMatchObject({ currentVersion: 2, upcomingVersion: 3 });

    const malformed = await http(server, 'POST', `${LEDGER}/privacy/acceptances`, { rawBody: '{"version": 2,', token: user.jwt });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error).toMatchObject({ status: 400 });
    expect(await countRecords(server)).toBe(before);
  });

  it('withdraws by appending an event, idempotently, and refuses when there is nothing to withdraw', async () => {
    const user = await endUser(server);
    const withdraw = (body: unknown = {}) => http(server, 'POST', `${LEDGER}/privacy/withdrawals`, { body, token: user.jwt });
    const nothing = await withdraw();
    expect(nothing.status).toBe(409);

    const accepted = await accept('privacy', { version: 2, locale: 'ru' }, user.jwt);
    const first = await withdraw({ reason: 'Changed my mind' });
    expect(first.status).toBe(201);
    expect(first.body.data).toMatchObject({ event: 'withdrawn', policy: 'privacy', version: 2, locale: 'ru', subject: user.id, metadata: { reason: 'Changed my mind' } });
    const second = await withdraw();
    expect(second.status).toBe(200);
    expect(second.body.data.id).toBe(first.body.data.id);

    const status = await http(server, 'GET', `${LEDGER}/privacy/acceptances/status`, { token: user.jwt });
    expect(status.body.data).toMatchObject({ acceptedVersion: 2, withdrawn: true, mustAccept: true, reason: 'withdrawn' });

    // Accepting again after a withdrawal is a new acceptance, not the old one returned.
    const again = await accept('privacy', { version: 2, locale: 'ru' }, user.jwt);
    expect(again.status).toBe(201);
    expect(again.body.data.id).not.toBe(accepted.body.data.id);

    const history = await http(server, 'GET', `${LEDGER}/privacy/acceptances/me`, { token: user.jwt });
    expect(history.status).toBe(200);
    expect(history.body.data.map((record: any) => record.event)).toEqual(['accepted', 'withdrawn', 'accepted']);
    expect(history.body.data.every((record: any) => record.subject === user.id)).toBe(true);
  });

  it('tells whether a subject must accept now: never accepted, accepted, material change', async () => {
    const user = await endUser(server);
    const status = async (key: string) => (await http(server, 'GET', `${LEDGER}/${key}/acceptances/status`, { token: user.jwt })).body.data;

    expect(await status('privacy')).toEqual({
      policy: 'privacy',
      currentVersion: 2,
      acceptedVersion: null,
      acceptedAt: null,
      locale: null,
      withdrawn: false,
      purposes: null,
      pending: null,
      mustAccept: true,
      reason: 'never-accepted',
      upcoming: { version: 3, effectiveAt: future, material: true, accepted: false, mustAccept: true },
    });

    const accepted = await accept('privacy', { version: 2, locale: 'kk' }, user.jwt);
    expect(await status('privacy')).toMatchObject({
      acceptedVersion: 2,
      acceptedAt: accepted.body.data.recordedAt,
      locale: 'kk',
      mustAccept: false,
      reason: null,
    });

    // terms v10-style: version 1 accepted through an API token for this user, then material version 2 is current.
    const viaServer = await accept('terms', { version: 1, locale: 'ru', subject: user.id }, token);
    expect(viaServer.status).toBe(409);
    expect(await status('terms')).toMatchObject({ currentVersion: 2, mustAccept: true, reason: 'never-accepted' });
  });

  it('does not ask again after a non-material version, but does after a material one', async () => {
    const admin = editor(server, await adminToken(server));
    await admin.createPolicy('cookies');
    await admin.release('cookies', { ru: RU(20), kk: KK(20) }, { material: true });
    const early = await endUser(server);
    await accept('cookies', { version: 1, locale: 'ru' }, early.jwt);
    await admin.release('cookies', { ru: RU(21), kk: KK(21) }, { material: false });
    server.strapi.plugin('policy-versions').service('timeline').invalidate('cookies');
    const status = async () => (await http(server, 'GET', `${LEDGER}/cookies/acceptances/status`, { token: early.jwt })).body.data;
    expect(await status()).toMatchObject({ currentVersion: 2, acceptedVersion: 1, mustAccept: false, reason: null });
    await admin.release('cookies', { ru: RU(22), kk: KK(22) }, { material: true });
    server.strapi.plugin('policy-versions').service('timeline').invalidate('cookies');
    expect(await status()).toMatchObject({ currentVersion: 3, acceptedVersion: 1, mustAccept: true, reason: 'material-change' });
    const bySubject = await http(server, 'GET', `${LEDGER}/cookies/acceptances/status?subject=${early.id}`, { token });
    expect(bySubject.body.data).toMatchObject({ acceptedVersion: 1, reason: 'material-change' });
    const spoof = await http(server, 'GET', `${LEDGER}/cookies/acceptances/status?subject=1`, { token: early.jwt });
    expect(spoof.status).toBe(403);
    const noSubject = await http(server, 'GET', `${LEDGER}/cookies/acceptances/status`, { token });
    expect(noSubject.status).toBe(400);
  });

  it('does not count an acceptance of the scheduled version alone, nor after the editor withdraws that version', async () => {
    const admin = editor(server, await adminToken(server));
    await admin.createPolicy('notice');
    await admin.release('notice', { ru: RU(30), kk: KK(30) }, { material: true });
    const scheduled = await admin.release('notice', { ru: RU(31), kk: KK(31) }, { effectiveAt: future, material: true });
    const early = await endUser(server);
    const onCurrent = await endUser(server);
    expect((await accept('notice', { version: 2, locale: 'ru' }, early.jwt)).status).toBe(201);
    expect((await accept('notice', { version: 1, locale: 'kk' }, onCurrent.jwt)).status).toBe(201);
    const status = async (user: { jwt: string }) => (await http(server, 'GET', `${LEDGER}/notice/acceptances/status`, { token: user.jwt })).body.data;

    const neverInForce = {
      policy: 'notice',
      currentVersion: 1,
      acceptedVersion: null,
      acceptedAt: null,
      locale: null,
      withdrawn: false,
      purposes: null,
      pending: null,
      mustAccept: true,
      reason: 'never-accepted',
    };
    expect(await status(early)).toEqual({ ...neverInForce, upcoming: { version: 2, effectiveAt: future, material: true, accepted: true, mustAccept: false } });
    // Satisfied now, but the material v2 will have to be accepted once it takes effect.
    expect(await status(onCurrent)).toMatchObject({
      acceptedVersion: 1,
      mustAccept: false,
      reason: null,
      upcoming: { version: 2, accepted: false, mustAccept: true },
    });

    await admin.withdraw(scheduled.documentId);
    expect(await status(early)).toEqual({ ...neverInForce, upcoming: null });
    expect(await status(onCurrent)).toMatchObject({ acceptedVersion: 1, mustAccept: false, upcoming: null });
  });

  it('keeps the records append-only: the Document Service refuses every write, and the types are hidden', async () => {
    const uid = 'plugin::policy-versions.acceptance' as any;
    const [row] = await server.strapi.db.query(uid).findMany({ limit: 1 });
    const documents = server.strapi.documents(uid);
    await expect(documents.update({ documentId: row.documentId, data: { subject: 'forged' } } as any)).rejects.toThrow(/append-only/);
    await expect(documents.delete({ documentId: row.documentId } as any)).rejects.toThrow(/append-only/);
    await expect(documents.create({ data: { subject: 'forged' } } as any)).rejects.toThrow(/append-only/);
    await expect(server.strapi.documents('plugin::policy-versions.ledger-head' as any).update({ documentId: 'x', data: {} } as any)).rejects.toThrow(
      /append-only/
    );
    expect((await server.strapi.db.query(uid).findOne({ where: { id: row.id } })).subject).toBe(row.subject);
    for (const name of ['acceptance', 'ledger-head']) {
      const schema = server.strapi.contentType(`plugin::policy-versions.${name}` as any) as any;
      expect(schema.pluginOptions['content-manager'].visible).toBe(false);
      expect(schema.pluginOptions['content-type-builder'].visible).toBe(false);
    }
  });

  it('grants the Authenticated role the ledger routes once, so an operator\'s removal sticks', async () => {
    const permissions = server.strapi.db.query('plugin::users-permissions.permission');
    const granted = await permissions.findMany({ where: { action: { $in: LEDGER_CONTENT_ACTIONS }, role: { type: 'authenticated' } } });
    expect(granted.map((permission: any) => permission.action).sort()).toEqual([...LEDGER_CONTENT_ACTIONS].sort());
    await permissions.delete({ where: { id: granted.find((permission: any) => permission.action.endsWith('.accept')).id } });
    await grantLedgerRoutesOnce(server.strapi);
    const after = await permissions.findMany({ where: { action: { $in: LEDGER_CONTENT_ACTIONS }, role: { type: 'authenticated' } } });
    expect(after).toHaveLength(3);
  });
});
