import type { VersionRecord } from '../api/types';

export type TimelineStatus = 'draft' | 'scheduled' | 'current' | 'superseded' | 'withdrawn';

const time = (iso: string | null) => (iso ? Date.parse(iso) : Number.NaN);

/**
 * Where each version stands at `now`: the published version with the latest effective date not after now
 * is current, earlier ones are superseded, later ones scheduled. Mirrors the server's resolution so the
 * timeline and the public API agree.
 */
export function timelineStatuses(versions: VersionRecord[], now: Date): Map<string, TimelineStatus> {
  const at = now.getTime();
  const inForce = versions
    .filter((version) => version.state === 'published' && time(version.effectiveAt) <= at)
    .sort((a, b) => time(b.effectiveAt) - time(a.effectiveAt) || (b.version ?? 0) - (a.version ?? 0))[0];

  return new Map(
    versions.map((version): [string, TimelineStatus] => {
      if (version.state === 'draft') return [version.documentId, 'draft'];
      if (version.state === 'withdrawn') return [version.documentId, 'withdrawn'];
      if (version === inForce) return [version.documentId, 'current'];
      return [version.documentId, time(version.effectiveAt) > at ? 'scheduled' : 'superseded'];
    })
  );
}

/** The newest effective date among published versions: a new one must come after it. */
export const lastEffectiveAt = (versions: VersionRecord[]): Date | null => {
  const times = versions.filter((v) => v.state === 'published' && v.effectiveAt).map((v) => time(v.effectiveAt));
  return times.length ? new Date(Math.max(...times)) : null;
};
