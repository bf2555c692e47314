/**
 * A subject's events (`accepted`, `withdrawn`, `erased`) and the log's own: `policy-created`, `published` (one per
 * locale of a published version, its contentHash in the record) and `version-withdrawn`, which put the texts under
 * the same proofs as the acceptances; `audit`, an admin action on the evidence (its `source` names the action, its
 * metadata the admin). The log's own events have no subject.
 */
export const LEDGER_EVENTS = ['accepted', 'withdrawn', 'erased', 'policy-created', 'published', 'version-withdrawn', 'audit'] as const;
export type LedgerEvent = (typeof LEDGER_EVENTS)[number];

/** The admin actions an `audit` event records (its `source`). */
export const AUDIT_ACTIONS = ['export', 'erasure', 'verification', 'evidence-pack', 'permissions', 'withdrawal-outcome'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
