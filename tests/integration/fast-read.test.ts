import { editor, KK_BODY } from '../support/policies';
import { adminToken, http, startServer, type TestServer } from '../support/strapi';

const URL = '/api/policy-versions/policies/privacy/current';
// Not cache-control: its max-age counts down between two calls.
const SAME_HEADERS = ['etag', 'content-language', 'vary', 'content-type'];

// The opt-in fast path must be indistinguishable from the full stack, except for what it documents.
describe('fastRead: the current route ahead of the middleware stack', () => {
  let fast: TestServer;

  beforeAll(async () => {
    process.env.POLICY_FAST_READ = 'true';
    fast = await startServer();
    const admin = editor(fast, await adminToken(fast));
    await admin.createPolicy('privacy');
    await admin.release('privacy', { ru: 'Текст.', kk: KK_BODY });
  });

  afterAll(async () => {
    delete process.env.POLICY_FAST_READ;
    await fast?.stop();
  });

  it('answers with the same body and caching headers as the controller', async () => {
    const viaFastPath = await http(fast, 'GET', `${URL}?locale=kz`, { headers: { origin: 'https://example.kz' } });
    expect(viaFastPath.status).toBe(200);
    expect(viaFastPath.body.data).toMatchObject({ locale: 'kk', markdown: KK_BODY });
    // strapi::poweredBy runs only in the full stack, so its header tells which path answered.
    expect(viaFastPath.headers.get('x-powered-by')).toBeNull();
    expect(viaFastPath.headers.get('x-content-type-options')).toBe('nosniff');
    expect(viaFastPath.headers.get('access-control-allow-origin')).toBe('*');

    const viaController = await http(fast, 'GET', `/api/policy-versions/policies/privacy/versions/1?locale=kz`);
    expect(viaController.headers.get('x-powered-by')).toBe('Strapi <strapi.io>');
    expect(viaController.body.data.contentHash).toBe(viaFastPath.body.data.contentHash);
    for (const name of SAME_HEADERS) {
      expect({ name, value: viaFastPath.headers.get(name) }).toEqual({ name, value: viaController.headers.get(name) });
    }

    const notModified = await http(fast, 'GET', `${URL}?locale=kk`, { headers: { 'if-none-match': viaFastPath.headers.get('etag')! } });
    expect(notModified.status).toBe(304);
  });

  it('leaves errors to the full stack, in Strapi error shape', async () => {
    const badLocale = await http(fast, 'GET', `${URL}?locale=de`);
    expect(badLocale.status).toBe(400);
    // Only Strapi's errors middleware writes this shape: the fast path never answers with an error.
    expect(badLocale.body.error).toMatchObject({ status: 400, name: 'ValidationError' });
    const unknown = await http(fast, 'GET', '/api/policy-versions/policies/nope/current');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.status).toBe(404);
  });
});
