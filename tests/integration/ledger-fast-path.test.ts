import { randomBytes } from 'node:crypto';
import { apiToken, countRecords, endUser, LEDGER, ledgerAction } from '../support/ledger';
import { editor, KK_BODY } from '../support/policies';
import { adminToken, http, startServer, type TestServer } from '../support/strapi';

const RU = '## 1. Общие положения\n\n1.1. Политика.\n';
// strapi::poweredBy runs only in the full stack, so its header tells which path answered.
const viaFastPath = (res: { headers: Headers }) => res.headers.get('x-powered-by') === null;

// The opt-in ledger fast path: the same answers and the same refusals as the full stack, auth results cached.
describe('ledger.fastPath: POST acceptances and GET status ahead of the middleware stack', () => {
  let server: TestServer;

  const accept = (body: unknown, token?: string, headers: Record<string, string> = {}) =>
    http(server, 'POST', `${LEDGER}/privacy/acceptances`, { body, token, headers });
  const status = (query: string, token?: string, headers: Record<string, string> = {}) =>
    http(server, 'GET', `${LEDGER}/privacy/acceptances/status${query}`, { token, headers });

  beforeAll(async () => {
    process.env.POLICY_FAST_LEDGER = 'true';
    server = await startServer();
    const admin = editor(server, await adminToken(server));
    await admin.createPolicy('privacy');
    await admin.release('privacy', { ru: RU, kk: KK_BODY }, { material: true });
  });

  afterAll(async () => {
    delete process.env.POLICY_FAST_LEDGER;
    await server?.stop();
  });

  it('records with an API token: 201 after commit, then 200 with the same record, status agreeing with the full stack', async () => {
    const token = await apiToken(server);
    const subject = `s-${randomBytes(4).toString('hex')}`;
    const before = await countRecords(server);
    const first = await accept({ version: 1, locale: 'ru', subject, source: 'signup' }, token);
    expect(first.status).toBe(201);
    expect(viaFastPath(first)).toBe(true);
    expect(first.headers.get('x-content-type-options')).toBe('nosniff');
    expect(first.body.meta).toMatchObject({ created: true, receipt: { consentReceiptID: first.body.data.id, piiPrincipalId: subject } });
    // Signed on the fast path too (the same controller): the payload is the receipt.
    const [, payload] = first.body.meta.receiptJws.split('.');
    expect(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'))).toEqual(first.body.meta.receipt);
    // The answer came after the commit: the row is there, read through another connection of the pool.
    expect(await countRecords(server)).toBe(before + 1);

    const again = await accept({ version: 1, locale: 'ru', subject }, token);
    expect(again.status).toBe(200);
    expect(again.body.data).toEqual(first.body.data);

    const fast = await status(`?subject=${subject}`, token);
    // An Origin header sends the call through the full stack, whose CORS settings are the app's.
    const full = await status(`?subject=${subject}`, token, { origin: 'https://example.kz' });
    expect(viaFastPath(fast)).toBe(true);
    expect(viaFastPath(full)).toBe(false);
    expect(fast.status).toBe(200);
    expect(fast.body).toEqual(full.body);
    expect(fast.body.data).toMatchObject({ acceptedVersion: 1, mustAccept: false, reason: null });
  });

  it('refuses what the full stack refuses, and writes nothing', async () => {
    const before = await countRecords(server);
    const body = { version: 1, locale: 'ru', subject: 'nobody' };
    const anonymous = await accept(body);
    expect([401, 403]).toContain(anonymous.status);
    expect(viaFastPath(anonymous)).toBe(false);
    const forged = await accept(body, randomBytes(32).toString('hex'));
    expect(forged.status).toBe(401);
    const badJwt = await accept(body, 'eyJhbGciOiJIUzI1NiJ9.eyJpZCI6MX0.c2lnbmF0dXJl');
    expect(badJwt.status).toBe(401);
    expect((await status('?subject=nobody', randomBytes(32).toString('hex'))).status).toBe(401);

    // A token scoped to status only: status passes, the POST is forbidden.
    const statusOnly = await apiToken(server, [ledgerAction('status')]);
    expect((await status('?subject=nobody', statusOnly)).status).toBe(200);
    const forbidden = await accept(body, statusOnly);
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error).toMatchObject({ status: 403 });
    expect(await countRecords(server)).toBe(before);
  });

  it('answers the controller\'s errors in Strapi\'s error shape', async () => {
    const token = await apiToken(server);
    const before = await countRecords(server);
    const malformed = await http(server, 'POST', `${LEDGER}/privacy/acceptances`, { rawBody: '{"version": 1,', token });
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ data: null, error: { status: 400 } });
    const unknown = await accept({ version: 9, locale: 'ru', subject: 'x' }, token);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toMatchObject({ status: 404, name: 'NotFoundError' });
    const wrongHash = await accept({ version: 1, locale: 'ru', subject: 'x', contentHash: `sha256:${'0'.repeat(64)}` }, token);
    expect(wrongHash.status).toBe(409);
    const noSubject = await accept({ version: 1, locale: 'ru' }, token);
    expect(noSubject.status).toBe(400);
    expect(noSubject.body.error).toMatchObject({ status: 400, name: 'ValidationError' });
    expect(viaFastPath(noSubject)).toBe(true);
    expect(await countRecords(server)).toBe(before);
  });

  it('stops accepting a cached API token as soon as it is revoked', async () => {
    const created = await server.strapi.service('admin::api-token').create({
      name: `revoked-${randomBytes(4).toString('hex')}`,
      kind: 'content-api',
      type: 'full-access',
      permissions: [],
      lifespan: null,
    });
    expect((await status('?subject=nobody', created.accessKey)).status).toBe(200);
    await server.strapi.service('admin::api-token').revoke(created.id);
    expect((await status('?subject=nobody', created.accessKey)).status).toBe(401);
  });

  it('takes the subject from a JWT, and stops accepting a cached user as soon as they are blocked', async () => {
    const user = await endUser(server);
    const res = await accept({ version: 1, locale: 'kk' }, user.jwt);
    expect(res.status).toBe(201);
    expect(viaFastPath(res)).toBe(true);
    expect(res.body.data.subject).toBe(user.id);
    const named = await accept({ version: 1, locale: 'kk', subject: 'someone-else' }, user.jwt);
    expect(named.status).toBe(403);
    expect(named.body.error).toMatchObject({ status: 403, name: 'ForbiddenError' });
    expect((await status('', user.jwt)).body.data).toMatchObject({ acceptedVersion: 1, locale: 'kk' });

    await server.strapi.db.query('plugin::users-permissions.user').update({ where: { id: Number(user.id) }, data: { blocked: true } });
    expect((await status('', user.jwt)).status).toBe(401);
  });
});
