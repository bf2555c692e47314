import { ERASED_PREFIX } from './chain';
import { isPartialWithdrawal } from './purposes';
import type { StoredRecord } from './types';

/*
 * "Who must accept again when version N takes effect": the subjects whose consent stands now but will not cover N,
 * for the operator's notice of the change (an e-mail campaign). The rule is consentStatus's, asked at N's effective
 * date: an acceptance counts if its version is N or earlier and was not withdrawn by the editor; it covers N unless
 * a material version lies after it up to N. Subjects who withdrew, or were erased, are left out: they have no
 * consent to renew, and an erased one cannot be written to.
 */

export interface ReacceptanceRow {
  subject: string;
  /** The version their consent rests on (null: only versions that do not count, such as a later scheduled one). */
  acceptedVersion: number | null;
  locale: string | null;
  acceptedAt: string | null;
}

interface SubjectState {
  /** Versions accepted since the last full withdrawal, with the locale and time of the latest acceptance of each. */
  active: Map<number, { locale: string | null; at: string }>;
}

export function createReacceptanceFold(target: number, versions: ReadonlyArray<{ version: number; material: boolean; withdrawn: boolean }>) {
  const counted = new Set(versions.filter((point) => !point.withdrawn && point.version <= target).map((point) => point.version));
  // The last material version up to the target: an acceptance below it does not cover the target.
  const lastMaterial = versions
    .filter((point) => point.material && !point.withdrawn && point.version <= target)
    .reduce<number | null>((max, point) => (max === null || point.version > max ? point.version : max), null);
  const subjects = new Map<string, SubjectState>();

  return {
    /** Records of the policy, in chain order. */
    push(record: StoredRecord) {
      if (record.subject === null || record.subject.startsWith(ERASED_PREFIX)) return;
      if (record.event === 'accepted' && record.version !== null) {
        const state = subjects.get(record.subject) ?? { active: new Map() };
        state.active.set(record.version, { locale: record.locale, at: record.recordedAt });
        subjects.set(record.subject, state);
      } else if (record.event === 'withdrawn' && !isPartialWithdrawal(record)) {
        subjects.delete(record.subject);
      }
    },

    *rows(): Generator<ReacceptanceRow> {
      for (const [subject, state] of subjects) {
        const covering = [...state.active.keys()].filter((version) => counted.has(version));
        const best = covering.length === 0 ? null : Math.max(...covering);
        if (best !== null && (lastMaterial === null || best >= lastMaterial)) continue;
        const shown = best ?? Math.max(...state.active.keys());
        const latest = state.active.get(shown);
        yield { subject, acceptedVersion: best, locale: latest?.locale ?? null, acceptedAt: latest?.at ?? null };
      }
    },
  };
}
