import { WEBHOOK_EVENTS } from '../../shared/webhook-events';
import { acceptanceEvent, policyVersionPayload, type RecordedConsent, type ReleasedVersion } from '../../server/src/domain/webhook-events';

const hash = (n: number) => `sha256:${String(n).repeat(64).slice(0, 64)}`;

const release = (overrides: Partial<ReleasedVersion> = {}): ReleasedVersion => ({
  policyKey: 'privacy',
  version: 3,
  effectiveAt: new Date('2026-03-01T00:00:00Z'),
  material: true,
  releasedAt: new Date('2026-02-01T00:00:00Z'),
  withdrawnAt: null,
  texts: { ru: { contentHash: hash(1) }, kk: { contentHash: hash(2) } },
  ...overrides,
});

const record = (overrides: Partial<RecordedConsent> = {}): RecordedConsent => ({
  id: '0f8e6c1e-5b7a-4c55-9d7e-2f4f4f1a9d10',
  subject: '42',
  policy: 'privacy',
  version: 3,
  locale: 'ru',
  contentHash: hash(1),
  event: 'accepted',
  recordedAt: '2026-03-02T10:00:00.000Z',
  purposes: '{"analytics":false,"service":true}',
  ...overrides,
});

describe('webhook events', () => {
  it('names each event under the key the webhook store registers it by', () => {
    expect(WEBHOOK_EVENTS).toEqual({
      POLICY_LEDGER_CHECKPOINT: 'policy-ledger.checkpoint',
      POLICY_VERSION_PUBLISH: 'policy-version.publish',
      POLICY_VERSION_WITHDRAW: 'policy-version.withdraw',
      POLICY_VERSION_EFFECTIVE: 'policy-version.effective',
      POLICY_ACCEPTANCE_CREATE: 'policy-acceptance.create',
      POLICY_ACCEPTANCE_WITHDRAW: 'policy-acceptance.withdraw',
    });
  });

  it('describes a version by its locales\' hashes and its dates, leaving out locales without a text', () => {
    expect(policyVersionPayload(release({ texts: { ru: { contentHash: hash(1) }, kk: { contentHash: null }, en: { contentHash: hash(3) } } }))).toEqual({
      policy: 'privacy',
      version: 3,
      locales: [
        { locale: 'ru', contentHash: hash(1) },
        { locale: 'en', contentHash: hash(3) },
      ],
      effectiveAt: '2026-03-01T00:00:00.000Z',
      material: true,
      publishedAt: '2026-02-01T00:00:00.000Z',
    });
    expect(policyVersionPayload(release({ withdrawnAt: new Date('2026-02-10T00:00:00Z') }))).toMatchObject({ withdrawnAt: '2026-02-10T00:00:00.000Z' });
  });

  it('announces an acceptance with its purposes, and nothing of the evidence beyond the subject', () => {
    const withEvidence = { ...record(), ip: '10.0.0.0', userAgent: 'Agent', metadata: '{"campaign":"spring"}', givenBy: '{"name":"Parent"}' };
    expect(acceptanceEvent(withEvidence)).toEqual({
      event: 'policy-acceptance.create',
      data: {
        acceptance: {
          recordId: '0f8e6c1e-5b7a-4c55-9d7e-2f4f4f1a9d10',
          subject: '42',
          policy: 'privacy',
          version: 3,
          locale: 'ru',
          contentHash: hash(1),
          recordedAt: '2026-03-02T10:00:00.000Z',
          purposes: { analytics: false, service: true },
        },
      },
    });
  });

  it('announces a withdrawal with the purposes withdrawn, or null for all of them', () => {
    expect(acceptanceEvent(record({ event: 'withdrawn', purposes: '["analytics"]' }))).toMatchObject({
      event: 'policy-acceptance.withdraw',
      data: { acceptance: { purposes: ['analytics'] } },
    });
    expect(acceptanceEvent(record({ event: 'withdrawn', purposes: null }))?.data.acceptance.purposes).toBeNull();
  });

  it('announces no other record', () => {
    for (const event of ['erased', 'published', 'policy-created', 'version-withdrawn', 'audit']) expect(acceptanceEvent(record({ event }))).toBeNull();
    expect(acceptanceEvent(record({ subject: null }))).toBeNull();
  });
});
