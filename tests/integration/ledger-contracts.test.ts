import type { z } from '@strapi/utils';
import { acceptPolicy, getConsentStatus, listOwnAcceptances, withdrawConsent } from '../../shared/contracts/acceptances';
import { acceptanceStats, eraseSubject, listAcceptances, verifyLedger } from '../../shared/contracts/ledger';
import { errorResponse, type RouteContract } from '../../shared/contracts/route';
import { apiToken, endUser, LEDGER } from '../support/ledger';
import { editor, KK_BODY } from '../support/policies';
import { adminToken, databaseClient, http, startServer, type TestServer } from '../support/strapi';

const RU = (n: number) => `## 1. Общие положения\n\n1.1. Редакция ${n}.\n`;

/** The body conforms to the schema and holds nothing it does not declare (parsing drops undeclared keys). */
const conforms = (schema: z.ZodType | undefined, body: unknown) => expect(schema?.parse(body)).toEqual(body);
const answer = (route: RouteContract, status: number) => route.responses[status];

describe(`ledger contracts: real answers, and the consent counts of every policy (${databaseClient()})`, () => {
  let server: TestServer;
  let token: string;
  let officer: string;
  const accept = (body: Record<string, unknown>, key = 'privacy', auth = token) =>
    http(server, 'POST', `${LEDGER}/${key}/acceptances`, { token: auth, body });
  const admin = (method: string, path: string, body?: unknown) => http(server, method, `/policy-versions${path}`, { token: officer, body });
  const ledgerAdmin = () => server.strapi.plugin('policy-versions').service('ledger-admin');

  beforeAll(async () => {
    server = await startServer();
    const editorApi = editor(server, await adminToken(server));
    await editorApi.createPolicy('privacy');
    await editorApi.release('privacy', { ru: RU(1), kk: KK_BODY }, { material: true });
    await editorApi.createPolicy('terms');
    await editorApi.release('terms', { ru: RU(10), kk: KK_BODY }, { material: true });
    // A policy with nobody's consent yet, and one with no published version.
    await editorApi.createPolicy('cookies');
    await editorApi.release('cookies', { ru: RU(20), kk: KK_BODY }, { material: true });
    await editorApi.createPolicy('draft-only');
    token = await apiToken(server);
    officer = await adminToken(server);

    const expectStatus = async (pending: ReturnType<typeof accept>, status: number) => {
      const res = await pending;
      if (res.status !== status) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
    };
    await expectStatus(accept({ version: 1, locale: 'ru', subject: 'old' }), 201);
    await editorApi.release('privacy', { ru: RU(2), kk: KK_BODY });
    await editorApi.release('privacy', { ru: RU(3), kk: KK_BODY }, { effectiveAt: new Date(Date.now() + 5 * 86_400_000).toISOString(), material: true });
    server.strapi.plugin('policy-versions').service('timeline').invalidate();
    for (const subject of ['a', 'b', 'Mixed', 'mixed', 'e']) await expectStatus(accept({ version: 2, locale: 'ru', subject }), 201);
    await expectStatus(accept({ version: 3, locale: 'kk', subject: 'c' }), 201);
    await expectStatus(http(server, 'POST', `${LEDGER}/privacy/withdrawals`, { token, body: { subject: 'b' } }), 201);
    await expectStatus(accept({ version: 1, locale: 'ru', subject: 'a' }, 'terms'), 201);
    await expectStatus(admin('POST', '/acceptances/erasures', { subject: 'e' }), 201);
  });

  afterAll(async () => server?.stop());

  it('counts, for every policy at once, the subjects and those on the version in force, as the stats do', async () => {
    const sql: string[] = [];
    const record = (query: { sql: string }) => sql.push(query.sql);
    server.strapi.db.connection.on('query', record);
    const counts = await ledgerAdmin().countsByPolicy();
    server.strapi.db.connection.off('query', record);

    // The erased subject counts under its pseudonym; b withdrew, old is on version 1, c accepted the upcoming 3.
    expect(counts).toMatchObject({
      privacy: { subjects: 7, subjectsOnCurrent: 5 },
      terms: { subjects: 1, subjectsOnCurrent: 1 },
      cookies: { subjects: 0, subjectsOnCurrent: 0 },
      'draft-only': { subjects: 0, subjectsOnCurrent: 0 },
    });
    // Two aggregates over the ledger, however many policies there are.
    expect(sql.filter((text) => text.includes('pv_acceptances'))).toHaveLength(2);

    for (const key of ['privacy', 'terms', 'cookies']) {
      const { data } = (await admin('GET', `/acceptances/stats?policy=${key}`)).body;
      expect({ key, subjects: data.subjectsTotal, subjectsOnCurrent: data.subjectsOnCurrent }).toEqual({ key, ...counts[key] });
    }
  });

  it('answers the end-user routes as their contracts say, and their examples conform too', async () => {
    const user = await endUser(server);
    const first = await accept({ version: 2, locale: 'kk', source: 'signup', metadata: { form: 'a' } }, 'privacy', user.jwt);
    expect(first.status).toBe(201);
    conforms(answer(acceptPolicy, 201).schema, first.body);
    const again = await accept({ version: 2, locale: 'kz' }, 'privacy', user.jwt);
    expect(again.status).toBe(200);
    conforms(answer(acceptPolicy, 200).schema, again.body);

    const status = await http(server, 'GET', `${LEDGER}/privacy/acceptances/status`, { token: user.jwt });
    conforms(answer(getConsentStatus, 200).schema, status.body);
    const withdrawn = await http(server, 'POST', `${LEDGER}/privacy/withdrawals`, { token: user.jwt, body: { reason: 'no', source: 'settings' } });
    expect(withdrawn.status).toBe(201);
    conforms(answer(withdrawConsent, 201).schema, withdrawn.body);
    const me = await http(server, 'GET', `${LEDGER}/privacy/acceptances/me`, { token: user.jwt });
    expect(me.body.data).toHaveLength(2);
    conforms(answer(listOwnAcceptances, 200).schema, me.body);

    const refused = await accept({ version: 2, locale: 'ru', extra: 1 }, 'privacy', user.jwt);
    expect(refused.status).toBe(400);
    conforms(errorResponse, refused.body);

    for (const route of [acceptPolicy, withdrawConsent, getConsentStatus, listOwnAcceptances] as RouteContract[]) {
      for (const [status, response] of Object.entries(route.responses)) {
        if (response.example !== undefined) expect({ route: route.path, status, ok: response.schema?.safeParse(response.example).success }).toEqual({ route: route.path, status, ok: true });
      }
    }
  });

  it('answers the compliance officers\' routes as their contracts say', async () => {
    conforms(answer(listAcceptances, 200).schema, (await admin('GET', '/acceptances?pageSize=100')).body);
    conforms(answer(acceptanceStats, 200).schema, (await admin('GET', '/acceptances/stats?policy=privacy')).body);
    conforms(answer(verifyLedger, 200).schema, (await admin('GET', '/acceptances/verify')).body);
    await accept({ version: 2, locale: 'ru', subject: 'to-erase' });
    const erased = await admin('POST', '/acceptances/erasures', { subject: 'to-erase' });
    expect(erased.status).toBe(201);
    conforms(answer(eraseSubject, 201).schema, erased.body);
    conforms(errorResponse, (await admin('GET', '/acceptances?event=deleted')).body);
  });

});
