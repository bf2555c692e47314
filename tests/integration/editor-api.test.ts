import { demoText, editor, KK_BODY } from '../support/policies';
import { adminToken, http, startServer, type TestServer } from '../support/strapi';

const RU = demoText('ru');
const days = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString();

describe('editor API, publication rules and immutability', () => {
  let server: TestServer;
  let token: string;
  let admin: ReturnType<typeof editor>;

  beforeAll(async () => {
    server = await startServer();
    token = await adminToken(server);
    admin = editor(server, token);
    await admin.createPolicy('privacy');
    await admin.createPolicy('terms', { minNoticeDays: 30 });
  });

  afterAll(async () => server?.stop());

  it('refuses to publish without every required locale, and names them', async () => {
    const draft = await admin.createDraft('privacy');
    await admin.setLocale(draft.documentId, 'ru', { title: 'Политика', body: RU });
    const res = await http(server, 'POST', `/policy-versions/versions/${draft.documentId}/publish`, { token, body: { material: false } });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/kk/);
    expect(res.body.error.details.problems[0].code).toBe('missing-locale');
    const still = await admin.call('GET', `/versions/${draft.documentId}`);
    expect(still.state).toBe('draft');
    expect(still.version).toBeNull();
  });

  it('refuses an effective date in the past or before the latest version', async () => {
    const first = await admin.release('privacy', { ru: RU, kk: KK_BODY }, { effectiveAt: days(5) });
    const draft = await admin.createDraft('privacy', 'current');
    await admin.setLocale(draft.documentId, 'ru', { body: `${RU}\n\nДобавлено.` });
    const past = await http(server, 'POST', `/policy-versions/versions/${draft.documentId}/publish`, {
      token,
      body: { material: false, effectiveAt: days(-1) },
    });
    expect(past.status).toBe(400);
    expect(past.body.error.details.problems.map((p: any) => p.code)).toContain('effective-in-past');
    const early = await http(server, 'POST', `/policy-versions/versions/${draft.documentId}/publish`, {
      token,
      body: { material: false, effectiveAt: days(2) },
    });
    expect(early.status).toBe(400);
    expect(early.body.error.details.problems.map((p: any) => p.code)).toEqual(['effective-order']);
    // Withdrawing the scheduled first version clears the way; numbers are never reused.
    await admin.withdraw(first.documentId);
    const published = await admin.publish(draft.documentId, { material: false, effectiveAt: days(2) });
    expect(published.version).toBe(first.version + 1);
  });

  it('enforces the notice period for material versions and says the earliest date', async () => {
    const draft = await admin.createDraft('terms');
    await admin.setLocale(draft.documentId, 'ru', { title: 'Условия', body: RU });
    await admin.setLocale(draft.documentId, 'kz', { title: 'Шарттар', body: KK_BODY });
    const res = await http(server, 'POST', `/policy-versions/versions/${draft.documentId}/publish`, {
      token,
      body: { material: true, effectiveAt: days(10) },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details.problems[0].code).toBe('notice-period');
    expect(res.body.error.message).toMatch(/\d{4}-\d{2}-\d{2}T/);
    const ok = await admin.publish(draft.documentId, { material: true, effectiveAt: days(31) });
    expect(ok.state).toBe('published');
  });

  it('withdraws only versions that have not taken effect', async () => {
    const now = await admin.release('terms', { ru: `${RU}\nnow`, kk: KK_BODY }, { effectiveAt: days(32) });
    const withdrawn = await admin.withdraw(now.documentId);
    expect(withdrawn.state).toBe('withdrawn');
    const again = await http(server, 'POST', `/policy-versions/versions/${now.documentId}/withdraw`, { token });
    expect(again.status).toBe(409);

    await admin.createPolicy('cookies', { requiredLocales: ['ru'] });
    const current = await admin.release('cookies', { ru: 'Cookies' });
    const refused = await http(server, 'POST', `/policy-versions/versions/${current.documentId}/withdraw`, { token });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/superseded/);
  });

  it('validates editor input with 4xx and writes nothing', async () => {
    const before = (await admin.call('GET', '/policies/privacy/versions')).length;
    const cases: Array<[string, string, unknown, number]> = [
      ['POST', '/policies', { key: 'Bad Key', titles: { ru: 'x' } }, 400],
      ['POST', '/policies', { key: 'privacy', titles: { ru: 'x' } }, 409],
      ['POST', '/policies', { key: 'x', titles: { de: 'x' } }, 400],
      ['POST', '/policies/privacy/versions', { copyFrom: 'banana' }, 400],
      ['POST', '/policies/nope/versions', {}, 404],
      ['POST', '/policies/privacy/import', { locale: 'de', text: 'x' }, 400],
      ['POST', '/policies/privacy/import', { locale: 'ru', text: 42 }, 400],
      ['GET', '/versions/does-not-exist', undefined, 404],
    ];
    for (const [method, url, body, status] of cases) {
      const res = await http(server, method, `/policy-versions${url}`, { token, body });
      expect({ url, body, status: res.status }).toEqual({ url, body, status });
      expect(res.body.error).toMatchObject({ status, message: expect.any(String) });
    }
    const malformed = await http(server, 'POST', '/policy-versions/policies', { token, rawBody: '{"key":' });
    expect(malformed.status).toBe(400);
    expect((await admin.call('GET', '/policies/privacy/versions')).length).toBe(before);
  });

  it('guards every admin route with the plugin RBAC actions', async () => {
    const readOnly = await adminToken(server, ['plugin::policy-versions.read']);
    const list = await http(server, 'GET', '/policy-versions/policies/privacy/versions', { token: readOnly });
    expect(list.status).toBe(200);
    const draft = await admin.createDraft('privacy');
    const publish = await http(server, 'POST', `/policy-versions/versions/${draft.documentId}/publish`, { token: readOnly, body: { material: false } });
    expect(publish.status).toBe(403);
    const edit = await http(server, 'PUT', `/policy-versions/versions/${draft.documentId}/locales/ru`, { token: readOnly, body: { body: 'x' } });
    expect(edit.status).toBe(403);
    const anonymous = await http(server, 'GET', '/policy-versions/policies');
    expect(anonymous.status).toBe(401);
  });
});
