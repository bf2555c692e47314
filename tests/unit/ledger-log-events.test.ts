import { seal } from '../../server/src/domain/ledger/chain';
import { auditEvent, missingPublicationEvents, permissionChanges, type Grant, type LoggedPolicy } from '../../server/src/domain/ledger/log-events';
import type { StoredRecord } from '../../server/src/domain/ledger/types';

const hash = (n: number) => String(n).repeat(64).slice(0, 64);

const policy = (overrides: Partial<LoggedPolicy> = {}): LoggedPolicy => ({
  key: 'privacy',
  titles: { ru: 'Политика', en: 'Privacy' },
  releases: [
    {
      version: 2,
      effectiveAt: new Date('2026-03-01T00:00:00Z'),
      material: true,
      releasedAt: new Date('2026-02-01T00:00:00Z'),
      withdrawnAt: new Date('2026-02-10T00:00:00Z'),
      texts: { ru: { title: 'Политика v2', contentHash: hash(2) }, en: { title: 'Privacy v2', contentHash: hash(3) } },
    },
    {
      version: 1,
      effectiveAt: new Date('2026-01-01T00:00:00Z'),
      material: false,
      releasedAt: new Date('2025-12-01T00:00:00Z'),
      withdrawnAt: null,
      // A locale published without a text has no hash and no event.
      texts: { kk: { title: '', contentHash: null }, ru: { title: 'Политика', contentHash: hash(1) } },
    },
  ],
  ...overrides,
});

/** The events as the writer would store them, linked into a chain. */
function stored(events: ReturnType<typeof missingPublicationEvents>): StoredRecord[] {
  let head: { seq: number; hash: string | null } = { seq: 0, hash: null };
  return events.map((event, i) => {
    const record = seal({ ...event, id: `id-${i}`, recordedAt: '2026-02-11T00:00:00.000Z' }, head);
    head = { seq: record.seq, hash: record.hash };
    return record;
  });
}

describe('publication events', () => {
  it('are, for a policy never logged, its creation, then each version by number, publications before the withdrawal', () => {
    const events = missingPublicationEvents([policy()], []);
    expect(events.map((e) => [e.event, e.version, e.locale, e.contentHash])).toEqual([
      ['policy-created', null, null, null],
      ['published', 1, 'ru', hash(1)],
      ['published', 2, 'en', hash(3)],
      ['published', 2, 'ru', hash(2)],
      ['version-withdrawn', 2, null, null],
    ]);
    for (const event of events) {
      expect(event).toMatchObject({ subject: null, policy: 'privacy', ip: null, userAgent: null, acceptLanguage: null, source: 'publication' });
    }
    expect(JSON.parse(events[1].metadata as string)).toEqual({
      effectiveAt: '2026-01-01T00:00:00.000Z',
      material: false,
      releasedAt: '2025-12-01T00:00:00.000Z',
      title: 'Политика',
    });
    expect(JSON.parse(events[4].metadata as string)).toEqual({ withdrawnAt: '2026-02-10T00:00:00.000Z' });
  });

  it('are each logged once: what the log holds is not asked for again', () => {
    const first = stored(missingPublicationEvents([policy()], []));
    expect(missingPublicationEvents([policy()], first)).toEqual([]);
  });

  it('add only what is new: a later version, a withdrawal, another policy', () => {
    const before = policy({ releases: policy().releases.map((r) => ({ ...r, withdrawnAt: null })).filter((r) => r.version === 1) });
    const logged = stored(missingPublicationEvents([before], []));
    const after = [policy(), policy({ key: 'terms', titles: { en: 'Terms' }, releases: [] })];
    expect(missingPublicationEvents(after, logged).map((e) => [e.event, e.policy, e.version, e.locale])).toEqual([
      ['published', 'privacy', 2, 'en'],
      ['published', 'privacy', 2, 'ru'],
      ['version-withdrawn', 'privacy', 2, null],
      ['policy-created', 'terms', null, null],
    ]);
  });

  it('tell texts apart by content hash: a text whose hash the log does not hold is logged', () => {
    const logged = stored(missingPublicationEvents([policy()], []));
    const changed = policy();
    changed.releases[1].texts.ru = { title: 'Политика', contentHash: hash(9) };
    expect(missingPublicationEvents([changed], logged).map((e) => [e.event, e.version, e.contentHash])).toEqual([['published', 1, hash(9)]]);
  });

  it('ignore subjects\' records that name the same text', () => {
    const [acceptance] = stored([
      { ...missingPublicationEvents([policy()], [])[1], subject: 'user-1', event: 'accepted', source: 'web', metadata: null },
    ]);
    expect(missingPublicationEvents([policy()], [acceptance]).map((e) => e.event)).toContain('published');
  });
});

describe('audit events', () => {
  it('name the admin and the action, and carry no subject', () => {
    const event = auditEvent('erasure', { id: 7, email: 'officer@example.kz' }, { pseudonym: 'erased:abc', erasedRecords: 3 });
    expect(event).toMatchObject({ subject: null, event: 'audit', source: 'erasure', policy: null, ip: null, contentHash: null });
    expect(JSON.parse(event.metadata as string)).toEqual({
      admin: { id: '7', email: 'officer@example.kz' },
      erasedRecords: 3,
      pseudonym: 'erased:abc',
    });
  });

  it('keep the admin the caller names, whatever the details say', () => {
    const event = auditEvent('export', { id: 1, email: null }, { admin: 'someone else', policy: 'privacy' });
    expect(JSON.parse(event.metadata as string).admin).toEqual({ id: '1', email: null });
    expect(event.policy).toBe('privacy');
  });
});

describe('permission changes', () => {
  const grant = (overrides: Partial<Grant> = {}): Grant => ({
    scope: 'admin',
    roleId: 3,
    role: 'Editor',
    action: 'plugin::policy-versions.export',
    settings: '{"conditions":[]}',
    ...overrides,
  });

  it('are nothing when nothing changed', () => {
    expect(permissionChanges([grant()], [grant()])).toEqual({ granted: [], revoked: [] });
  });

  it('tell grants and revocations apart, per role and scope', () => {
    const before = [grant(), grant({ scope: 'users-permissions', roleId: 3, role: 'Public', action: 'plugin::policy-versions.acceptances.accept' })];
    const after = [grant({ roleId: 4, role: 'Auditor' })];
    expect(permissionChanges(before, after)).toEqual({ granted: [after[0]], revoked: before });
  });

  it('count a change of conditions as a revocation and a grant', () => {
    const narrowed = grant({ settings: '{"conditions":["admin::is-creator"]}' });
    expect(permissionChanges([grant()], [narrowed])).toEqual({ granted: [narrowed], revoked: [grant()] });
  });
});
