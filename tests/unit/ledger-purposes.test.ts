import { identityDigest, recordHash, seal, type Unsealed } from '../../server/src/domain/ledger/chain';
import { acceptedPurposes, purposeProblemMessage, purposeStates, withdrawnPurposes } from '../../server/src/domain/ledger/purposes';
import { consentState, type SubjectEvent } from '../../server/src/domain/ledger/status';

const RULES = [
  { id: 'service', required: true },
  { id: 'analytics', required: false },
  { id: 'marketing', required: false },
];

describe('purposes of an acceptance', () => {
  it('records every purpose of the version, an optional one left out as not given', () => {
    expect(acceptedPurposes(RULES, { service: true, marketing: true })).toEqual({ purposes: '{"analytics":false,"marketing":true,"service":true}' });
  });

  it('refuses a required purpose not given, or one the version does not name, naming them', () => {
    const missing = acceptedPurposes(RULES, { analytics: true });
    expect(missing).toEqual({ problem: { kind: 'required', ids: ['service'] } });
    expect(acceptedPurposes(RULES, { service: false })).toEqual({ problem: { kind: 'required', ids: ['service'] } });
    expect(acceptedPurposes(RULES, { service: true, ads: true })).toEqual({ problem: { kind: 'unknown', ids: ['ads'] } });
    if (!('problem' in missing)) throw new Error('expected a problem');
    expect(purposeProblemMessage(missing.problem, 3)).toBe('The purpose "service" of version 3 is required: send "service": true in "purposes"');
  });

  it('are, when none are sent, the required ones as given with the text and the optional ones as not', () => {
    expect(acceptedPurposes(RULES, undefined)).toEqual({ purposes: '{"analytics":false,"marketing":false,"service":true}' });
  });

  it('are none for a version that names none, and refused when sent to one', () => {
    expect(acceptedPurposes([], undefined)).toEqual({ purposes: null });
    expect(acceptedPurposes([], {})).toEqual({ purposes: null });
    expect(acceptedPurposes([], { analytics: true })).toEqual({ problem: { kind: 'none-defined' } });
  });
});

describe('purposes of a withdrawal', () => {
  it('is a full withdrawal when none, all, or a required one is named', () => {
    expect(withdrawnPurposes(RULES, undefined)).toEqual({ purposes: null });
    expect(withdrawnPurposes(RULES, [])).toEqual({ purposes: null });
    expect(withdrawnPurposes(RULES, ['marketing', 'analytics', 'service'])).toEqual({ purposes: null });
    expect(withdrawnPurposes(RULES, ['analytics', 'service'])).toEqual({ purposes: null });
  });

  it('is partial, sorted and without repeats, for optional purposes only', () => {
    expect(withdrawnPurposes(RULES, ['marketing', 'analytics', 'marketing'])).toEqual({ purposes: '["analytics","marketing"]' });
  });

  it('refuses a purpose the version does not name', () => {
    expect(withdrawnPurposes(RULES, ['ads'])).toEqual({ problem: { kind: 'unknown', ids: ['ads'] } });
    expect(withdrawnPurposes([], ['ads'])).toEqual({ problem: { kind: 'none-defined' } });
  });
});

describe('where purposes stand', () => {
  const event = (kind: SubjectEvent['event'], version: number | null, purposes: string | null = null): SubjectEvent => ({
    event: kind,
    version,
    locale: 'ru',
    recordedAt: '2026-01-01T00:00:00.000Z',
    purposes,
  });
  const accepted = '{"analytics":true,"marketing":true,"service":true}';

  it('a partial withdrawal leaves the acceptance standing and takes its purposes back', () => {
    const state = consentState([event('accepted', 1, accepted), event('withdrawn', 1, '["marketing"]')]);
    expect(state.withdrawn).toBe(false);
    expect(state.accepted?.version).toBe(1);
    expect(state.purposes).toEqual({ analytics: true, marketing: false, service: true });
  });

  it('a full withdrawal ends it, and a new acceptance gives its purposes anew', () => {
    const withdrawn = consentState([event('accepted', 1, accepted), event('withdrawn', 1, '["marketing"]'), event('withdrawn', 1)]);
    expect(withdrawn).toMatchObject({ withdrawn: true, accepted: null, purposes: null });
    const again = consentState([event('accepted', 1, accepted), event('withdrawn', 1, '["marketing"]'), event('accepted', 2, accepted)]);
    expect(again.purposes).toEqual({ analytics: true, marketing: true, service: true });
  });

  it('ignores a partial withdrawal with no acceptance before it', () => {
    expect(purposeStates(null, ['["analytics"]'])).toBeNull();
    expect(consentState([event('withdrawn', 1, '["marketing"]')])).toMatchObject({ withdrawn: false, accepted: null });
  });
});

describe('the chain with purposes and representatives', () => {
  const base: Unsealed = {
    id: '00000000-0000-4000-8000-000000000001',
    subject: 'child-7',
    policy: 'privacy',
    version: 1,
    locale: 'ru',
    contentHash: `sha256:${'a'.repeat(64)}`,
    event: 'accepted',
    recordedAt: '2026-01-01T00:00:00.000Z',
    ip: null,
    userAgent: null,
    acceptLanguage: null,
    source: null,
    metadata: null,
    purposes: null,
    givenBy: null,
  };

  it('hashes a record without them as before they existed', () => {
    // Computed by the chain code as it was before purposes and givenBy were added (commit 9ee9fc5).
    const salt = '00112233445566778899aabbccddeeff';
    const digest = identityDigest(salt, base);
    expect(digest).toBe('ff4773fac107e0ebf395331335a7203502ac0cdc0fed2832f92407f9725914cd');
    expect(recordHash({ ...base, seq: 1, identityDigest: digest, prevHash: null })).toBe('6741cd4938126badcd099a2076adafa16b6420adfd22cf06c30f1863c7f3c840');
  });

  it('covers purposes in the record hash and the representative in the identity digest', () => {
    const record = seal({ ...base, purposes: '{"service":true}', givenBy: '{"name":"A. Parent","relation":"parent","role":"representative"}' }, { seq: 0, hash: null });
    expect(recordHash({ ...record, purposes: '{"service":false}' })).not.toBe(record.hash);
    expect(recordHash({ ...record, purposes: null })).not.toBe(record.hash);
    expect(identityDigest(record.identitySalt as string, { ...record, givenBy: null })).not.toBe(record.identityDigest);
    expect(identityDigest(record.identitySalt as string, record)).toBe(record.identityDigest);
  });
});
