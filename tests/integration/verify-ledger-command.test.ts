import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { apiToken, LEDGER } from '../support/ledger';
import { editor, KK_BODY } from '../support/policies';
import { adminToken, http, startServer, type TestServer } from '../support/strapi';

const ACCEPTANCE_UID = 'plugin::policy-versions.acceptance';
const ROOT = path.resolve(__dirname, '..', '..');

// `npm run verify-ledger` in a process of its own, on this test's database (the environment names it) and the
// plugin's TypeScript source (through tsx, as the child-process test servers do).
const runCommand = () => {
  const result = spawnSync(process.execPath, ['--require', 'tsx/cjs', path.join(ROOT, 'scripts', 'verify-ledger.js')], {
    cwd: ROOT,
    env: process.env,
    encoding: 'utf8',
    timeout: 120_000,
  });
  const verdict = result.stdout.split('\n').find((line) => /^(all \d+ records and \d+ checkpoints verify|the chain breaks at |the transparency log fails)/.test(line));
  return { code: result.status, verdict, output: `${result.stdout}\n${result.stderr}` };
};

describe('npm run verify-ledger', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startServer();
    const admin = editor(server, await adminToken(server));
    await admin.createPolicy('privacy');
    await admin.release('privacy', { ru: 'Текст.', kk: KK_BODY }, { material: true });
    const token = await apiToken(server);
    for (let i = 0; i < 5; i += 1) {
      const res = await http(server, 'POST', `${LEDGER}/privacy/acceptances`, { body: { version: 1, locale: 'ru', subject: `v${i}` }, token });
      expect(res.status).toBe(201);
    }
  });

  afterAll(async () => server?.stop());

  it('says all records verify and exits 0, then names the first broken link and exits 1 after tampering', async () => {
    const intact = runCommand();
    expect({ code: intact.code, verdict: intact.verdict }).toEqual({ code: 0, verdict: 'all 8 records and 0 checkpoints verify' });

    // Positions 1 to 3 are the policy's creation and its publication in ru and kk; 4 to 8 the acceptances.
    const target = await server.strapi.db.query(ACCEPTANCE_UID).findOne({ where: { seq: 5 } });
    await server.strapi.db.query(ACCEPTANCE_UID).update({ where: { id: target.id }, data: { locale: 'kk' } });
    const tampered = runCommand();
    expect({ code: tampered.code, verdict: tampered.verdict }).toEqual({
      code: 1,
      verdict: `the chain breaks at record ${target.documentId} at position 5: hash-mismatch (8 records read)`,
    });
  });
});
