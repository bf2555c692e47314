import { consentState, consentStatus, type MustAcceptReason, type SubjectEvent, type TimelinePoint } from '../../server/src/domain/ledger/status';

// One case per row of "When must a subject accept?" in docs/ledger.md, in the same order.
const NOW = new Date('2026-06-01T00:00:00.000Z');
const JAN = '2026-01-01T00:00:00.000Z';
const FEB = '2026-02-01T00:00:00.000Z';
const MAR = '2026-03-01T00:00:00.000Z';
const JUL = '2026-07-01T00:00:00.000Z'; // scheduled: after NOW

const v = (version: number, effectiveAt: string, flags: { material?: boolean; withdrawn?: boolean } = {}): TimelinePoint => ({
  version,
  effectiveAt: new Date(effectiveAt),
  material: flags.material ?? false,
  withdrawn: flags.withdrawn ?? false,
});

const event = (kind: SubjectEvent['event'], version: number | null, locale = 'ru', recordedAt = '2026-05-01T00:00:00.000Z'): SubjectEvent => ({
  event: kind,
  version,
  locale,
  recordedAt,
});
const accepted = (version: number) => event('accepted', version);

interface Case {
  situation: string;
  versions: TimelinePoint[];
  events: SubjectEvent[];
  /** When the answer is asked for; NOW unless the case is about a version taking effect. */
  at?: string;
  expected: { currentVersion: number | null; acceptedVersion: number | null; mustAccept: boolean; reason: MustAcceptReason };
}

const cases: Case[] = [
  {
    situation: 'no version in force yet (v1 scheduled)',
    versions: [v(1, JUL, { material: true })],
    events: [],
    expected: { currentVersion: null, acceptedVersion: null, mustAccept: false, reason: null },
  },
  {
    situation: 'never accepted, v1 in force',
    versions: [v(1, JAN, { material: true })],
    events: [],
    expected: { currentVersion: 1, acceptedVersion: null, mustAccept: true, reason: 'never-accepted' },
  },
  {
    situation: 'accepted v1, v1 in force',
    versions: [v(1, JAN, { material: true })],
    events: [accepted(1)],
    expected: { currentVersion: 1, acceptedVersion: 1, mustAccept: false, reason: null },
  },
  {
    situation: 'accepted v1, non-material v2 in force',
    versions: [v(1, JAN, { material: true }), v(2, FEB)],
    events: [accepted(1)],
    expected: { currentVersion: 2, acceptedVersion: 1, mustAccept: false, reason: null },
  },
  {
    situation: 'accepted v1, material v2 in force',
    versions: [v(1, JAN, { material: true }), v(2, FEB, { material: true })],
    events: [accepted(1)],
    expected: { currentVersion: 2, acceptedVersion: 1, mustAccept: true, reason: 'material-change' },
  },
  {
    situation: 'accepted v1, material v2, non-material v3 in force',
    versions: [v(1, JAN, { material: true }), v(2, FEB, { material: true }), v(3, MAR)],
    events: [accepted(1)],
    expected: { currentVersion: 3, acceptedVersion: 1, mustAccept: true, reason: 'material-change' },
  },
  {
    situation: 'accepted v1, material v2 withdrawn by the editor, non-material v3 in force',
    versions: [v(1, JAN, { material: true }), v(2, FEB, { material: true, withdrawn: true }), v(3, MAR)],
    events: [accepted(1)],
    expected: { currentVersion: 3, acceptedVersion: 1, mustAccept: false, reason: null },
  },
  {
    situation: 'accepted only the scheduled v2, v1 in force',
    versions: [v(1, JAN, { material: true }), v(2, JUL, { material: true })],
    events: [accepted(2)],
    expected: { currentVersion: 1, acceptedVersion: null, mustAccept: true, reason: 'never-accepted' },
  },
  {
    situation: 'accepted only the scheduled v2, then the editor withdrew v2',
    versions: [v(1, JAN, { material: true }), v(2, JUL, { material: true, withdrawn: true })],
    events: [accepted(2)],
    expected: { currentVersion: 1, acceptedVersion: null, mustAccept: true, reason: 'never-accepted' },
  },
  {
    situation: 'accepted only the scheduled v2, once v2 takes effect',
    versions: [v(1, JAN, { material: true }), v(2, JUL, { material: true })],
    events: [accepted(2)],
    at: JUL,
    expected: { currentVersion: 2, acceptedVersion: 2, mustAccept: false, reason: null },
  },
  {
    situation: 'accepted v1, then the scheduled material v2',
    versions: [v(1, JAN, { material: true }), v(2, JUL, { material: true })],
    events: [accepted(1), accepted(2)],
    expected: { currentVersion: 1, acceptedVersion: 1, mustAccept: false, reason: null },
  },
  {
    situation: 'accepted v1, then the scheduled material v2, once v2 takes effect',
    versions: [v(1, JAN, { material: true }), v(2, JUL, { material: true })],
    events: [accepted(1), accepted(2)],
    at: JUL,
    expected: { currentVersion: 2, acceptedVersion: 2, mustAccept: false, reason: null },
  },
  {
    situation: 'accepted v1, material v2 in force, accepted the scheduled v3',
    versions: [v(1, JAN, { material: true }), v(2, FEB, { material: true }), v(3, JUL, { material: true })],
    events: [accepted(1), accepted(3)],
    expected: { currentVersion: 2, acceptedVersion: 1, mustAccept: true, reason: 'material-change' },
  },
  {
    situation: 'accepted v2 in force, material v3 scheduled',
    versions: [v(1, JAN, { material: true }), v(2, FEB), v(3, JUL, { material: true })],
    events: [accepted(2)],
    expected: { currentVersion: 2, acceptedVersion: 2, mustAccept: false, reason: null },
  },
  {
    situation: 'accepted v2, material v3 scheduled, once v3 takes effect',
    versions: [v(1, JAN, { material: true }), v(2, FEB), v(3, JUL, { material: true })],
    events: [accepted(2)],
    at: JUL,
    expected: { currentVersion: 3, acceptedVersion: 2, mustAccept: true, reason: 'material-change' },
  },
  {
    situation: 'accepted v2, non-material v3 scheduled, once v3 takes effect',
    versions: [v(1, JAN, { material: true }), v(2, FEB), v(3, JUL)],
    events: [accepted(2)],
    at: JUL,
    expected: { currentVersion: 3, acceptedVersion: 2, mustAccept: false, reason: null },
  },
  {
    situation: 'accepted only v3 while in force, then the editor withdrew v3 (v2 in force again)',
    versions: [v(1, JAN, { material: true }), v(2, FEB), v(3, MAR, { material: true, withdrawn: true })],
    events: [accepted(3)],
    expected: { currentVersion: 2, acceptedVersion: null, mustAccept: true, reason: 'never-accepted' },
  },
  {
    situation: 'accepted v1 and v3, then the editor withdrew v3 (non-material v2 in force again)',
    versions: [v(1, JAN, { material: true }), v(2, FEB), v(3, MAR, { material: true, withdrawn: true })],
    events: [accepted(1), accepted(3)],
    expected: { currentVersion: 2, acceptedVersion: 1, mustAccept: false, reason: null },
  },
  {
    situation: 'accepted v1, then withdrew consent',
    versions: [v(1, JAN, { material: true })],
    events: [accepted(1), event('withdrawn', 1)],
    expected: { currentVersion: 1, acceptedVersion: 1, mustAccept: true, reason: 'withdrawn' },
  },
  {
    situation: 'withdrew consent, then accepted v1 again',
    versions: [v(1, JAN, { material: true })],
    events: [accepted(1), event('withdrawn', 1), accepted(1)],
    expected: { currentVersion: 1, acceptedVersion: 1, mustAccept: false, reason: null },
  },
  {
    situation: 'accepted v1, then erased',
    versions: [v(1, JAN, { material: true })],
    events: [accepted(1), event('erased', null)],
    expected: { currentVersion: 1, acceptedVersion: null, mustAccept: true, reason: 'never-accepted' },
  },
];

describe('when a subject must accept', () => {
  it.each(cases)('$situation', ({ versions, events, at, expected }) => {
    const decision = consentStatus(consentState(events), versions, at ? new Date(at) : NOW);
    expect({
      currentVersion: decision.currentVersion,
      acceptedVersion: decision.acceptance?.version ?? null,
      mustAccept: decision.mustAccept,
      reason: decision.reason,
    }).toEqual(expected);
  });

  it('shows the latest acceptance of the version that counts, so acceptedAt and locale are that record\'s', () => {
    const kk = event('accepted', 1, 'kk', '2026-05-02T00:00:00.000Z');
    const state = consentState([event('accepted', 1, 'ru'), kk, event('accepted', 2, 'en')]);
    const decision = consentStatus(state, [v(1, JAN, { material: true }), v(2, JUL, { material: true })], NOW);
    expect(decision.acceptance).toBe(kk);
  });
});
