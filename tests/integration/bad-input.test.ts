import { randomBytes } from 'node:crypto';
import { apiToken, countRecords, endUser, LEDGER } from '../support/ledger';
import { editor, KK_BODY } from '../support/policies';
import { adminToken, http, startServer, type HttpResult, type TestServer } from '../support/strapi';

const RU = '## 1. Общие положения\n\n1.1. Политика обработки персональных данных.\n';
const LONE = '\ud800';
// The fast path is on; an Origin header sends a call through Strapi's full stack instead. Every ledger case
// runs both ways.
const PATHS: Array<{ name: string; headers: Record<string, string>; fast: boolean }> = [
  { name: 'fast path', headers: {}, fast: true },
  { name: 'full stack', headers: { origin: 'https://example.kz' }, fast: false },
];

/** `{ "a": { "a": … 1 … } }`, `depth` objects deep, as JSON text. */
const nestedObjects = (depth: number) => `${'{"a":'.repeat(depth - 1)}{"a":1}${'}'.repeat(depth - 1)}`;

describe('bad input: a clear 4xx in Strapi\'s error shape, nothing written', () => {
  let server: TestServer;
  let token: string;
  let adminJwt: string;
  let admin: ReturnType<typeof editor>;

  const post = (url: string, options: { body?: unknown; rawBody?: string; headers?: Record<string, string> }, auth = token) =>
    http(server, 'POST', url, { ...options, token: auth });
  const subject = () => `s-${randomBytes(4).toString('hex')}`;

  /** Asserts the error answer: its status, Strapi's shape and class name, and a message saying what is wrong. */
  const expectRefused = (res: HttpResult, status: number, name: string, message: RegExp) => {
    expect({ status: res.status, body: res.body }).toEqual({
      status,
      body: { data: null, error: { status, name, message: expect.stringMatching(message), details: expect.anything() } },
    });
  };

  /** The ledger as it is now; `unchanged` then checks that no record was added and that the chain verifies. */
  const snapshot = async () => {
    const count = await countRecords(server);
    return {
      async unchanged() {
        expect(await countRecords(server)).toBe(count);
        const verify = await http(server, 'GET', '/policy-versions/acceptances/verify', { token: adminJwt });
        expect(verify.body.data).toMatchObject({ ok: true, firstBroken: null });
      },
    };
  };

  beforeAll(async () => {
    process.env.POLICY_FAST_LEDGER = 'true';
    server = await startServer();
    adminJwt = await adminToken(server);
    admin = editor(server, adminJwt);
    await admin.createPolicy('privacy');
    await admin.release('privacy', { ru: RU, kk: KK_BODY }, { material: true });
    token = await apiToken(server);
  });

  afterAll(async () => {
    delete process.env.POLICY_FAST_LEDGER;
    await server?.stop();
  });

  describe.each(PATHS)('acceptances, $name', ({ headers, fast }) => {
    const accept = (body: unknown) => post(`${LEDGER}/privacy/acceptances`, { body, headers });
    const acceptRaw = (rawBody: string) => post(`${LEDGER}/privacy/acceptances`, { rawBody, headers });
    // strapi::cors, in the full stack only, adds Vary: Origin to every answer, errors included.
    const viaFastPath = (res: HttpResult) => !/\borigin\b/i.test(res.headers.get('vary') ?? '');

    it('refuses metadata nested 20,000 deep, as arrays or objects, without overflowing the stack', async () => {
      const ledger = await snapshot();
      const prefix = `{"version":1,"locale":"ru","subject":"${subject()}","metadata":`;
      const arrays = await acceptRaw(`${prefix}{"a":${'['.repeat(20_000)}${']'.repeat(20_000)}}}`);
      expectRefused(arrays, 400, 'ValidationError', /^metadata must nest at most 32 levels deep$/);
      expect(arrays.body.error.details).toEqual({ path: `metadata.a${'[0]'.repeat(31)}`, maxDepth: 32 });
      expect(viaFastPath(arrays)).toBe(fast);
      const objects = await acceptRaw(`${prefix}${nestedObjects(20_000)}}`);
      expectRefused(objects, 400, 'ValidationError', /^metadata must nest at most 32 levels deep$/);
      // The parse of the body itself: 20,000 brackets as the whole body is valid JSON, and only not an object.
      const bareArrays = await acceptRaw(`${'['.repeat(20_000)}${']'.repeat(20_000)}`);
      expectRefused(bareArrays, 400, 'ValidationError', /must be a JSON object/);
      const arrayMetadata = await acceptRaw(`${prefix}${'['.repeat(20_000)}${']'.repeat(20_000)}}`);
      expectRefused(arrayMetadata, 400, 'ValidationError', /^metadata must be a JSON object$/);
      await ledger.unchanged();
    });

    it('records metadata 32 levels deep, and refuses 33', async () => {
      const deepest = JSON.parse(nestedObjects(32));
      const ledger = await snapshot();
      expectRefused(await accept({ version: 1, locale: 'ru', subject: subject(), metadata: { a: deepest } }), 400, 'ValidationError', /32 levels/);
      await ledger.unchanged();
      const recorded = await accept({ version: 1, locale: 'ru', subject: subject(), metadata: deepest });
      expect(recorded.status).toBe(201);
      expect(recorded.body.data.metadata).toEqual(deepest);
    });

    it('refuses metadata over maxMetadataBytes, counted before canonicalising, with 413', async () => {
      const ledger = await snapshot();
      const wide = await accept({ version: 1, locale: 'ru', subject: subject(), metadata: { list: Array.from({ length: 50_000 }, () => 0) } });
      expectRefused(wide, 413, 'PayloadTooLargeError', /at most 4096 bytes/);
      expect(wide.body.error.details).toEqual({ maxMetadataBytes: 4096 });
      await ledger.unchanged();
    });

    it('refuses a lone UTF-16 surrogate in the subject, metadata keys and values, and the locale, naming the field', async () => {
      const ledger = await snapshot();
      const inSubject = await accept({ version: 1, locale: 'ru', subject: `user${LONE}` });
      expectRefused(inSubject, 400, 'ValidationError', /^subject must be well-formed Unicode/);
      expect(inSubject.body.error.details.errors).toEqual([expect.objectContaining({ path: ['subject'] })]);
      expect(viaFastPath(inSubject)).toBe(fast);
      const inValue = await accept({ version: 1, locale: 'ru', subject: subject(), metadata: { form: { label: `a${LONE}` } } });
      expectRefused(inValue, 400, 'ValidationError', /^metadata\.form\.label must be well-formed Unicode/);
      expect(inValue.body.error.details).toEqual({ path: 'metadata.form.label' });
      const inKey = await accept({ version: 1, locale: 'ru', subject: subject(), metadata: { list: [{ [`k${LONE}`]: 1 }] } });
      expectRefused(inKey, 400, 'ValidationError', /^metadata\.list\[0\]\["k\\ud800"\] must be well-formed Unicode/);
      // The low half alone is as broken as the high half.
      const inLocale = await accept({ version: 1, locale: `ru${'\udc00'}`, subject: subject() });
      expectRefused(inLocale, 400, 'ValidationError', /^locale must be well-formed Unicode/);
      await ledger.unchanged();
    });

    it('records a surrogate pair (a well-formed emoji), and the chain still verifies', async () => {
      const emoji = `user-😀-${randomBytes(2).toString('hex')}`;
      const recorded = await accept({ version: 1, locale: 'ru', subject: emoji, metadata: { note: '😀' } });
      expect(recorded.status).toBe(201);
      expect(recorded.body.data).toMatchObject({ subject: emoji, metadata: { note: '😀' } });
      await (await snapshot()).unchanged();
    });

    it('refuses a subject with the "erased:" prefix of erasure pseudonyms', async () => {
      const ledger = await snapshot();
      const res = await accept({ version: 1, locale: 'ru', subject: `erased:${randomBytes(4).toString('hex')}` });
      expectRefused(res, 400, 'ValidationError', /^subject must not start with "erased:"/);
      expect(res.body.error.details.errors).toEqual([expect.objectContaining({ path: ['subject'] })]);
      await ledger.unchanged();
    });

    it('records the negotiated locale of Accept-Language, never the raw header', async () => {
      const cases: Array<[Record<string, string>, string | null]> = [
        [{ 'accept-language': 'kk-KZ,kk;q=0.9,ru;q=0.8' }, 'kk'],
        [{ 'accept-language': 'de-DE, en-US;q=0.5, ru;q=0.7' }, 'ru'],
        [{ 'accept-language': 'de-DE, fr;q=0.5, *;q=0.1' }, null],
        [{ 'accept-language': 'not a language tag at all' }, null],
        [{}, null],
      ];
      for (const [extra, expected] of cases) {
        const res = await post(`${LEDGER}/privacy/acceptances`, { body: { version: 1, locale: 'ru', subject: subject() }, headers: { ...headers, ...extra } });
        expect(res.status).toBe(201);
        expect(res.body.data.acceptLanguage).toBe(expected);
      }
    });
  });

  describe('withdrawals and erasure', () => {
    it('refuses a lone surrogate in the reason and the subject, and the "erased:" prefix', async () => {
      const user = await endUser(server);
      expect((await post(`${LEDGER}/privacy/acceptances`, { body: { version: 1, locale: 'ru' } }, user.jwt)).status).toBe(201);
      const ledger = await snapshot();
      const reason = await post(`${LEDGER}/privacy/withdrawals`, { body: { reason: `no${LONE}` } }, user.jwt);
      expectRefused(reason, 400, 'ValidationError', /^reason must be well-formed Unicode/);
      expect(reason.body.error.details.errors).toEqual([expect.objectContaining({ path: ['reason'] })]);
      const lone = await post(`${LEDGER}/privacy/withdrawals`, { body: { subject: `x${LONE}` } });
      expectRefused(lone, 400, 'ValidationError', /^subject must be well-formed Unicode/);
      const pseudonym = await post(`${LEDGER}/privacy/withdrawals`, { body: { subject: 'erased:1' } });
      expectRefused(pseudonym, 400, 'ValidationError', /^subject must not start with "erased:"/);
      const erasePseudonym = await post('/policy-versions/acceptances/erasures', { body: { subject: 'erased:1' } }, adminJwt);
      expectRefused(erasePseudonym, 400, 'ValidationError', /^subject must not start with "erased:"/);
      const eraseLone = await post('/policy-versions/acceptances/erasures', { body: { subject: `x${LONE}` } }, adminJwt);
      expectRefused(eraseLone, 400, 'ValidationError', /^subject must be well-formed Unicode/);
      await ledger.unchanged();
    });
  });

  describe('the ledger\'s date filters', () => {
    it('takes a date-only "to" as the whole day (UTC) and a full instant exactly, in the list and the export', async () => {
      const recorded = await post(`${LEDGER}/privacy/acceptances`, { body: { version: 1, locale: 'kk', subject: subject() } });
      expect(recorded.status).toBe(201);
      const { id, recordedAt } = recorded.body.data as { id: string; recordedAt: string };
      const day = recordedAt.slice(0, 10);
      const dayBefore = new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
      const ids = async (query: string) => {
        const res = await http(server, 'GET', `/policy-versions/acceptances?pageSize=100&${query}`, { token: adminJwt });
        expect(res.status).toBe(200);
        return (res.body.data as Array<{ id: string }>).map((record) => record.id);
      };
      expect(await ids(`to=${day}`)).toContain(id);
      expect(await ids(`from=${day}&to=${day}`)).toContain(id);
      expect(await ids(`to=${dayBefore}`)).not.toContain(id);
      expect(await ids(`to=${recordedAt}`)).toContain(id);
      expect(await ids(`to=${new Date(Date.parse(recordedAt) - 1).toISOString()}`)).not.toContain(id);
      const exported = await fetch(`${server.baseUrl}/policy-versions/acceptances/export?format=ndjson&to=${day}`, {
        headers: { authorization: `Bearer ${adminJwt}` },
      });
      const lines = (await exported.text()).trim().split('\n').map((line) => JSON.parse(line).id);
      expect(lines).toContain(id);
      expectRefused(await http(server, 'GET', `/policy-versions/acceptances?to=${day}T25:00Z`, { token: adminJwt }), 400, 'ValidationError', /"to" must be/);
    });
  });

  describe('the editor', () => {
    const versionsOf = async (key: string) => (await admin.call('GET', `/policies/${key}/versions`)) as Array<{ documentId: string }>;

    it('refuses a lone surrogate in a policy title, and creates nothing', async () => {
      const res = await post('/policy-versions/policies', { body: { key: 'broken-title', titles: { ru: 'Политика', kk: `Саясат${LONE}` } } }, adminJwt);
      expectRefused(res, 400, 'ValidationError', /^titles\.kk must be well-formed Unicode/);
      expect(res.body.error.details.errors).toEqual([expect.objectContaining({ path: ['titles', 'kk'] })]);
      const policies = await http(server, 'GET', '/policy-versions/policies', { token: adminJwt });
      expect(JSON.stringify(policies.body)).not.toContain('broken-title');
    });

    it.each(['title', 'body', 'changeSummary'])('refuses a lone surrogate in a draft\'s %s, and leaves the draft as it was', async (field) => {
      const draft = await admin.createDraft('privacy');
      await admin.setLocale(draft.documentId, 'ru', { title: 'Политика', body: RU, changeSummary: 'Правки' });
      const res = await http(server, 'PUT', `/policy-versions/versions/${draft.documentId}/locales/ru`, {
        token: adminJwt,
        body: { [field]: `Текст ${LONE} текст` },
      });
      expectRefused(res, 400, 'ValidationError', new RegExp(`^${field} must be well-formed Unicode`));
      expect(res.body.error.details.errors).toEqual([expect.objectContaining({ path: [field] })]);
      const after = await admin.call('GET', `/versions/${draft.documentId}`);
      expect(after.locales.ru).toMatchObject({ title: 'Политика', body: RU, changeSummary: 'Правки' });
      await admin.call('DELETE', `/versions/${draft.documentId}`);
    });

    it('refuses an import with a lone surrogate in its text or title, and creates no draft', async () => {
      const before = await versionsOf('privacy');
      for (const [body, field] of [
        [{ locale: 'ru', format: 'text', text: `1. Общие положения\n1.1. Текст${LONE}.` }, 'text'],
        [{ locale: 'ru', format: 'markdown', text: RU, title: `Импорт${LONE}` }, 'title'],
      ] as const) {
        const res = await post('/policy-versions/policies/privacy/import', { body }, adminJwt);
        expectRefused(res, 400, 'ValidationError', new RegExp(`^${field} must be well-formed Unicode`));
      }
      expect(await versionsOf('privacy')).toEqual(before);
    });

    it('refuses an import whose Markdown would exceed the body limit before creating its draft', async () => {
      const before = await versionsOf('privacy');
      // Every * is escaped in Markdown: 600,000 characters of text become 1,200,000.
      const res = await post('/policy-versions/policies/privacy/import', { body: { locale: 'ru', format: 'text', text: `Звёзды ${'*'.repeat(600_000)}` } }, adminJwt);
      expectRefused(res, 400, 'ValidationError', /over the limit of 1000000/);
      expect(await versionsOf('privacy')).toEqual(before);
    });

    it('imports a 450 KB single-line text with every word in order', async () => {
      const sentence = (n: number) => `${Math.floor(n / 9) + 1}.${(n % 9) + 1}. Оператор хранит данные ${n} дней, 1.1 2.2 3.3 раза. `;
      const text = `1. Общие положения ${Array.from({ length: 5500 }, (_, n) => sentence(n)).join('')}`;
      expect(Buffer.byteLength(text)).toBeGreaterThan(450 * 1024);
      const imported = await admin.call('POST', '/policies/privacy/import', { locale: 'ru', format: 'text', text });
      const words = (value: string) => value.match(/[\p{L}\p{N}]+/gu);
      expect(words(imported.locales.ru.body)).toEqual(words(text));
      await admin.call('DELETE', `/versions/${imported.documentId}`);
    });
  });
});
