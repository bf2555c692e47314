import { createHash } from 'node:crypto';
import { signCheckpoint } from '../../server/src/domain/evidence/checkpoint';
import { signJws } from '../../server/src/domain/evidence/jws';
import { generateSigningKey, loadKeyring } from '../../server/src/domain/evidence/keys';
import { EVIDENCE_PACK_FORMAT, type EvidencePack } from '../../server/src/domain/evidence/pack';
import { verifyEvidencePack, type PackReport } from '../../server/src/domain/evidence/pack-verify';
import { main } from '../../server/src/domain/evidence/verify-cli';
import { recordHash } from '../../server/src/domain/ledger/chain';
import { buildTestPack, clonePack, TEST_ORIGIN, type TestPack } from '../support/evidence-pack';
import { startTsa, type Tsa } from '../support/tsa';

/*
 * The offline verifier of evidence packs (pack-verify.ts) and its CLI (verify-cli.ts): a pack built from scratch
 * with the pure modules verifies, and each kind of tampering is caught with a problem that names it.
 */

const problemLike = (pattern: RegExp) => expect.arrayContaining([expect.stringMatching(pattern)]);

function expectProblem(report: PackReport, pattern: RegExp) {
  expect(report.ok).toBe(false);
  expect(report.problems).toEqual(problemLike(pattern));
  expect(report.summary).toMatch(/does NOT verify/);
}

const otherKeyring = () => loadKeyring({ name: TEST_ORIGIN, current: generateSigningKey().seed });

/** The entry of the subject's acceptance of privacy, and of a publication event. */
const acceptance = (pack: EvidencePack) => pack.entries.find((e) => e.record.event === 'accepted') as EvidencePack['entries'][number];
const publication = (pack: EvidencePack) => pack.entries.find((e) => e.record.event === 'published') as EvidencePack['entries'][number];

let plain: TestPack;
let stamped: TestPack;
let tsa: Tsa;

beforeAll(async () => {
  tsa = await startTsa();
  plain = await buildTestPack();
  stamped = await buildTestPack({ tsa: { url: tsa.url } });
});
afterAll(async () => {
  await tsa?.close();
});

describe('a valid evidence pack', () => {
  it('verifies without a TSA, noting that the keys are the pack’s own', () => {
    const report = verifyEvidencePack(plain.pack);
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.summary).toMatch(/verifies/);
    expect(report.notes).toEqual(problemLike(/keys the pack itself carries/));
    expect(report.notes).toEqual(problemLike(/is not timestamped/));
    const accepted = acceptance(plain.pack).record;
    expect(report.proves).toEqual(
      problemLike(
        new RegExp(
          `^record ${accepted.id} \\(accepted "privacy" v3 in ru, ${accepted.recordedAt}\\) is entry ${accepted.seq - 1} of log ${TEST_ORIGIN}; it is in the tree of 37 entries signed by key ${TEST_ORIGIN}\\+[0-9a-f]{8} at `
        )
      )
    );
    expect(report.proves).toEqual(problemLike(/^text "privacy" v3 in ru .* published at entry 3 .*before its acceptance at entry 10/));
    expect(report.proves).toEqual(problemLike(/tree of 20 entries .* is a prefix of the tree of 37 entries/));
    expect(report.proves).toEqual(problemLike(/^the receipt of record .* is signed by key/));
  });

  it('verifies with RFC 3161 timestamps from a real TSA, and says when each record existed', () => {
    const report = verifyEvidencePack(stamped.pack);
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.proves).toEqual(problemLike(/timestamped by .*Test TSA.* at \d{4}-\d{2}-\d{2}T/));
    const accepted = acceptance(stamped.pack).record;
    expect(report.proves).toEqual(
      problemLike(new RegExp(`^record ${accepted.id} .*it was already in the tree of 20 entries .*existed no later than`))
    );
    expect(report.notes).toEqual(problemLike(/TSA certificate .* was not checked against a trusted root/));
  });

  it('verifies with the right trusted key, and fails with a wrong one', () => {
    const right = verifyEvidencePack(stamped.pack, { trustedVerifierKeys: [stamped.verifierKey] });
    expect(right.problems).toEqual([]);
    expect(right.notes).not.toEqual(problemLike(/keys the pack itself carries/));
    const wrong = verifyEvidencePack(stamped.pack, { trustedVerifierKeys: [otherKeyring().current.verifierKey] });
    expectProblem(wrong, /pack checkpoint .* does not verify with the trusted keys/);
    expectProblem(wrong, /receipt is signed by key .* not one of the trusted keys/);
  });

  it('notes a publication logged after the acceptance instead of failing', async () => {
    const { pack } = await buildTestPack({ publishLate: true });
    const report = verifyEvidencePack(pack);
    expect(report.problems).toEqual([]);
    expect(report.notes).toEqual(problemLike(/publication was logged after the acceptance/));
  });
});

describe('an erased subject', () => {
  let erased: TestPack;
  beforeAll(async () => {
    erased = await buildTestPack({ erased: true });
  });

  it('verifies, with the erasure accounted for', () => {
    const report = verifyEvidencePack(erased.pack);
    expect(report.problems).toEqual([]);
    expect(erased.pack.subject).toMatch(/^erased:/);
    expect(report.notes).toEqual(problemLike(/is erased: its identifying fields are gone/));
    expect(report.proves).toEqual(problemLike(/^the subject's 3 records were erased by the erasure event/));
  });

  it('fails when one of the erased records is left out', () => {
    const pack = clonePack(erased.pack);
    pack.entries = pack.entries.filter((e) => e.record.event !== 'withdrawn');
    expectProblem(verifyEvidencePack(pack), /says it erased 3 records, the pack holds 2/);
  });

  it('fails when the erasure event is left out', () => {
    const pack = clonePack(erased.pack);
    pack.entries = pack.entries.filter((e) => e.record.event !== 'erased');
    expectProblem(verifyEvidencePack(pack), /holds no erasure event/);
  });

  it('fails when an erased record kept an identifying field', () => {
    const pack = clonePack(erased.pack);
    acceptance(pack).record.ip = '203.0.113.7';
    expectProblem(verifyEvidencePack(pack), /no identity salt but is not erased/);
  });
});

describe('tampering is caught', () => {
  it('an edited record field', () => {
    const pack = clonePack(plain.pack);
    acceptance(pack).record.recordedAt = '2025-12-31T23:59:00.000Z';
    expectProblem(verifyEvidencePack(pack), /record .*: its fields do not hash to its record hash/);
  });

  it('a record hash recomputed after an edit: the inclusion proof fails', () => {
    const pack = clonePack(plain.pack);
    const { record } = publication(pack);
    record.recordedAt = '2025-12-31T23:59:00.000Z';
    record.hash = recordHash(record);
    const report = verifyEvidencePack(pack);
    expectProblem(report, /inclusion proof does not verify/);
    expect(report.problems).not.toEqual(problemLike(/do not hash to its record hash/));
  });

  it('an edited identifying field', () => {
    const pack = clonePack(plain.pack);
    acceptance(pack).record.ip = '198.51.100.1';
    expectProblem(verifyEvidencePack(pack), /identifying fields .* do not match its identity digest/);
  });

  it('a salt removed without erasure', () => {
    const pack = clonePack(plain.pack);
    acceptance(pack).record.identitySalt = null;
    expectProblem(verifyEvidencePack(pack), /no identity salt but is not erased/);
  });

  it('a changed markdown', () => {
    const pack = clonePack(plain.pack);
    pack.texts[0].markdown += '\nWe also sell it.\n';
    expectProblem(verifyEvidencePack(pack), /Markdown does not hash to its content hash/);
  });

  it('a missing text', () => {
    const pack = clonePack(plain.pack);
    pack.texts = pack.texts.slice(1);
    expectProblem(verifyEvidencePack(pack), /the pack has no text with its policy, version, locale and content hash/);
  });

  it('a removed published entry', () => {
    const pack = clonePack(plain.pack);
    pack.entries = pack.entries.filter((e) => e !== publication(pack));
    expectProblem(verifyEvidencePack(pack), /no publication event for the text it accepted/);
  });

  it('a checkpoint whose root was changed, in the note or beside it', () => {
    const inNote = clonePack(plain.pack);
    const root = Buffer.from(inNote.checkpoint.rootHash, 'hex').toString('base64');
    inNote.checkpoint.note = inNote.checkpoint.note.replace(root, createHash('sha256').update('x').digest('base64'));
    expectProblem(verifyEvidencePack(inNote), /pack checkpoint .* does not verify with the pack's keys/);

    const beside = clonePack(plain.pack);
    beside.checkpoint.rootHash = createHash('sha256').update('x').digest('hex');
    expectProblem(verifyEvidencePack(beside), /signed root hash .* is not the pack's rootHash/);
  });

  it('a checkpoint forged with another key, the pack carrying that key: only trusted keys catch it', () => {
    const pack = clonePack(plain.pack);
    const forger = otherKeyring();
    pack.checkpoint.note = signCheckpoint(
      { origin: TEST_ORIGIN, treeSize: 37, rootHash: Buffer.from(pack.checkpoint.rootHash, 'hex'), extensions: [`Timestamp: ${pack.checkpoint.signedAt}`] },
      [forger.current.noteSigner]
    );
    expectProblem(verifyEvidencePack(pack), /pack checkpoint .* does not verify with the pack's keys/);
    pack.log.verifierKeys.push(forger.current.verifierKey);
    pack.log.keys.push({ ...forger.current.jwk, createdAt: null, retiredAt: null });
    expect(verifyEvidencePack(pack).problems).toEqual([]);
    expectProblem(
      verifyEvidencePack(pack, { trustedVerifierKeys: [plain.verifierKey] }),
      /pack checkpoint .* does not verify with the trusted keys/
    );
  });

  it('a checkpoint whose Timestamp line disagrees with signedAt', () => {
    const pack = clonePack(plain.pack);
    pack.checkpoint.signedAt = '2020-01-01T00:00:00.000Z';
    expectProblem(verifyEvidencePack(pack), /should carry one "Timestamp: 2020-01-01T00:00:00.000Z" line/);
  });

  it('a timestamp token for another note', () => {
    const pack = clonePack(stamped.pack);
    pack.checkpoint.timestamp = pack.earlierCheckpoints[0].timestamp;
    expectProblem(verifyEvidencePack(pack), /pack checkpoint: the timestamp token does not verify over the signed note/);
  });

  it('a timestamp genTime that the token does not state', () => {
    const pack = clonePack(stamped.pack);
    (pack.checkpoint.timestamp as { genTime: string }).genTime = '2020-01-01T00:00:00.000Z';
    expectProblem(verifyEvidencePack(pack), /the pack says the timestamp's genTime is 2020/);
  });

  it('a broken consistency proof', () => {
    const pack = clonePack(plain.pack);
    pack.earlierCheckpoints[0].consistency = pack.earlierCheckpoints[0].consistency.slice(1);
    expectProblem(verifyEvidencePack(pack), /earlier checkpoint 1 .*consistency proof .* does not verify/);
  });

  it('a firstAnchoredIn that names no checkpoint of the pack', () => {
    const pack = clonePack(stamped.pack);
    acceptance(pack).firstAnchoredIn = 5;
    expectProblem(verifyEvidencePack(pack), /firstAnchoredIn names a checkpoint of size 5/);
  });

  it('a receipt JWS re-signed with another key', () => {
    const pack = clonePack(plain.pack);
    const entry = acceptance(pack);
    const forger = otherKeyring();
    entry.receiptJws = signJws(entry.receipt, forger.current.privateKey, { typ: 'consent-receipt+jws' });
    expectProblem(verifyEvidencePack(pack), /receipt JWS does not verify with the pack's keys: no published key has kid/);
    entry.receiptJws = signJws(entry.receipt, forger.current.privateKey, { kid: plain.keyring.current.kid, typ: 'consent-receipt+jws' });
    expectProblem(verifyEvidencePack(pack), /receipt JWS does not verify with the pack's keys: the JWS signature does not verify/);
  });

  it('a receipt whose payload differs from the signed one', () => {
    const pack = clonePack(plain.pack);
    (acceptance(pack).receipt as Record<string, unknown>).policyVersion = 4;
    expectProblem(verifyEvidencePack(pack), /signed receipt payload differs from the receipt in the pack/);
  });

  it('a receipt that states another log index, even correctly signed', () => {
    const pack = clonePack(plain.pack);
    const entry = acceptance(pack);
    entry.receipt = { ...(entry.receipt as Record<string, unknown>), logIndex: 3 };
    entry.receiptJws = signJws(entry.receipt, plain.keyring.current.privateKey, { kid: plain.keyring.current.kid, typ: 'consent-receipt+jws' });
    expectProblem(verifyEvidencePack(pack), /receipt's logIndex 3 is not 10/);
  });

  it('a truncated inclusion proof', () => {
    const pack = clonePack(plain.pack);
    acceptance(pack).inclusion.hashes.pop();
    expectProblem(verifyEvidencePack(pack), /inclusion proof does not verify/);
  });

  it('another subject’s record slipped in', () => {
    const pack = clonePack(plain.pack);
    const entry = acceptance(pack);
    entry.record.subject = 'someone-else';
    expectProblem(verifyEvidencePack(pack), /is about subject "someone-else", not the pack's subject/);
  });
});

describe('malformed input fails closed without throwing', () => {
  it.each([
    ['null', null],
    ['a number', 42],
    ['a string', 'pack'],
    ['an array', []],
    ['an empty object', {}],
  ])('%s', (_, value) => {
    const report = verifyEvidencePack(value);
    expect(report.ok).toBe(false);
    expect(report.problems.length).toBeGreaterThan(0);
  });

  it('a wrong format string', () => {
    const pack = { ...clonePack(plain.pack), format: 'policy-versions-evidence-pack/2' };
    expectProblem(verifyEvidencePack(pack), /not an evidence pack of this format/);
  });

  it.each<[string, (pack: Record<string, any>) => void, RegExp]>([
    ['no checkpoint', (p) => delete p.checkpoint, /checkpoint must be an object \(it is missing\)/],
    ['no entries', (p) => delete p.entries, /entries must be an array/],
    ['a seq as a string', (p) => (p.entries[0].record.seq = '4'), /entries\[0\]\.record\.seq must be a positive integer/],
    ['an unknown event', (p) => (p.entries[0].record.event = 'forged'), /entries\[0\]\.record\.event must be one of/],
    ['a proof hash in uppercase', (p) => (p.entries[0].inclusion.hashes[0] = p.entries[0].inclusion.hashes[0].toUpperCase()), /inclusion\.hashes\[0\] must be 64 lowercase hex/],
    ['verifier keys not an array', (p) => (p.log.verifierKeys = 'k'), /log\.verifierKeys must be an array/],
    ['a text without markdown', (p) => delete p.texts[0].markdown, /texts\[0\]\.markdown must be a string/],
    ['a timestamp of the wrong shape', (p) => (p.checkpoint.timestamp = { tsa: 1 }), /checkpoint\.timestamp\.tsa must be a string/],
    ['no controller', (p) => delete p.controller, /controller must be an object/],
  ])('%s', (_, edit, pattern) => {
    const pack = clonePack(plain.pack) as unknown as Record<string, any>;
    edit(pack);
    let report: PackReport | undefined;
    expect(() => (report = verifyEvidencePack(pack))).not.toThrow();
    expectProblem(report as PackReport, pattern);
  });

  it('a verifier key that does not parse', () => {
    const pack = clonePack(plain.pack);
    pack.log.verifierKeys = ['not-a-key'];
    expectProblem(verifyEvidencePack(pack), /log\.verifierKeys\[0\] is not a usable verifier key/);
  });

  it('a receipt JWS that is not a JWS', () => {
    const pack = clonePack(plain.pack);
    acceptance(pack).receiptJws = 'garbage';
    expectProblem(verifyEvidencePack(pack), /receipt JWS does not verify/);
  });
});

describe('policy-versions-verify (main)', () => {
  function io(files: Record<string, string>) {
    const out: string[] = [];
    const err: string[] = [];
    return {
      out,
      err,
      io: {
        stdout: { write: (text: string) => out.push(text) },
        stderr: { write: (text: string) => err.push(text) },
        readFile: async (path: string) => {
          if (!(path in files)) throw new Error(`ENOENT: no such file, open '${path}'`);
          return files[path];
        },
      },
    };
  }

  const good = () => JSON.stringify(plain.pack);
  const bad = () => {
    const pack = clonePack(plain.pack);
    pack.texts[0].markdown = 'changed';
    return JSON.stringify(pack);
  };

  it('exits 0 and prints what was established for a valid pack', async () => {
    const run = io({ 'e.json': good() });
    expect(await main(['e.json'], run.io)).toBe(0);
    const text = run.out.join('');
    expect(text).toMatch(/^e\.json: VERIFIED\n/);
    expect(text).toMatch(/\nEstablished:\n  - /);
    expect(text).toMatch(/\nNotes:\n  - .*keys the pack itself carries/);
    expect(run.err).toEqual([]);
  });

  it('exits 0 with the right --key, 1 with a wrong one', async () => {
    const run = io({ 'e.json': good() });
    expect(await main(['e.json', '--key', plain.verifierKey], run.io)).toBe(0);
    expect(await main([`--key=${otherKeyring().current.verifierKey}`, 'e.json'], run.io)).toBe(1);
  });

  it('exits 1 and lists the problems for a tampered pack', async () => {
    const run = io({ 'e.json': bad() });
    expect(await main(['e.json'], run.io)).toBe(1);
    expect(run.out.join('')).toMatch(/FAILED[\s\S]*Problems:\n  - text "privacy" v3 in ru: its Markdown does not hash/);
  });

  it('prints the report as JSON with --json', async () => {
    const run = io({ 'e.json': bad() });
    expect(await main(['--json', 'e.json'], run.io)).toBe(1);
    const report = JSON.parse(run.out.join(''));
    expect(report).toEqual(expect.objectContaining({ ok: false, problems: expect.any(Array), notes: expect.any(Array), proves: expect.any(Array), summary: expect.any(String) }));
  });

  it('exits 1 for JSON that is not an evidence pack', async () => {
    const run = io({ 'e.json': '{"format":"other"}' });
    expect(await main(['e.json'], run.io)).toBe(1);
    expect(run.out.join('')).toMatch(/not an evidence pack of this format/);
  });

  it.each<[string, string[], RegExp]>([
    ['no file', [], /no evidence file given/],
    ['two files', ['a.json', 'b.json'], /exactly one evidence file/],
    ['an unknown option', ['e.json', '--verbose'], /unknown option --verbose/],
    ['--key without a key', ['e.json', '--key'], /--key needs a verifier key/],
    ['a malformed --key', ['e.json', '--key', 'nope'], /--key "nope": a verifier key is/],
    ['an unreadable file', ['missing.json'], /cannot read missing\.json: ENOENT/],
    ['a file that is not JSON', ['broken.json'], /broken\.json is not JSON/],
  ])('exits 2 for %s', async (_, argv, pattern) => {
    const run = io({ 'e.json': good(), 'broken.json': '{ not json' });
    expect(await main(argv, run.io)).toBe(2);
    expect(run.err.join('')).toMatch(pattern);
    expect(run.out).toEqual([]);
  });

  it('prints usage with --help and exits 0', async () => {
    const run = io({});
    expect(await main(['--help'], run.io)).toBe(0);
    expect(run.out.join('')).toMatch(/^usage: policy-versions-verify <evidence\.json>/);
  });

  it('reads a file given as bytes', async () => {
    const run = io({});
    run.io.readFile = async () => Buffer.from(good()) as unknown as string;
    expect(await main(['e.json'], run.io)).toBe(0);
  });

  it('the format constant is the one the pack declares', () => {
    expect(plain.pack.format).toBe(EVIDENCE_PACK_FORMAT);
  });
});
