import { canonicalJson } from './canonical';
import type { Unsealed } from './chain';
import type { StoredRecord } from './types';
import type { AuditAction } from '../../../../shared/ledger-events';

/*
 * The log's own events, which have no subject: publications and admin audit events.
 *
 * Publications:  a policy was created, a version was published (one event per locale, its
 * content hash in the record) and a scheduled version was withdrawn. With them in the log, the texts are under the
 * same proofs as the acceptances: an inclusion proof shows that this exact text was published, at that position,
 * before the acceptances that name it. The events are derived from the releases, so they are reconciled rather than
 * written by each path that publishes: whatever the log lacks is appended, and nothing twice.
 */

export interface LoggedRelease {
  version: number;
  effectiveAt: Date;
  material: boolean;
  releasedAt: Date;
  withdrawnAt: Date | null;
  texts: Partial<Record<string, { title: string; contentHash: string | null }>>;
}

export interface LoggedPolicy {
  key: string;
  titles: Partial<Record<string, string>>;
  /** In any order. */
  releases: LoggedRelease[];
}

export type LogEvent = Omit<Unsealed, 'id' | 'recordedAt'>;

const identityOf = (event: Pick<StoredRecord, 'event' | 'policy' | 'version' | 'locale' | 'contentHash'>) =>
  JSON.stringify(
    event.event === 'published'
      ? [event.event, event.policy, event.version, event.locale, event.contentHash]
      : event.event === 'version-withdrawn'
        ? [event.event, event.policy, event.version]
        : [event.event, event.policy]
  );

const publicationEvent = (fields: Pick<LogEvent, 'event' | 'policy' | 'version' | 'locale' | 'contentHash'>, metadata: object): LogEvent => ({
  ...fields,
  subject: null,
  ip: null,
  userAgent: null,
  acceptLanguage: null,
  source: 'publication',
  metadata: canonicalJson(metadata),
  purposes: null,
  givenBy: null,
});

/**
 * The events `policies` call for that `logged` does not hold, in the order they happened: each policy's creation,
 * then its versions by number, each publication (locales in code order) before the version's withdrawal. A locale
 * left without a text has no content hash and no event.
 */
export function missingPublicationEvents(policies: LoggedPolicy[], logged: StoredRecord[]): LogEvent[] {
  const have = new Set(logged.map(identityOf));
  const wanted: LogEvent[] = [];
  for (const policy of policies) {
    wanted.push(publicationEvent({ event: 'policy-created', policy: policy.key, version: null, locale: null, contentHash: null }, { titles: policy.titles }));
    for (const release of [...policy.releases].sort((a, b) => a.version - b.version)) {
      for (const locale of Object.keys(release.texts).sort()) {
        const text = release.texts[locale];
        if (!text?.contentHash) continue;
        wanted.push(
          publicationEvent(
            { event: 'published', policy: policy.key, version: release.version, locale, contentHash: text.contentHash },
            {
              title: text.title,
              effectiveAt: release.effectiveAt.toISOString(),
              material: release.material,
              releasedAt: release.releasedAt.toISOString(),
            }
          )
        );
      }
      if (release.withdrawnAt) {
        wanted.push(
          publicationEvent(
            { event: 'version-withdrawn', policy: policy.key, version: release.version, locale: null, contentHash: null },
            { withdrawnAt: release.withdrawnAt.toISOString() }
          )
        );
      }
    }
  }
  return wanted.filter((event) => {
    const identity = identityOf(event);
    if (have.has(identity)) return false;
    have.add(identity);
    return true;
  });
}

/** The admin who acted, as the admin panel knows them. */
export interface AuditAdmin {
  id: number | string;
  email: string | null;
}

/**
 * An admin action on the evidence (Order 179/НҚ asks for a log of users' actions): `source` names the action, the
 * metadata the admin and what they did. Never a subject's identifier: an audit event cannot be erased, so the
 * caller passes what identifies nobody (an erasure's pseudonym, whether an export was of one subject).
 */
export const auditEvent = (action: AuditAction, admin: AuditAdmin, details: Record<string, unknown> = {}): LogEvent => ({
  subject: null,
  policy: typeof details.policy === 'string' ? details.policy : null,
  version: null,
  locale: null,
  contentHash: null,
  event: 'audit',
  ip: null,
  userAgent: null,
  acceptLanguage: null,
  source: action,
  metadata: canonicalJson({ ...details, admin: { id: String(admin.id), email: admin.email } }),
  purposes: null,
  givenBy: null,
});

/** One permission on one of the plugin's actions, held by one role (of the admin panel or of end users). */
export interface Grant {
  scope: 'admin' | 'users-permissions';
  roleId: number | string;
  role: string;
  action: string;
  /** Conditions (admin) or other settings that change what the action allows, as canonical JSON. */
  settings: string;
}

const grantKey = (grant: Grant) => JSON.stringify([grant.scope, String(grant.roleId), grant.action, grant.settings]);

/** What a role or permission change did to the plugin's actions: grants that appeared and grants that went. */
export function permissionChanges(before: Grant[], after: Grant[]): { granted: Grant[]; revoked: Grant[] } {
  const had = new Set(before.map(grantKey));
  const has = new Set(after.map(grantKey));
  return { granted: after.filter((grant) => !had.has(grantKey(grant))), revoked: before.filter((grant) => !has.has(grantKey(grant))) };
}
