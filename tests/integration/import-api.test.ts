/**
 * @shared-fixtures Imports the five real Kazakh policies of ../shared/fixtures/policies over the editor API.
 * npm test skips this file, saying so, on a clone without that folder; CI always runs it.
 */
import { editor, fixture } from '../support/policies';
import { adminToken, startServer, type TestServer } from '../support/strapi';

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
  let admin: ReturnType<typeof editor>;

  beforeAll(async () => {
    server = await startServer();
    admin = editor(server, await adminToken(server));
    await admin.createPolicy('privacy');
  });

  afterAll(async () => server?.stop());

  it.each(FIXTURES)('imports %s %s as Markdown with headings and every word kept', async (locale, name) => {
    const text = fixture(name);
    const imported = await admin.call('POST', '/policies/privacy/import', { locale, text, format: 'text', title: 'Импорт' });
    expect(imported.state).toBe('draft');
    expect(imported.locales[locale].title).toBe('Импорт');
    const body: string = imported.locales[locale].body;
    expect(body).toMatch(/^#{1,3} |\n#{1,3} /m);
    expect(letters(body)).toBe(letters(text));
  });
});
