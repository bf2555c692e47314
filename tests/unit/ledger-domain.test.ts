import { csvCell, csvRow } from '../../server/src/domain/ledger/csv';
import { clientAddress, normalizeIp, recordedIp, truncateIp } from '../../server/src/domain/ledger/ip';
import { buildReceipt, policyUrl } from '../../server/src/domain/ledger/receipt';
import { consentState, type SubjectEvent } from '../../server/src/domain/ledger/status';
import type { PublicRecord } from '../../server/src/domain/ledger/types';

describe('IP handling', () => {
  it('truncates IPv4 to /24 and IPv6 to /48', () => {
    expect(truncateIp('203.0.113.77')).toBe('203.0.113.0');
    expect(truncateIp('2001:db8:85a3:8d3:1319:8a2e:370:7348')).toBe('2001:db8:85a3::');
    expect(truncateIp('2001:db8::1')).toBe('2001:db8:0::');
    expect(truncateIp('::1')).toBe('0:0:0::');
    expect(truncateIp('64:ff9b::192.0.2.33')).toBe('64:ff9b:0::');
    expect(truncateIp('not an ip')).toBeNull();
  });

  it('normalises IPv4-mapped IPv6, brackets and zone ids', () => {
    expect(normalizeIp('::ffff:127.0.0.1')).toBe('127.0.0.1');
    expect(normalizeIp('[2001:DB8::1]')).toBe('2001:db8::1');
    expect(normalizeIp('fe80::1%eth0')).toBe('fe80::1');
    expect(normalizeIp('')).toBeNull();
    expect(normalizeIp(undefined)).toBeNull();
  });

  it('records full, truncated or no address by mode', () => {
    expect(recordedIp('::ffff:10.20.30.40', 'full')).toBe('10.20.30.40');
    expect(recordedIp('::ffff:10.20.30.40', 'truncate')).toBe('10.20.30.0');
    expect(recordedIp('10.20.30.40', 'none')).toBeNull();
    expect(recordedIp('garbage', 'full')).toBeNull();
  });

  it('believes only the entry the trusted proxy appended, and only when told to', () => {
    expect(clientAddress('10.0.0.2', '1.1.1.1', false)).toBe('10.0.0.2');
    expect(clientAddress('10.0.0.2', 'spoofed, 198.51.100.9', true)).toBe('198.51.100.9');
    expect(clientAddress('10.0.0.2', 'garbage', true)).toBe('10.0.0.2');
    expect(clientAddress('10.0.0.2', undefined, true)).toBe('10.0.0.2');
  });
});

const event = (kind: SubjectEvent['event'], version: number | null, locale = 'ru'): SubjectEvent => ({
  event: kind,
  version,
  locale,
  recordedAt: '2026-01-01T00:00:00.000Z',
});

describe('consent state', () => {
  it('folds events: acceptances since the last withdrawal, the highest accepted version', () => {
    const state = consentState([event('accepted', 1), event('withdrawn', 1), event('accepted', 2, 'kk'), event('accepted', 3)]);
    expect(state.active.map((e) => e.version)).toEqual([2, 3]);
    expect(state.accepted?.version).toBe(3);
    expect(state.withdrawn).toBe(false);
    expect(consentState([event('accepted', 3), event('accepted', 2)]).accepted?.version).toBe(3);
    const erased = consentState([event('accepted', 2), event('erased', null)]);
    expect(erased).toEqual({ active: [], accepted: null, lastAccepted: null, withdrawn: false, purposes: null });
  });
});

describe('receipt and CSV', () => {
  const record: PublicRecord = {
    id: '6f1c7f3e-8c5e-4d0b-9a55-0d6c2e1e7b11',
    subject: '42',
    policy: 'privacy',
    version: 3,
    locale: 'kk',
    contentHash: `sha256:${'b'.repeat(64)}`,
    event: 'accepted',
    recordedAt: '2026-03-01T10:00:00.123Z',
    ip: '10.0.0.0',
    userAgent: 'UA',
    acceptLanguage: 'kk',
    source: 'banner',
    metadata: null,
    purposes: null,
    givenBy: null,
    prevHash: null,
    hash: 'c'.repeat(64),
  };

  it('builds a Kantara-style receipt from the record and the configured controller', () => {
    const receipt = buildReceipt(record, { name: 'ТОО Пример', contact: 'dpo@example.kz', country: 'KZ' }, 'https://example.kz/{policy}/v{version}?lang={locale}', 6);
    expect(receipt).toEqual({
      version: 'KI-CR-v1.1.0',
      jurisdiction: 'KZ',
      consentTimestamp: 1772359200,
      consentTimestampIso: '2026-03-01T10:00:00.123Z',
      collectionMethod: 'banner',
      consentReceiptID: record.id,
      language: 'kk',
      piiPrincipalId: '42',
      piiControllers: [{ piiController: 'ТОО Пример', contact: 'dpo@example.kz', country: 'KZ' }],
      policyUrl: 'https://example.kz/privacy/v3?lang=kk',
      policyVersion: 3,
      policyContentHash: record.contentHash,
      event: 'accepted',
      recordHash: record.hash,
      logIndex: 6,
    });
    expect(policyUrl('/p/{policy}', { ...record, policy: 'a b' })).toBe('/p/a%20b');
  });

  it('quotes CSV cells when needed and defuses spreadsheet formulas', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"\n')).toBe('"say ""hi""\n"');
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvCell('-1')).toBe("'-1");
    expect(csvCell(-1)).toBe('-1');
    expect(csvCell(null)).toBe('');
    expect(csvCell({ a: 1 })).toBe('"{""a"":1}"');
    expect(csvRow(['a', 2, null])).toBe('a,2,\r\n');
  });
});
