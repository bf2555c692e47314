import { canonicalJson } from '../../server/src/domain/ledger/canonical';
import { createVerifier } from '../../server/src/domain/ledger/chain';
import { ACTIONS } from '../../server/src/constants';
import { apiToken, countRecords, LEDGER } from '../support/ledger';
import { editor, KK_BODY } from '../support/policies';
import { adminToken, http, startServer, type TestServer } from '../support/strapi';

const RU = '## 1. Общие положения\n\n1.1. Политика обработки персональных данных.\n';
const ACCEPTANCE_UID = 'plugin::policy-versions.acceptance' as any;

describe('acceptance ledger: compliance officers\' routes', () => {
  let server: TestServer;
  let officer: string;
  const admin = (path: string, token = officer) => http(server, 'GET', `/policy-versions${path}`, { token });
  // Exports are files: read as text, never parsed as one JSON document.
  const download = async (path: string) => {
    const response = await fetch(`${server.baseUrl}/policy-versions${path}`, { headers: { authorization: `Bearer ${officer}` } });
    return { status: response.status, headers: response.headers, body: await response.text() };
  };

  beforeAll(async () => {
    server = await startServer();
    const editorApi = editor(server, await adminToken(server));
    await editorApi.createPolicy('privacy');
    await editorApi.release('privacy', { ru: RU, kk: KK_BODY });
    const token = await apiToken(server);
    // 30 subjects accept in ru or kk; every fifth withdraws afterwards.
    for (let n = 1; n <= 30; n += 1) {
      const accepted = await http(server, 'POST', `${LEDGER}/privacy/acceptances`, {
        token,
        body: { version: 1, locale: n % 3 === 0 ? 'kk' : 'ru', subject: `s${n}`, source: 'signup', metadata: { form: 'a,b "c"', n } },
        headers: { 'user-agent': n === 7 ? '=cmd|calc' : 'Agent/1.0' },
      });
      if (accepted.status !== 201) throw new Error(JSON.stringify(accepted.body));
    }
    for (let n = 5; n <= 30; n += 5) {
      const withdrawn = await http(server, 'POST', `${LEDGER}/privacy/withdrawals`, { token, body: { subject: `s${n}`, reason: 'no' } });
      if (withdrawn.status !== 201) throw new Error(JSON.stringify(withdrawn.body));
    }
    officer = await adminToken(server, [ACTIONS.readAcceptances, ACTIONS.export, ACTIONS.erase]);
  });

  afterAll(async () => server?.stop());

  it('guards every route with the plugin\'s own actions', async () => {
    const reader = await adminToken(server, [ACTIONS.read]);
    const listOnly = await adminToken(server, [ACTIONS.readAcceptances]);
    const exportOnly = await adminToken(server, [ACTIONS.export]);
    for (const path of ['/acceptances', '/acceptances/stats?policy=privacy', '/acceptances/verify', '/acceptances/export?format=csv']) {
      expect((await admin(path, reader)).status).toBe(403);
    }
    expect((await admin('/acceptances', listOnly)).status).toBe(200);
    expect((await admin('/acceptances/verify', listOnly)).status).toBe(200);
    expect((await admin('/acceptances/export?format=csv', listOnly)).status).toBe(403);
    expect((await admin('/acceptances/export?format=csv', exportOnly)).status).toBe(200);
    expect((await admin('/acceptances', exportOnly)).status).toBe(403);
    const erase = (token: string) => http(server, 'POST', '/policy-versions/acceptances/erasures', { token, body: { subject: 's1' } });
    expect((await erase(listOnly)).status).toBe(403);
    expect((await erase(exportOnly)).status).toBe(403);
    // Reading and exporting the whole ledger is still not the right to erase from it.
    expect((await erase(await adminToken(server, [ACTIONS.readAcceptances, ACTIONS.export]))).status).toBe(403);
    expect((await http(server, 'GET', '/policy-versions/acceptances')).status).toBe(401);
  });

  it('lists newest first with filters and a capped page size', async () => {
    const all = await admin('/acceptances?pageSize=1000');
    expect(all.status).toBe(200);
    // The log's own events, with no subject: the policy's creation, its publication in ru and kk, and the audit
    // events of the previous test's verification and export, each naming the admin.
    const logged = all.body.data.filter((record: any) => record.subject === null);
    expect(logged.map((record: any) => `${record.event}:${record.source}`).sort()).toEqual([
      'audit:export',
      'audit:verification',
      'policy-created:publication',
      'published:publication',
      'published:publication',
    ]);
    for (const audit of logged.filter((record: any) => record.event === 'audit')) {
      expect(audit.metadata.admin).toEqual({ id: expect.stringMatching(/^\d+$/), email: expect.stringContaining('@') });
    }
    expect(logged.find((record: any) => record.source === 'export').metadata).toMatchObject({ format: 'csv', oneSubject: false, filters: {} });
    expect(all.body.meta.pagination).toEqual({ page: 1, pageSize: 100, total: 36 + logged.length, pageCount: 1 });
    expect(all.body.data.find((record: any) => record.subject !== null).event).toBe('withdrawn');
    expect(Object.keys(all.body.data[0]).sort()).toEqual(
      ['id', 'subject', 'policy', 'version', 'locale', 'contentHash', 'event', 'recordedAt', 'ip', 'userAgent', 'acceptLanguage', 'source', 'metadata', 'purposes', 'givenBy', 'prevHash', 'hash'].sort()
    );

    const page = await admin('/acceptances?policy=privacy&event=accepted&pageSize=7&page=2');
    expect(page.body.meta.pagination).toEqual({ page: 2, pageSize: 7, total: 30, pageCount: 5 });
    expect(page.body.data).toHaveLength(7);
    expect(page.body.data.every((record: any) => record.event === 'accepted')).toBe(true);

    const kk = await admin('/acceptances?locale=kz&version=1');
    expect(kk.body.meta.pagination.total).toBe(13); // the kk text's publication, 10 acceptances and 2 withdrawals (s15, s30)
    const one = await admin('/acceptances?subject=s10');
    expect(one.body.data.map((record: any) => record.event)).toEqual(['withdrawn', 'accepted']);

    const first = all.body.data.at(-1).recordedAt;
    const last = all.body.data[0].recordedAt;
    expect((await admin(`/acceptances?from=${first}&to=${last}`)).body.meta.pagination.total).toBe(all.body.meta.pagination.total);
    expect((await admin(`/acceptances?from=${new Date(Date.parse(last) + 1).toISOString()}`)).body.meta.pagination.total).toBe(0);
    expect((await admin('/acceptances?policy=none')).body.meta.pagination.total).toBe(0);

    for (const bad of ['event=deleted', 'version=x', 'locale=de', 'from=yesterday', 'page=0', 'pageSize=-1']) {
      const res = await admin(`/acceptances?${bad}`);
      expect({ bad, status: res.status }).toEqual({ bad, status: 400 });
    }
  });

  it('counts subjects, versions and locales, and days', async () => {
    const res = await admin('/acceptances/stats?policy=privacy');
    expect(res.status).toBe(200);
    const today = new Date().toISOString().slice(0, 10);
    expect(res.body).toEqual({
      data: {
        policy: 'privacy',
        currentVersion: 1,
        subjectsTotal: 30,
        subjectsOnCurrent: 24,
        perVersionLocale: [
          { version: 1, locale: 'kk', accepted: 10, withdrawn: 2 },
          { version: 1, locale: 'ru', accepted: 20, withdrawn: 4 },
        ],
        daily: [{ date: today, accepted: 30, withdrawn: 6 }],
      },
    });
    expect((await admin('/acceptances/stats')).status).toBe(400);
    expect((await admin('/acceptances/stats?policy=nope')).status).toBe(404);
  });

  it('exports every field as NDJSON that an outside verifier can check, and as CSV', async () => {
    const ndjson = await download('/acceptances/export?format=ndjson');
    expect(ndjson.status).toBe(200);
    expect(ndjson.headers.get('content-type')).toMatch(/application\/x-ndjson/);
    expect(ndjson.headers.get('content-disposition')).toMatch(/attachment; filename="acceptances-.*\.ndjson"/);
    const rows = (ndjson.body as string).trim().split('\n').map((line) => JSON.parse(line));
    expect(rows.filter((row) => row.subject !== null)).toHaveLength(36);
    expect(rows[0]).toMatchObject({ position: 1, event: 'policy-created', subject: null });
    expect(rows[3]).toMatchObject({ position: 4, subject: 's1', metadata: { form: 'a,b "c"', n: 1 }, identitySalt: expect.any(String) });
    // The export's own audit event was appended before it was read, so the export holds it.
    expect(rows.at(-1)).toMatchObject({ event: 'audit', source: 'export', metadata: { format: 'ndjson' } });
    const verifier = createVerifier();
    for (const row of rows) {
      // The JSON fields are hashed as their stored canonical text.
      const stored = (value: unknown) => (value == null ? value : canonicalJson(value));
      verifier.push({ ...row, seq: row.position, metadata: stored(row.metadata), purposes: stored(row.purposes) });
    }
    expect(verifier.finish(null)).toEqual({ ok: true, count: rows.length, firstBroken: null });

    const csv = await download('/acceptances/export?format=csv&event=withdrawn');
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    const lines = (csv.body as string).trim().split('\r\n');
    expect(lines[0]).toBe(
      'position,id,subject,policy,version,locale,contentHash,event,recordedAt,ip,userAgent,acceptLanguage,source,metadata,purposes,givenBy,identitySalt,identityDigest,prevHash,hash'
    );
    expect(lines).toHaveLength(7);
    expect(lines[1]).toMatch(/^34,[0-9a-f-]{36},s5,privacy,1,ru,sha256:[0-9a-f]{64},withdrawn,/);
    const injected = await download('/acceptances/export?format=csv&subject=s7');
    expect(injected.body).toContain(",'=cmd|calc,");
    expect(injected.body).toContain('"{""form"":""a,b \\""c\\"""",""n"":7}"');

    expect((await admin('/acceptances/export?format=xml')).status).toBe(400);
    expect((await admin('/acceptances/export?format=csv&from=garbage')).status).toBe(400);
  });

  it('tells subjects apart by exact value, also where the database collation ignores case', async () => {
    const token = await apiToken(server);
    for (const subject of ['Mixed', 'mixed']) {
      const res = await http(server, 'POST', `${LEDGER}/privacy/acceptances`, { token, body: { version: 1, locale: 'ru', subject } });
      expect(res.status).toBe(201);
    }
    const listed = await admin('/acceptances?subject=mixed');
    expect(listed.body.meta.pagination.total).toBe(1);
    expect(listed.body.data.map((record: any) => record.subject)).toEqual(['mixed']);
    const exported = await download('/acceptances/export?format=ndjson&subject=Mixed');
    expect(exported.body.trim().split('\n').map((line) => JSON.parse(line).subject)).toEqual(['Mixed']);
    // s1..s30, Mixed and mixed.
    expect((await admin('/acceptances/stats?policy=privacy')).body.data).toMatchObject({ subjectsTotal: 32, subjectsOnCurrent: 26 });
    const status = await http(server, 'GET', `${LEDGER}/privacy/acceptances/status?subject=MIXED`, { token });
    expect(status.body.data).toMatchObject({ acceptedVersion: null, reason: 'never-accepted' });
  });

  it('erases a subject\'s identifying fields, records the erasure, and the chain still verifies', async () => {
    const before = await countRecords(server);
    const res = await http(server, 'POST', '/policy-versions/acceptances/erasures', { token: officer, body: { subject: 's3' } });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({ event: 'erased', subject: res.body.meta.pseudonym, ip: null, metadata: { erasedRecords: 1 } });
    expect(res.body.meta.pseudonym).toBe(`erased:${res.body.data.id}`);
    // The erasure event and, in the same transaction, the audit event naming the admin who asked.
    expect(await countRecords(server)).toBe(before + 2);
    const [audit] = (await admin('/acceptances?event=audit&pageSize=1')).body.data;
    expect(audit).toMatchObject({
      source: 'erasure',
      subject: null,
      metadata: { pseudonym: res.body.meta.pseudonym, erasedRecords: 1, admin: { email: expect.stringContaining('@') } },
    });
    expect(JSON.stringify(audit)).not.toContain('"s3"');

    expect((await admin('/acceptances?subject=s3')).body.data).toEqual([]);
    const pseudonymous = (await admin(`/acceptances?subject=${res.body.meta.pseudonym}`)).body.data;
    expect(pseudonymous.map((record: any) => record.event).sort()).toEqual(['accepted', 'erased']);
    const erased = pseudonymous.find((record: any) => record.event === 'accepted');
    expect(erased).toMatchObject({ ip: null, userAgent: null, metadata: null, policy: 'privacy', version: 1 });

    const token = await apiToken(server);
    const status = await http(server, 'GET', `${LEDGER}/privacy/acceptances/status?subject=s3`, { token });
    expect(status.body.data).toMatchObject({ acceptedVersion: null, mustAccept: true, reason: 'never-accepted' });

    const verify = await admin('/acceptances/verify');
    expect(verify.body).toEqual({ data: { ok: true, count: before + 2, firstBroken: null, mismatchedTexts: [], log: expect.objectContaining({ problem: null }) } });
    expect((await http(server, 'POST', '/policy-versions/acceptances/erasures', { token: officer, body: { subject: 's3' } })).status).toBe(404);
    expect((await http(server, 'POST', '/policy-versions/acceptances/erasures', { token: officer, body: {} })).status).toBe(400);
  });

  it('records, naming the admin, every change to which admin roles hold the plugin\'s actions', async () => {
    const superAdmin = await adminToken(server);
    const lastAudit = async () => (await admin('/acceptances?event=audit&pageSize=1', superAdmin)).body.data[0];
    const created = await http(server, 'POST', '/admin/roles', { token: superAdmin, body: { name: 'Auditors', description: 'reads the ledger' } });
    expect(created.status).toBe(201);
    const role = created.body.data;
    const setPermissions = (actions: string[]) =>
      http(server, 'PUT', `/admin/roles/${role.id}/permissions`, {
        token: superAdmin,
        body: { permissions: actions.map((action) => ({ action, subject: null, properties: {}, conditions: [] })) },
      });
    expect((await setPermissions([ACTIONS.readAcceptances, ACTIONS.export])).status).toBe(200);
    const grant = await lastAudit();
    expect(grant).toMatchObject({ event: 'audit', source: 'permissions', metadata: { revoked: [], admin: { email: expect.stringContaining('@') } } });
    expect(grant.metadata.granted.map((item: any) => `${item.scope} ${item.role} ${item.action}`).sort()).toEqual([
      `admin Auditors ${ACTIONS.export}`,
      `admin Auditors ${ACTIONS.readAcceptances}`,
    ]);

    // A permission on something else is not the plugin's business; dropping export is.
    expect((await setPermissions([ACTIONS.readAcceptances, 'admin::users.read'])).status).toBe(200);
    const revocation = await lastAudit();
    expect(revocation.id).not.toBe(grant.id);
    expect(revocation.metadata).toMatchObject({ granted: [], revoked: [expect.objectContaining({ role: 'Auditors', action: ACTIONS.export })] });

    const deleted = await http(server, 'DELETE', `/admin/roles/${role.id}`, { token: superAdmin });
    expect(deleted.status).toBe(200);
    expect((await lastAudit()).metadata).toMatchObject({ granted: [], revoked: [expect.objectContaining({ action: ACTIONS.readAcceptances })] });
  });

  it('verifies the chain and reports the first broken link after tampering in the database', async () => {
    expect((await admin('/acceptances/verify')).body.data.ok).toBe(true);
    const target = await server.strapi.db.query(ACCEPTANCE_UID).findOne({ where: { seq: 12 } });
    await server.strapi.db.query(ACCEPTANCE_UID).update({ where: { id: target.id }, data: { version: 2 } });
    const total = await countRecords(server);
    const afterEdit = await admin('/acceptances/verify');
    expect(afterEdit.body.data).toEqual({
      ok: false,
      count: total,
      firstBroken: { id: target.documentId, position: 12, reason: 'hash-mismatch' },
      // The edited record now names a version that was never published: no release holds what it says was accepted.
      mismatchedTexts: [{ policy: target.policyKey, version: 2, locale: target.locale, contentHash: target.contentHash, releasedHash: null }],
      log: expect.objectContaining({ checkpoints: 0 }),
    });

    await server.strapi.db.query(ACCEPTANCE_UID).update({ where: { id: target.id }, data: { version: 1 } });
    const gone = await server.strapi.db.query(ACCEPTANCE_UID).findOne({ where: { seq: 20 } });
    await server.strapi.db.query(ACCEPTANCE_UID).delete({ where: { id: gone.id } });
    const afterDelete = await admin('/acceptances/verify');
    expect(afterDelete.body.data.firstBroken).toMatchObject({ position: 20, reason: 'missing-record' });
  });
});
