import { contentHash } from '../../server/src/domain/hash';
import { demoText, editor, KK_BODY } from '../support/policies';
import { adminToken, http, startServer, type TestServer } from '../support/strapi';

const RU_V1 = demoText('ru');
const EN_V1 = demoText('en');
const RU_V2 = RU_V1.replace('персональных данных', 'персональных сведений');

// A revision must differ from its source, or the version assertions below would prove nothing.
if (RU_V2 === RU_V1) throw new Error('the derived revision left the ru text unchanged');

describe('public read API', () => {
  let server: TestServer;
  let admin: ReturnType<typeof editor>;
  let v1: any;
  let v2: any;
  let v3: any;
  const future = new Date(Date.now() + 10 * 86_400_000).toISOString();

  beforeAll(async () => {
    server = await startServer();
    admin = editor(server, await adminToken(server));
    await admin.createPolicy('privacy');
    v1 = await admin.release('privacy', { ru: RU_V1, kk: KK_BODY, en: EN_V1 });
    v2 = await admin.release('privacy', { ru: RU_V2, kk: KK_BODY.replace('белгілейді', 'анықтайды') });
    v3 = await admin.release('privacy', { ru: `${RU_V2}\n\nНовый пункт.`, kk: `${KK_BODY}\n1.3. Жаңа тармақ.\n` }, { effectiveAt: future, material: true });
  });

  afterAll(async () => server?.stop());

  it('numbers versions in publication order', () => {
    expect([v1.version, v2.version, v3.version]).toEqual([1, 2, 3]);
    expect(v1.state).toBe('published');
  });

  it('serves the version in force with Markdown, safe HTML, hash and the upcoming version', async () => {
    const res = await http(server, 'GET', '/api/policy-versions/policies/privacy/current?locale=ru');
    expect(res.status).toBe(200);
    const { data, meta } = res.body;
    expect(data).toMatchObject({ policy: 'privacy', version: 2, locale: 'ru', requestedLocale: 'ru', fallback: false, material: false });
    expect(data.markdown).toBe(RU_V2);
    expect(data.contentHash).toBe(contentHash(RU_V2));
    expect(data.html).toContain('<p');
    expect(data.html).not.toContain('<script');
    expect(data.supersededAt).toBe(future);
    expect(meta.upcoming).toEqual({ version: 3, effectiveAt: future, material: true });
    expect(meta.availableLocales.sort()).toEqual(['kk', 'ru']);
    expect(res.headers.get('content-language')).toBe('ru');
    expect(res.headers.get('vary')).toMatch(/Accept-Language/i);
  });

  it('switches exactly at effectiveAt, to the millisecond', async () => {
    const switchAt = new Date(v2.effectiveAt).getTime();
    const before = await http(server, 'GET', `/api/policy-versions/policies/privacy/current?locale=ru&at=${new Date(switchAt - 1).toISOString()}`);
    const at = await http(server, 'GET', `/api/policy-versions/policies/privacy/current?locale=ru&at=${new Date(switchAt).toISOString()}`);
    expect(before.body.data.version).toBe(1);
    expect(at.body.data.version).toBe(2);
    const later = await http(server, 'GET', `/api/policy-versions/policies/privacy/current?locale=ru&at=${future}`);
    expect(later.body.data.version).toBe(3);
  });

  it('negotiates the locale: query, then Accept-Language with q-values, then the fallback order', async () => {
    const kz = await http(server, 'GET', '/api/policy-versions/policies/privacy/current?locale=kz');
    expect(kz.body.data).toMatchObject({ locale: 'kk', requestedLocale: 'kk', fallback: false });
    expect(kz.body.data.markdown).toContain('анықтайды');

    const header = await http(server, 'GET', '/api/policy-versions/policies/privacy/current', {
      headers: { 'accept-language': 'de;q=1, kk-KZ;q=0.9, ru-RU;q=0.8' },
    });
    expect(header.body.data.locale).toBe('kk');

    // v2 has no English text: it falls back along ru, kk, en and says so.
    const en = await http(server, 'GET', '/api/policy-versions/policies/privacy/current?locale=en-US');
    expect(en.body.data).toMatchObject({ locale: 'ru', requestedLocale: 'en', fallback: true });
    expect(en.headers.get('content-language')).toBe('ru');

    const none = await http(server, 'GET', '/api/policy-versions/policies/privacy/current');
    expect(none.body.data.locale).toBe('ru');
  });

  it('answers If-None-Match with 304 and caps max-age at the next switch', async () => {
    const first = await http(server, 'GET', '/api/policy-versions/policies/privacy/current?locale=ru');
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[^"]+"$/);
    const maxAge = Number(/max-age=(\d+)/.exec(first.headers.get('cache-control')!)![1]);
    expect(maxAge).toBeGreaterThan(0);
    expect(maxAge).toBeLessThanOrEqual(60);
    const second = await http(server, 'GET', '/api/policy-versions/policies/privacy/current?locale=ru', { headers: { 'if-none-match': etag } });
    expect(second.status).toBe(304);
    const other = await http(server, 'GET', '/api/policy-versions/policies/privacy/current?locale=kk', { headers: { 'if-none-match': etag } });
    expect(other.status).toBe(200);
  });

  it('lists the archive newest first with statuses', async () => {
    const res = await http(server, 'GET', '/api/policy-versions/policies/privacy/versions?locale=ru');
    expect(res.status).toBe(200);
    expect(res.body.data.map((item: any) => [item.version, item.status])).toEqual([
      [3, 'scheduled'],
      [2, 'current'],
      [1, 'superseded'],
    ]);
    expect(res.body.data[2].supersededAt).toBe(v2.effectiveAt);
    expect(res.body.data[2].locales.sort()).toEqual(['en', 'kk', 'ru']);
    expect(res.body.data[0].changeSummary).toBe('Summary ru');
  });

  it('serves one version by number, and lists policies with their current version', async () => {
    const one = await http(server, 'GET', '/api/policy-versions/policies/privacy/versions/1?locale=en');
    expect(one.status).toBe(200);
    expect(one.body.data).toMatchObject({ version: 1, locale: 'en', markdown: EN_V1, supersededAt: v2.effectiveAt });
    const list = await http(server, 'GET', '/api/policy-versions/policies');
    const privacy = list.body.data.find((policy: any) => policy.key === 'privacy');
    expect(privacy).toMatchObject({ key: 'privacy', current: { version: 2 }, upcoming: { version: 3 } });
  });

  it('shows a publication and a withdrawal in the very next response', async () => {
    await admin.createPolicy('cookies', { requiredLocales: ['ru'] });
    const first = await admin.release('cookies', { ru: 'Первая редакция.' });
    const before = await http(server, 'GET', '/api/policy-versions/policies/cookies/current');
    expect(before.body.data.version).toBe(first.version);
    expect(before.body.meta.upcoming).toBeNull();

    const scheduled = await admin.release('cookies', { ru: 'Будущая редакция.' }, { effectiveAt: future });
    const announced = await http(server, 'GET', '/api/policy-versions/policies/cookies/current');
    expect(announced.body.meta.upcoming).toMatchObject({ version: scheduled.version });
    expect(announced.headers.get('etag')).not.toBe(before.headers.get('etag'));

    await admin.withdraw(scheduled.documentId);
    const afterWithdrawal = await http(server, 'GET', '/api/policy-versions/policies/cookies/current');
    expect(afterWithdrawal.body.meta.upcoming).toBeNull();
    const archive = await http(server, 'GET', '/api/policy-versions/policies/cookies/versions');
    expect(archive.body.data.map((item: any) => item.status)).toEqual(['withdrawn', 'current']);

    const second = await admin.release('cookies', { ru: 'Вторая редакция.' });
    const after = await http(server, 'GET', '/api/policy-versions/policies/cookies/current');
    expect(after.body.data).toMatchObject({ version: second.version, markdown: 'Вторая редакция.' });
  });

  it('refuses bad input with 4xx in Strapi error shape', async () => {
    const cases: Array<[string, number]> = [
      ['/api/policy-versions/policies/nope/current', 404],
      ['/api/policy-versions/policies/privacy/versions/99', 404],
      ['/api/policy-versions/policies/privacy/versions/abc', 400],
      ['/api/policy-versions/policies/privacy/versions/0', 400],
      ['/api/policy-versions/policies/privacy/current?locale=de', 400],
      ['/api/policy-versions/policies/privacy/current?at=yesterday', 400],
      ['/api/policy-versions/policies/privacy/current?at=2026-02-30', 400],
      ['/api/policy-versions/policies/privacy/current?at=2026-01-01T10:00', 400],
      ['/api/policy-versions/policies/privacy/current?at=2000-01-01', 404],
      ['/api/policy-versions/policies/privacy/current?locale=ru&locale=kk', 400],
    ];
    for (const [url, status] of cases) {
      const res = await http(server, 'GET', url);
      expect({ url, status: res.status }).toEqual({ url, status });
      expect(res.body).toMatchObject({ data: null, error: { status, name: expect.any(String), message: expect.any(String) } });
    }
    const unsupported = await http(server, 'GET', '/api/policy-versions/policies/privacy/current?locale=de');
    expect(unsupported.body.error.message).toMatch(/ru, kk, en/);
  });
});
