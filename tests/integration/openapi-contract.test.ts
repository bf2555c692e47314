import Ajv2020 from 'ajv/dist/2020';
import type { RouteContract } from '../../shared/contracts/route';
import { contentHash } from '../../server/src/domain/hash';
import { pluginDocument } from '../../server/src/openapi';
import { documentProblems } from '../../server/src/openapi/check';
import { openApiPath, type JsonSchema } from '../../server/src/openapi/document';
import { contentApi } from '../../server/src/routes/content-api';
import { apiToken, endUser } from '../support/ledger';
import { demoText, editor, KK_BODY } from '../support/policies';
import { adminToken, http, startServer, type HttpResult, type TestServer } from '../support/strapi';

/**
 * The OpenAPI document against the running plugin: every route of the content-API table is called with
 * real requests, and every answer's status must be documented and its body match the document's schema
 * for that status. A route the table gains needs a contract (else nothing here type-checks) and probes.
 */

const RU_V1 = demoText('ru');
const RU_V2 = RU_V1.replace('персональных данных', 'персональных сведений');

interface Fixture {
  user: string;
  token: string;
  hash: string;
  /** The hash of the ledger's first acceptance, and its leaf index in the log. */
  recordHash: string;
  logIndex: number;
}

const signCheckpoint = (server: TestServer) => server.strapi.plugin('policy-versions').service('ledger').updateLog(true);

interface Probe {
  status: number;
  params?: Record<string, string>;
  query?: string;
  body?: unknown;
  /** A signed-in end user's JWT, a full-access API token, or a bearer token that is neither. */
  auth?: 'user' | 'token' | 'forged';
  /** Asked first without, then with the first answer's ETag in If-None-Match: `status` is the second answer's. */
  revalidate?: true;
  /** Brings the server to the state the probe needs (a checkpoint signed, say) before it is sent. */
  before?: (server: TestServer) => Promise<unknown>;
}

const NO_SUCH_KEY = { key: 'nope' };
const BAD_KEY = { key: 'Not_A_Key' };
const accepted = ({ hash }: Fixture) => ({ version: 2, locale: 'ru', contentHash: hash });

// The requests each route is called with, by the contract's method and path, in the order they are sent.
const PROBES: Record<string, (fixture: Fixture) => Probe[]> = {
  'GET /policies': () => [{ status: 200 }, { status: 200, query: 'locale=kk' }, { status: 400, query: 'locale=de' }],
  'GET /policies/:key/current': () => [
    { status: 200, query: 'locale=ru' },
    { status: 200, query: 'locale=en' },
    { status: 304, query: 'locale=ru', revalidate: true },
    { status: 400, query: 'at=yesterday' },
    { status: 404, params: NO_SUCH_KEY },
  ],
  'GET /policies/:key/versions': () => [{ status: 200 }, { status: 400, query: 'locale=de' }, { status: 404, params: NO_SUCH_KEY }],
  'GET /policies/:key/versions/:version': () => [
    { status: 200, params: { version: '1' }, query: 'locale=en' },
    { status: 304, params: { version: '2' }, revalidate: true },
    { status: 400, params: { version: '0' } },
    { status: 404, params: { version: '99' } },
  ],
  'GET /policies/:key/diff': () => [
    { status: 200, query: 'locale=ru' },
    { status: 200, query: 'from=1&to=2&format=html' },
    { status: 200, query: 'format=html&view=side-by-side' },
    { status: 304, query: 'from=1&to=2', revalidate: true },
    { status: 400, query: 'format=xml' },
    { status: 404, query: 'from=99' },
  ],
  'POST /policies/:key/acceptances': (fixture) => [
    { status: 201, auth: 'user', body: accepted(fixture) },
    { status: 200, auth: 'user', body: accepted(fixture) },
    { status: 201, auth: 'token', body: { ...accepted(fixture), subject: 'crm-1' } },
    { status: 400, auth: 'user', body: { version: 'two', locale: 'ru' } },
    { status: 401, auth: 'forged', body: accepted(fixture) },
    // Without a token the Public role asks, which has no ledger action.
    { status: 403, body: accepted(fixture) },
    { status: 403, auth: 'user', body: { ...accepted(fixture), subject: 'someone-else' } },
    { status: 404, auth: 'user', params: NO_SUCH_KEY, body: accepted(fixture) },
    { status: 409, auth: 'token', body: { version: 2, locale: 'ru', contentHash: contentHash(RU_V1), subject: 'crm-2' } },
  ],
  'POST /policies/:key/withdrawals': () => [
    { status: 201, auth: 'user', body: { reason: 'No longer use the service' } },
    { status: 200, auth: 'user', body: {} },
    { status: 400, auth: 'user', body: { reason: 5 } },
    { status: 401, auth: 'forged', body: {} },
    { status: 403, auth: 'user', body: { subject: 'someone-else' } },
    { status: 404, auth: 'user', params: NO_SUCH_KEY, body: {} },
    { status: 409, auth: 'token', body: { subject: 'never-accepted' } },
  ],
  'GET /policies/:key/acceptances/status': () => [
    { status: 200, auth: 'user' },
    { status: 200, auth: 'token', query: 'subject=crm-1' },
    { status: 400, auth: 'token' },
    { status: 401, auth: 'forged' },
    { status: 403, auth: 'user', query: 'subject=crm-1' },
    { status: 404, auth: 'user', params: NO_SUCH_KEY },
  ],
  'GET /policies/:key/acceptances/me': () => [
    { status: 200, auth: 'user' },
    { status: 400, auth: 'user', params: BAD_KEY },
    { status: 401, auth: 'forged' },
    { status: 403, auth: 'token' },
  ],
  'GET /ledger/keys': () => [{ status: 200 }],
  // The ledger has records but no checkpoint yet (one is signed every 1,000 by default) until a probe signs one.
  'GET /ledger/checkpoint': () => [{ status: 404 }, { status: 200, before: signCheckpoint }],
  'GET /ledger/checkpoints': () => [{ status: 200 }, { status: 200, query: 'from=1&to=5' }, { status: 400, query: 'from=-1' }],
  'GET /ledger/proofs/inclusion': ({ recordHash, logIndex }) => [
    { status: 200, query: `hash=${recordHash}` },
    // The smallest tree that holds it (the publication events come first).
    { status: 200, query: `hash=${recordHash}&treeSize=${logIndex + 1}` },
    { status: 400, query: 'hash=sha256:abc' },
    { status: 404, query: `hash=${'0'.repeat(64)}` },
    { status: 404, query: `hash=${recordHash}&treeSize=100000` },
  ],
  'GET /ledger/proofs/consistency': () => [
    { status: 200, query: 'from=0&to=1' },
    { status: 200, query: 'from=1&to=1' },
    { status: 400, query: 'from=2&to=1' },
    { status: 404, query: 'from=1&to=100000' },
  ],
  'GET /openapi.json': () => [{ status: 200 }],
};

// Each of these a route documents must be seen in a real answer.
const EXERCISED = [200, 201, 304, 400, 401, 404, 409];

const document = pluginDocument();
const entries = Object.entries(contentApi);
const routeKey = (contract: Pick<RouteContract, 'method' | 'path'>) => `${contract.method} ${contract.path}`;

// Answer schemas point into the document's components; for ajv each one carries them as its $defs.
const asDefs = (value: unknown) => JSON.parse(JSON.stringify(value).replaceAll('"#/components/schemas/', '"#/$defs/'));
// zod writes a pattern beside each format it emits, and ajv checks the pattern.
const ajv = new Ajv2020({ allErrors: true, validateFormats: false });
const definitions = asDefs(document.components.schemas);
const validate = (schema: JsonSchema, value: unknown): string[] => {
  const check = ajv.compile({ ...asDefs(schema), $defs: definitions });
  return check(value) ? [] : (check.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message} ${JSON.stringify(error.params)}`);
};

/** What is wrong with a real answer against the documented operation: its status, type and body. */
function answerProblems(operation: (typeof document.paths)[string][string], answer: HttpResult): string[] {
  const documented = operation.responses[String(answer.status)];
  if (!documented) return [`answered ${answer.status}, which is not documented: ${JSON.stringify(answer.body).slice(0, 300)}`];
  if (!documented.content) return answer.body === '' ? [] : [`${answer.status} is documented without a body but has one`];
  const type = (answer.headers.get('content-type') ?? '').split(';')[0].trim();
  const media = documented.content[type];
  if (!media) return [`${answer.status} answered ${type || 'no content type'}, documented: ${Object.keys(documented.content).join(', ')}`];
  return validate(media.schema, answer.body).map((problem) => `${answer.status} ${type}: ${problem}`);
}

describe('the OpenAPI document against real answers', () => {
  let server: TestServer;
  let fixture: Fixture;

  beforeAll(async () => {
    server = await startServer();
    const admin = editor(server, await adminToken(server));
    await admin.createPolicy('privacy');
    await admin.release('privacy', { ru: RU_V1, kk: KK_BODY, en: demoText('en') });
    await admin.release('privacy', { ru: RU_V2, kk: KK_BODY.replace('белгілейді', 'анықтайды') });
    const token = await apiToken(server);
    const accepted = await http(server, 'POST', '/api/policy-versions/policies/privacy/acceptances', {
      token,
      body: { version: 2, locale: 'ru', subject: 'contract-first' },
    });
    fixture = { user: (await endUser(server)).jwt, token, hash: contentHash(RU_V2), recordHash: accepted.body.meta.receipt.recordHash, logIndex: accepted.body.meta.receipt.logIndex };
  });

  afterAll(async () => server?.stop());

  it('has a full contract, an operation and probes for every route of the content-API table, and probes for nothing else', () => {
    const problems: string[] = [];
    for (const [name, { contract }] of entries) {
      const given: Partial<RouteContract> = contract;
      const statuses = Object.keys(given.responses ?? {}).map(Number);
      const full =
        (given.audience === 'public' || given.audience === 'end-user') &&
        typeof given.summary === 'string' &&
        typeof given.tag === 'string' &&
        typeof given.request === 'object' &&
        statuses.some((status) => status >= 200 && status < 300) &&
        Object.values(given.responses ?? {}).every((response) => typeof response.description === 'string');
      if (!full) problems.push(`${name} (${routeKey(contract)}) has no full contract`);
      if (!document.paths[openApiPath(contract.path)]?.[contract.method.toLowerCase()]) problems.push(`${name} is not in the document`);
      if (!PROBES[routeKey(contract)]) problems.push(`${name} (${routeKey(contract)}) has no probes`);
    }
    const routes = new Set(entries.map(([, { contract }]) => routeKey(contract)));
    for (const key of Object.keys(PROBES)) if (!routes.has(key)) problems.push(`probes for ${key}, which the table does not have`);
    expect(problems).toEqual([]);
  });

  it('is served as generated, and is structurally valid OpenAPI 3.1', async () => {
    const served = await http(server, 'GET', '/api/policy-versions/openapi.json');
    expect(served.status).toBe(200);
    expect(served.body).toEqual(JSON.parse(JSON.stringify(document)));
    expect(documentProblems(served.body)).toEqual([]);
  });

  it('has examples that match their schemas', () => {
    const problems: string[] = [];
    for (const [path, item] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        for (const [status, response] of Object.entries(operation.responses)) {
          for (const [type, media] of Object.entries(response.content ?? {})) {
            if (media.example === undefined) continue;
            for (const problem of validate(media.schema, media.example)) problems.push(`${method.toUpperCase()} ${path} ${status} ${type}: ${problem}`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });

  for (const [, { contract }] of entries) {
    it(`${routeKey(contract)}: every answer is documented and matches its schema`, async () => {
      const operation = document.paths[openApiPath(contract.path)][contract.method.toLowerCase()];
      const probes = PROBES[routeKey(contract)]?.(fixture) ?? [];
      expect(probes.length).toBeGreaterThan(0);
      const problems: string[] = [];
      const seen = new Set<number>();

      for (const probe of probes) {
        const params: Record<string, string> = { key: 'privacy', ...probe.params };
        const path = contract.path.replace(/:([A-Za-z0-9_]+)/g, (_, name: string) => encodeURIComponent(params[name]));
        const url = `${document.servers[0].url}${path}${probe.query ? `?${probe.query}` : ''}`;
        const label = `${contract.method} ${url}${probe.auth ? ` (${probe.auth})` : ''}`;
        const bearer = { user: fixture.user, token: fixture.token, forged: 'not-a-token' };
        const send = (headers: Record<string, string> = {}) =>
          http(server, contract.method, url, { body: probe.body, headers, token: probe.auth && bearer[probe.auth] });

        await probe.before?.(server);
        const answers = [await send()];
        if (probe.revalidate) answers.push(await send({ 'if-none-match': answers[0].headers.get('etag') ?? '' }));
        for (const answer of answers) {
          seen.add(answer.status);
          problems.push(...answerProblems(operation, answer).map((problem) => `${label}: ${problem}`));
        }
        const last = answers[answers.length - 1];
        if (last.status !== probe.status) problems.push(`${label}: expected ${probe.status}, got ${last.status} ${JSON.stringify(last.body).slice(0, 300)}`);
      }

      const documented = Object.keys(operation.responses).map(Number);
      for (const status of EXERCISED) {
        if (documented.includes(status) && !seen.has(status)) problems.push(`documented ${status} is never answered by a probe`);
      }
      expect(problems).toEqual([]);
    });
  }
});
