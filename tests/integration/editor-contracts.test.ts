import type { z } from '@strapi/utils';
import * as policyContracts from '../../shared/contracts/admin-policies';
import { errorResponse, type RouteContract } from '../../shared/contracts/route';
import * as versionContracts from '../../shared/contracts/versions';
import { adminApi } from '../../server/src/routes/admin';
import { DEMO_TERMS, demoText, KK_BODY } from '../support/policies';
import { adminToken, databaseClient, http, startServer, type TestServer } from '../support/strapi';

// The routes as the route table serves them, so the calls below go through its contracts.
const {
  listPolicies, getPolicy, createPolicy, importText, listVersions, createDraft, getVersion, updateDraftLocale, updateDraftConsent,
  deleteDraft, publicationCheck, publish, withdraw, preview,
} = Object.fromEntries(Object.entries(adminApi).map(([name, entry]) => [name, entry.contract as RouteContract]));

/** The body conforms to the schema and holds nothing it does not declare (parsing drops undeclared keys). */
const conforms = (schema: z.ZodType | undefined, body: unknown) => expect(schema?.parse(body)).toEqual(body);
const days = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString();

describe(`editor contracts: the admin API answers as shared/contracts says (${databaseClient()})`, () => {
  let server: TestServer;
  let token: string;

  /** Calls the route of `contract` with `params` in its path, and checks the answer against the contract's `status`. */
  async function call(contract: RouteContract, status: number, params: Record<string, string> = {}, body?: unknown) {
    const path = contract.path.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(params[name]));
    const res = await http(server, contract.method, `/policy-versions${path}`, { token, body });
    expect({ route: `${contract.method} ${contract.path}`, status: res.status }).toEqual({ route: `${contract.method} ${contract.path}`, status });
    expect(Object.keys(contract.responses)).toContain(String(status));
    if (status === 204) expect(res.body).toBe('');
    else conforms(contract.responses[status].schema, res.body);
    return res.body;
  }

  beforeAll(async () => {
    server = await startServer();
    token = await adminToken(server);
  });

  afterAll(async () => server?.stop());

  it('serves every route of the two contracts in the admin route table', () => {
    const declared = ([...Object.values(policyContracts), ...Object.values(versionContracts)] as unknown[]).filter(
      (value) => typeof value === 'object' && value !== null && 'responses' in value
    );
    expect(declared).toHaveLength(14);
    const served = Object.values(adminApi).map((entry) => entry.contract);
    for (const contract of declared) expect(served).toContain(contract);
  });

  it('answers each route, and each refusal, in the declared shape', async () => {
    const created = await call(createPolicy, 201, {}, { key: 'privacy', titles: { ru: 'Политика', kz: 'Саясат' }, minNoticeDays: 0 });
    expect(created.data).toMatchObject({ key: 'privacy', titles: { ru: 'Политика', kk: 'Саясат' }, requiredLocales: null, minNoticeDays: 0 });
    await call(createPolicy, 409, {}, { key: 'privacy', titles: { ru: 'Политика' } });
    await call(createPolicy, 400, {}, { key: 'privacy' });

    const empty = (await call(createDraft, 201, { key: 'privacy' }, {})).data;
    await call(updateDraftLocale, 200, { documentId: empty.documentId, locale: 'ru' }, { title: 'Политика', body: demoText('ru') });
    await call(updateDraftLocale, 200, { documentId: empty.documentId, locale: 'kk' }, { title: 'Саясат', body: KK_BODY, changeSummary: 'Бірінші' });
    await call(publicationCheck, 200, { documentId: empty.documentId }, { material: false });
    await call(updateDraftConsent, 400, { documentId: empty.documentId }, { operator: { bin: '123' } });
    await call(updateDraftConsent, 200, { documentId: empty.documentId }, DEMO_TERMS);
    await call(getVersion, 200, { documentId: empty.documentId });
    await call(publicationCheck, 200, { documentId: empty.documentId }, { material: false, effectiveAt: days(-1) });
    await call(publicationCheck, 200, { documentId: empty.documentId }, { material: false });
    const published = (await call(publish, 200, { documentId: empty.documentId }, { material: true })).data;
    expect(published).toMatchObject({ state: 'published', status: 'current', version: 1 });
    await call(publish, 409, { documentId: empty.documentId }, { material: true });
    await call(updateDraftConsent, 409, { documentId: empty.documentId }, DEMO_TERMS);
    await call(updateDraftConsent, 404, { documentId: 'doesnotexist' }, DEMO_TERMS);
    await call(updateDraftLocale, 409, { documentId: empty.documentId, locale: 'ru' }, { body: 'x' });

    const scheduled = (await call(createDraft, 201, { key: 'privacy' }, { copyFrom: 'current' })).data;
    await call(createDraft, 201, { key: 'privacy' }, { copyFrom: 1 });
    await call(createDraft, 404, { key: 'privacy' }, { copyFrom: 9 });
    await call(publicationCheck, 200, { documentId: scheduled.documentId }, { material: false, effectiveAt: days(7) });
    await call(publish, 400, { documentId: scheduled.documentId }, { material: false, effectiveAt: days(-7) });
    await call(publish, 200, { documentId: scheduled.documentId }, { material: false, effectiveAt: days(7) });
    await call(withdraw, 200, { documentId: scheduled.documentId });
    await call(withdraw, 409, { documentId: scheduled.documentId });

    const imported = (await call(importText, 201, { key: 'privacy' }, { locale: 'en', text: '1. General\n1.1. Text.', title: 'Policy' })).data;
    await call(importText, 201, { key: 'privacy' }, { locale: 'kz', format: 'markdown', text: KK_BODY, documentId: imported.documentId });
    await call(importText, 404, { key: 'nope' }, { locale: 'en', text: 'x' });

    const versions = (await call(listVersions, 200, { key: 'privacy' })).data as Array<{ status: string }>;
    expect(versions.map((version) => version.status).sort()).toEqual(['current', 'draft', 'draft', 'withdrawn']);
    await call(listVersions, 404, { key: 'nope' });
    await call(listPolicies, 200);
    await call(getPolicy, 200, { key: 'privacy' });
    await call(getPolicy, 404, { key: 'nope' });
    await call(getPolicy, 400, { key: 'Not A Key' });

    await call(deleteDraft, 204, { documentId: imported.documentId });
    await call(deleteDraft, 404, { documentId: imported.documentId });
    await call(deleteDraft, 409, { documentId: published.documentId });
    await call(getVersion, 400, { documentId: 'not-a-document-id' });

    expect((await call(preview, 200, {}, { markdown: '# Title' })).data.html).toContain('<h1');
    await call(preview, 400, {}, {});
  });

  it('lists consent counts with the policies only for admins who may read acceptances', async () => {
    const withLedger = await call(listPolicies, 200);
    expect(withLedger.data.find((policy: { key: string }) => policy.key === 'privacy').acceptances).toEqual({ subjects: 0, subjectsOnCurrent: 0 });
    const editorOnly = await http(server, 'GET', '/policy-versions/policies', {
      token: await adminToken(server, ['plugin::policy-versions.read']),
    });
    expect(editorOnly.status).toBe(200);
    conforms(listPolicies.responses[200].schema, editorOnly.body);
    expect(editorOnly.body.data.length).toBeGreaterThan(0);
    for (const policy of editorOnly.body.data) expect(policy).not.toHaveProperty('acceptances');
  });

  it('refuses without an admin JWT or without the action, in Strapi\'s error shape', async () => {
    const anonymous = await http(server, 'GET', '/policy-versions/policies/privacy');
    expect(anonymous.status).toBe(401);
    conforms(errorResponse, anonymous.body);
    const readOnly = await adminToken(server, ['plugin::policy-versions.read']);
    const forbidden = await http(server, 'POST', '/policy-versions/policies', { token: readOnly, body: { key: 'x', titles: { ru: 'x' } } });
    expect(forbidden.status).toBe(403);
    conforms(errorResponse, forbidden.body);
  });
});
