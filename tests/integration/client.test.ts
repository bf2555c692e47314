import { createClient, PolicyChangedError, PolicyVersionsError } from '../../client';
import { contentHash } from '../../server/src/domain/hash';
import { apiToken, endUser, LEDGER } from '../support/ledger';
import { editor, KK_BODY } from '../support/policies';
import { adminToken, http, startServer, type TestServer } from '../support/strapi';

const RU = (n: number) => `## 1. Общие положения\n\n1.1. Редакция ${n} политики обработки персональных данных.\n`;
const KK = (n: number) => `${KK_BODY}\n1.3. Нұсқа ${n}.\n`;

/** The global fetch, recording each request's method, URL and If-None-Match, and the status answered. */
function recordingFetch() {
  const calls: { method: string; url: string; ifNoneMatch: string | null; status: number }[] = [];
  let failNextPost = false;
  const wrapped: typeof fetch = async (input, init) => {
    const headers = new Headers(init?.headers);
    const method = init?.method ?? 'GET';
    if (method === 'POST' && failNextPost) {
      failNextPost = false;
      calls.push({ method, url: String(input), ifNoneMatch: null, status: 0 });
      throw new TypeError('fetch failed');
    }
    const response = await fetch(input, init);
    calls.push({ method, url: String(input), ifNoneMatch: headers.get('if-none-match'), status: response.status });
    return response;
  };
  return { calls, fetch: wrapped, failNextPost: () => (failNextPost = true) };
}

describe('the frontend client', () => {
  let server: TestServer;
  let token: string;

  beforeAll(async () => {
    server = await startServer();
    const admin = editor(server, await adminToken(server));
    await admin.createPolicy('privacy');
    await admin.release('privacy', { ru: RU(1), kk: KK(1) }, { material: true });
    await admin.release('privacy', { ru: RU(2), kk: KK(2) }, { material: true });
    token = await apiToken(server);
  });

  afterAll(async () => server?.stop());

  it('answers the public reads exactly as the REST routes do', async () => {
    const client = createClient({ baseUrl: `${server.baseUrl}/` });
    const rest = async (path: string) => (await http(server, 'GET', `${LEDGER}/privacy${path}`)).body;

    expect(await client.current('privacy', { locale: 'kk' })).toEqual(await rest('/current?locale=kk'));
    const at = new Date().toISOString();
    expect(await client.current('privacy', { locale: 'ru', at })).toEqual(await rest(`/current?locale=ru&at=${encodeURIComponent(at)}`));
    expect(await client.version('privacy', 1, { locale: 'ru' })).toEqual(await rest('/versions/1?locale=ru'));
    expect(await client.versions('privacy', { locale: 'kk' })).toEqual(await rest('/versions?locale=kk'));
    expect(await client.diff('privacy', { from: 1, to: 2, locale: 'ru' })).toEqual(await rest('/diff?from=1&to=2&locale=ru'));
    const html = await client.diff('privacy', { from: '1', to: '2', locale: 'ru', format: 'html' });
    expect(html).toEqual({ data: await rest('/diff?from=1&to=2&locale=ru&format=html') });
    expect(html.data).toMatch(/^<div class="pv-diff pv-diff--inline" lang="ru">/);
  });

  it('revalidates a read with its ETag and answers a 304 with the kept body', async () => {
    const recorder = recordingFetch();
    const client = createClient({ baseUrl: server.baseUrl, fetch: recorder.fetch });
    const first = await client.current('privacy', { locale: 'ru' });
    const second = await client.current('privacy', { locale: 'ru' });
    expect(second).toEqual(first);
    expect(recorder.calls).toHaveLength(2);
    expect(recorder.calls[0]).toMatchObject({ ifNoneMatch: null, status: 200 });
    expect(recorder.calls[1]).toMatchObject({ ifNoneMatch: expect.stringMatching(/^"[^"]+"$/), status: 304 });
    // Another URL is another entry: no If-None-Match of the first one.
    await client.current('privacy', { locale: 'kk' });
    expect(recorder.calls[2]).toMatchObject({ ifNoneMatch: null, status: 200 });
  });

  it('records a signed-in user\'s acceptance, their status, a partial withdrawal and their history', async () => {
    const user = await endUser(server);
    const recorder = recordingFetch();
    const client = createClient({ baseUrl: server.baseUrl, getToken: async () => user.jwt, fetch: recorder.fetch });

    expect((await client.status('privacy')).data).toMatchObject({ mustAccept: true, reason: 'never-accepted', currentVersion: 2 });
    const { data: policy } = await client.current('privacy', { locale: 'ru' });
    // The first POST fails on the network: the client sends it once more.
    recorder.failNextPost();
    const accepted = await client.accept('privacy', {
      version: policy.version,
      locale: policy.locale,
      contentHash: policy.contentHash,
      purposes: { service: true, analytics: true },
      source: 'login',
    });
    expect(recorder.calls.filter((call) => call.method === 'POST').map((call) => call.status)).toEqual([0, 201]);
    expect(accepted.meta.created).toBe(true);
    expect(accepted.data).toMatchObject({ subject: user.id, event: 'accepted', version: 2, contentHash: contentHash(RU(2)) });

    // Sent again (as a retry after a lost answer would), the acceptance answers the original record.
    const again = await client.accept('privacy', { version: 2, locale: 'ru', contentHash: policy.contentHash, purposes: { service: true, analytics: true } });
    expect(again.meta.created).toBe(false);
    expect(again.data.id).toBe(accepted.data.id);

    expect((await client.status('privacy')).data).toMatchObject({
      mustAccept: false,
      acceptedVersion: 2,
      purposes: { service: true, analytics: true },
    });

    const withdrawn = await client.withdraw('privacy', { purposes: ['analytics'], reason: 'No tracking', source: 'settings' });
    expect(withdrawn.data).toMatchObject({ event: 'withdrawn', purposes: ['analytics'] });
    expect(withdrawn.meta.processingStopBy).toEqual(expect.any(String));
    expect((await client.status('privacy')).data).toMatchObject({ mustAccept: false, purposes: { service: true, analytics: false } });

    const history = await client.history('privacy');
    expect(history.data.map((record) => record.id)).toEqual([accepted.data.id, withdrawn.data.id]);
    expect(history.data[0].receiptJws).toEqual(expect.any(String));
  });

  it('turns a 409 on acceptance into PolicyChangedError carrying the version in force', async () => {
    const user = await endUser(server);
    const client = createClient({ baseUrl: server.baseUrl, getToken: () => user.jwt });
    const error = await client
      .accept('privacy', { version: 2, locale: 'kk', contentHash: contentHash(RU(1)) })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PolicyChangedError);
    expect(error).toBeInstanceOf(PolicyVersionsError);
    const changed = error as PolicyChangedError;
    expect(changed.status).toBe(409);
    expect(changed.current).toEqual((await http(server, 'GET', `${LEDGER}/privacy/current?locale=kk`)).body.data);
    expect(changed.current).toMatchObject({ version: 2, locale: 'kk', contentHash: contentHash(KK(2)) });
  });

  it('names the subject with an API token from a server', async () => {
    const client = createClient({ baseUrl: server.baseUrl, token });
    const { data: policy } = await client.current('privacy', { locale: 'kk' });
    await client.accept('privacy', { version: 2, locale: 'kk', contentHash: policy.contentHash, subject: 'crm-7' });
    expect((await client.status('privacy', { subject: 'crm-7' })).data).toMatchObject({ mustAccept: false, acceptedVersion: 2, locale: 'kk' });
    const withdrawn = await client.withdraw('privacy', { subject: 'crm-7' });
    expect(withdrawn.data).toMatchObject({ subject: 'crm-7', event: 'withdrawn' });
  });

  it('throws PolicyVersionsError in Strapi\'s error shape, and status 0 when the server cannot be reached', async () => {
    const client = createClient({ baseUrl: server.baseUrl });
    const missing = await client.current('nope').catch((caught: unknown) => caught);
    expect(missing).toBeInstanceOf(PolicyVersionsError);
    expect(missing).toMatchObject({ status: 404, name: 'NotFoundError', message: expect.any(String) });

    // The ledger's routes refuse a caller without credentials.
    const anonymous = await client.status('privacy').catch((caught: unknown) => caught);
    expect(anonymous).toMatchObject({ status: 403, name: 'ForbiddenError' });

    const offline = createClient({ baseUrl: 'http://127.0.0.1:9' });
    await expect(offline.versions('privacy')).rejects.toMatchObject({ status: 0, name: 'NetworkError' });
  });
});
