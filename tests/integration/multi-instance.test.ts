import { bootChild, childAdminCall, sharedDatabase, type ChildServer } from '../support/child-server';

/*
 * Two Strapi processes on one database (a shared SQLite file, PostgreSQL schema or MariaDB database): a
 * version published through one must reach readers of the other within the documented bound, the
 * timeline TTL (timelineTtlMs, 1 s by default), and at once on the instance that published it.
 */
const TTL_MS = 1000;
const current = async (server: ChildServer) => {
  const response = await fetch(`${server.url}/api/policy-versions/policies/privacy/current?locale=ru`);
  return ((await response.json()) as any).data;
};

describe('several instances on one database', () => {
  let database: Awaited<ReturnType<typeof sharedDatabase>>;
  let a: ChildServer;
  let b: ChildServer;
  let admin: { email: string; password: string };

  beforeAll(async () => {
    database = await sharedDatabase('pv-instances-');
    database.env.POLICY_CHECKPOINT_EVERY = '5';
    a = await bootChild(database.env);
    b = await bootChild(database.env);
    admin = database.setup().admin;
  });

  afterAll(async () => database?.cleanup());

  const adminCall = (server: ChildServer, method: string, route: string, body?: unknown) => childAdminCall(server, admin, method, route, body);

  it('keeps one chain and one transparency log when both append at once', async () => {
    const { accessKey } = await adminCall(a, 'POST', '/admin/api-tokens', { name: 'instances', type: 'full-access', lifespan: null });
    const version = await current(a);
    const accept = (server: ChildServer, n: number) =>
      fetch(`${server.url}/api/policy-versions/policies/privacy/acceptances`, {
        method: 'POST',
        headers: { authorization: `Bearer ${accessKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ version: version.version, locale: 'ru', contentHash: version.contentHash, subject: `user-${n}` }),
      }).then(async (response) => ({ status: response.status, body: (await response.json()) as any }));
    const answers = await Promise.all(Array.from({ length: 20 }, (_, n) => accept(n % 2 ? a : b, n)));
    expect(answers.map((answer) => answer.status)).toEqual(Array(20).fill(201));
    // Both instances booted on the same database, and each logged what the releases call for: once, between them.
    const records = (await adminCall(a, 'GET', '/policy-versions/acceptances?pageSize=100')) as any[];
    const logged = records.filter((record) => record.subject === null).map((record) => `${record.event} ${record.policy} v${record.version} ${record.locale}`);
    expect(logged).toContain('policy-created privacy vnull null');
    expect(logged).toContain('published privacy v1 ru');
    expect(new Set(logged).size).toBe(logged.length);
    const before = logged.length;
    const positions = answers.map((answer) => answer.body.meta.receipt.logIndex).sort((x, y) => x - y);
    expect(positions).toEqual(Array.from({ length: 20 }, (_, n) => before + n));

    const verified = await adminCall(b, 'GET', '/policy-versions/acceptances/verify');
    expect(verified).toMatchObject({ ok: true, count: before + 20, log: { problem: null } });
    // A checkpoint closes the batch in which 5 records have gathered, so concurrent batches make fewer than 4.
    expect(verified.log.checkpoints).toBeGreaterThan(0);
    // Either instance proves a record the other wrote, to the same checkpoint.
    const written = answers.find((answer, n) => n % 2 === 1)!.body.meta.receipt.recordHash;
    const proofs = await Promise.all(
      [a, b].map(async (server) => (await fetch(`${server.url}/api/policy-versions/ledger/proofs/inclusion?hash=${written}&treeSize=${before + 20}`)).json())
    );
    expect(proofs[0]).toEqual(proofs[1]);
    expect((proofs[0] as any).data.treeSize).toBe(before + 20);
  });

  it('serves a new version everywhere within the timeline TTL', async () => {
    const before = await current(b);
    expect(before.version).toBe(1);

    const call = (method: string, route: string, body?: unknown) => adminCall(a, method, `/policy-versions${route}`, body);
    const draft = await call('POST', '/policies/privacy/versions', { copyFrom: 'current' });
    await call('PUT', `/versions/${draft.documentId}/locales/ru`, { body: 'Новая редакция.' });
    await call('POST', `/versions/${draft.documentId}/publish`, { material: false, effectiveAt: null });
    const publishedAt = Date.now();

    expect((await current(a)).version).toBe(2);
    // B may still answer from its timeline for up to the TTL; once the TTL has passed it must have switched.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, publishedAt + TTL_MS + 50 - Date.now())));
    const after = await current(b);
    expect(after).toMatchObject({ version: 2, markdown: 'Новая редакция.' });
  });
});
