import { isPartialWithdrawal, purposeStates } from './purposes';
import type { LedgerEvent } from './types';

export interface SubjectEvent {
  event: LedgerEvent;
  version: number | null;
  locale: string | null;
  recordedAt: string;
  /** The stored purposes (domain/ledger/purposes.ts): given by an acceptance, withdrawn by a partial withdrawal. */
  purposes?: string | null;
}

export interface ConsentState<T extends SubjectEvent = SubjectEvent> {
  /** Acceptances since the last withdrawal or erasure, oldest first. */
  active: T[];
  /** The highest version accepted since the last withdrawal or erasure. */
  accepted: T | null;
  /** The last acceptance at all, even if withdrawn since. */
  lastAccepted: T | null;
  withdrawn: boolean;
  /** Each purpose of `accepted` and whether it stands after the partial withdrawals since; null when it names none. */
  purposes: Record<string, boolean> | null;
}

/**
 * Folds one subject's events for one policy, in chain order, into where their consent stands. A withdrawal of some
 * optional purposes only (a partial one) leaves the acceptances standing and takes those purposes back.
 */
export function consentState<T extends SubjectEvent>(events: readonly T[]): ConsentState<T> {
  let active: T[] = [];
  let lastAccepted: T | null = null;
  let withdrawn = false;
  let partial: T[] = [];
  for (const event of events) {
    if (event.event === 'accepted') {
      active.push(event);
      lastAccepted = event;
      withdrawn = false;
    } else if (isPartialWithdrawal(event)) {
      if (active.length > 0) partial.push(event);
    } else if (event.event === 'withdrawn') {
      active = [];
      partial = [];
      withdrawn = true;
    } else {
      active = [];
      partial = [];
      lastAccepted = null;
      withdrawn = false;
    }
  }
  const accepted = active.reduce<T | null>((best, event) => (!best || (event.version ?? 0) >= (best.version ?? 0) ? event : best), null);
  // Only the partial withdrawals after the acceptance apply to it: a later acceptance gives its purposes anew.
  const since = accepted ? partial.filter((event) => events.indexOf(event) > events.indexOf(accepted)) : [];
  return { active, accepted, lastAccepted, withdrawn, purposes: purposeStates(accepted?.purposes, since.map((event) => event.purposes)) };
}

export interface TimelinePoint {
  version: number;
  material: boolean;
  /** Withdrawn by the editor: it never binds anyone, and accepting it proves consent to nothing in force. */
  withdrawn: boolean;
  effectiveAt: Date;
}

export type MustAcceptReason = 'never-accepted' | 'material-change' | 'withdrawn' | null;

export interface ConsentDecision<T extends SubjectEvent = SubjectEvent> {
  /** The version in force at the instant asked about; null before the first one takes effect. */
  currentVersion: number | null;
  /**
   * The acceptance the answer rests on: the one that satisfies the version in force, the one a material change
   * outdated, or the last one before a withdrawal of consent; null when no accepted text ever took effect.
   */
  acceptance: T | null;
  mustAccept: boolean;
  reason: MustAcceptReason;
}

/**
 * Must the subject accept at `at`? Only a version in force can be demanded. It is satisfied by an acceptance
 * of itself or of an earlier version with no material version in between. An acceptance counts only once its
 * version has taken effect and never if the editor withdrew that version, so accepting a scheduled text alone
 * proves no consent to the one in force. Asked at an upcoming version's `effectiveAt`, it tells whether the
 * subject will have to accept when that version takes effect.
 */
export function consentStatus<T extends SubjectEvent>(state: ConsentState<T>, points: readonly TimelinePoint[], at: Date): ConsentDecision<T> {
  const tookEffect = points.filter((point) => !point.withdrawn && point.effectiveAt.getTime() <= at.getTime());
  // Versions are numbered in the order they take effect, so the highest one that took effect is in force.
  const currentVersion = tookEffect.reduce<number | null>((max, point) => (max === null || point.version > max ? point.version : max), null);
  if (currentVersion === null) return { currentVersion, acceptance: null, mustAccept: false, reason: null };
  if (state.withdrawn) return { currentVersion, acceptance: state.lastAccepted, mustAccept: true, reason: 'withdrawn' };
  const counted = new Set(tookEffect.map((point) => point.version));
  // The highest counted version is the best candidate: any lower one has at least the same versions after it.
  const acceptance = state.active.reduce<T | null>(
    (best, record) =>
      record.version !== null && counted.has(record.version) && (!best || record.version >= (best.version as number)) ? record : best,
    null
  );
  if (!acceptance) return { currentVersion, acceptance: null, mustAccept: true, reason: 'never-accepted' };
  // Every version that took effect is at most the current one, so these are the ones between the two.
  const materialSince = tookEffect.some((point) => point.material && point.version > (acceptance.version as number));
  return { currentVersion, acceptance, mustAccept: materialSince, reason: materialSince ? 'material-change' : null };
}
