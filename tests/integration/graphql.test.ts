import { typeDefs } from '../../server/src/graphql/schema';
import { apiToken, countRecords, endUser, LEDGER, ledgerAction } from '../support/ledger';
import { editor, KK_BODY } from '../support/policies';
import { adminToken, http, startServer, type TestServer } from '../support/strapi';

const RU = (n: number) => `## 1. Общие положения\n\n1.1. Редакция ${n} политики обработки персональных данных.\n`;
const KK = (n: number) => `${KK_BODY}\n1.3. Нұсқа ${n}.\n`;
const days = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString();

const UPCOMING = 'upcoming { version effectiveAt material }';
const TEXT = `policy version locale requestedLocale fallback title markdown html contentHash effectiveAt supersededAt material status
  changeSummary publishedAt consent ${UPCOMING} availableLocales`;
const SUMMARY = 'version effectiveAt supersededAt material status publishedAt locales title changeSummary';
const SIDE = 'index text sep type level clause';
const DIFF = `policy from { version effectiveAt } to { version effectiveAt } locale requestedLocale fallback availableLocales schema
  summary { added removed changed moved renumbered unchanged wordsInserted wordsDeleted coarse } lead { old new }
  blocks { kind old { ${SIDE} } new { ${SIDE} } words { op text } coarse }`;
const STATUS = `policy currentVersion acceptedVersion acceptedAt locale withdrawn purposes mustAccept reason
  upcoming { version effectiveAt material accepted mustAccept } pending { version effectiveAt }`;
const RECORD = `id subject policy version locale contentHash event recordedAt ip userAgent acceptLanguage source metadata purposes
  givenBy { role name relation } prevHash hash`;
const RECORDED = `record { ${RECORD} } created receipt receiptJws processingStopBy`;

const CURRENT = `query ($key: String!, $locale: String, $at: String) { policyVersionsCurrent(key: $key, locale: $locale, at: $at) { ${TEXT} } }`;
const VERSIONS = `query ($key: String!, $locale: String) { policyVersionsVersions(key: $key, locale: $locale) { policy locale ${UPCOMING} versions { ${SUMMARY} } } }`;
const VERSION = `query ($key: String!, $version: Int!, $locale: String) { policyVersionsVersion(key: $key, version: $version, locale: $locale) { ${TEXT} } }`;
const DIFF_QUERY = `query ($key: String!, $from: Int, $to: Int, $locale: String) { policyVersionsDiff(key: $key, from: $from, to: $to, locale: $locale) { ${DIFF} } }`;
const STATUS_QUERY = `query ($key: String!, $subject: String) { policyVersionsConsentStatus(key: $key, subject: $subject) { ${STATUS} } }`;
const ACCEPT = `mutation ($key: String!, $input: PolicyVersionsAcceptInput!) { policyVersionsAccept(key: $key, input: $input) { ${RECORDED} } }`;
const WITHDRAW = `mutation ($key: String!, $input: PolicyVersionsWithdrawInput) { policyVersionsWithdraw(key: $key, input: $input) { ${RECORDED} } }`;

/** REST's JSON as GraphQL answers it: what REST leaves out (an absent `status`) is null. */
const withNulls = (value: Record<string, unknown>, fields: string[]) => Object.fromEntries(fields.map((field) => [field, value[field] ?? null]));
const fieldsOf = (selection: string) => selection.replace(/\{[^{}]*\}/g, '').split(/\s+/).filter(Boolean);

describe('GraphQL: the public reads and the consent ledger, with the REST routes\' rules', () => {
  let server: TestServer;
  let hashV2: string;

  const gql = async (query: string, variables: Record<string, unknown> = {}, options: { token?: string; headers?: Record<string, string> } = {}) => {
    const res = await http(server, 'POST', '/graphql', { body: { query, variables }, ...options });
    return { status: res.status, data: res.body.data, errors: res.body.errors as any[] | undefined };
  };
  /** The one error of a call, as Strapi's GraphQL plugin formats it. */
  const failure = async (...args: Parameters<typeof gql>) => {
    const res = await gql(...args);
    expect(res.errors).toHaveLength(1);
    return res.errors![0];
  };
  const rest = async (path: string, token?: string) => (await http(server, 'GET', `${LEDGER}/privacy${path}`, { token })).body;

  beforeAll(async () => {
    server = await startServer();
    const admin = editor(server, await adminToken(server));
    await admin.createPolicy('privacy');
    await admin.release('privacy', { ru: RU(1), kk: KK(1), en: 'Version 1.\n' }, { material: true });
    await admin.release('privacy', { ru: RU(2), kk: KK(2) }, { material: true });
    await admin.release('privacy', { ru: RU(3), kk: KK(3) }, { material: true, effectiveAt: days(30) });
    hashV2 = (await rest('/current?locale=ru')).data.contentHash;
  });

  afterAll(async () => server?.stop());

  describe('public reads, with no credentials', () => {
    it('answers the version in force as REST does, in the locale asked, by Accept-Language, or at an instant', async () => {
      const kk = await gql(CURRENT, { key: 'privacy', locale: 'kk' });
      expect(kk.errors).toBeUndefined();
      const restKk = await rest('/current?locale=kk');
      expect(kk.data.policyVersionsCurrent).toEqual(withNulls({ ...restKk.data, ...restKk.meta }, fieldsOf(TEXT)));
      expect(kk.data.policyVersionsCurrent).toMatchObject({ version: 2, locale: 'kk', upcoming: { version: 3, material: true } });
      expect(kk.data.policyVersionsCurrent.consent.purposes.map((purpose: any) => purpose.id)).toEqual(['service', 'analytics']);

      // kz is read as kk, as REST reads it.
      expect((await gql(CURRENT, { key: 'privacy', locale: 'kz' })).data.policyVersionsCurrent).toMatchObject({ locale: 'kk', requestedLocale: 'kk', fallback: false });
      const negotiated = await gql(CURRENT, { key: 'privacy' }, { headers: { 'accept-language': 'kk-KZ,ru;q=0.5' } });
      expect(negotiated.data.policyVersionsCurrent.locale).toBe('kk');
      // English was dropped from version 2: the policy falls back, and says so.
      expect((await gql(CURRENT, { key: 'privacy', locale: 'en' })).data.policyVersionsCurrent).toMatchObject({ locale: 'ru', requestedLocale: 'en', fallback: true });

      const later = await gql(CURRENT, { key: 'privacy', locale: 'ru', at: days(31).slice(0, 10) });
      expect(later.data.policyVersionsCurrent).toMatchObject({ version: 3, upcoming: null });
      const earlier = await gql(CURRENT, { key: 'privacy', locale: 'en', at: new Date(Date.now() - 86_400_000).toISOString() });
      expect(earlier.errors![0].extensions).toMatchObject({ status: 404, code: 'STRAPI_NOT_FOUND_ERROR', error: { name: 'NotFoundError' } });
    });

    it('lists the versions, gives one version and the diff between two, as REST does', async () => {
      const versions = await gql(VERSIONS, { key: 'privacy', locale: 'kk' });
      expect(versions.errors).toBeUndefined();
      const restVersions = await rest('/versions?locale=kk');
      expect(versions.data.policyVersionsVersions).toEqual({
        ...restVersions.meta,
        versions: restVersions.data.map((summary: Record<string, unknown>) => withNulls(summary, fieldsOf(SUMMARY))),
      });
      expect(versions.data.policyVersionsVersions.versions.map((summary: any) => summary.status)).toEqual(['scheduled', 'current', 'superseded']);

      const one = await gql(VERSION, { key: 'privacy', version: 1, locale: 'en' });
      const restOne = await rest('/versions/1?locale=en');
      expect(one.data.policyVersionsVersion).toEqual(withNulls({ ...restOne.data, ...restOne.meta }, fieldsOf(TEXT)));
      expect(one.data.policyVersionsVersion).toMatchObject({ version: 1, locale: 'en', markdown: 'Version 1.\n' });

      const diff = await gql(DIFF_QUERY, { key: 'privacy', from: 1, to: 2, locale: 'ru' });
      expect(diff.errors).toBeUndefined();
      const restDiff = await rest('/diff?from=1&to=2&locale=ru');
      const { blocks, ...rest_ } = diff.data.policyVersionsDiff;
      expect(rest_).toEqual({ ...restDiff.meta, schema: 1, summary: restDiff.data.summary, lead: restDiff.data.lead, locale: 'ru' });
      expect(blocks.map((block: any) => block.kind)).toEqual(restDiff.data.blocks.map((block: any) => block.kind));
      const changed = blocks.find((block: any) => block.kind === 'changed');
      expect(changed.words).toEqual(expect.arrayContaining([{ op: 'delete', text: '1' }, { op: 'insert', text: '2' }]));
      expect(changed.old).toMatchObject({ clause: '1.1.', type: 'paragraph', level: null });
      // By default: from the version before the one in force, to the one in force.
      expect((await gql(DIFF_QUERY, { key: 'privacy' })).data.policyVersionsDiff).toMatchObject({ from: { version: 1 }, to: { version: 2 } });
    });

    it('refuses what REST refuses, with its status, name, message and details', async () => {
      const german = await failure(CURRENT, { key: 'privacy', locale: 'de' });
      const restGerman = await http(server, 'GET', `${LEDGER}/privacy/current?locale=de`);
      expect(restGerman.status).toBe(400);
      expect(german.message).toBe(restGerman.body.error.message);
      expect(german.extensions).toMatchObject({
        status: 400,
        code: 'BAD_USER_INPUT',
        error: { name: 'ValidationError', message: expect.stringContaining('Unsupported locale "de"') },
      });
      for (const [query, variables] of [
        [VERSIONS, { key: 'privacy', locale: 'xx-YY' }],
        [VERSION, { key: 'privacy', version: 1, locale: 'fr' }],
        [DIFF_QUERY, { key: 'privacy', locale: 'de' }],
      ] as const) {
        expect((await failure(query, variables)).extensions).toMatchObject({ status: 400, error: { name: 'ValidationError' } });
      }

      const badAt = await failure(CURRENT, { key: 'privacy', at: 'yesterday' });
      expect(badAt.extensions).toMatchObject({ status: 400, error: { name: 'ValidationError' } });
      expect(badAt.message).toContain('"at"');
      expect((await failure(VERSION, { key: 'privacy', version: 0 })).extensions.status).toBe(400);
      expect((await failure(CURRENT, { key: 'Not a key!' })).extensions.status).toBe(400);
      expect((await failure(CURRENT, { key: 'nothing-here' })).extensions).toMatchObject({ status: 404, error: { name: 'NotFoundError' } });
      expect((await failure(VERSION, { key: 'privacy', version: 9 })).extensions.status).toBe(404);
      const diffTo = await failure(DIFF_QUERY, { key: 'privacy', from: -1 });
      expect(diffTo.extensions.status).toBe(400);
      expect(diffTo.message).toBe('"from" must be a positive whole version number');
    });
  });

  describe('the consent ledger', () => {
    it('gives a signed-in user their status, records their acceptance once, refuses a stale text, and withdraws', async () => {
      const user = await endUser(server);
      const as = { token: user.jwt, headers: { 'user-agent': 'graphql-test', 'accept-language': 'kk' } };
      const status = async () => (await gql(STATUS_QUERY, { key: 'privacy' }, as)).data.policyVersionsConsentStatus;

      const before = await status();
      expect(before).toMatchObject({ currentVersion: 2, acceptedVersion: null, mustAccept: true, reason: 'never-accepted', withdrawn: false });
      expect(before).toEqual((await rest('/acceptances/status', user.jwt)).data);
      // A signed-in user acts for themselves, as on REST.
      const named = await failure(STATUS_QUERY, { key: 'privacy', subject: 'someone-else' }, as);
      expect(named.extensions).toMatchObject({ status: 403, code: 'FORBIDDEN', error: { name: 'ForbiddenError' } });

      const records = await countRecords(server);
      // A text that changed since it was shown: 409 with the hash of the text in force.
      const stale = await failure(ACCEPT, { key: 'privacy', input: { version: 2, locale: 'kz', contentHash: `sha256:${'0'.repeat(64)}` } }, as);
      expect(stale.extensions).toMatchObject({
        status: 409,
        code: 'STRAPI_CONFLICT_ERROR',
        error: { name: 'ConflictError', details: { policy: 'privacy', version: 2, locale: 'kk', contentHash: (await rest('/current?locale=kk')).data.contentHash } },
      });
      // An older version: 409 naming the version in force now.
      const old = await failure(ACCEPT, { key: 'privacy', input: { version: 1, locale: 'ru' } }, as);
      expect(old.extensions).toMatchObject({ status: 409, error: { name: 'ConflictError', details: { version: 1, currentVersion: 2, upcomingVersion: 3 } } });
      expect(old.message).toContain('show version 2');
      expect(await countRecords(server)).toBe(records);

      const input = { version: 2, locale: 'ru', contentHash: hashV2, source: 'signup', metadata: { form: 'gql' }, purposes: { service: true, analytics: false }, subject: null };
      const first = await gql(ACCEPT, { key: 'privacy', input }, as);
      expect(first.errors).toBeUndefined();
      const recorded = first.data.policyVersionsAccept;
      expect(recorded).toMatchObject({
        created: true,
        processingStopBy: null,
        record: {
          subject: user.id,
          policy: 'privacy',
          version: 2,
          locale: 'ru',
          contentHash: hashV2,
          event: 'accepted',
          userAgent: 'graphql-test',
          acceptLanguage: 'kk',
          source: 'signup',
          metadata: { form: 'gql' },
          purposes: { analytics: false, service: true },
          givenBy: null,
        },
        receipt: { piiPrincipalId: user.id, policyVersion: 2, collectionMethod: 'signup', recordHash: recorded.record.hash },
      });
      expect(recorded.receiptJws).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
      expect(await countRecords(server)).toBeGreaterThan(records);
      const afterFirst = await countRecords(server);

      // The same acceptance again: the original record, nothing written.
      const again = await gql(ACCEPT, { key: 'privacy', input }, as);
      expect(again.data.policyVersionsAccept).toMatchObject({ created: false, record: { id: recorded.record.id, hash: recorded.record.hash } });
      expect(await countRecords(server)).toBe(afterFirst);
      // REST sees the same record.
      const history = await rest('/acceptances/me', user.jwt);
      expect(history.data.map((record: any) => record.id)).toEqual([recorded.record.id]);
      expect(await status()).toMatchObject({ acceptedVersion: 2, mustAccept: false, reason: null, purposes: { analytics: false, service: true }, upcoming: { version: 3, accepted: false, mustAccept: true } });

      const withdrawn = await gql(WITHDRAW, { key: 'privacy', input: { reason: 'No longer used', source: 'settings' } }, as);
      expect(withdrawn.errors).toBeUndefined();
      expect(withdrawn.data.policyVersionsWithdraw).toMatchObject({
        created: true,
        processingStopBy: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        record: { event: 'withdrawn', subject: user.id, version: 2, metadata: { reason: 'No longer used' }, source: 'settings', prevHash: expect.any(String) },
      });
      // Withdrawing again, with no input at all: the original withdrawal.
      const twice = await gql(WITHDRAW, { key: 'privacy' }, as);
      expect(twice.data.policyVersionsWithdraw).toMatchObject({ created: false, record: { id: withdrawn.data.policyVersionsWithdraw.record.id } });
      expect(await status()).toMatchObject({ withdrawn: true, mustAccept: true, reason: 'withdrawn' });
    });

    it('validates the input as REST does', async () => {
      const user = await endUser(server);
      const accept = (input: Record<string, unknown>) => failure(ACCEPT, { key: 'privacy', input: { version: 2, locale: 'ru', ...input } }, { token: user.jwt });

      const locale = await accept({ locale: 'de' });
      expect(locale.extensions).toMatchObject({ status: 400, code: 'BAD_USER_INPUT', error: { name: 'ValidationError' } });
      expect(locale.message).toContain('Unsupported locale "de"');
      expect((await accept({ purposes: { service: 'yes' } })).extensions).toMatchObject({ status: 400, error: { name: 'ValidationError' } });
      const required = await accept({ purposes: { analytics: true } });
      expect(required.extensions.status).toBe(400);
      expect(required.message).toContain('"service"');
      expect((await accept({ contentHash: 'md5:abc' })).message).toBe('contentHash must be "sha256:" and 64 lowercase hex digits');
      expect((await accept({ givenBy: { role: 'guardian', name: 'X', relation: 'y' } })).extensions.status).toBe(400);
      expect((await accept({ metadata: ['not', 'an', 'object'] })).message).toBe('metadata must be a JSON object');
      const large = await accept({ metadata: { note: 'x'.repeat(5000) } });
      expect(large.extensions).toMatchObject({ status: 413, error: { name: 'PayloadTooLargeError', details: { maxMetadataBytes: 4096 } } });
      expect((await accept({ version: 7 })).extensions).toMatchObject({ status: 404, error: { name: 'NotFoundError' } });
      // The schema's own types are checked by GraphQL before any resolver: a 400 response, no data.
      const untyped = await gql(ACCEPT, { key: 'privacy', input: { version: 'two', locale: 'ru' } }, { token: user.jwt });
      expect(untyped.status).toBe(400);
      expect(untyped.errors![0].extensions.code).toBe('BAD_USER_INPUT');
      const source = await failure(WITHDRAW, { key: 'privacy', input: { source: 'not a token!' } }, { token: user.jwt });
      expect(source.extensions).toMatchObject({ status: 400, error: { name: 'ValidationError' } });
      expect(source.message).toBe('source must be a short token such as settings');
      // Valid, but this user has accepted nothing: REST's 409.
      const nothing = await failure(WITHDRAW, { key: 'privacy', input: {} }, { token: user.jwt });
      expect(nothing.extensions).toMatchObject({ status: 409, error: { name: 'ConflictError', details: { policy: 'privacy' } } });
    });

    it('refuses a call with no credentials or a bad one, as REST does, and writes nothing', async () => {
      const records = await countRecords(server);
      const input = { version: 2, locale: 'ru', subject: 'anonymous' };
      const restRefusal = await http(server, 'POST', `${LEDGER}/privacy/acceptances`, { body: input });
      expect(restRefusal.status).toBe(403);
      for (const [query, variables] of [
        [ACCEPT, { key: 'privacy', input }],
        [WITHDRAW, { key: 'privacy', input: { subject: 'anonymous' } }],
        [STATUS_QUERY, { key: 'privacy', subject: 'anonymous' }],
      ] as const) {
        const refused = await failure(query, variables);
        expect(refused.extensions).toMatchObject({ code: 'FORBIDDEN', error: { name: restRefusal.body.error.name } });
      }
      // A Public role given the action lets the call through; the plugin still wants a user or a token behind it.
      const publicRole = await server.strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'public' } });
      const grant = await server.strapi.db.query('plugin::users-permissions.permission').create({ data: { action: ledgerAction('status'), role: publicRole.id } });
      try {
        const anonymous = await failure(STATUS_QUERY, { key: 'privacy', subject: 'anonymous' });
        expect(anonymous.extensions).toMatchObject({ status: 401, code: 'FORBIDDEN', error: { name: 'UnauthorizedError' } });
        expect((await http(server, 'GET', `${LEDGER}/privacy/acceptances/status?subject=anonymous`)).status).toBe(401);
      } finally {
        await server.strapi.db.query('plugin::users-permissions.permission').delete({ where: { id: grant.id } });
      }
      // A JWT that does not verify is refused before GraphQL runs, with REST's 401.
      const forged = await http(server, 'POST', '/graphql', { token: 'not.a.jwt', body: { query: ACCEPT, variables: { key: 'privacy', input } } });
      expect(forged.status).toBe(401);
      expect(forged.body.error).toMatchObject({ status: 401, name: 'UnauthorizedError' });
      expect(await countRecords(server)).toBe(records);
    });

    it('needs an API token to name the subject, and the token to hold the REST route\'s action', async () => {
      const token = await apiToken(server);
      const unnamed = await failure(ACCEPT, { key: 'privacy', input: { version: 2, locale: 'ru' } }, { token });
      expect(unnamed.extensions).toMatchObject({ status: 400, error: { name: 'ValidationError' } });
      expect(unnamed.message).toBe('A call with an API token must name the "subject" (your user id, a string)');
      expect((await failure(STATUS_QUERY, { key: 'privacy' }, { token })).extensions.status).toBe(400);
      expect((await failure(ACCEPT, { key: 'privacy', input: { version: 2, locale: 'ru', subject: 'erased:x' } }, { token })).extensions.status).toBe(400);

      const accepted = await gql(ACCEPT, { key: 'privacy', input: { version: 2, locale: 'ru', subject: 'app-user-7' } }, { token });
      expect(accepted.data.policyVersionsAccept).toMatchObject({ created: true, record: { subject: 'app-user-7' } });
      const rested = (await http(server, 'GET', `${LEDGER}/privacy/acceptances/status?subject=app-user-7`, { token })).body.data;
      expect((await gql(STATUS_QUERY, { key: 'privacy', subject: 'app-user-7' }, { token })).data.policyVersionsConsentStatus).toEqual(rested);

      // A custom token with the status action only: it reads where consent stands, and records nothing.
      const reader = await apiToken(server, [ledgerAction('status')]);
      expect((await gql(STATUS_QUERY, { key: 'privacy', subject: 'app-user-7' }, { token: reader })).data.policyVersionsConsentStatus.acceptedVersion).toBe(2);
      const records = await countRecords(server);
      for (const [query, variables] of [
        [ACCEPT, { key: 'privacy', input: { version: 2, locale: 'ru', subject: 'app-user-8' } }],
        [WITHDRAW, { key: 'privacy', input: { subject: 'app-user-7' } }],
      ] as const) {
        expect((await failure(query, variables, { token: reader })).extensions).toMatchObject({ code: 'FORBIDDEN', error: { name: 'ForbiddenError' } });
      }
      expect(await countRecords(server)).toBe(records);
    });
  });

  it('exposes only its own fields: the generated CRUD of the plugin\'s types stays off, for a full-access token too', async () => {
    const token = await apiToken(server);
    const schema = await gql('{ __schema { types { name } queryType { fields { name } } mutationType { fields { name } } } }', {}, { token });
    expect(schema.errors).toBeUndefined();
    const names = (fields: Array<{ name: string }>) => fields.map((field) => field.name).filter((name) => /policy/i.test(name)).sort();
    expect(names(schema.data.__schema.queryType.fields)).toEqual([
      'policyVersionsConsentStatus',
      'policyVersionsCurrent',
      'policyVersionsDiff',
      'policyVersionsVersion',
      'policyVersionsVersions',
    ]);
    expect(names(schema.data.__schema.mutationType.fields)).toEqual(['policyVersionsAccept', 'policyVersionsWithdraw']);
    // Every type with the plugin's name is one of docs/graphql.md's: none generated from a content type.
    const declared = [...typeDefs.matchAll(/^\s*(?:type|input) (PolicyVersions\w+)/gm)].map((match) => match[1]).sort();
    expect(names(schema.data.__schema.types)).toEqual(declared);
    expect(schema.data.__schema.types.map((type: any) => type.name)).toContain('UsersPermissionsUser');

    for (const query of ['{ policyAcceptances { subject } }', '{ policyVersionsAcceptances { subject } }', '{ policyVersionsPolicies { key } }']) {
      const res = await gql(query, {}, { token });
      expect(res.status).toBe(400);
      expect(res.errors![0].message).toMatch(/^Cannot query field/);
    }
    const update = await gql('mutation { deletePolicyVersionsAcceptance(documentId: "x") { documentId } }', {}, { token });
    expect(update.status).toBe(400);
    expect(update.errors![0].message).toMatch(/^Cannot query field "deletePolicyVersionsAcceptance"/);
  });
});
