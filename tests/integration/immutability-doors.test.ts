import { contentHash } from '../../server/src/domain/hash';
import { demoText, editor, KK_BODY } from '../support/policies';
import { apiToken } from '../support/ledger';
import { adminToken, http, startServer, type TestServer } from '../support/strapi';

const POLICY_UID = 'plugin::policy-versions.policy';
const VERSION_UID = 'plugin::policy-versions.policy-version';
const RELEASE_UID = 'plugin::policy-versions.policy-release';
const NOTICE_UID = 'plugin::policy-versions.webhook-notice';
const PUBLIC = '/api/policy-versions/policies';
const days = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString();

/**
 * Every door a Strapi admin or code in the app has to a published version or a policy's settings: the
 * Content Manager and i18n routes over HTTP (as a super admin, who has every Strapi right, and as Strapi's
 * own Editor role, who has none of the plugin's), the Document Service and the query engine. Each ends with
 * the public answers unchanged and the ledger as it was, its chain verifying.
 */
describe('published versions and policy settings out of reach', () => {
  let server: TestServer;
  let token: string;
  let editorToken: string;
  let admin: ReturnType<typeof editor>;
  let v1: any;
  let v2: any;
  let before: Record<string, any>;

  const snapshot = async () => {
    const read = async (url: string) => {
      const res = await http(server, 'GET', url);
      expect(res.status).toBe(200);
      return res.body;
    };
    return {
      list: await read(PUBLIC),
      archive: await read(`${PUBLIC}/privacy/versions?locale=ru`),
      v1kk: await read(`${PUBLIC}/privacy/versions/1?locale=kk`),
      v2ru: await read(`${PUBLIC}/privacy/versions/2?locale=ru`),
      currentKk: await read(`${PUBLIC}/privacy/current?locale=kk`),
    };
  };

  const expectUnchanged = async () => {
    server.strapi.plugin('policy-versions').service('timeline').invalidate();
    const now = await snapshot();
    expect(now.archive.data).toEqual(before.archive.data);
    expect(now.v1kk.data).toEqual(before.v1kk.data);
    expect(now.v2ru.data).toEqual(before.v2ru.data);
    expect(now.currentKk.data).toEqual(before.currentKk.data);
    expect(now.currentKk.data.fallback).toBe(false);
    expect(now.list.data.map((policy: any) => [policy.key, policy.fallbackOrder, policy.requiredLocales])).toEqual(
      before.list.data.map((policy: any) => [policy.key, policy.fallbackOrder, policy.requiredLocales])
    );
    const verified = await http(server, 'GET', '/policy-versions/acceptances/verify', { token });
    expect(verified.body.data).toMatchObject({ ok: true, firstBroken: null });
    // The one acceptance is still there, and no door added a subject's record.
    const subjects = server.strapi.db.connection('pv_acceptances').whereNotNull('subject');
    expect(Number((await subjects.clone().count({ n: '*' }))[0].n)).toBe(1);
  };

  /** A refusal in Strapi's error shape: 4xx, never a 500. */
  const expectRefused = (res: { status: number; body: any }) => {
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.body.error).toEqual(expect.objectContaining({ status: res.status, message: expect.any(String) }));
  };

  beforeAll(async () => {
    server = await startServer();
    token = await adminToken(server);
    editorToken = await adminToken(server, { roleCode: 'strapi-editor' });
    admin = editor(server, token);
    await admin.createPolicy('privacy');
    v1 = await admin.release('privacy', { ru: demoText('ru'), kk: demoText('kk'), en: demoText('en') }, { effectiveAt: days(1) });
    v2 = await admin.release('privacy', { ru: `${demoText('ru')}\n9.4. Новый пункт.\n`, kk: KK_BODY }, { effectiveAt: days(2) });
    // Both in force from the past on: move them back as history, as a migration would have.
    await server.strapi.db.connection('pv_policy_releases').update({ effective_at: new Date(Date.now() - 2 * 86_400_000) }).where({ version: 1 });
    await server.strapi.db.connection('pv_policy_releases').update({ effective_at: new Date(Date.now() - 86_400_000) }).where({ version: 2 });
    server.strapi.plugin('policy-versions').service('timeline').invalidate();
    const accepted = await http(server, 'POST', `${PUBLIC}/privacy/acceptances`, {
      token: await apiToken(server),
      body: { version: 2, locale: 'kk', subject: 'reader-1', contentHash: contentHash(KK_BODY) },
    });
    expect(accepted.status).toBe(201);
    before = await snapshot();
    expect(before.currentKk.data.version).toBe(2);
  });

  afterAll(async () => server?.stop());

  it('refuses Content Manager writes to versions, published or not, including a create that reuses a documentId', async () => {
    const cm = `/content-manager/collection-types/${VERSION_UID}`;
    const draft = await admin.createDraft('privacy');
    const asEditor = (method: string, url: string, body?: unknown) => http(server, method, url, { token: editorToken, body });
    const attempts = [
      asEditor('POST', `${cm}?locale=kk`, { documentId: v1.documentId, locale: 'kk', policyKey: 'privacy', title: 'x', body: 'x' }),
      asEditor('PUT', `${cm}/${v1.documentId}?locale=ru`, { body: 'changed' }),
      asEditor('DELETE', `${cm}/${v2.documentId}?locale=ru`),
      asEditor('PUT', `/content-manager/collection-types/${POLICY_UID}/${v1.documentId}`, { fallbackOrder: 'ru' }),
      http(server, 'POST', `${cm}?locale=kk`, { token, body: { documentId: v1.documentId, locale: 'kk', policyKey: 'privacy', title: 'x', body: 'x' } }),
      http(server, 'POST', `${cm}?locale=ru`, { token, body: { policyKey: 'privacy', title: 'x', body: 'x', state: 'published', version: 99 } }),
      http(server, 'PUT', `${cm}/${v1.documentId}?locale=ru`, { token, body: { body: 'changed' } }),
      http(server, 'PUT', `${cm}/${draft.documentId}?locale=ru`, { token, body: { state: 'published', version: 7 } }),
      http(server, 'DELETE', `${cm}/${v2.documentId}?locale=ru`, { token }),
      http(server, 'POST', `${cm}/actions/bulkDelete?locale=ru`, { token, body: { documentIds: [v1.documentId, v2.documentId] } }),
      http(server, 'POST', `${cm}/clone/${v1.documentId}?locale=ru`, { token, body: { title: 'clone' } }),
    ];
    for (const res of await Promise.all(attempts)) expectRefused(res);
    await expectUnchanged();
    const versions = await admin.call('GET', '/policies/privacy/versions');
    expect(versions.filter((version: any) => version.state === 'published').map((version: any) => version.version).sort()).toEqual([1, 2]);
  });

  it('refuses Content Manager writes to the policy: settings, key and deletion', async () => {
    const policy = (await admin.call('GET', '/policies')).find((item: any) => item.key === 'privacy');
    const cm = `/content-manager/collection-types/${POLICY_UID}`;
    const attempts = [
      http(server, 'PUT', `${cm}/${policy.documentId}`, { token, body: { fallbackOrder: 'ru' } }),
      http(server, 'PUT', `${cm}/${policy.documentId}`, { token, body: { requiredLocales: [] } }),
      http(server, 'PUT', `${cm}/${policy.documentId}`, { token, body: { key: 'renamed' } }),
      http(server, 'DELETE', `${cm}/${policy.documentId}`, { token }),
      http(server, 'POST', cm, { token, body: { key: 'sneaky', titles: { ru: 'x' } } }),
    ];
    for (const res of await Promise.all(attempts)) expectRefused(res);
    await expectUnchanged();
  });

  it('refuses the Document Service and the query engine, for policies, versions, releases and webhook notices', async () => {
    const { strapi } = server;
    const policy = await strapi.db.query(POLICY_UID).findOne({ where: { key: 'privacy' } });
    const release = await strapi.db.query(RELEASE_UID).findOne({ where: { version: 1 } });
    const notices = await strapi.db.query(NOTICE_UID).findMany({});
    expect(notices.length).toBeGreaterThan(0);
    // Thunks, tried one by one: a refusal started early would reject before anything awaits it.
    const refusals = [
      () => strapi.documents(VERSION_UID as any).update({ documentId: v1.documentId, locale: 'ru', data: { body: 'changed' } } as any),
      () => strapi.documents(VERSION_UID as any).delete({ documentId: v2.documentId, locale: '*' } as any),
      () => strapi.documents(POLICY_UID as any).update({ documentId: policy.documentId, data: { fallbackOrder: 'ru' } } as any),
      () => strapi.documents(POLICY_UID as any).delete({ documentId: policy.documentId } as any),
      () => strapi.db.query(POLICY_UID).update({ where: { id: policy.id }, data: { key: 'renamed' } }),
      () => strapi.db.query(POLICY_UID).deleteMany({ where: {} }),
      () => strapi.db.query(RELEASE_UID).update({ where: { id: release.id }, data: { bodies: { ru: 'changed' } } }),
      () => strapi.db.query(RELEASE_UID).delete({ where: { id: release.id } }),
      () => strapi.db.query(RELEASE_UID).deleteMany({ where: {} }),
      () => strapi.db.query(RELEASE_UID).create({ data: { ...release, id: undefined, version: 3 } }),
      () => strapi.db.query(NOTICE_UID).deleteMany({ where: {} }),
      () => strapi.db.query(NOTICE_UID).create({ data: { event: 'policy-version.effective', policyKey: 'privacy', version: 9, claimedBy: 'x' } }),
    ];
    for (const attempt of refusals) await expect(attempt()).rejects.toThrow(/only through the policy-versions plugin/);
    await expectUnchanged();
    expect(await strapi.db.query(NOTICE_UID).findMany({})).toEqual(notices);
  });

  it('keeps every published text when i18n deletes a locale, rows and all', async () => {
    const locales = await http(server, 'GET', '/i18n/locales', { token });
    const kk = locales.body.find((locale: any) => locale.code === 'kk');
    const deleted = await http(server, 'DELETE', `/i18n/locales/${kk.id}`, { token });
    expect(deleted.status).toBe(200);
    expect(await server.strapi.db.query(VERSION_UID).count({ where: { locale: 'kk' } })).toBe(0);
    await expectUnchanged();
    expect(before.v1kk.data.contentHash).toBe(contentHash(demoText('kk')));
  });

  it('refuses to serve a text changed below the plugin, with a clear error and an alarm, and keeps serving the rest', async () => {
    const { strapi } = server;
    // Raw SQL, as a database holder would: the body changes, the hash recorded at publication does not.
    const row = await strapi.db.connection('pv_policy_releases').where({ version: 1 }).first();
    const bodies = typeof row.bodies === 'string' ? JSON.parse(row.bodies) : row.bodies;
    bodies.en = `${bodies.en}\nAn extra clause nobody published.`;
    await strapi.db.connection('pv_policy_releases').update({ bodies: JSON.stringify(bodies) }).where({ version: 1 });
    const errors: string[] = [];
    const original = strapi.log.error;
    strapi.log.error = ((message: string) => errors.push(message)) as any;
    try {
      const res = await http(server, 'GET', `${PUBLIC}/privacy/versions/1?locale=en`);
      expect(res.status).toBe(503);
      expect(res.body.error).toMatchObject({ status: 503, message: expect.stringMatching(/integrity/) });
      expect(res.body.error.details).toEqual({ policy: 'privacy', version: 1, locale: 'en' });
    } finally {
      strapi.log.error = original;
    }
    expect(errors.join('\n')).toMatch(/INTEGRITY ALARM: version 1 of "privacy" in "en"/);
    expect((await http(server, 'GET', `${PUBLIC}/privacy/versions/1?locale=ru`)).status).toBe(200);
  });

  it('answers the public API with defaults, not a 500, whatever the policy row holds', async () => {
    await server.strapi.db
      .connection('pv_policies')
      .update({ fallback_order: JSON.stringify('ru'), required_locales: JSON.stringify([]), titles: JSON.stringify(42) })
      .where({ key: 'privacy' });
    server.strapi.plugin('policy-versions').service('timeline').invalidate();
    const list = await http(server, 'GET', PUBLIC);
    expect(list.status).toBe(200);
    expect(list.body.data[0]).toMatchObject({ key: 'privacy', fallbackOrder: ['ru', 'kk', 'en'], requiredLocales: ['ru', 'kk'] });
    expect((await http(server, 'GET', `${PUBLIC}/privacy/current?locale=en`)).status).toBe(200);
  });

  it('keeps GraphQL\'s generated CRUD off every type of the plugin, for a full-access API token too', async () => {
    const fullAccess = await apiToken(server);
    const schema = await http(server, 'POST', '/graphql', {
      token: fullAccess,
      body: { query: '{ __schema { queryType { fields { name } } mutationType { fields { name } } } }' },
    });
    expect(schema.status).toBe(200);
    const fields = [...schema.body.data.__schema.queryType.fields, ...schema.body.data.__schema.mutationType.fields].map(
      (field: any) => field.name
    );
    // GraphQL itself is on (other types are there); of the plugin only its own fields (docs/graphql.md), no CRUD.
    expect(fields).toContain('usersPermissionsUsers');
    expect(fields.filter((name: string) => /policyversions/i.test(name)).sort()).toEqual([
      'policyVersionsAccept',
      'policyVersionsConsentStatus',
      'policyVersionsCurrent',
      'policyVersionsDiff',
      'policyVersionsVersion',
      'policyVersionsVersions',
      'policyVersionsWithdraw',
    ]);
    const update = await http(server, 'POST', '/graphql', {
      token: fullAccess,
      body: {
        query: `mutation { updatePolicyVersionsPolicyVersion(documentId: "${v1.documentId}", data: { state: "draft" }) { documentId } }`,
      },
    });
    expect(update.status).toBe(400);
    expect(update.body.errors[0].message).toMatch(/Cannot query field "updatePolicyVersionsPolicyVersion"/);
    const ledger = await http(server, 'POST', '/graphql', {
      token: fullAccess,
      body: { query: '{ policyVersionsAcceptances { subject } }' },
    });
    expect(ledger.status).toBe(400);
    await expectUnchanged();
  });

  it('gives a Users & Permissions role nothing that reaches the ledger, even with every action of the plugin granted', async () => {
    const roles = await http(server, 'GET', '/users-permissions/roles', { token });
    expect(roles.status).toBe(200);
    const publicRole = roles.body.roles.find((role: any) => role.type === 'public');
    const actions = ['accept', 'withdraw', 'status', 'me'];
    const setPublicLedgerActions = (enabled: boolean) =>
      http(server, 'PUT', `/users-permissions/roles/${publicRole.id}`, {
        token,
        body: {
          name: publicRole.name,
          description: publicRole.description,
          permissions: {
            'plugin::policy-versions': {
              controllers: { acceptances: Object.fromEntries(actions.map((action) => [action, { enabled }])) },
            },
          },
        },
      });
    const lastAudit = async () => (await http(server, 'GET', '/policy-versions/acceptances?event=audit&pageSize=1', { token })).body.data[0];
    const granted = await setPublicLedgerActions(true);
    expect(granted.status).toBe(200);
    // The change to who holds the plugin's actions is in the ledger, naming the admin who made it.
    const grant = await lastAudit();
    expect(grant).toMatchObject({ source: 'permissions', subject: null, metadata: { revoked: [], admin: { email: expect.stringContaining('@') } } });
    expect(grant.metadata.granted.map((item: any) => `${item.scope} ${item.role} ${item.action}`).sort()).toEqual(
      actions.map((action) => `users-permissions ${publicRole.name} plugin::policy-versions.acceptances.${action}`).sort()
    );
    try {
      // The role lets the request through; the plugin still wants an end user or an API token behind it.
      for (const [method, url, body] of [
        ['POST', `${PUBLIC}/privacy/acceptances`, { version: 2, locale: 'kk', subject: 'reader-2', contentHash: contentHash(KK_BODY) }],
        ['POST', `${PUBLIC}/privacy/withdrawals`, { subject: 'reader-1' }],
        ['GET', `${PUBLIC}/privacy/acceptances/status?subject=reader-1`, undefined],
        ['GET', `${PUBLIC}/privacy/acceptances/me`, undefined],
      ] as const) {
        const res = await http(server, method, url, { body });
        expect(res.status).toBe(401);
        expectRefused(res);
      }
    } finally {
      const revoked = await setPublicLedgerActions(false);
      expect(revoked.status).toBe(200);
    }
    const revocation = await lastAudit();
    expect(revocation.metadata.granted).toEqual([]);
    expect(revocation.metadata.revoked).toHaveLength(actions.length);
    await expectUnchanged();
  });

  it('lists only policies that have a published version', async () => {
    await admin.createPolicy('terms');
    const list = await http(server, 'GET', PUBLIC);
    expect(list.body.data.map((policy: any) => policy.key)).toEqual(['privacy']);
  });

  // Last: it leaves the ledger failing verification on purpose.
  it('catches, in ledger verification, a release rewritten below the plugin together with its recorded hash', async () => {
    // A fresh query builder for each statement: a knex builder is mutable.
    const releases = () => server.strapi.db.connection('pv_policy_releases');
    const [row] = await releases().select('locales', 'bodies').where({ version: 2 });
    const parse = (value: unknown) => (typeof value === 'string' ? JSON.parse(value) : value);
    const locales = parse(row.locales);
    const bodies = parse(row.bodies);
    const forged = `${KK_BODY}\nҚосымша тармақ.\n`;
    locales.kk.contentHash = contentHash(forged);
    bodies.kk = forged;
    await releases().update({ locales: JSON.stringify(locales), bodies: JSON.stringify(bodies) }).where({ version: 2 });
    // A text nobody accepted: its publication event in the ledger still names what was published.
    const [first] = await releases().select('locales', 'bodies').where({ version: 1 });
    const firstLocales = parse(first.locales);
    const firstBodies = parse(first.bodies);
    const published = firstLocales.en.contentHash;
    firstBodies.en = 'Rewritten.';
    firstLocales.en.contentHash = contentHash(firstBodies.en);
    await releases().update({ locales: JSON.stringify(firstLocales), bodies: JSON.stringify(firstBodies) }).where({ version: 1 });
    // Consistent with itself, so the read path's re-hash would pass it; but it is not the text reader-1 accepted.
    const verified = await http(server, 'GET', '/policy-versions/acceptances/verify', { token });
    expect(verified.status).toBe(200);
    expect(verified.body.data).toMatchObject({ ok: false, firstBroken: null });
    expect(verified.body.data.mismatchedTexts).toEqual(
      expect.arrayContaining([
        { policy: 'privacy', version: 2, locale: 'kk', contentHash: contentHash(KK_BODY), releasedHash: contentHash(forged) },
        { policy: 'privacy', version: 1, locale: 'en', contentHash: published, releasedHash: contentHash('Rewritten.') },
      ])
    );
    expect(verified.body.data.mismatchedTexts).toHaveLength(2);
  });
});
