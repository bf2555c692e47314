import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadKeyring } from '../../server/src/domain/evidence/keys';
import type { EvidencePack } from '../../server/src/domain/evidence/pack';
import { verifyEvidencePack } from '../../server/src/domain/evidence/pack-verify';
import { recordHash } from '../../server/src/domain/ledger/chain';
import { contentHash } from '../../server/src/domain/hash';
import { apiToken, LEDGER } from '../support/ledger';
import { editor, KK_BODY } from '../support/policies';
import { adminToken, http, startServer, TEST_SIGNING_KEY, type TestServer } from '../support/strapi';
import { startTsa } from '../support/tsa';

const PRIVACY_RU = '## 1. Общие положения\n\n1.1. Политика обработки персональных данных.\n';
const TERMS_RU = '## Условия\n\nПользуйтесь сервисом бережно.\n';
const EVIDENCE = '/policy-versions/acceptances/evidence';
const RECORDS = 'pv_acceptances';
const HEADS = 'pv_ledger_heads';
const CHECKPOINTS = 'pv_ledger_checkpoints';
const SUBJECT = 'user-42';
const ROOT = path.resolve(__dirname, '..', '..');

// The log's key as the operator publishes it, derived here from the configured key, not read from the server.
const VERIFIER_KEY = loadKeyring({ name: 'policy-versions', current: TEST_SIGNING_KEY }).current.verifierKey;
const trusted = { trustedVerifierKeys: [VERIFIER_KEY] };

const until = async <T>(read: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> => {
  for (let i = 0; i < 200; i += 1) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
};

/** Downloads as the admin's browser does: the raw bytes, with status and headers. */
async function download(server: TestServer, query: string, token?: string) {
  const response = await fetch(`${server.baseUrl}${EVIDENCE}?${query}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const bytes = Buffer.from(await response.arrayBuffer());
  const type = response.headers.get('content-type') ?? '';
  return { status: response.status, type, disposition: response.headers.get('content-disposition'), bytes, json: type.includes('json') ? JSON.parse(bytes.toString('utf8')) : undefined };
}

/*
 * Evidence packs from a real Strapi: checkpoints every 3 records, timestamped by a local RFC 3161 authority. A
 * subject accepts, withdraws and accepts another policy among other subjects' records; the admin's pack verifies
 * offline with the log key alone, and keeps verifying after the database is rewritten, while a pack made from the
 * rewritten database does not.
 */
describe('evidence packs', () => {
  let server: TestServer;
  let tsa: Awaited<ReturnType<typeof startTsa>>;
  let officer: string;
  let token: string;
  let pack: EvidencePack;

  const knex = () => server.strapi.db.connection;
  const accept = (policy: string, markdown: string, subject: string) =>
    http(server, 'POST', `${LEDGER}/${policy}/acceptances`, { token, body: { version: 1, locale: 'ru', contentHash: contentHash(markdown), subject } });

  beforeAll(async () => {
    tsa = await startTsa();
    server = await startServer({ env: { POLICY_CHECKPOINT_EVERY: '3', POLICY_TSA_URL: tsa.url, POLICY_TSA_CA: tsa.caPem } });
    const admin = editor(server, await adminToken(server));
    await admin.createPolicy('privacy');
    await admin.release('privacy', { ru: PRIVACY_RU, kk: KK_BODY }, { material: true });
    await admin.createPolicy('terms');
    await admin.release('terms', { ru: TERMS_RU, kk: KK_BODY }, { material: true });
    token = await apiToken(server);
    officer = await adminToken(server, ['plugin::policy-versions.export']);

    const steps = [
      () => accept('privacy', PRIVACY_RU, 'other-1'),
      () => accept('privacy', PRIVACY_RU, SUBJECT),
      () => accept('privacy', PRIVACY_RU, 'other-2'),
      () => accept('terms', TERMS_RU, 'other-3'),
      () => http(server, 'POST', `${LEDGER}/privacy/withdrawals`, { token, body: { subject: SUBJECT, reason: 'changed my mind' } }),
      () => accept('privacy', PRIVACY_RU, 'other-4'),
      () => accept('terms', TERMS_RU, SUBJECT),
      () => accept('terms', TERMS_RU, 'other-5'),
    ];
    for (const step of steps) expect((await step()).status).toBe(201);
    // So that every record is in a timestamped checkpoint before the first pack.
    await server.strapi.plugin('policy-versions').service('ledger').updateLog(true);
    // Anchoring runs after each commit: wait for the authority's tokens.
    await until(() => knex()(CHECKPOINTS).whereNull('timestamp_token').count({ n: '*' }).first(), (row: any) => Number(row.n) === 0, 'timestamps');
  });

  afterAll(async () => {
    await server?.stop();
    await tsa?.close();
  });

  it('gives the admin a JSON pack, as an attachment, that verifies offline with the log key alone', async () => {
    const res = await download(server, `subject=${SUBJECT}`, officer);
    expect(res.status).toBe(200);
    expect(res.type).toMatch(/^application\/json/);
    expect(res.disposition).toMatch(new RegExp(`^attachment; filename="evidence-${SUBJECT}-\\d{4}-\\d{2}-\\d{2}\\.json"$`));
    pack = res.json;

    const report = verifyEvidencePack(pack, trusted);
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    expect(pack.subject).toBe(SUBJECT);
    // The subject's three records and the publications of the two texts they name, in log order.
    const events = pack.entries.map(({ record }) => [record.event, record.policy, record.subject]);
    expect(events).toEqual([
      ['published', 'privacy', null],
      ['published', 'terms', null],
      ['accepted', 'privacy', SUBJECT],
      ['withdrawn', 'privacy', SUBJECT],
      ['accepted', 'terms', SUBJECT],
    ]);
    expect(pack.texts.map((t) => [t.policy, t.locale, t.markdown])).toEqual([
      ['privacy', 'ru', PRIVACY_RU],
      ['terms', 'ru', TERMS_RU],
    ]);
    // Every record sits in a timestamped checkpoint, and the earlier ones that first held them are in the pack.
    expect(pack.entries.every((entry) => entry.firstAnchoredIn !== null)).toBe(true);
    expect(pack.earlierCheckpoints.length).toBeGreaterThan(0);
    expect(pack.earlierCheckpoints.every((c) => c.timestamp !== null && c.treeSize < pack.checkpoint.treeSize)).toBe(true);
    expect(report.proves.some((line) => line.includes('is a prefix of'))).toBe(true);
    expect(report.proves.some((line) => line.includes('was published at entry'))).toBe(true);
  });

  it('renders the pack as an HTML report and a PDF', async () => {
    const html = await download(server, `subject=${SUBJECT}&format=html&locale=en`, officer);
    expect(html.status).toBe(200);
    expect(html.type).toMatch(/^text\/html/);
    expect(html.disposition).toMatch(/filename="evidence-user-42-[\d-]+\.html"/);
    const text = html.bytes.toString('utf8');
    expect(text).toContain(SUBJECT);
    expect(text).toContain(contentHash(PRIVACY_RU));
    expect(text).toContain(pack.entries[2].record.hash);

    const pdf = await download(server, `subject=${SUBJECT}&format=pdf&locale=kk`, officer);
    expect(pdf.status).toBe(200);
    expect(pdf.type).toBe('application/pdf');
    expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('answers only admins with the export action, and bad requests in Strapi\'s error shape', async () => {
    expect((await download(server, `subject=${SUBJECT}`)).status).toBe(401);
    const reader = await adminToken(server, ['plugin::policy-versions.read-acceptances']);
    expect((await download(server, `subject=${SUBJECT}`, reader)).status).toBe(403);

    const cases: Array<[string, number]> = [
      ['subject=nobody', 404],
      [`subject=${SUBJECT}&format=xml`, 400],
      [`subject=${SUBJECT}&locale=de`, 400],
      ['subject=', 400],
      ['format=json', 400],
      [`subject=${'x'.repeat(256)}`, 400],
    ];
    for (const [query, status] of cases) {
      const res = await download(server, query, officer);
      expect({ query, status: res.status }).toEqual({ query, status });
      expect(res.json.error).toEqual(expect.objectContaining({ status, name: expect.any(String), message: expect.any(String) }));
    }
  });

  it('signs a checkpoint first when none covers the subject\'s last record yet', async () => {
    // An acceptance that happens to complete a checkpoint's three records is covered already: then the next one.
    let seq = 0;
    let subject = '';
    for (let n = 0; n < 3 && !subject; n += 1) {
      expect((await accept('privacy', PRIVACY_RU, `late-${n}`)).status).toBe(201);
      const latest = Number((await knex()(CHECKPOINTS).max({ size: 'tree_size' }).first())?.size);
      seq = Number((await knex()(RECORDS).where('subject', `late-${n}`).first()).seq);
      if (latest < seq) subject = `late-${n}`;
    }
    expect(subject).not.toBe('');
    const res = await download(server, `subject=${subject}`, officer);
    expect(res.status).toBe(200);
    expect(res.json.checkpoint.treeSize).toBeGreaterThanOrEqual(seq);
    expect(verifyEvidencePack(res.json, trusted).problems).toEqual([]);
  });

  it('makes a pack for an erased subject under their pseudonym', async () => {
    const superAdmin = await adminToken(server);
    const erased = await http(server, 'POST', '/policy-versions/acceptances/erasures', { token: superAdmin, body: { subject: 'other-2' } });
    expect(erased.status).toBe(201);
    const res = await download(server, `subject=${encodeURIComponent(erased.body.meta.pseudonym)}`, officer);
    expect(res.status).toBe(200);
    expect(res.disposition).toMatch(/filename="evidence-erased_[0-9a-f-]+-[\d-]+\.json"/);
    const report = verifyEvidencePack(res.json, trusted);
    expect(report.problems).toEqual([]);
    expect(report.proves.some((line) => line.includes('were erased by the erasure event'))).toBe(true);
  });

  it('answers 503 when the server has no signing key', async () => {
    const signing = server.strapi.plugin('policy-versions').service('signing');
    const keyring = signing.keyring;
    signing.keyring = () => null;
    try {
      const res = await download(server, `subject=${SUBJECT}`, officer);
      expect(res.status).toBe(503);
      expect(res.json.error.message).toContain('signing key');
    } finally {
      signing.keyring = keyring;
    }
  });

  it('writes the pack with `npm run evidence-pack`, and exits 1 naming the problem for an unknown subject', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pv-evidence-'));
    // In a process of its own, on this test's database (the environment names it) and the plugin's TypeScript source;
    // asynchronously, so this process's server and its connections keep running meanwhile.
    const run = (...args: string[]) =>
      new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const script = path.join(ROOT, 'scripts', 'evidence-pack.js');
        execFile(process.execPath, ['--require', 'tsx/cjs', script, ...args], { cwd: ROOT, env: process.env, timeout: 120_000 }, (error, _stdout, stderr) =>
          resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stderr })
        );
      });
    try {
      const out = path.join(dir, 'evidence.json');
      const made = await run('--subject', SUBJECT, '--out', out);
      expect(made).toEqual({ code: 0, stderr: expect.stringContaining(`the evidence pack for ${SUBJECT} verifies`) });
      expect(verifyEvidencePack(JSON.parse(readFileSync(out, 'utf8')), trusted).problems).toEqual([]);

      const unknown = await run('--subject', 'nobody');
      expect(unknown.code).toBe(1);
      expect(unknown.stderr).toContain('The ledger has no records of this subject');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 240_000);

  it('after the chain is rewritten and rehashed: the pack made before still verifies, a new one does not', async () => {
    const target = Number((await knex()(RECORDS).where({ subject: SUBJECT, event: 'accepted', policy_key: 'privacy' }).first()).seq);
    const rows = await knex()(RECORDS).where('seq', '>=', target).orderBy('seq');
    let prev: string | null = rows[0].prev_hash;
    for (const row of rows) {
      const record = {
        seq: Number(row.seq), id: row.document_id, policy: row.policy_key, version: row.version === null ? null : Number(row.version), locale: row.locale,
        contentHash: row.content_hash, event: row.event, recordedAt: Number(row.seq) === target ? '2020-01-01T00:00:00.000Z' : row.recorded_at,
        acceptLanguage: row.accept_language, source: row.source, purposes: row.purposes ?? null, identityDigest: row.identity_digest, prevHash: prev,
      };
      const hash = recordHash(record);
      await knex()(RECORDS).where('id', row.id).update({ recorded_at: record.recordedAt, prev_hash: prev, hash });
      prev = hash;
    }
    await knex()(HEADS).update({ hash: prev });

    expect(verifyEvidencePack(pack, trusted).problems).toEqual([]);
    const after = await download(server, `subject=${SUBJECT}`, officer);
    expect(after.status).toBe(200);
    const report = verifyEvidencePack(after.json, trusted);
    expect(report.ok).toBe(false);
    expect(report.problems.join('\n')).toContain('the inclusion proof does not verify');
    const html = await download(server, `subject=${SUBJECT}&format=html&locale=en`, officer);
    expect(html.bytes.toString('utf8')).toContain('NOT VERIFIED');
  });
});
