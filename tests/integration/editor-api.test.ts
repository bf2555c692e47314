import { DEMO_TERMS, demoText, editor, KK_BODY } from '../support/policies';
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
    await admin.setConsent(draft.documentId, DEMO_TERMS);
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
    await admin.setConsent(draft.documentId, DEMO_TERMS);
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

  it('lets one of several simultaneous withdrawals of a version win', async () => {
    const scheduled = await admin.release('terms', { ru: `${RU}\nraced`, kk: KK_BODY }, { effectiveAt: days(33) });
    const answers = await Promise.all(
      [1, 2, 3].map(() => http(server, 'POST', `/policy-versions/versions/${scheduled.documentId}/withdraw`, { token }))
    );
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409, 409]);
    for (const lost of answers.filter((answer) => answer.status === 409)) expect(lost.body.error.name).toBe('ConflictError');
    const release = await server.strapi.db
      .query('plugin::policy-versions.policy-release')
      .findOne({ where: { policyKey: 'terms', version: scheduled.version } });
    const head = await admin.call('GET', `/versions/${scheduled.documentId}`);
    expect(head.state).toBe('withdrawn');
    expect(new Date(head.withdrawnAt).getTime()).toBe(new Date(release.withdrawnAt).getTime());
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
      ['GET', '/versions/doesnotexist', undefined, 404],
      ['GET', '/versions/does-not-exist', undefined, 400],
      ['POST', '/policies', { key: 'fresh', titles: { ru: 'x' }, colour: 'red' }, 400],
      ['POST', '/policies', { key: 'fresh', titles: {} }, 400],
      ['POST', '/policies', { key: 'fresh', titles: { ru: '   ' } }, 400],
      ['POST', '/policies', { key: 'fresh', titles: { ru: 'x' }, requiredLocales: ['ru', 'ru'] }, 400],
      ['POST', '/policies', { key: 'fresh', titles: { ru: 'x' }, minNoticeDays: -1 }, 400],
      ['POST', '/policies/privacy/versions', { copyFrom: 0 }, 400],
      ['POST', '/policies/privacy/versions', { copyFrom: 'empty', extra: true }, 400],
      ['POST', '/policies/privacy/versions', { copyFrom: 99 }, 404],
      ['POST', '/policies/privacy/import', { locale: 'ru', text: '' }, 400],
      ['POST', '/policies/privacy/import', { locale: 'ru', text: 'x', format: 'docx' }, 400],
      ['POST', '/policies/privacy/import', { locale: 'ru', text: 'x', documentId: 'not a document id' }, 400],
      ['POST', '/preview', { markdown: 42 }, 400],
      ['POST', '/preview', { markdown: 'x', theme: 'dark' }, 400],
      ['GET', '/policies/Bad Key', undefined, 400],
      ['GET', '/policies/nope', undefined, 404],
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

  it('refuses bad bodies and locales on a draft with a 400 naming the field, and leaves the draft as it was', async () => {
    const draft = await admin.createDraft('privacy');
    await admin.setLocale(draft.documentId, 'ru', { title: 'Политика', body: RU });
    const cases: Array<[string, string, unknown, RegExp]> = [
      ['PUT', `/versions/${draft.documentId}/locales/de`, { body: 'x' }, /Unsupported locale "de"/],
      ['PUT', `/versions/${draft.documentId}/locales/ru`, { body: 42 }, /"body" must be a string/],
      ['PUT', `/versions/${draft.documentId}/locales/ru`, { title: 'x'.repeat(256) }, /"title" must be at most 255/],
      ['PUT', `/versions/${draft.documentId}/locales/ru`, { state: 'published' }, /Unknown field "state"/],
      ['POST', `/versions/${draft.documentId}/publish`, {}, /^material must be given/],
      ['POST', `/versions/${draft.documentId}/publish`, { material: 'yes' }, /^material must be true or false/],
      ['POST', `/versions/${draft.documentId}/publish`, { material: false, effectiveAt: 'soon' }, /^effectiveAt must be an ISO-8601 instant/],
      ['POST', `/versions/${draft.documentId}/publish`, { material: false, version: 7 }, /Unknown field "version"/],
      ['POST', `/versions/${draft.documentId}/publication-check`, { material: false, effectiveAt: '2026-02-30' }, /^effectiveAt must be/],
      ['POST', `/versions/${draft.documentId}/publication-check`, [], /must be a JSON object/],
    ];
    for (const [method, url, body, message] of cases) {
      const res = await http(server, method, `/policy-versions${url}`, { token, body });
      expect({ url, body, status: res.status, name: res.body.error?.name }).toEqual({ url, body, status: 400, name: 'ValidationError' });
      expect(res.body.error.message).toMatch(message);
    }
    const after = await admin.call('GET', `/versions/${draft.documentId}`);
    expect(after).toMatchObject({ state: 'draft', status: 'draft', locales: { ru: { title: 'Политика', body: RU } } });
    // kz names the Kazakh locale on the way in; it is stored as kk.
    const kazakh = await admin.setLocale(draft.documentId, 'kz', { title: 'Саясат', body: KK_BODY });
    expect(kazakh.locales.kk).toMatchObject({ title: 'Саясат', body: KK_BODY });
    await admin.call('DELETE', `/versions/${draft.documentId}`);
  });

  it('answers one policy as the editors\' list shows it, published or not', async () => {
    await admin.createPolicy('unpublished', { titles: { kz: 'Жоба', ru: 'Проект' } });
    const { body: list } = await http(server, 'GET', '/policy-versions/policies', { token, headers: { 'accept-language': 'kk' } });
    for (const key of ['privacy', 'terms', 'unpublished']) {
      const one = await http(server, 'GET', `/policy-versions/policies/${key}`, { token, headers: { 'accept-language': 'kk' } });
      expect(one.status).toBe(200);
      expect(one.body.data).toEqual(list.data.find((policy: { key: string }) => policy.key === key));
    }
    const unpublished = await admin.call('GET', '/policies/unpublished');
    expect(unpublished).toMatchObject({ key: 'unpublished', titles: { kk: 'Жоба', ru: 'Проект' }, current: null, upcoming: null });
  });

  it('gives every version the status the timeline gives it, in every answer of the editor API', async () => {
    await admin.createPolicy('statuses', { requiredLocales: ['ru'] });
    const first = await admin.release('statuses', { ru: 'Первая' });
    const second = await admin.release('statuses', { ru: 'Вторая' });
    const scheduled = await admin.release('statuses', { ru: 'Третья' }, { effectiveAt: days(3) });
    const doomed = await admin.release('statuses', { ru: 'Четвёртая' }, { effectiveAt: days(4) });
    expect([first.status, second.status, scheduled.status, doomed.status]).toEqual(['current', 'current', 'scheduled', 'scheduled']);
    expect((await admin.withdraw(doomed.documentId)).status).toBe('withdrawn');
    const draft = await admin.createDraft('statuses', 'current');
    expect(draft).toMatchObject({ status: 'draft', basedOnVersion: second.version });
    expect((await admin.setLocale(draft.documentId, 'ru', { body: 'Пятая' })).status).toBe('draft');

    const expected: Record<string, string> = {
      [draft.documentId]: 'draft',
      [first.documentId]: 'superseded',
      [second.documentId]: 'current',
      [scheduled.documentId]: 'scheduled',
      [doomed.documentId]: 'withdrawn',
    };
    const listed = (await admin.call('GET', '/policies/statuses/versions')) as Array<{ documentId: string; status: string }>;
    expect(Object.fromEntries(listed.map((version) => [version.documentId, version.status]))).toEqual(expected);
    for (const [documentId, status] of Object.entries(expected)) {
      expect({ documentId, status: (await admin.call('GET', `/versions/${documentId}`)).status }).toEqual({ documentId, status });
    }
    // The public archive agrees on every published one.
    const archive = (await http(server, 'GET', '/api/policy-versions/policies/statuses/versions')).body.data as Array<{ version: number; status: string }>;
    for (const version of listed.filter((item) => item.status !== 'draft') as Array<{ documentId: string; status: string; version: number }>) {
      expect(archive.find((item) => item.version === version.version)?.status).toBe(version.status);
    }
  });

  it('checks a publication without publishing, with the very verdict publishing then gives', async () => {
    await admin.createPolicy('checked', { minNoticeDays: 10 });
    const prior = await admin.release('checked', { ru: RU, kk: KK_BODY }, { effectiveAt: days(20) });
    const draft = await admin.createDraft('checked');
    await admin.setConsent(draft.documentId, DEMO_TERMS);
    const check = (body: unknown) => http(server, 'POST', `/policy-versions/versions/${draft.documentId}/publication-check`, { token, body });
    const publish = (body: unknown) => http(server, 'POST', `/policy-versions/versions/${draft.documentId}/publish`, { token, body });
    // The instants in messages are computed at each call; codes, fields and the rules' dates are not.
    const stable = (problems: Array<{ code: string; details?: Record<string, unknown> }>) =>
      problems.map(({ code, details = {} }) => ({ code, locales: details.locales, fields: details.fields, lastEffectiveAt: details.lastEffectiveAt }));

    const attempts: Array<[string, Record<string, unknown>]> = [
      ['empty', { material: false }],
      ['ru only', { material: true, effectiveAt: days(-1) }],
      ['complete, too early', { material: true, effectiveAt: days(5) }],
    ];
    const texts: Record<string, () => Promise<unknown>> = {
      empty: async () => undefined,
      'ru only': () => admin.setLocale(draft.documentId, 'ru', { title: 'Политика', body: RU }),
      'complete, too early': () => admin.setLocale(draft.documentId, 'kk', { title: 'Саясат', body: KK_BODY }),
    };
    for (const [step, body] of attempts) {
      await texts[step]();
      const verdict = await check(body);
      expect(verdict.status).toBe(200);
      expect(verdict.body.data.ok).toBe(false);
      const refused = await publish(body);
      expect({ step, status: refused.status }).toEqual({ step, status: 400 });
      expect({ step, problems: stable(refused.body.error.details.problems) }).toEqual({ step, problems: stable(verdict.body.data.problems) });
      expect(refused.body.error.message).toBe(verdict.body.data.problems.map((problem: { message: string }) => problem.message).join(' '));
    }
    expect(stable((await check({ material: false })).body.data.problems)).toEqual([
      { code: 'effective-order', locales: undefined, fields: undefined, lastEffectiveAt: prior.effectiveAt },
    ]);
    expect((await check({ material: false, effectiveAt: '' })).body.data.problems.map((problem: { code: string }) => problem.code)).toEqual(['effective-order']);

    const effectiveAt = days(21);
    const verdict = await check({ material: true, effectiveAt });
    expect(verdict.body).toEqual({ data: { ok: true, problems: [], effectiveAt, material: { value: true, forcedByTerms: false, reasons: [] } } });
    expect((await admin.call('GET', `/versions/${draft.documentId}`)).state).toBe('draft');
    const published = await admin.publish(draft.documentId, { material: true, effectiveAt });
    expect(published).toMatchObject({ state: 'published', status: 'scheduled', effectiveAt, version: prior.version + 1 });

    // A published version has nothing left to check.
    const again = await check({ material: true, effectiveAt: days(30) });
    expect(again.status).toBe(409);
    const missing = await http(server, 'POST', '/policy-versions/versions/doesnotexist/publication-check', { token, body: { material: false } });
    expect(missing.status).toBe(404);
    const readOnly = await adminToken(server, ['plugin::policy-versions.read']);
    const forbidden = await http(server, 'POST', `/policy-versions/versions/${draft.documentId}/publication-check`, {
      token: readOnly,
      body: { material: false },
    });
    expect(forbidden.status).toBe(403);
    // Editors who may not publish still learn what a draft lacks: the dry run writes nothing.
    const drafting = await adminToken(server, ['plugin::policy-versions.read', 'plugin::policy-versions.edit']);
    const next = await admin.call('POST', '/policies/privacy/versions', { copyFrom: 'empty' });
    const editorCheck = await http(server, 'POST', `/policy-versions/versions/${next.documentId}/publication-check`, {
      token: drafting,
      body: { material: false },
    });
    expect(editorCheck.status).toBe(200);
    expect(editorCheck.body.data.ok).toBe(false);
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
