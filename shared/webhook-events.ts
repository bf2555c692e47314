/**
 * The Strapi webhook events the plugin emits, by the key Strapi's webhook store registers each under, and what
 * each one carries (docs/webhooks.md): the contract of the server that emits them, the admin screen that
 * subscribes webhooks to them, and their receivers. Strapi's runner posts `{ event, createdAt, ...data }`, so each payload sits
 * under a key of its own, as Strapi's entry events put theirs under `entry`.
 */
export const WEBHOOK_EVENTS = {
  POLICY_LEDGER_CHECKPOINT: 'policy-ledger.checkpoint',
  POLICY_VERSION_PUBLISH: 'policy-version.publish',
  POLICY_VERSION_WITHDRAW: 'policy-version.withdraw',
  POLICY_VERSION_EFFECTIVE: 'policy-version.effective',
  POLICY_ACCEPTANCE_CREATE: 'policy-acceptance.create',
  POLICY_ACCEPTANCE_WITHDRAW: 'policy-acceptance.withdraw',
} as const;

export type WebhookEvent = (typeof WEBHOOK_EVENTS)[keyof typeof WEBHOOK_EVENTS];

/** A published version as the version events describe it: no texts, each locale's contentHash names its text. */
export interface PolicyVersionPayload {
  policy: string;
  version: number;
  /** The locales with a text, in the order the release stores them. */
  locales: Array<{ locale: string; contentHash: string }>;
  effectiveAt: string;
  material: boolean;
  publishedAt: string;
  /** Set on `policy-version.withdraw` only. */
  withdrawnAt?: string;
}

/**
 * An acceptance or withdrawal as the acceptance events describe it: what a receiver needs to act on it, and
 * nothing of the evidence that is personal beyond the subject (no IP, user agent, metadata or representative).
 */
export interface AcceptancePayload {
  /** The ledger record's id, by which its receipt and proofs are found. */
  recordId: string;
  subject: string;
  policy: string;
  version: number;
  locale: string;
  contentHash: string;
  recordedAt: string;
  /**
   * For an acceptance, each purpose of the version's terms and whether it was given; for a withdrawal, the
   * purposes withdrawn. Null when the version names no purposes, or a withdrawal withdraws them all.
   */
  purposes: Record<string, boolean> | string[] | null;
}

export interface WebhookPayloads {
  'policy-ledger.checkpoint': { checkpoint: { origin: string | undefined; treeSize: number; rootHash: string; signedAt: string; note: string } };
  'policy-version.publish': { policyVersion: PolicyVersionPayload };
  'policy-version.withdraw': { policyVersion: PolicyVersionPayload };
  'policy-version.effective': { policyVersion: PolicyVersionPayload };
  'policy-acceptance.create': { acceptance: AcceptancePayload };
  'policy-acceptance.withdraw': { acceptance: AcceptancePayload };
}
