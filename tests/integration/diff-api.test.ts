// @shared-fixtures: reads ../shared/fixtures/policies (npm test skips this file, saying so, where it is absent).
import { newText, oldText, type DiffBlock, type DiffResult } from '../../server/src/domain/diff';
import { demoText, editor, fixture } from '../support/policies';
import { adminToken, http, startServer, type TestServer } from '../support/strapi';

/** Replaces the one occurrence of `find`; a fixture that no longer contains it fails here, not later. */
function edit(text: string, find: string, replacement: string): string {
  const at = text.indexOf(find);
  if (at < 0 || text.indexOf(find, at + 1) >= 0) throw new Error(`"${find}" must occur exactly once`);
  return text.slice(0, at) + replacement + text.slice(at + find.length);
}

const RU_V1 = fixture('ru-reco-kz.txt');
const EN_V1 = fixture('en-ecooptimum-kz.txt');
const KK_V1 = demoText('kk');
// v2: two Russian words replaced in two clauses, one Kazakh word replaced; no English text.
const RU_V2 = edit(edit(RU_V1, 'уникальный сетевой', 'единственный сетевой'), 'безусловное согласие', 'полное согласие');
const KK_V2 = edit(KK_V1, 'келісім береді', 'келісім білдіреді');
// v3: a clause inserted in both languages.
const NEW_CLAUSE = '1.1.8. «Трансграничная передача» — передача персональных данных на территорию иностранного государства.';
const RU_V3 = edit(RU_V2, 'протоколу IP.\n', `протоколу IP.\n${NEW_CLAUSE}\n`);
const KK_V3 = edit(KK_V2, '\n## 6.', '\n5.4. Келісім электрондық түрде сақталады.\n\n## 6.');
// v4 is withdrawn before it takes effect; v5 deletes clause 2.3.
const RU_V5 = edit(RU_V3, '2.3.Настоящая Политика конфиденциальности применяется только к сайту. \n', '');

const DIFF = '/api/policy-versions/policies/privacy/diff';

const changedBlocks = (result: DiffResult) => result.blocks.filter((block) => block.kind !== 'unchanged');
const edits = (block: DiffBlock) => block.words!.filter((op) => op.op !== 'equal').map((op) => [op.op, op.text]);

describe('diff API', () => {
  let server: TestServer;
  let admin: ReturnType<typeof editor>;
  let token: string;
  const versions: any[] = [];
  const day = 86_400_000;
  const inDays = (days: number) => new Date(Date.now() + days * day).toISOString();

  beforeAll(async () => {
    server = await startServer();
    token = await adminToken(server);
    admin = editor(server, token);
    await admin.createPolicy('privacy');
    versions.push(await admin.release('privacy', { ru: RU_V1, kk: KK_V1, en: EN_V1 }));
    versions.push(await admin.release('privacy', { ru: RU_V2, kk: KK_V2 }));
    versions.push(await admin.release('privacy', { ru: RU_V3, kk: KK_V3 }, { effectiveAt: inDays(10), material: true }));
    versions.push(await admin.release('privacy', { ru: `${RU_V3}\nОтозванный пункт.`, kk: KK_V3 }, { effectiveAt: inDays(11) }));
    await admin.withdraw(versions[3].documentId);
    versions.push(await admin.release('privacy', { ru: RU_V5, kk: KK_V3 }, { effectiveAt: inDays(12) }));
  });

  afterAll(async () => server?.stop());

  it('sets up five versions, the second in force', () => {
    expect(versions.map((v) => v.version)).toEqual([1, 2, 3, 4, 5]);
  });

  describe('public route', () => {
    it('defaults to the version in force against the one before it, lossless', async () => {
      const res = await http(server, 'GET', `${DIFF}?locale=ru`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(res.body.meta).toEqual({
        policy: 'privacy',
        from: { version: 1, effectiveAt: versions[0].effectiveAt },
        to: { version: 2, effectiveAt: versions[1].effectiveAt },
        locale: 'ru',
        requestedLocale: 'ru',
        fallback: false,
        availableLocales: ['ru', 'kk'],
      });
      const result: DiffResult = res.body.data;
      expect(result.schema).toBe(1);
      expect(oldText(result)).toBe(RU_V1);
      expect(newText(result)).toBe(RU_V2);
      expect(result.summary).toMatchObject({ added: 0, removed: 0, changed: 2, moved: 0, wordsInserted: 2, wordsDeleted: 2 });
    });

    it('shows a Russian change as whole words', async () => {
      const res = await http(server, 'GET', `${DIFF}?locale=ru&from=1&to=2`);
      const changed = changedBlocks(res.body.data);
      expect(changed.map((block) => [block.kind, edits(block)])).toEqual([
        ['changed', [['delete', 'уникальный'], ['insert', 'единственный']]],
        ['changed', [['delete', 'безусловное'], ['insert', 'полное']]],
      ]);
      expect(changed[0].new!.clause).toBe('1.1.7.');
    });

    it('diffs the Kazakh text as whole words, kz accepted for kk', async () => {
      const res = await http(server, 'GET', `${DIFF}?locale=kz`);
      expect(res.body.meta).toMatchObject({ locale: 'kk', requestedLocale: 'kk', fallback: false });
      expect(newText(res.body.data)).toBe(KK_V2);
      const changed = changedBlocks(res.body.data);
      expect(changed.map(edits)).toEqual([[['delete', 'береді'], ['insert', 'білдіреді']]]);
      expect(res.headers.get('content-language')).toBe('kk');
    });

    it('negotiates the locale from Accept-Language', async () => {
      const res = await http(server, 'GET', DIFF, { headers: { 'accept-language': 'de, kk-KZ;q=0.8, ru;q=0.5' } });
      expect(res.body.meta.locale).toBe('kk');
    });

    it('falls back for both versions at once when one lacks the locale, and says so', async () => {
      const res = await http(server, 'GET', `${DIFF}?locale=en`);
      expect(res.body.meta).toMatchObject({ locale: 'ru', requestedLocale: 'en', fallback: true, availableLocales: ['ru', 'kk'] });
      expect(oldText(res.body.data)).toBe(RU_V1);
      const english = await http(server, 'GET', `${DIFF}?locale=en&from=1&to=1`);
      expect(english.body.meta).toMatchObject({ locale: 'en', fallback: false });
      expect(oldText(english.body.data)).toBe(EN_V1);
    });

    it('takes explicit versions, scheduled ones included, and reports an inserted clause', async () => {
      const res = await http(server, 'GET', `${DIFF}?locale=ru&from=2&to=3`);
      expect(res.status).toBe(200);
      expect(res.body.meta.to.version).toBe(3);
      expect(changedBlocks(res.body.data).map((block) => [block.kind, block.new?.text])).toEqual([['inserted', NEW_CLAUSE]]);
      const kk = await http(server, 'GET', `${DIFF}?locale=kk&from=2&to=3`);
      expect(kk.body.data.summary).toMatchObject({ added: 1, removed: 0, changed: 0 });
      const across = await http(server, 'GET', `${DIFF}?locale=ru&from=1&to=3`);
      expect(across.body.data.summary).toMatchObject({ added: 1, changed: 2 });
    });

    it('defaults "from" past a withdrawn version, and allows from = to', async () => {
      const res = await http(server, 'GET', `${DIFF}?locale=ru&to=5`);
      expect(res.body.meta.from.version).toBe(3);
      expect(changedBlocks(res.body.data).map((block) => [block.kind, block.old?.clause])).toEqual([['deleted', '2.3.']]);
      const same = await http(server, 'GET', `${DIFF}?locale=ru&from=2&to=2`);
      expect(same.status).toBe(200);
      expect(same.body.data.blocks.every((block: DiffBlock) => block.kind === 'unchanged')).toBe(true);
    });

    it('serves the inline redline and the side-by-side table as HTML', async () => {
      const inline = await http(server, 'GET', `${DIFF}?locale=ru&format=html`);
      expect(inline.status).toBe(200);
      expect(inline.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(inline.body).toMatch(/^<div class="pv-diff pv-diff--inline" lang="ru">/);
      expect(inline.body).toContain('<del class="pv-del">уникальный</del><ins class="pv-ins">единственный</ins>');
      expect(inline.body).toContain('class="pv-block pv-block--changed"');

      const table = await http(server, 'GET', `${DIFF}?locale=ru&format=html&view=side-by-side`);
      expect(table.body).toMatch(/^<table class="pv-diff-table" lang="ru">/);
      expect(table.body).toContain('<del class="pv-del">безусловное</del>');
      expect(table.body).toContain('<ins class="pv-ins">полное</ins>');
      expect(table.headers.get('etag')).not.toBe(inline.headers.get('etag'));
    });

    it('sends a strong ETag, answers If-None-Match with 304, and caches like the other public routes', async () => {
      const first = await http(server, 'GET', `${DIFF}?locale=ru&from=1&to=2`);
      const etag = first.headers.get('etag')!;
      expect(etag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
      expect(first.headers.get('cache-control')).toMatch(/^public, max-age=\d+$/);
      expect(first.headers.get('vary')).toMatch(/Accept-Language/i);

      // The defaults name the same two versions, so the same bytes and tag.
      const defaults = await http(server, 'GET', `${DIFF}?locale=ru`);
      expect(defaults.headers.get('etag')).toBe(etag);
      const again = await http(server, 'GET', `${DIFF}?locale=ru&from=1&to=2`, { headers: { 'if-none-match': `W/${etag}` } });
      expect(again.status).toBe(304);
      expect(again.body).toBe('');
      const html = await http(server, 'GET', `${DIFF}?locale=ru&from=1&to=2&format=html`, { headers: { 'if-none-match': etag } });
      expect(html.status).toBe(200);
    });

    it('gives concurrent requests for one diff the same answer', async () => {
      const answers = await Promise.all(
        Array.from({ length: 8 }, () => http(server, 'GET', `${DIFF}?locale=ru&from=1&to=5&format=html&view=side-by-side`))
      );
      expect(new Set(answers.map((res) => res.headers.get('etag'))).size).toBe(1);
      expect(answers.every((res) => res.status === 200)).toBe(true);
    });

    it('refuses bad input with 4xx in Strapi error shape', async () => {
      const cases: Array<[string, number]> = [
        ['/api/policy-versions/policies/nope/diff', 404],
        [`${DIFF}?from=99`, 404],
        [`${DIFF}?to=99`, 404],
        [`${DIFF}?to=1`, 404],
        [`${DIFF}?from=abc`, 400],
        [`${DIFF}?to=0`, 400],
        [`${DIFF}?to=1.5`, 400],
        [`${DIFF}?from=1&from=2`, 400],
        [`${DIFF}?locale=de`, 400],
        [`${DIFF}?format=xml`, 400],
        [`${DIFF}?format=html&view=diagonal`, 400],
      ];
      for (const [url, status] of cases) {
        const res = await http(server, 'GET', url);
        expect({ url, status: res.status }).toEqual({ url, status });
        expect(res.body).toMatchObject({ data: null, error: { status, name: expect.any(String), message: expect.any(String) } });
      }
      const unsupported = await http(server, 'GET', `${DIFF}?locale=de`);
      expect(unsupported.body.error.message).toMatch(/ru, kk, en/);
    });
  });

  describe('admin route', () => {
    const adminDiff = (query: string, auth: string | undefined = token) =>
      http(server, 'GET', `/policy-versions/diff?${query}`, { token: auth });

    it('diffs a draft against the version in force, and sees the draft change', async () => {
      const draft = await admin.createDraft('privacy', 'current');
      const reverted = edit(RU_V2, 'единственный сетевой', 'уникальный сетевой');
      await admin.setLocale(draft.documentId, 'ru', { body: edit(RU_V2, 'полное согласие', 'полное и безоговорочное согласие') });

      const res = await adminDiff(`from=current&to=${draft.documentId}&locale=ru`);
      expect(res.status).toBe(200);
      const data = res.body.data;
      expect(Object.keys(data).sort()).toEqual(['from', 'inline', 'locale', 'result', 'sideBySide', 'summary', 'to']);
      expect(data.from).toEqual({ documentId: versions[1].documentId, version: 2, state: 'published' });
      expect(data.to).toEqual({ documentId: draft.documentId, version: null, state: 'draft' });
      expect(data.locale).toBe('ru');
      expect(data.summary).toEqual(data.result.summary);
      expect(changedBlocks(data.result).map(edits)).toEqual([[['insert', ' и безоговорочное']]]);
      expect(data.inline).toContain('<ins class="pv-ins"> и безоговорочное</ins>');
      expect(data.sideBySide).toContain('<table class="pv-diff-table"');

      // Drafts change: the next diff must see the new text, not a cached one.
      await admin.setLocale(draft.documentId, 'ru', { body: reverted });
      const later = await adminDiff(`to=${draft.documentId}&locale=ru`);
      expect(later.body.data.from.version).toBe(2);
      expect(newText(later.body.data.result)).toBe(reverted);
      expect(changedBlocks(later.body.data.result).map(edits)).toEqual([[['delete', 'единственный'], ['insert', 'уникальный']]]);
    });

    it('diffs two published versions by documentId, kz accepted, missing locale as empty text', async () => {
      const [v1, v2] = versions;
      const kk = await adminDiff(`from=${v1.documentId}&to=${v2.documentId}&locale=kz`);
      expect(kk.body.data.locale).toBe('kk');
      expect(newText(kk.body.data.result)).toBe(KK_V2);
      const en = await adminDiff(`from=${v1.documentId}&to=${v2.documentId}&locale=en`);
      expect(oldText(en.body.data.result)).toBe(EN_V1);
      expect(newText(en.body.data.result)).toBe('');
      expect(en.body.data.summary.added).toBe(0);
      expect(en.body.data.summary.removed).toBeGreaterThan(10);
    });

    it('refuses bad input with 4xx', async () => {
      await admin.createPolicy('terms');
      const other = await admin.createDraft('terms');
      const cases: Array<[string, number]> = [
        [`from=current`, 400],
        [`to=not-an-id!`, 400],
        [`to=abcdefghijklmnopqrstuvwx`, 404],
        [`from=abcdefghijklmnopqrstuvwx&to=${versions[1].documentId}`, 404],
        [`to=${versions[1].documentId}&locale=de`, 400],
        [`from=${versions[0].documentId}&to=${other.documentId}`, 400],
        // "terms" has nothing in force to compare its draft with.
        [`from=current&to=${other.documentId}`, 404],
      ];
      for (const [query, status] of cases) {
        const res = await adminDiff(query);
        expect({ query, status: res.status }).toEqual({ query, status });
        expect(res.body).toMatchObject({ data: null, error: { status, message: expect.any(String) } });
      }
    });

    it('needs an admin with the read action', async () => {
      const query = `to=${versions[1].documentId}&locale=ru`;
      expect((await adminDiff(query, '')).status).toBe(401);
      const editOnly = await adminToken(server, ['plugin::policy-versions.edit']);
      expect((await adminDiff(query, editOnly)).status).toBe(403);
      const readOnly = await adminToken(server, ['plugin::policy-versions.read']);
      expect((await adminDiff(query, readOnly)).status).toBe(200);
    });
  });
});
