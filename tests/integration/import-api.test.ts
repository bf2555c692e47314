/**
 * @shared-fixtures Imports the five real Kazakh policies of ../shared/fixtures/policies over the editor API.
 * npm test skips this file, saying so, on a clone without that folder; CI always runs it.
 */
import { editor, fixture } from '../support/policies';
import { adminToken, http, startServer, type TestServer } from '../support/strapi';

const FIXTURES = [
  ['ru', 'ru-reco-kz.txt'],
  ['ru', 'ru-company-service.txt'],
  ['en', 'en-ecooptimum-kz.txt'],
  ['en', 'en-estimation-kz.txt'],
  ['en', 'en-generic-site.txt'],
] as const;

/** Letters and digits only: what an import may re-punctuate (headings, list markers) but never lose. */
const letters = (text: string) => text.replace(/[^\p{L}\p{N}]+/gu, '');

describe('importing real plain-text policies into drafts', () => {
  let server: TestServer;
  let token: string;
  let admin: ReturnType<typeof editor>;

  beforeAll(async () => {
    server = await startServer();
    token = await adminToken(server);
    admin = editor(server, token);
    await admin.createPolicy('privacy');
  });

  afterAll(async () => server?.stop());

  it.each(FIXTURES)('imports %s %s as Markdown with headings and every word kept', async (locale, name) => {
    const text = fixture(name);
    const imported = await admin.call('POST', '/policies/privacy/import', { locale, text, format: 'text', title: 'Импорт' });
    expect(imported).toMatchObject({ state: 'draft', status: 'draft', version: null });
    expect(imported.locales[locale].title).toBe('Импорт');
    const body: string = imported.locales[locale].body;
    expect(body).toMatch(/^#{1,3} |\n#{1,3} /m);
    expect(letters(body)).toBe(letters(text));
  });

  it('imports a second locale into the draft it names (kz for Kazakh), and refuses what the contract does not declare', async () => {
    const draft = await admin.call('POST', '/policies/privacy/import', { locale: 'ru', text: fixture('ru-reco-kz.txt') });
    const both = await admin.call('POST', '/policies/privacy/import', { locale: 'kz', text: fixture('ru-company-service.txt'), documentId: draft.documentId });
    expect(both.documentId).toBe(draft.documentId);
    expect(Object.keys(both.locales).sort()).toEqual(['kk', 'ru']);
    const versions = await admin.call('GET', '/policies/privacy/versions');
    for (const body of [
      { locale: 'ru', text: 'x', source: 'upload' },
      { locale: 'ru', text: 'x', format: 'pdf' },
      { locale: 'ru', text: 'x', documentId: 'no such draft!' },
    ]) {
      const refused = await http(server, 'POST', '/policy-versions/policies/privacy/import', { token, body });
      expect({ body, status: refused.status }).toEqual({ body, status: 400 });
    }
    expect(await admin.call('GET', '/policies/privacy/versions')).toEqual(versions);
  });
});
