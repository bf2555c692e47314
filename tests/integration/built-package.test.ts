import fs from 'node:fs';
import path from 'node:path';
import { editor } from '../support/policies';
import { BUILT_PLUGIN, adminToken, http, startServer, type TestServer } from '../support/strapi';

// The other suites load the TypeScript source; this one loads dist/ the way an app installs the package,
// which catches what only the bundler can break (e.g. a bundled copy of @strapi/utils whose errors
// Strapi no longer recognises, turning a 404 into a 500).
describe('the built package (dist/)', () => {
  let server: TestServer;

  beforeAll(async () => {
    const entry = path.join(BUILT_PLUGIN, 'dist', 'server', 'index.js');
    if (!fs.existsSync(entry)) throw new Error(`${entry} is missing: run "npm run build" (npm test does it for you)`);
    server = await startServer({ pluginPath: BUILT_PLUGIN });
  });

  afterAll(async () => server?.stop());

  it('serves the read API with Strapi error shapes', async () => {
    const missing = await http(server, 'GET', '/api/policy-versions/policies/privacy/current');
    expect(missing.status).toBe(404);
    expect(missing.body.error).toMatchObject({ status: 404, name: 'NotFoundError' });

    const admin = editor(server, await adminToken(server));
    await admin.createPolicy('privacy');
    const published = await admin.release('privacy', { ru: 'Текст политики.', kk: 'Саясат мәтіні.' });
    const current = await http(server, 'GET', '/api/policy-versions/policies/privacy/current?locale=kz');
    expect(current.status).toBe(200);
    expect(current.body.data).toMatchObject({ version: published.version, locale: 'kk', markdown: 'Саясат мәтіні.' });

    const conflict = await http(server, 'PUT', `/policy-versions/versions/${published.documentId}/locales/ru`, {
      token: await adminToken(server),
      body: { body: 'changed' },
    });
    expect(conflict.status).toBe(409);
    expect(conflict.body.error).toMatchObject({ status: 409, name: 'ConflictError' });
  });
});
