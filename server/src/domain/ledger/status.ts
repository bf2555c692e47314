import type { LedgerEvent } from './types';

export interface SubjectEvent {
  event: LedgerEvent;
  version: number | null;
  locale: string | null;
  recordedAt: string;
}

export interface ConsentState<T extends SubjectEvent = SubjectEvent> {
  /** Acceptances since the last withdrawal or erasure, oldest first. */
  active: T[];
  /** The highest version accepted since the last withdrawal or erasure. */
  accepted: T | null;
  /** The last acceptance at all, even if withdrawn since. */
  lastAccepted: T | null;
  withdrawn: boolean;
}

/** Folds one subject's events for one policy, in chain order, into where their consent stands. */
export function consentState<T extends SubjectEvent>(events: readonly T[]): ConsentState<T> {
  let active: T[] = [];
  let lastAccepted: T | null = null;
  let withdrawn = false;
  for (const event of events) {
    if (event.event === 'accepted') {
      active.push(event);
      lastAccepted = event;
      withdrawn = false;
    } else if (event.event === 'withdrawn') {
      active = [];
      withdrawn = true;
    } else {
      active = [];
      lastAccepted = null;
      withdrawn = false;
    }
  }
  const accepted = active.reduce<T | null>((best, event) => (!best || (event.version ?? 0) >= (best.version ?? 0) ? event : best), null);
  return { active, accepted, lastAccepted, withdrawn };
}

export interface TimelinePoint {
  version: number;
  material: boolean;
  withdrawn: boolean;
}

export type MustAcceptReason = 'never-accepted' | 'material-change' | 'withdrawn' | null;

/**
 * Must the subject accept now? Only a version in force can be demanded. Someone who accepted an earlier
 * version must accept again only if a material version was published after theirs, up to the current one.
 */
export function mustAccept(
  state: ConsentState,
  currentVersion: number | null,
  versions: readonly TimelinePoint[]
): { mustAccept: boolean; reason: MustAcceptReason } {
  if (currentVersion === null) return { mustAccept: false, reason: null };
  if (state.withdrawn) return { mustAccept: true, reason: 'withdrawn' };
  if (!state.accepted) return { mustAccept: true, reason: 'never-accepted' };
  const acceptedVersion = state.accepted.version ?? 0;
  const materialSince = versions.some(
    (point) => !point.withdrawn && point.material && point.version > acceptedVersion && point.version <= currentVersion
  );
  return materialSince ? { mustAccept: true, reason: 'material-change' } : { mustAccept: false, reason: null };
}
