export interface TimelineVersion {
  version: number;
  effectiveAt: Date;
  withdrawnAt: Date | null;
}

export type VersionStatus = 'scheduled' | 'current' | 'superseded' | 'withdrawn';

// Timeline order: by effectiveAt, then by version, so that of two versions taking effect
// at the same instant the higher one is in force.
function compareTimeline(a: TimelineVersion, b: TimelineVersion): number {
  return a.effectiveAt.getTime() - b.effectiveAt.getTime() || a.version - b.version;
}

function activeTimeline<T extends TimelineVersion>(versions: readonly T[]): T[] {
  return versions.filter((v) => v.withdrawnAt === null).sort(compareTimeline);
}

export function versionInForce<T extends TimelineVersion>(versions: readonly T[], at: Date): T | null {
  return activeTimeline(versions).filter((v) => v.effectiveAt.getTime() <= at.getTime()).at(-1) ?? null;
}

export function upcomingVersion<T extends TimelineVersion>(versions: readonly T[], at: Date): T | null {
  const next = activeTimeline(versions).find((v) => v.effectiveAt.getTime() > at.getTime());
  if (!next) return null;
  // Of several versions sharing that instant, the highest is the one that will be in force.
  return versionInForce(versions, next.effectiveAt);
}

export function supersededAt(versions: readonly TimelineVersion[], v: TimelineVersion): Date | null {
  if (v.withdrawnAt !== null) return null;
  return activeTimeline(versions).find((other) => compareTimeline(other, v) > 0)?.effectiveAt ?? null;
}

export function versionStatus(versions: readonly TimelineVersion[], v: TimelineVersion, at: Date): VersionStatus {
  if (v.withdrawnAt !== null) return 'withdrawn';
  if (v.effectiveAt.getTime() > at.getTime()) return 'scheduled';
  return versionInForce(versions, at)?.version === v.version ? 'current' : 'superseded';
}

export function cacheMaxAgeSeconds(at: Date, versions: readonly TimelineVersion[], ceilingSeconds: number): number {
  const next = upcomingVersion(versions, at);
  const untilSwitch = next ? (next.effectiveAt.getTime() - at.getTime()) / 1000 : Infinity;
  return Math.max(0, Math.floor(Math.min(ceilingSeconds, untilSwitch)));
}
