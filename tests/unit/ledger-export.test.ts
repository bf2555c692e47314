import { CSV_HEADER, EXPORT_COLUMNS, csvLine, ndjsonLine } from '../../server/src/domain/ledger/export';
import type { StoredRecord } from '../../server/src/domain/ledger/types';

const record: StoredRecord = {
  seq: 7,
  id: '0b0e6f1c-3c55-4a36-9a43-3c1b8d1e2f10',
  subject: 'user "42"',
  policy: 'privacy',
  version: 3,
  locale: 'kk',
  contentHash: 'a'.repeat(64),
  event: 'accepted',
  recordedAt: '2026-11-22T06:00:00.123Z',
  ip: '203.0.113.0',
  userAgent: '=cmd|calc, Mozilla/5.0',
  acceptLanguage: 'kk-KZ,ru;q=0.8',
  source: 'signup',
  metadata: JSON.stringify({ form: 'тіркелу', nested: { ok: true, n: 1.5 } }),
  purposes: '{"analytics":false,"service":true}',
  givenBy: null,
  identitySalt: 'c2FsdA',
  identityDigest: 'b'.repeat(64),
  prevHash: null,
  hash: 'c'.repeat(64),
};

describe('export lines', () => {
  it('writes an NDJSON line with every column, in order, metadata and purposes as JSON', () => {
    const line = ndjsonLine(record);
    expect(line.endsWith('}\n')).toBe(true);
    expect(line.indexOf('\n')).toBe(line.length - 1);
    const parsed = JSON.parse(line);
    expect(Object.keys(parsed)).toEqual([...EXPORT_COLUMNS]);
    expect(parsed).toEqual({
      position: 7,
      id: record.id,
      subject: 'user "42"',
      policy: 'privacy',
      version: 3,
      locale: 'kk',
      contentHash: record.contentHash,
      event: 'accepted',
      recordedAt: record.recordedAt,
      ip: '203.0.113.0',
      userAgent: '=cmd|calc, Mozilla/5.0',
      acceptLanguage: 'kk-KZ,ru;q=0.8',
      source: 'signup',
      metadata: { form: 'тіркелу', nested: { ok: true, n: 1.5 } },
      purposes: { analytics: false, service: true },
      givenBy: null,
      identitySalt: 'c2FsdA',
      identityDigest: record.identityDigest,
      prevHash: null,
      hash: record.hash,
    });
  });

  it('escapes what JSON must escape in text fields', () => {
    const tricky = { ...record, userAgent: 'line\nbreak\u2028 "q" \\ \u0001', metadata: null, subject: null };
    const parsed = JSON.parse(ndjsonLine(tricky));
    expect(parsed.userAgent).toBe(tricky.userAgent);
    expect(parsed.metadata).toBeNull();
    expect(parsed.subject).toBeNull();
  });

  it('writes CSV rows under the header, quoting and defusing formulas', () => {
    expect(CSV_HEADER).toBe(`${EXPORT_COLUMNS.join(',')}\r\n`);
    const cells = csvLine(record);
    expect(cells.endsWith('\r\n')).toBe(true);
    expect(cells).toContain(',"user ""42""",privacy,3,kk,');
    expect(cells).toContain(`,"'=cmd|calc, Mozilla/5.0",`);
    expect(cells).toContain(`,"{""form"":""тіркелу"",""nested"":{""ok"":true,""n"":1.5}}",`);
    expect(cells.startsWith(`7,${record.id},`)).toBe(true);
    expect(cells.endsWith(`,${record.identityDigest},,${record.hash}\r\n`)).toBe(true);
  });
});
