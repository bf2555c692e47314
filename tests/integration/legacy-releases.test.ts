import { demoText, editor, KK_BODY } from '../support/policies';
import { adminToken, http, startServer, type TestServer } from '../support/strapi';

/** An install from before releases: its published versions live only in their i18n rows. */
describe('versions published before releases existed', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startServer();
    const admin = editor(server, await adminToken(server));
    await admin.createPolicy('privacy');
    await admin.release('privacy', { ru: demoText('ru'), kk: KK_BODY, en: demoText('en') });
  });

  afterAll(async () => server?.stop());

  it('get their release from the i18n rows at bootstrap, once, and serve the same text', async () => {
    const url = '/api/policy-versions/policies/privacy/versions/1?locale=en';
    const before = (await http(server, 'GET', url)).body.data;
    // What such an install has: the rows, no release (raw SQL, as no plugin path may delete one).
    await server.strapi.db.connection('pv_policy_releases').delete();
    const versions = server.strapi.plugin('policy-versions').service('versions');
    await versions.releaseLegacyVersions();
    await versions.releaseLegacyVersions();
    expect(await server.strapi.db.query('plugin::policy-versions.policy-release').count({})).toBe(1);
    server.strapi.plugin('policy-versions').service('timeline').invalidate();
    const after = await http(server, 'GET', url);
    expect(after.status).toBe(200);
    expect(after.body.data).toEqual(before);
  });
});
