import { randomUUID } from 'node:crypto';
import { SECURITY_HEADERS } from '../../server/src/http';
import { acceptancesRepository } from '../../server/src/repositories/acceptances';
import { LedgerInTransactionError } from '../../server/src/services/ledger-writer';
import { apiToken, countRecords, LEDGER } from '../support/ledger';
import { editor, KK_BODY } from '../support/policies';
import { adminToken, http, startServer, type TestServer } from '../support/strapi';

const RU = '## 1. Общие положения\n\n1.1. Политика обработки персональных данных.\n';
const RECORDS = 'pv_acceptances';
const HEADS = 'pv_ledger_heads';
const CONFIG = 'plugin::policy-versions.ledger.maxEventsPerSubject';
// The fast path sets a policy of its own; strapi::security sets Strapi's, also on an error answer.
const viaFastPath = (res: { headers: Headers }) => res.headers.get('content-security-policy') === SECURITY_HEADERS['Content-Security-Policy'];

/*
 * The ledger's integrity limits: a bound on one subject's events, appends that read only what they decide on,
 * verification that fails closed on a head that does not name the last record, and no appends inside a
 * caller's transaction. The fast path is on; an Origin header sends a call through the full stack instead.
 */
describe('acceptance ledger: bounds and integrity', () => {
  let server: TestServer;
  let token: string;
  let officer: string;

  const accept = (body: Record<string, unknown>, stack: 'fast' | 'full' = 'fast') =>
    http(server, 'POST', `${LEDGER}/privacy/acceptances`, { token, body, headers: stack === 'full' ? { origin: 'https://example.kz' } : {} });
  const withdraw = (subject: string) => http(server, 'POST', `${LEDGER}/privacy/withdrawals`, { token, body: { subject } });
  // What the admin route answers, from the service it runs: the route also appends an audit event of each
  // verification, which would move the counts these cases compare.
  const verify = async () => JSON.parse(JSON.stringify(await server.strapi.plugin('policy-versions').service('ledger-admin').verify()));
  const knex = () => server.strapi.db.connection;
  const record = (seq: number) => knex()(RECORDS).where('seq', seq).first();
  const head = () => knex()(HEADS).where('name', 'main').first();
  const ledger = () => server.strapi.plugin('policy-versions').service('ledger');

  beforeAll(async () => {
    process.env.POLICY_FAST_LEDGER = 'true';
    server = await startServer();
    const admin = editor(server, await adminToken(server));
    await admin.createPolicy('privacy');
    await admin.release('privacy', { ru: RU, kk: KK_BODY }, { material: true });
    token = await apiToken(server);
    officer = await adminToken(server);
  });

  afterAll(async () => {
    delete process.env.POLICY_FAST_LEDGER;
    await server?.stop();
  });

  describe('ledger.maxEventsPerSubject', () => {
    beforeAll(() => server.strapi.config.set(CONFIG, 4));
    afterAll(() => server.strapi.config.set(CONFIG, 1000));

    it('refuses a new acceptance past the limit with a 429 naming it, on the fast path and through the full stack', async () => {
      const subject = `loop-${randomUUID()}`;
      for (let round = 0; round < 2; round += 1) {
        expect((await accept({ version: 1, locale: 'ru', subject })).status).toBe(201);
        expect((await withdraw(subject)).status).toBe(201);
      }
      const before = await countRecords(server);
      const error = {
        status: 429,
        name: 'TooManyRequestsError',
        message: expect.stringContaining('ledger.maxEventsPerSubject'),
        details: { policy: 'privacy', limit: 'ledger.maxEventsPerSubject', maxEventsPerSubject: 4 },
      };
      const fast = await accept({ version: 1, locale: 'ru', subject });
      expect(viaFastPath(fast)).toBe(true);
      expect({ status: fast.status, body: fast.body }).toEqual({ status: 429, body: { data: null, error } });
      const full = await accept({ version: 1, locale: 'kk', subject }, 'full');
      expect(viaFastPath(full)).toBe(false);
      expect({ status: full.status, body: full.body }).toEqual({ status: 429, body: { data: null, error } });
      expect(await countRecords(server)).toBe(before);
      // Another subject is not held back by this one.
      expect((await accept({ version: 1, locale: 'ru', subject: `other-${randomUUID()}` })).status).toBe(201);
    });

    it('still answers a repeated acceptance with 200 and records a withdrawal at the limit', async () => {
      const subject = `full-${randomUUID()}`;
      expect((await accept({ version: 1, locale: 'ru', subject })).status).toBe(201);
      expect((await withdraw(subject)).status).toBe(201);
      const first = await accept({ version: 1, locale: 'ru', subject });
      expect((await accept({ version: 1, locale: 'kk', subject })).status).toBe(201); // the fourth event
      const repeat = await accept({ version: 1, locale: 'ru', subject });
      expect({ status: repeat.status, id: repeat.body.data.id }).toEqual({ status: 200, id: first.body.data.id });
      // Consent stays withdrawable, so the subject ends one past the limit, and there it stops.
      expect((await withdraw(subject)).status).toBe(201);
      expect((await withdraw(subject)).status).toBe(200);
      expect((await accept({ version: 1, locale: 'ru', subject })).status).toBe(429);
      const history = await http(server, 'GET', `/policy-versions/acceptances?subject=${subject}`, { token: officer });
      expect(history.body.meta.pagination.total).toBe(5);
    });
  });

  describe('appends read what they decide on, not the whole history', () => {
    const subject = `long-${randomUUID()}`;

    beforeAll(async () => {
      // 30 rounds of accept and withdraw, then one acceptance in each locale.
      for (let round = 0; round < 30; round += 1) {
        if ((await accept({ version: 1, locale: 'ru', subject })).status !== 201) throw new Error('accept failed');
        if ((await withdraw(subject)).status !== 201) throw new Error('withdraw failed');
      }
      for (const locale of ['ru', 'kk']) {
        if ((await accept({ version: 1, locale, subject })).status !== 201) throw new Error('accept failed');
      }
    });

    it('reads the events from the last withdrawal on, and counts up to the limit asked for', async () => {
      const repository = acceptancesRepository(server.strapi);
      const keys = [{ subject, policy: 'privacy' }, { subject: subject.toUpperCase(), policy: 'privacy' }, { subject, policy: 'none' }];
      const [tail, upper, none] = await server.strapi.db.transaction(({ trx }) => repository.latestFor(keys, 1000, trx));
      expect(tail.events.map((event) => `${event.event} ${event.locale}`)).toEqual(['withdrawn ru', 'accepted ru', 'accepted kk']);
      expect(tail.count).toBe(62);
      // Subjects are exact, also where the collation ignores case; a key with no events has none.
      expect(upper).toEqual({ events: [], count: 0 });
      expect(none).toEqual({ events: [], count: 0 });
      const [capped] = await server.strapi.db.transaction(({ trx }) => repository.latestFor(keys.slice(0, 1), 10, trx));
      expect(capped.count).toBe(10);
    });

    it('keeps idempotency and withdrawal exactly as before on a long history', async () => {
      const kk = (await http(server, 'GET', `/policy-versions/acceptances?subject=${subject}&locale=kk`, { token: officer })).body.data[0];
      const repeat = await accept({ version: 1, locale: 'kk', subject });
      expect({ status: repeat.status, id: repeat.body.data.id }).toEqual({ status: 200, id: kk.id });
      const concurrent = await Promise.all(Array.from({ length: 6 }, () => withdraw(subject)));
      expect(concurrent.map((res) => res.status).sort()).toEqual([200, 200, 200, 200, 200, 201]);
      expect(new Set(concurrent.map((res) => res.body.data.id)).size).toBe(1);
      // The highest version accepted since the last withdrawal, its latest record: kk.
      expect(concurrent[0].body.data).toMatchObject({ event: 'withdrawn', version: 1, locale: 'kk' });
      expect((await accept({ version: 1, locale: 'kk', subject })).status).toBe(201);
    });
  });

  describe('inside a caller\'s transaction', () => {
    const request = { ip: '127.0.0.1', userAgent: null, acceptLanguage: null };
    const body = (subject: string) => ({ version: 1, locale: 'ru', subject });

    it('refuses with a clear error and writes nothing, also while the transaction holds SQLite\'s write lock', async () => {
      const before = await countRecords(server);
      const inside = server.strapi.db.transaction(() => ledger().accept('privacy', body(`trx-${randomUUID()}`), { kind: 'api-token' }, request));
      await expect(inside).rejects.toThrow(LedgerInTransactionError);
      await expect(inside).rejects.toThrow(/cannot append inside a database transaction/);

      let outside: ReturnType<typeof accept> | undefined;
      await server.strapi.db.transaction(async () => {
        // A write that matches nothing still makes this transaction SQLite's writer.
        await server.strapi.db.query('plugin::policy-versions.acceptance').updateMany({ where: { seq: -1 }, data: { source: 'x' } });
        await expect(ledger().accept('privacy', body(`trx-${randomUUID()}`), { kind: 'api-token' }, request)).rejects.toThrow(LedgerInTransactionError);
        // A request from outside is not drawn into this transaction: on SQLite it waits for it to end.
        outside = accept(body(`outside-${randomUUID()}`));
      });
      expect((await (outside as NonNullable<typeof outside>)).status).toBe(201);
      expect(await countRecords(server)).toBe(before + 1);
    });

    it('records durably when called from the transaction\'s onCommit', async () => {
      let recorded: Promise<{ created: boolean; data: { id: string } }> | undefined;
      await server.strapi.db.transaction(async ({ onCommit }) => {
        onCommit(() => {
          recorded = ledger().accept('privacy', body(`commit-${randomUUID()}`), { kind: 'api-token' }, request);
        });
      });
      const result = await (recorded as NonNullable<typeof recorded>);
      expect(result.created).toBe(true);
      expect(await server.strapi.db.query('plugin::policy-versions.acceptance').count({ where: { documentId: result.data.id } })).toBe(1);
    });
  });

  describe('verification fails closed, and so do appends', () => {
    let total: number;
    let last: Record<string, any>;
    let alarms: jest.SpyInstance;

    const unavailable = (reason: string) => ({
      data: null,
      error: { status: 503, name: 'ServiceUnavailableError', message: expect.stringContaining('not accepting records'), details: { reason } },
    });
    /** An append through both paths: refused with a 503 naming the reason, an alarm logged, and nothing written. */
    const refused = async (reason: string) => {
      const before = await countRecords(server);
      for (const stack of ['fast', 'full'] as const) {
        const res = await accept({ version: 1, locale: 'ru', subject: `refused-${randomUUID()}` }, stack);
        expect({ fast: viaFastPath(res), status: res.status, body: res.body }).toEqual({ fast: stack === 'fast', status: 503, body: unavailable(reason) });
      }
      expect(await countRecords(server)).toBe(before);
      expect(alarms).toHaveBeenCalledWith(expect.stringMatching(new RegExp(`ALARM.*\\(${reason}\\).*"Repairing the chain head"`)));
      alarms.mockClear();
    };

    beforeAll(async () => {
      expect(await verify()).toMatchObject({ ok: true, firstBroken: null });
      total = await countRecords(server);
      last = await record(total);
      // Recorded, not printed: the alarms below are expected.
      alarms = jest.spyOn(server.strapi.log, 'error').mockImplementation(() => server.strapi.log);
    });

    afterAll(() => alarms.mockRestore());

    afterEach(async () => {
      // Every case leaves the chain as it found it.
      expect(await verify()).toEqual({ ok: true, count: total, firstBroken: null, mismatchedTexts: [], log: expect.objectContaining({ problem: null }) });
    });

    it('reports a missing head row over records, refuses appends with an alarm, and boot does not re-create it', async () => {
      await knex()(HEADS).where('name', 'main').delete();
      expect(await verify()).toEqual({ ok: false, count: total, firstBroken: { id: null, position: total + 1, reason: 'head-missing' }, mismatchedTexts: [], log: expect.any(Object) });
      // What `npm run verify-ledger` prints: it runs this same verify.
      const admin = server.strapi.plugin('policy-versions').service('ledger-admin');
      expect(admin.describeVerification(await admin.verify())).toBe(`the chain breaks at position ${total + 1}: head-missing (${total} records read)`);

      await refused('head-missing');
      // The bootstrap's step: it leaves the head missing, and says so.
      await ledger().ensureChain();
      expect(await head()).toBeUndefined();
      expect(alarms).toHaveBeenCalledWith(expect.stringMatching(/ALARM.*\(head-missing\)/));

      // The repair in docs/ledger.md, as written there.
      await knex().raw(
        `INSERT INTO pv_ledger_heads (document_id, name, seq, hash, created_at, updated_at, published_at)
         SELECT 'repaired-main', 'main', seq, hash, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP
         FROM pv_acceptances ORDER BY seq DESC LIMIT 1`
      );
      expect(await head()).toMatchObject({ seq: total, hash: last.hash });
      expect(await verify()).toEqual({ ok: true, count: total, firstBroken: null, mismatchedTexts: [], log: expect.objectContaining({ problem: null }) });
      const res = await accept({ version: 1, locale: 'ru', subject: `repaired-${randomUUID()}` });
      expect(res.status).toBe(201);
      total += 1;
      last = await record(total);
    });

    it('reports a head rolled back behind the last record, and refuses appends', async () => {
      const previous = await record(total - 1);
      await knex()(HEADS).where('name', 'main').update({ seq: total - 1, hash: previous.hash });
      expect(await verify()).toEqual({ ok: false, count: total - 1, firstBroken: { id: last.document_id, position: total, reason: 'head-behind' }, mismatchedTexts: [], log: expect.any(Object) });
      await refused('head-behind');
      await knex()(HEADS).where('name', 'main').update({ seq: total, hash: last.hash });
    });

    it('reports records cut off after the last one the head names, and refuses appends', async () => {
      await knex()(RECORDS).where('seq', total).delete();
      expect(await verify()).toEqual({ ok: false, count: total - 1, firstBroken: { id: null, position: total, reason: 'head-mismatch' }, mismatchedTexts: [], log: expect.any(Object) });
      await refused('head-mismatch');
      await knex()(RECORDS).insert(last);
    });

    it('reports a gap in the positions', async () => {
      const gone = await record(3);
      await knex()(RECORDS).where('seq', 3).delete();
      expect((await verify()).firstBroken).toEqual({ id: (await record(4)).document_id, position: 3, reason: 'missing-record' });
      await knex()(RECORDS).insert(gone);
    });

    it('reports two records at one position', async () => {
      // Only possible once the unique index on the position is gone.
      await knex().schema.alterTable(RECORDS, (table) => table.dropUnique(['seq'], 'pv_acceptances_seq_unique'));
      const { id: _id, ...original } = await record(5);
      const copy = { ...original, document_id: randomUUID() };
      await knex()(RECORDS).insert(copy);
      expect(await verify()).toEqual({ ok: false, count: total + 1, firstBroken: { id: copy.document_id, position: 5, reason: 'duplicate-record' }, mismatchedTexts: [], log: expect.any(Object) });
      await knex()(RECORDS).where('document_id', copy.document_id).delete();
      await knex().schema.alterTable(RECORDS, (table) => table.unique(['seq'], { indexName: 'pv_acceptances_seq_unique' }));
    });
  });
});
