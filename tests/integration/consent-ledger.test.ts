import { ACTIONS } from '../../server/src/constants';
import { apiToken, LEDGER } from '../support/ledger';
import { DEMO_TERMS, editor, KK_BODY } from '../support/policies';
import { adminToken, http, startServer, type TestServer } from '../support/strapi';

const RU = '## 1. Общие положения\n\n1.1. Политика обработки персональных данных.\n';
const days = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString();

/** The tests' complete terms with a third purpose (optional); `extra` adds or changes items. */
const terms = (extra: Record<string, unknown> = {}) => ({
  ...DEMO_TERMS,
  purposes: [...DEMO_TERMS.purposes, { id: 'marketing', required: false, title: { ru: 'Рассылки', kk: 'Хабарламалар', en: 'Newsletters' } }],
  ...extra,
});

/*
 * Issue 13 on the ledger side, over HTTP: purposes given and withdrawn, consent given by a representative,
 * withdrawals with their processing-stop deadline and outcome, overdue withdrawals, the notice of a scheduled
 * material change in status, and the list of who must accept again.
 */
describe('consent as Law 94-V words it: purposes, representatives, withdrawals handled, notice of changes', () => {
  let server: TestServer;
  let token: string;
  let officer: string;
  let admin: ReturnType<typeof editor>;

  const accept = (body: Record<string, unknown>) => http(server, 'POST', `${LEDGER}/privacy/acceptances`, { token, body: { version: 1, locale: 'ru', ...body } });
  const withdraw = (body: Record<string, unknown>) => http(server, 'POST', `${LEDGER}/privacy/withdrawals`, { token, body });
  const status = async (subject: string) => (await http(server, 'GET', `${LEDGER}/privacy/acceptances/status?subject=${subject}`, { token })).body.data;
  const adminGet = (path: string, as = officer) => http(server, 'GET', `/policy-versions${path}`, { token: as });

  async function release(consent: Record<string, unknown>, options: { effectiveAt?: string; material?: boolean } = {}) {
    const draft = await admin.createDraft('privacy');
    await admin.setLocale(draft.documentId, 'ru', { title: 'Политика', body: `${RU}${options.effectiveAt ?? ''}\n` });
    await admin.setLocale(draft.documentId, 'kk', { title: 'Саясат', body: KK_BODY });
    await admin.call('PUT', `/versions/${draft.documentId}/consent`, consent);
    return admin.publish(draft.documentId, { material: options.material ?? false, effectiveAt: options.effectiveAt ?? null });
  }

  beforeAll(async () => {
    server = await startServer();
    admin = editor(server, await adminToken(server));
    await admin.createPolicy('privacy');
    await release(terms());
    token = await apiToken(server);
    officer = await adminToken(server, [ACTIONS.readAcceptances, ACTIONS.export, ACTIONS.handleWithdrawals]);
  });

  afterAll(async () => server?.stop());

  it('records each purpose: a required one must be given, an optional one is recorded as given or not', async () => {
    const missing = await accept({ subject: 'p-1', purposes: { analytics: true } });
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toContain('"service"');
    expect((await accept({ subject: 'p-1', purposes: { service: false } })).status).toBe(400);
    const unknown = await accept({ subject: 'p-1', purposes: { service: true, ads: true } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toContain('"ads"');
    expect((await accept({ subject: 'p-1', purposes: { service: 'yes' } })).status).toBe(400);
    expect((await status('p-1')).acceptedVersion).toBeNull();

    const given = await accept({ subject: 'p-1', purposes: { service: true, analytics: true, marketing: false } });
    expect(given.status).toBe(201);
    expect(given.body.data.purposes).toEqual({ analytics: true, marketing: false, service: true });
    // The receipt carries the terms as Kantara names them, the purposes given only.
    expect(given.body.meta.receipt).toMatchObject({ storageLocation: 'KZ', operatorBin: '123456789012' });
    expect(given.body.meta.receipt.services[0].purposes).toEqual([
      expect.objectContaining({ purpose: 'Оказание услуг', purposeCategory: ['service'], primaryPurpose: true, purposeTermination: 'until withdrawn', piiCategory: DEMO_TERMS.dataCategories, thirdPartyDisclosure: false }),
      expect.objectContaining({ purpose: 'Аналитика посещений', purposeCategory: ['analytics'], primaryPurpose: false }),
    ]);
    // No purposes sent: the text accepted as a whole, its required purposes given, the optional ones not.
    const whole = await accept({ subject: 'p-2' });
    expect(whole.body.data.purposes).toEqual({ analytics: false, marketing: false, service: true });
    expect((await status('p-1')).purposes).toEqual({ analytics: true, marketing: false, service: true });
  });

  it('withdraws some optional purposes and leaves the consent standing; a required one withdraws it all', async () => {
    await accept({ subject: 'w-1', purposes: { service: true, analytics: true, marketing: true } });
    const partial = await withdraw({ subject: 'w-1', purposes: ['marketing'] });
    expect(partial.status).toBe(201);
    expect(partial.body.data).toMatchObject({ event: 'withdrawn', purposes: ['marketing'] });
    expect(partial.body.meta.processingStopBy).toEqual(expect.stringMatching(/^\d{4}-\d\d-\d\dT18:59:59\.999Z$/));
    expect(await status('w-1')).toMatchObject({ acceptedVersion: 1, withdrawn: false, mustAccept: false, purposes: { analytics: true, marketing: false, service: true } });
    // The same again changes nothing.
    expect((await withdraw({ subject: 'w-1', purposes: ['marketing'] })).status).toBe(200);
    expect((await withdraw({ subject: 'w-1', purposes: ['nope'] })).status).toBe(400);

    const whole = await withdraw({ subject: 'w-1', purposes: ['service'] });
    expect(whole.status).toBe(201);
    expect(whole.body.data.purposes).toBeNull();
    expect(await status('w-1')).toMatchObject({ withdrawn: true, mustAccept: true, purposes: null });
  });

  it('records a legal representative with the acceptance, in its receipt and export, and erases them with the subject', async () => {
    const givenBy = { role: 'representative', name: 'Айгүл Серікқызы', relation: 'parent' };
    const res = await accept({ subject: 'child-1', givenBy });
    expect(res.status).toBe(201);
    expect(res.body.data.givenBy).toEqual(givenBy);
    expect(res.body.meta.receipt.givenBy).toEqual(givenBy);
    expect((await accept({ subject: 'child-2', givenBy: { role: 'guardian', name: 'X', relation: 'y' } })).status).toBe(400);
    expect((await accept({ subject: 'child-2', givenBy: { role: 'representative', name: '', relation: 'parent' } })).status).toBe(400);
    const exported = await fetch(`${server.baseUrl}/policy-versions/acceptances/export?format=ndjson&subject=child-1`, { headers: { authorization: `Bearer ${officer}` } });
    expect(JSON.parse((await exported.text()).trim()).givenBy).toEqual(givenBy);

    const eraser = await adminToken(server, [ACTIONS.erase]);
    expect((await http(server, 'POST', '/policy-versions/acceptances/erasures', { token: eraser, body: { subject: 'child-1' } })).status).toBe(201);
    const erased = (await adminGet('/acceptances?event=accepted&pageSize=100')).body.data.filter((record: any) => record.subject?.startsWith('erased:'));
    expect(erased.length).toBeGreaterThan(0);
    for (const record of erased) expect(record.givenBy).toBeNull();
    const verified = await adminGet('/acceptances/verify', await adminToken(server, [ACTIONS.readAcceptances]));
    expect(verified.body.data).toMatchObject({ ok: true, firstBroken: null });
  });

  it('lists withdrawals with their deadline, records an outcome once, and counts the overdue ones', async () => {
    await accept({ subject: 'o-1' });
    await accept({ subject: 'o-2' });
    const first = (await withdraw({ subject: 'o-1' })).body.data;
    await withdraw({ subject: 'o-2' });
    const open = await adminGet('/withdrawals?status=open&policy=privacy');
    expect(open.status).toBe(200);
    const ids = open.body.data.map((item: any) => item.withdrawal.id);
    expect(ids).toContain(first.id);
    expect(open.body.data[0]).toMatchObject({ overdue: false, outcome: null, processingStopBy: expect.any(String) });
    expect(Date.parse(open.body.data[0].processingStopBy)).toBeGreaterThan(Date.now() + 14 * 86_400_000);

    // A withdrawal recorded long ago, as the database holder could backdate one: past its deadline, it is overdue.
    const records = server.strapi.db.connection('pv_acceptances');
    const old = new Date(Date.now() - 60 * 86_400_000).toISOString();
    const [{ recorded_at: recordedAt }] = await records.clone().where('document_id', first.id).select('recorded_at');
    await records.clone().where('document_id', first.id).update({ recorded_at: old });
    try {
      const overdue = await adminGet('/withdrawals?status=overdue');
      expect(overdue.body.data.map((item: any) => item.withdrawal.id)).toEqual([first.id]);
      expect(overdue.body.data[0].overdue).toBe(true);
      expect(overdue.body.meta.counts.overdue).toBe(1);
      expect(overdue.body.meta.counts.open).toBeGreaterThanOrEqual(2);
    } finally {
      await records.clone().where('document_id', first.id).update({ recorded_at: recordedAt });
    }

    const outcome = (body: Record<string, unknown>, id = first.id, as = officer) =>
      http(server, 'POST', `/policy-versions/withdrawals/${id}/outcome`, { token: as, body });
    expect((await outcome({ outcome: 'refused', ground: 'law' })).status).toBe(400);
    expect((await outcome({ outcome: 'refused', ground: 'because', reason: 'x' })).status).toBe(400);
    expect((await outcome({ outcome: 'stopped', at: 'yesterday' })).status).toBe(400);
    expect((await outcome({ outcome: 'stopped', at: days(2) })).status).toBe(400);
    expect((await outcome({ outcome: 'stopped' }, '00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await outcome({ outcome: 'stopped' }, first.id, await adminToken(server, [ACTIONS.readAcceptances]))).status).toBe(403);

    const stopped = await outcome({ outcome: 'stopped' });
    expect(stopped.status).toBe(201);
    expect(stopped.body.data.outcome).toMatchObject({ outcome: 'stopped', ground: null, recordedBy: { email: expect.stringContaining('@') } });
    expect((await outcome({ outcome: 'refused', ground: 'law', reason: 'Tax Code art. 48' })).status).toBe(409);

    const second = (await adminGet('/withdrawals?status=open')).body.data.find((item: any) => item.withdrawal.subject === 'o-2');
    const refused = await outcome({ outcome: 'refused', ground: 'unfulfilled-obligation', reason: 'Договор займа не исполнен' }, second.withdrawal.id);
    expect(refused.body.data.outcome).toMatchObject({ outcome: 'refused', ground: 'unfulfilled-obligation', reason: 'Договор займа не исполнен' });
    expect((await adminGet('/withdrawals?status=refused')).body.data.map((item: any) => item.withdrawal.id)).toEqual([second.withdrawal.id]);
    expect((await adminGet('/withdrawals?status=stopped')).body.data.map((item: any) => item.withdrawal.id)).toEqual([first.id]);
    // Each outcome is in the ledger too, naming the admin.
    const audits = (await adminGet('/acceptances?event=audit&pageSize=100')).body.data.filter((record: any) => record.source === 'withdrawal-outcome');
    expect(audits.map((record: any) => record.metadata.withdrawal).sort()).toEqual([first.id, second.withdrawal.id].sort());
    expect((await adminGet('/withdrawals?status=later')).status).toBe(400);
  });

  it('warns ahead of a scheduled material change, and lists who must accept again when it takes effect', async () => {
    await accept({ subject: 'n-1' });
    expect(await status('n-1')).toMatchObject({ mustAccept: false, pending: null });
    // A new purpose is a material change of the terms, whatever the editor ticks.
    const next = await release(terms({ purposes: [...terms().purposes, { id: 'profiling', required: false, title: { ru: 'Профилирование' } }] }), {
      effectiveAt: days(10),
      material: false,
    });
    expect(next.material).toBe(true);
    expect(await status('n-1')).toMatchObject({ mustAccept: false, pending: { version: next.version, effectiveAt: next.effectiveAt } });

    const list = await fetch(`${server.baseUrl}/policy-versions/acceptances/reacceptance?policy=privacy&version=${next.version}&format=csv`, {
      headers: { authorization: `Bearer ${officer}` },
    });
    expect(list.status).toBe(200);
    expect(list.headers.get('content-disposition')).toContain(`reacceptance-privacy-v${next.version}.csv`);
    const lines = (await list.text()).trim().split('\r\n');
    expect(lines[0]).toBe('subject,acceptedVersion,locale,acceptedAt');
    const subjects = lines.slice(1).map((line) => line.split(',')[0]);
    expect(subjects).toContain('n-1');
    expect(subjects).toContain('p-1');
    // Withdrew, or erased: no consent to renew.
    expect(subjects).not.toContain('w-1');
    expect(subjects.some((subject) => subject.startsWith('erased:'))).toBe(false);

    // Accepting the scheduled version ends the notice for that subject.
    expect((await accept({ subject: 'n-1', version: next.version })).status).toBe(201);
    expect(await status('n-1')).toMatchObject({ pending: null });
    const after = await (await fetch(`${server.baseUrl}/policy-versions/acceptances/reacceptance?policy=privacy&version=${next.version}&format=ndjson`, {
      headers: { authorization: `Bearer ${officer}` },
    })).text();
    expect(after.trim().split('\n').map((line) => JSON.parse(line).subject)).not.toContain('n-1');
    expect((await adminGet('/acceptances/reacceptance?policy=privacy&version=99')).status).toBe(404);
    expect((await adminGet('/acceptances/reacceptance?policy=privacy')).status).toBe(400);
  });
});
