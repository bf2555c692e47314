import { canonicalJson } from './canonical';

/*
 * Purposes in acceptances and withdrawals. A version's consent terms list its purposes, each required or not. An
 * acceptance records every one of them and whether it was given; a required one must be. A withdrawal names the
 * purposes withdrawn: withdrawing only optional ones leaves the acceptance standing for the rest, while withdrawing a
 * required one (or every one, or naming none) withdraws the consent as a whole, and is recorded as a full withdrawal.
 */

export interface PurposeRule {
  id: string;
  required: boolean;
}

export type PurposeProblem =
  | { kind: 'unknown'; ids: string[] }
  | { kind: 'required'; ids: string[] }
  | { kind: 'none-defined' };

// The stored form of a record's purposes: canonical JSON, a withdrawal's ids sorted, so equal sets are equal text.
const stored = (value: Record<string, boolean> | string[]) => canonicalJson(Array.isArray(value) ? [...value].sort() : value);

/**
 * The purposes an acceptance records: every purpose of the version, true where given (an optional one left out is
 * not given), or the problem that refuses it. A client that sends no `purposes` at all accepts the text as a whole:
 * the required purposes, without which there is nothing to accept, are recorded as given and the optional ones as
 * not. Null when the version names no purposes and none were sent.
 */
export function acceptedPurposes(defined: readonly PurposeRule[], given: Record<string, boolean> | undefined): { purposes: string | null } | { problem: PurposeProblem } {
  if (defined.length === 0) return given === undefined || Object.keys(given).length === 0 ? { purposes: null } : { problem: { kind: 'none-defined' } };
  const asked = given ?? Object.fromEntries(defined.filter((purpose) => purpose.required).map((purpose) => [purpose.id, true]));
  const known = new Set(defined.map((purpose) => purpose.id));
  const unknown = Object.keys(asked).filter((id) => !known.has(id));
  if (unknown.length > 0) return { problem: { kind: 'unknown', ids: unknown.sort() } };
  const missing = defined.filter((purpose) => purpose.required && asked[purpose.id] !== true).map((purpose) => purpose.id);
  if (missing.length > 0) return { problem: { kind: 'required', ids: missing } };
  return { purposes: stored(Object.fromEntries(defined.map((purpose) => [purpose.id, asked[purpose.id] === true]))) };
}

/**
 * The purposes a withdrawal records: null for a full withdrawal (none named, all named, or a required one among
 * them), else the optional purposes withdrawn; or the problem that refuses it.
 */
export function withdrawnPurposes(defined: readonly PurposeRule[], asked: readonly string[] | undefined): { purposes: string | null } | { problem: PurposeProblem } {
  if (asked === undefined) return { purposes: null };
  const known = new Set(defined.map((purpose) => purpose.id));
  const unknown = asked.filter((id) => !known.has(id));
  if (unknown.length > 0) return { problem: defined.length === 0 ? { kind: 'none-defined' } : { kind: 'unknown', ids: [...new Set(unknown)].sort() } };
  const ids = new Set(asked);
  const full = ids.size === 0 || ids.size === known.size || defined.some((purpose) => purpose.required && ids.has(purpose.id));
  return { purposes: full ? null : stored([...ids]) };
}

/** Whether a stored withdrawal withdrew only some optional purposes, leaving the acceptance standing. */
export const isPartialWithdrawal = (record: { event: string; purposes?: string | null }) => record.event === 'withdrawn' && record.purposes != null;

/** Each purpose of an acceptance and whether it stands, after the partial withdrawals that followed it. */
export function purposeStates(accepted: string | null | undefined, withdrawals: ReadonlyArray<string | null | undefined>): Record<string, boolean> | null {
  if (accepted == null) return null;
  const states = JSON.parse(accepted) as Record<string, boolean>;
  for (const withdrawal of withdrawals) {
    if (withdrawal == null) continue;
    for (const id of JSON.parse(withdrawal) as string[]) if (id in states) states[id] = false;
  }
  return states;
}

/** The message of a 400 for `problem`. */
export function purposeProblemMessage(problem: PurposeProblem, version: number): string {
  switch (problem.kind) {
    case 'none-defined':
      return `Version ${version} names no purposes: send no "purposes"`;
    case 'unknown':
      return `Version ${version} has no purpose ${problem.ids.map((id) => `"${id}"`).join(', ')}`;
    case 'required':
      return `The purpose${problem.ids.length === 1 ? '' : 's'} ${problem.ids.map((id) => `"${id}"`).join(', ')} of version ${version} ${problem.ids.length === 1 ? 'is' : 'are'} required: send ${problem.ids.map((id) => `"${id}": true`).join(', ')} in "purposes"`;
  }
}
