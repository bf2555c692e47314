import { bootChild as boot, killChild as kill, sharedDatabase } from '../support/child-server';
import { databaseClient } from '../support/strapi';

/*
 * Faults a real deployment meets: the process killed with SIGKILL mid-burst, and two Strapi processes
 * appending to one database at once. Each server is a child process (tests/support/serve.js) on a database
 * the test created; the same test runs on SQLite (two processes on one file), PostgreSQL and MariaDB.
 */

async function post(url: string, token: string, body: unknown) {
  const response = await fetch(`${url}/api/policy-versions/policies/privacy/acceptances`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as any };
}

async function officer(url: string, admin: { email: string; password: string }) {
  const login = await fetch(`${url}/admin/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(admin) });
  const token = ((await login.json()) as any).data.token as string;
  const get = async (route: string) => {
    const response = await fetch(`${url}/policy-versions${route}`, { headers: { authorization: `Bearer ${token}` } });
    return response.text();
  };
  return {
    verify: async () => JSON.parse(await get('/acceptances/verify')).data,
    records: async () =>
      (await get('/acceptances/export?format=ndjson'))
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line)),
  };
}

/** Runs `total` calls of `task`, `concurrency` at a time. */
async function burst(total: number, concurrency: number, task: (n: number) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) await task(next++);
    })
  );
}

describe(`acceptance ledger under faults (${databaseClient()})`, () => {
  let database: Awaited<ReturnType<typeof sharedDatabase>>;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    database = await sharedDatabase('pv-faults-');
    env = database.env;
  });

  afterAll(async () => database?.cleanup());

  it('keeps every acknowledged acceptance and a valid chain when the server is killed with SIGKILL mid-burst', async () => {
    const first = await boot(env);
    const { token } = database.setup();
    const acknowledged = new Map<string, string>();
    let failures = 0;
    let killed: Promise<void> | null = null;
    await burst(600, 24, async (n) => {
      try {
        const res = await post(first.url, token, { version: 1, locale: n % 2 ? 'ru' : 'kk', subject: `burst-${n}` });
        if (res.status === 201) acknowledged.set(res.body.data.id, `burst-${n}`);
        else throw new Error(`unexpected ${res.status}`);
      } catch {
        failures += 1;
      }
      if (acknowledged.size >= 150 && !killed) killed = kill(first);
    });
    await killed;
    expect(first.process.signalCode).toBe('SIGKILL');
    expect(acknowledged.size).toBeGreaterThanOrEqual(150);
    expect(failures).toBeGreaterThan(0); // the kill really landed inside the burst

    const second = await boot(env);
    const { admin } = database.setup();
    const audit = await officer(second.url, admin);
    const records = await audit.records();
    const stored = new Map(records.map((record: any) => [record.id, record.subject]));
    for (const [id, subject] of acknowledged) expect(stored.get(id)).toBe(subject);
    expect(await audit.verify()).toEqual({ ok: true, count: records.length, firstBroken: null, mismatchedTexts: [], log: expect.objectContaining({ problem: null }) });

    // The restarted server appends to the same chain.
    const after = await post(second.url, token, { version: 1, locale: 'ru', subject: 'after-restart' });
    expect(after.status).toBe(201);
    // Linked to the record before it: the last one read above, or the audit event of the verification since.
    const chain = await audit.records();
    const previous = chain.find((record: any) => record.position === after.body.meta.receipt.logIndex);
    expect(previous.position).toBeGreaterThanOrEqual(records.at(-1).position);
    expect(after.body.data.prevHash).toBe(previous.hash);
    await kill(second);
  });

  it('keeps one valid chain with two server processes appending to one database, duplicates included', async () => {
    const one = await boot(env);
    const two = await boot(env);
    const { token, admin } = database.setup();
    const statuses: number[] = [];
    // Every subject is sent twice at once, once to each server: exactly one of the two may create it.
    await burst(200, 16, async (n) => {
      const body = { version: 1, locale: 'ru', subject: `pair-${n}` };
      const [a, b] = await Promise.all([post(one.url, token, body), post(two.url, token, body)]);
      statuses.push(a.status, b.status);
      expect(a.body.data.id).toBe(b.body.data.id);
    });
    expect(statuses.filter((status) => status === 201)).toHaveLength(200);
    expect(statuses.filter((status) => status === 200)).toHaveLength(200);

    const audit = await officer(one.url, admin);
    const records = await audit.records();
    const pairs = records.filter((record: any) => record.subject?.startsWith('pair-'));
    expect(pairs).toHaveLength(200);
    expect(new Set(pairs.map((record: any) => record.subject)).size).toBe(200);
    expect(records.map((record: any) => record.position)).toEqual(records.map((_: unknown, i: number) => i + 1));
    expect(await audit.verify()).toEqual({ ok: true, count: records.length, firstBroken: null, mismatchedTexts: [], log: expect.objectContaining({ problem: null }) });
    await Promise.all([kill(one), kill(two)]);
  });
});
