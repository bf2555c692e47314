import { DEMO_TERMS, demoText, editor, KK_BODY } from '../support/policies';
import { adminToken, http, startServer, type TestServer } from '../support/strapi';

const RU = demoText('ru');
const RELEASE_UID = 'plugin::policy-versions.policy-release';
const VERSION_UID = 'plugin::policy-versions.policy-version';
const OPT_OUT = 'plugin::policy-versions.policies';

/** The consent terms of a version (issue 13, Law 94-V Art. 8(4)): written on drafts, checked at publication, frozen, served. */
describe('consent terms', () => {
  let server: TestServer;
  let token: string;
  let admin: ReturnType<typeof editor>;

  const put = (documentId: string, body: unknown) => http(server, 'PUT', `/policy-versions/versions/${documentId}/consent`, { token, body });
  const post = (documentId: string, action: 'publish' | 'publication-check', body: unknown) =>
    http(server, 'POST', `/policy-versions/versions/${documentId}/${action}`, { token, body });

  /** A draft of `key` (copied as `copyFrom` says) with ru and kk texts. */
  async function draftWithTexts(key: string, copyFrom?: unknown) {
    const draft = await admin.createDraft(key, copyFrom);
    await admin.setLocale(draft.documentId, 'ru', { title: 'Политика', body: RU });
    await admin.setLocale(draft.documentId, 'kk', { title: 'Саясат', body: KK_BODY });
    return draft.documentId as string;
  }

  beforeAll(async () => {
    server = await startServer();
    token = await adminToken(server);
    admin = editor(server, token);
    for (const key of ['privacy', 'terms', 'cookies', 'wording']) await admin.createPolicy(key);
  });

  afterAll(async () => server?.stop());

  it('writes the terms on a draft, on every locale row, and answers the draft', async () => {
    const documentId = await draftWithTexts('privacy');
    const res = await put(documentId, DEMO_TERMS);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ documentId, state: 'draft', consent: DEMO_TERMS });
    expect((await admin.call('GET', `/versions/${documentId}`)).consent).toEqual(DEMO_TERMS);
    // A locale added afterwards gets them too (i18n copies non-localized fields to a new locale row).
    await admin.setLocale(documentId, 'en', { title: 'Policy', body: 'Text' });
    for (const locale of ['ru', 'kk', 'en']) {
      const row = await server.strapi.documents(VERSION_UID).findOne({ documentId, locale, fields: ['consent'] } as any);
      expect({ locale, consent: row?.consent }).toEqual({ locale, consent: DEMO_TERMS });
    }
    // The whole object is replaced: an item left out is unset again.
    const { term: _term, ...withoutTerm } = DEMO_TERMS;
    expect((await put(documentId, withoutTerm)).body.data.consent).toEqual(withoutTerm);
  });

  it.each([
    ['a BIN that is not 12 digits', { operator: { name: 'ТОО «Пример»', bin: '123' } }, /"operator\.bin" must be a BIN or IIN/],
    ['a purpose id that is not a slug', { purposes: [{ id: 'Bad Id', required: true, title: {} }] }, /"purposes\.0\.id" must be a slug/],
    ['the same purpose twice', { purposes: [DEMO_TERMS.purposes[0], DEMO_TERMS.purposes[0]] }, /lists the purpose "service" twice/],
    ['an unknown field', { ...DEMO_TERMS, retention: 'P3Y' }, /Unknown field "retention"/],
    ['a list for an object', [], /must be a JSON object/],
  ])('refuses %s with a 400 naming the field', async (_, body, message) => {
    const documentId = (await admin.createDraft('privacy')).documentId;
    const res = await put(documentId, body);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ status: 400, name: 'ValidationError' });
    expect(res.body.error.message).toMatch(message);
    expect((await admin.call('GET', `/versions/${documentId}`)).consent).toBeNull();
  });

  it('refuses to publish without the terms, naming each missing item, and refuses new terms once published', async () => {
    const documentId = await draftWithTexts('privacy');
    const { operator: _operator, term: _term, ...partial } = DEMO_TERMS;
    await admin.setConsent(documentId, partial);
    const check = await post(documentId, 'publication-check', { material: false });
    expect(check.body.data.ok).toBe(false);
    const refused = await post(documentId, 'publish', { material: false });
    expect(refused.status).toBe(400);
    const problems = refused.body.error.details.problems;
    expect(problems).toEqual([
      { code: 'missing-consent-terms', message: expect.stringMatching(/^Fill in the consent terms Law 94-V Art\. 8\(4\) asks for: /), details: { items: ['operator', 'term'] } },
    ]);
    expect(problems[0].message).toMatch(/"operator".*"term"/);
    expect(check.body.data.problems).toEqual(problems);

    await admin.setConsent(documentId, DEMO_TERMS);
    const published = await post(documentId, 'publish', { material: false });
    expect(published.status).toBe(200);
    expect(published.body.data).toMatchObject({ state: 'published', consent: DEMO_TERMS });
    expect(published.body.meta.material).toEqual({ value: false, forcedByTerms: false, reasons: [] });

    const again = await put(documentId, { ...DEMO_TERMS, term: 'P1Y' });
    expect(again.status).toBe(409);
    expect((await admin.call('GET', `/versions/${documentId}`)).consent).toEqual(DEMO_TERMS);
  });

  it('publishes without terms a policy the config opts out of, and without the items it opts out of', async () => {
    const policies = server.strapi.config.get(OPT_OUT);
    server.strapi.config.set(OPT_OUT, { ...(policies as object), terms: { consentOptOut: true }, cookies: { consentOptOut: ['operator', 'publicSources'] } });
    try {
      const terms = await draftWithTexts('terms');
      expect((await post(terms, 'publish', { material: false })).body.data).toMatchObject({ state: 'published', consent: null });

      const cookies = await draftWithTexts('cookies');
      const { operator: _operator, publicSources: _publicSources, term, ...rest } = DEMO_TERMS;
      await admin.setConsent(cookies, rest);
      const refused = await post(cookies, 'publish', { material: false });
      expect(refused.body.error.details.problems.map((problem: any) => problem.details)).toEqual([{ items: ['term'] }]);
      await admin.setConsent(cookies, { ...rest, term });
      expect((await post(cookies, 'publish', { material: false })).status).toBe(200);
    } finally {
      server.strapi.config.set(OPT_OUT, policies);
    }
  });

  it('copies the terms into a draft from the version in force, and forces a material change of them to be material', async () => {
    const documentId = await draftWithTexts('privacy', 'current');
    expect((await admin.call('GET', `/versions/${documentId}`)).consent).toEqual(DEMO_TERMS);

    const changed = {
      ...DEMO_TERMS,
      purposes: [DEMO_TERMS.purposes[0], { id: 'marketing', required: false, title: { ru: 'Реклама', kk: 'Жарнама', en: 'Marketing' } }],
    };
    await admin.setConsent(documentId, changed);
    const reasons = ['purpose "marketing" added', 'purpose "analytics" removed'];
    const check = await post(documentId, 'publication-check', { material: false });
    expect(check.body.data).toMatchObject({ ok: true, material: { value: true, forcedByTerms: true, reasons } });
    // Ticked by the editor, it is material by choice; the reasons still say what changed.
    expect((await post(documentId, 'publication-check', { material: true })).body.data.material).toEqual({ value: true, forcedByTerms: false, reasons });

    const published = await post(documentId, 'publish', { material: false });
    expect(published.status).toBe(200);
    expect(published.body.data).toMatchObject({ state: 'published', material: true, consent: changed });
    expect(published.body.meta.material).toEqual({ value: true, forcedByTerms: true, reasons });
    const [release] = await server.strapi.db.query(RELEASE_UID).findMany({ where: { versionDocumentId: documentId } });
    expect(release.material).toBe(true);
  });

  it('does not force a wording-only change of the terms (a purpose title) to be material', async () => {
    await admin.release('wording', { ru: RU, kk: KK_BODY });
    const documentId = await draftWithTexts('wording', 'current');
    const reworded = {
      ...DEMO_TERMS,
      purposes: DEMO_TERMS.purposes.map((purpose) => ({ ...purpose, title: { ...purpose.title, ru: `${purpose.title.ru} (уточнено)` } })),
    };
    await admin.setConsent(documentId, reworded);
    expect((await post(documentId, 'publication-check', { material: false })).body.data.material).toEqual({ value: false, forcedByTerms: false, reasons: [] });
    const published = await post(documentId, 'publish', { material: false });
    expect(published.body.data).toMatchObject({ material: false, consent: reworded });
    expect(published.body.meta.material).toEqual({ value: false, forcedByTerms: false, reasons: [] });
  });

  it('serves the frozen terms in the public current and version answers, cached with them', async () => {
    const current = await http(server, 'GET', '/api/policy-versions/policies/privacy/current?locale=ru');
    expect(current.status).toBe(200);
    expect(current.body.data.consent.purposes.map((purpose: { id: string }) => purpose.id)).toEqual(['service', 'marketing']);
    const first = await http(server, 'GET', '/api/policy-versions/policies/privacy/versions/1?locale=kk');
    expect(first.body.data.consent).toEqual(DEMO_TERMS);
    // The cached answer and its ETag carry the same terms.
    const cached = await http(server, 'GET', '/api/policy-versions/policies/privacy/versions/1?locale=kk');
    expect(cached.headers.get('etag')).toBe(first.headers.get('etag'));
    expect(cached.body.data.consent).toEqual(DEMO_TERMS);
    const optedOut = await http(server, 'GET', '/api/policy-versions/policies/terms/current');
    expect(optedOut.body.data.consent).toBeNull();
  });

  it('keeps the frozen terms out of reach of the query engine and the Document Service', async () => {
    const release = await server.strapi.db.query(RELEASE_UID).findOne({ where: { policyKey: 'privacy', version: 1 } });
    await expect(
      server.strapi.db.query(RELEASE_UID).update({ where: { id: release.id }, data: { consent: { ...DEMO_TERMS, crossBorder: ['RU'] } } })
    ).rejects.toThrow(/only through the policy-versions plugin/);
    await expect(
      server.strapi.documents(VERSION_UID).update({ documentId: release.versionDocumentId, locale: 'ru', data: { consent: null } } as any)
    ).rejects.toThrow();
    expect((await server.strapi.db.query(RELEASE_UID).findOne({ where: { id: release.id } })).consent).toEqual(DEMO_TERMS);
    expect((await http(server, 'GET', '/api/policy-versions/policies/privacy/versions/1')).body.data.consent).toEqual(DEMO_TERMS);
  });

  it('reads stored terms that do not parse as none, never a 500', async () => {
    const documentId = (await admin.createDraft('privacy')).documentId;
    // What a write below the plugin could leave: a value the contract refuses.
    await server.strapi.db.connection('pv_policy_versions').update({ consent: JSON.stringify({ operator: { bin: 'x' } }) }).where({ document_id: documentId });
    const res = await http(server, 'GET', `/policy-versions/versions/${documentId}`, { token });
    expect(res.status).toBe(200);
    expect(res.body.data.consent).toBeNull();
  });

  it('writes terms only with the edit action', async () => {
    const documentId = (await admin.createDraft('privacy')).documentId;
    const readOnly = await adminToken(server, ['plugin::policy-versions.read']);
    expect((await http(server, 'PUT', `/policy-versions/versions/${documentId}/consent`, { token: readOnly, body: DEMO_TERMS })).status).toBe(403);
    expect((await http(server, 'PUT', '/policy-versions/versions/doesnotexist/consent', { token, body: DEMO_TERMS })).status).toBe(404);
  });
});
