/** The payload builders of the plugin's webhook events (their names and payload types: shared/webhook-events.ts). */
import { WEBHOOK_EVENTS, type AcceptancePayload, type PolicyVersionPayload } from '../../../shared/webhook-events';
import type { StoredRecord } from './ledger/types';

/** What the version events are built from: a release (repositories/releases.ts) has these fields. */
export interface ReleasedVersion {
  policyKey: string;
  version: number;
  effectiveAt: Date;
  material: boolean;
  releasedAt: Date;
  withdrawnAt: Date | null;
  texts: Partial<Record<string, { contentHash: string | null }>>;
}

export function policyVersionPayload(release: ReleasedVersion): PolicyVersionPayload {
  const locales = Object.entries(release.texts).flatMap(([locale, text]) => (text?.contentHash ? [{ locale, contentHash: text.contentHash }] : []));
  return {
    policy: release.policyKey,
    version: release.version,
    locales,
    effectiveAt: release.effectiveAt.toISOString(),
    material: release.material,
    publishedAt: release.releasedAt.toISOString(),
    ...(release.withdrawnAt ? { withdrawnAt: release.withdrawnAt.toISOString() } : {}),
  };
}

/** What the acceptance events are built from: the fields of a stored ledger record they need. */
export type RecordedConsent = Pick<StoredRecord, 'id' | 'subject' | 'policy' | 'version' | 'locale' | 'contentHash' | 'recordedAt' | 'purposes'> & {
  event: string;
};

/** The event for a newly written `accepted` or `withdrawn` record; null for any other record. */
export function acceptanceEvent(
  record: RecordedConsent
): { event: 'policy-acceptance.create' | 'policy-acceptance.withdraw'; data: { acceptance: AcceptancePayload } } | null {
  const event =
    record.event === 'accepted' ? WEBHOOK_EVENTS.POLICY_ACCEPTANCE_CREATE : record.event === 'withdrawn' ? WEBHOOK_EVENTS.POLICY_ACCEPTANCE_WITHDRAW : null;
  if (!event || record.subject === null || record.policy === null || record.version === null || record.locale === null || record.contentHash === null) {
    return null;
  }
  const acceptance: AcceptancePayload = {
    recordId: record.id,
    subject: record.subject,
    policy: record.policy,
    version: record.version,
    locale: record.locale,
    contentHash: record.contentHash,
    recordedAt: record.recordedAt,
    purposes: record.purposes === null ? null : JSON.parse(record.purposes),
  };
  return { event, data: { acceptance } };
}
